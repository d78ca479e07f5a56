#pragma once

// Internal to core/accel: SCALE-Sim v2's scratchpad buffers replayed
// (scalesim/memory/read_buffer_estimate_bw.py, read_buffer.py,
// write_buffer.py; read to learn the rules, nothing copied). Word size 1
// byte, active fraction 0.5, as single_layer_sim.py sets them.

#include <cstdint>
#include <deque>
#include <vector>

namespace mdse::core::systolic_detail {

// CALC bandwidth mode read buffer. Words are grouped into sets of
// floor(bytes / 100); the active half holds 50 sets. A request hits if its
// word was fetched since the current block of 50 sets began; otherwise the
// word is fetched (one DRAM read) and joins the current set. When the 50th
// set of a block completes, the block retires: its words must be fetched
// again if requested later.
class EstimatingReadBuffer {
public:
    EstimatingReadBuffer(std::int64_t addressCount, std::int64_t bufferKb);
    void request(std::int64_t address)
    {
        if (address < 0 || m_blockOf[std::size_t(address)] == m_block)
            return;
        m_blockOf[std::size_t(address)] = m_block;
        ++m_fetchedWords;
        if (++m_wordsInBlock == m_blockWords) {
            ++m_block;
            m_wordsInBlock = 0;
        }
    }
    std::int64_t fetchedWords() const { return m_fetchedWords; }
    // Words that fit in one block: an operand with fewer distinct words never
    // retires a block and is fetched exactly once.
    static std::int64_t blockWords(std::int64_t bufferKb);

private:
    std::vector<std::int32_t> m_blockOf;
    std::int64_t m_blockWords;
    std::int32_t m_block = 0;
    std::int64_t m_wordsInBlock = 0;
    std::int64_t m_fetchedWords = 0;
};

// USER bandwidth mode read buffer. The operand's prefetch order (padding
// included) is cut into fetch rows of `bw` words and into lines of
// ceil(bytes / 100) real words. At the first request the active half is
// filled: min(ceil(active / bw), fetch rows) rows, ending the cycle before.
// A request hits if any line holding its word lies in the active window of
// lines (circular); otherwise the window advances by the prefetch lines and
// ceil(prefetch / bw) rows are fetched, arriving that many cycles + 1 after
// the previous fetch; the array stalls until then. DRAM words = fetched rows
// x bw (padding counted, as SCALE-Sim counts it).
class PrefetchingReadBuffer {
public:
    PrefetchingReadBuffer(const std::vector<std::int64_t>& prefetchOrder, std::int64_t addressCount,
                          std::int64_t bufferKb, std::int64_t bandwidthWords);
    // Fills the active half before `cycle` (the first row's); once.
    void start(std::int64_t cycle);
    // Serves one request issued at `cycle`, growing `offset` (the cycles the
    // array has waited in this cycle, starting at the hit latency 1).
    void request(std::int64_t address, std::int64_t cycle, std::int64_t& offset);
    std::int64_t fetchedWords() const { return m_fetchedWords; }

private:
    bool inWindow(std::int64_t address) const;

    std::vector<std::int64_t> m_firstLine; // CSR: lines of address a are m_lines[m_firstLine[a] .. m_firstLine[a+1])
    std::vector<std::int64_t> m_lines;
    std::int64_t m_lineCount = 1, m_activeLines = 1, m_prefetchLines = 0;
    std::int64_t m_initialRows = 0, m_rowsPerPrefetch = 0, m_bandwidth = 1;
    std::int64_t m_windowStart = 0, m_windowEnd = 1;
    std::int64_t m_lastPrefetchCycle = -1;
    std::int64_t m_fetchedWords = 0;
    bool m_started = false;
};

// The ofmap write buffer. Every word written joins a line of `lineWords`
// (C in CALC mode, the bandwidth in USER mode). After each word: if a drain
// is in flight (cycle < drain end) and no word is free, the array stalls
// until it ends; otherwise, when more than drain = bytes - ceil(bytes / 2)
// words wait, the partial line is closed and ceil(drain / lineWords) lines
// drain, one per cycle. A drain counts lines x lineWords minus the empty
// slots of its last line only, so a partial line closed in the middle of a
// drain counts as full (SCALE-Sim's "+ C - 1"). At the end all lines drain.
class WriteBuffer {
public:
    WriteBuffer(std::int64_t bufferKb, std::int64_t lineWords);
    // Writes `words` at `cycle`; returns the cycles the array stalls.
    std::int64_t write(std::int64_t cycle, std::int64_t words);
    // How many cycles from `cycle` on can each write `words` (>= 1) without
    // an event (no drain starts, no stall): write() on each would only fill.
    std::int64_t quietCycles(std::int64_t cycle, std::int64_t words) const;
    // The writes of `cycles` quiet cycles of `words` each, at once.
    void writeQuiet(std::int64_t cycles, std::int64_t words) { fill(cycles * words); }
    void finish(std::int64_t cycle);
    std::int64_t drainedWords() const { return m_drainedWords; }

private:
    void fill(std::int64_t words);
    void closeLine();
    std::int64_t drain(std::int64_t startCycle); // returns the cycle the drain ends

    std::int64_t m_totalWords, m_lineWords, m_activeWords, m_drainWords, m_freeWords, m_linesPerDrain;
    std::int64_t m_openLineWords = 0, m_drainEndCycle = 0, m_drainedWords = 0;
    // Closed lines not yet drained, as runs of equal lines (full lines come
    // in long runs; a partial line closed for a drain is a run of one).
    struct LineRun {
        std::int64_t words;
        std::int64_t count;
    };
    std::deque<LineRun> m_waiting;
};

} // namespace mdse::core::systolic_detail
