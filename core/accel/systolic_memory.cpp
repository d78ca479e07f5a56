#include "core/accel/systolic_memory.h"

#include <algorithm>
#include <vector>

// SCALE-Sim v2's CALC-mode memory system (scalesim/memory/
// read_buffer_estimate_bw.py, write_buffer.py, double_buffered_scratchpad_
// mem.py, and the demand matrices of scalesim/compute/systolic_compute_*.py;
// read to learn the rules, nothing copied). Word size 1 byte, active
// fraction 0.5, as single_layer_sim.py sets them.
//
// Request order. The operand matrices are ifmap (M x K, address of pixel m,
// window element k = ((oh*s + kr)*W + ow*s + kc)*C + ch, or none when the
// window hangs past the ifmap edge) and filter (K x N, address n*K + k).
// Folds run column fold outer, row fold inner. Within a fold, cycle t and
// array lane j ascending:
//   streamed operand, lane j < used lanes, element t - j - prefix in [0, T):
//     OS ifmap (lane = M row, element = k), OS filter (lane = N column),
//     WS ifmap (prefix R, lane = k, element = m),
//     IS filter (prefix R, lane = k, element = n);
//   stationary operand (WS filter, IS ifmap), preloaded bottom row first:
//     cycle t < R loads block row q = R-1-t (if used), lanes j < c.
//
// Read buffer (estimate-bandwidth mode). Words are grouped into sets of
// floor(bytes / 100); the active half holds 50 sets. A request hits if its
// word was fetched since the current block of 50 sets began; otherwise the
// word is fetched (one DRAM read) and joins the current set. When the 50th
// set of a block completes, the block is retired and the next begins, so
// every word of it must be fetched again if requested later.
//
// Write buffer. Every ofmap word written joins a line of `bw` words (bw = C
// in CALC mode). After each word: if a drain is still in flight (cycle <
// drain end) and the buffer has no free word, the array stalls until the
// drain ends; otherwise, when more than drain = bytes - ceil(bytes / 2)
// words wait, the partial line is closed and ceil(drain / bw) lines drain
// (ending that many cycles later). A drain counts lines x bw words minus
// the empty slots of its last line only, so a partial line closed in the
// middle of a drain counts as full (SCALE-Sim's "+ C - 1" quirk). At the
// end every remaining line drains.

namespace mdse::core {
namespace {

constexpr std::int64_t kSetsPerActiveBuffer = 50;

std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

// Lanes j < used lanes with 0 <= t - j - prefix < length, for each t.
template <class Fn>
void forEachStreamed(std::int64_t usedLanes, std::int64_t prefix, std::int64_t length, Fn&& fn)
{
    const std::int64_t lastCycle = prefix + length + usedLanes - 2;
    for (std::int64_t t = prefix; t <= lastCycle; ++t) {
        const std::int64_t lo = std::max<std::int64_t>(0, t - prefix - length + 1);
        const std::int64_t hi = std::min(usedLanes - 1, t - prefix);
        for (std::int64_t j = lo; j <= hi; ++j)
            fn(j, t - prefix - j);
    }
}

template <class Fn>
void forEachPreloaded(std::int64_t rows, std::int64_t usedRows, std::int64_t usedCols, Fn&& fn)
{
    for (std::int64_t t = 0; t < rows; ++t) {
        const std::int64_t q = rows - 1 - t;
        if (q >= usedRows)
            continue;
        for (std::int64_t j = 0; j < usedCols; ++j)
            fn(q, j);
    }
}

// Ifmap addresses of the M x K operand matrix, precomputed per row and column.
class IfmapAddressing {
public:
    explicit IfmapAddressing(const SystolicLayer& l) : l_(l)
    {
        const std::int64_t outW = l.ofmapW();
        for (std::int64_t m = 0; m < l.gemmM(); ++m) {
            const std::int64_t h = (m / outW) * l.stride, w = (m % outW) * l.stride;
            rowH_.push_back(h);
            rowW_.push_back(w);
        }
        for (std::int64_t k = 0; k < l.gemmK(); ++k) {
            const std::int64_t kr = k / (l.filterW * l.channels), rem = k % (l.filterW * l.channels);
            colH_.push_back(kr);
            colW_.push_back(rem / l.channels);
            colCh_.push_back(rem % l.channels);
        }
    }
    // -1 when the window element lies past the ifmap edge.
    std::int64_t operator()(std::int64_t m, std::int64_t k) const
    {
        const std::int64_t h = rowH_[m] + colH_[k], w = rowW_[m] + colW_[k];
        if (h >= l_.ifmapH || w >= l_.ifmapW)
            return -1;
        return (h * l_.ifmapW + w) * l_.channels + colCh_[k];
    }

private:
    const SystolicLayer& l_;
    std::vector<std::int64_t> rowH_, rowW_, colH_, colW_, colCh_;
};

class ReadBufferReplay {
public:
    ReadBufferReplay(std::int64_t addressCount, std::int64_t bufferKb)
        : blockOf_(std::size_t(addressCount), -1),
          blockWords_(kSetsPerActiveBuffer * (bufferKb * 1024 / 100))
    {
    }
    void request(std::int64_t address)
    {
        if (address < 0 || blockOf_[std::size_t(address)] == block_)
            return;
        blockOf_[std::size_t(address)] = block_;
        ++fetchedWords_;
        if (++wordsInBlock_ == blockWords_) {
            ++block_;
            wordsInBlock_ = 0;
        }
    }
    std::int64_t fetchedWords() const { return fetchedWords_; }
    std::int64_t blockWords() const { return blockWords_; }

private:
    std::vector<std::int32_t> blockOf_;
    std::int64_t blockWords_;
    std::int32_t block_ = 0;
    std::int64_t wordsInBlock_ = 0;
    std::int64_t fetchedWords_ = 0;
};

struct FoldGeometry {
    std::int64_t rowFolds, colFolds, sr, sc, t;
};

FoldGeometry foldsOf(const SystolicLayer& l, const SystolicConfig& c)
{
    FoldGeometry g{};
    switch (c.dataflow) {
    case SystolicDataflow::OutputStationary: g = {0, 0, l.gemmM(), l.gemmN(), l.gemmK()}; break;
    case SystolicDataflow::WeightStationary: g = {0, 0, l.gemmK(), l.gemmN(), l.gemmM()}; break;
    case SystolicDataflow::InputStationary: g = {0, 0, l.gemmK(), l.gemmM(), l.gemmN()}; break;
    }
    g.rowFolds = ceilDiv(g.sr, c.rows);
    g.colFolds = ceilDiv(g.sc, c.cols);
    return g;
}

std::int64_t replayIfmapReads(const SystolicLayer& l, const SystolicConfig& c)
{
    const IfmapAddressing addressOf(l);
    ReadBufferReplay buffer(l.ifmapH * l.ifmapW * l.channels, c.ifmapSramKb);
    const FoldGeometry g = foldsOf(l, c);
    for (std::int64_t fc = 0; fc < g.colFolds; ++fc) {
        for (std::int64_t fr = 0; fr < g.rowFolds; ++fr) {
            const std::int64_t r0 = fr * c.rows, c0 = fc * c.cols;
            const std::int64_t usedRows = std::min(c.rows, g.sr - r0), usedCols = std::min(c.cols, g.sc - c0);
            switch (c.dataflow) {
            case SystolicDataflow::OutputStationary:
                forEachStreamed(usedRows, 0, g.t, [&](std::int64_t j, std::int64_t k) {
                    buffer.request(addressOf(r0 + j, k));
                });
                break;
            case SystolicDataflow::WeightStationary:
                forEachStreamed(usedRows, c.rows, g.t, [&](std::int64_t j, std::int64_t m) {
                    buffer.request(addressOf(m, r0 + j));
                });
                break;
            case SystolicDataflow::InputStationary:
                forEachPreloaded(c.rows, usedRows, usedCols, [&](std::int64_t q, std::int64_t j) {
                    buffer.request(addressOf(c0 + j, r0 + q));
                });
                break;
            }
        }
    }
    return buffer.fetchedWords();
}

std::int64_t replayFilterReads(const SystolicLayer& l, const SystolicConfig& c)
{
    const std::int64_t k = l.gemmK();
    ReadBufferReplay buffer(k * l.gemmN(), c.filterSramKb);
    const FoldGeometry g = foldsOf(l, c);
    for (std::int64_t fc = 0; fc < g.colFolds; ++fc) {
        for (std::int64_t fr = 0; fr < g.rowFolds; ++fr) {
            const std::int64_t r0 = fr * c.rows, c0 = fc * c.cols;
            const std::int64_t usedRows = std::min(c.rows, g.sr - r0), usedCols = std::min(c.cols, g.sc - c0);
            switch (c.dataflow) {
            case SystolicDataflow::OutputStationary:
                forEachStreamed(usedCols, 0, g.t, [&](std::int64_t j, std::int64_t kk) {
                    buffer.request((c0 + j) * k + kk);
                });
                break;
            case SystolicDataflow::WeightStationary:
                forEachPreloaded(c.rows, usedRows, usedCols, [&](std::int64_t q, std::int64_t j) {
                    buffer.request((c0 + j) * k + r0 + q);
                });
                break;
            case SystolicDataflow::InputStationary:
                forEachStreamed(usedRows, c.rows, g.t, [&](std::int64_t j, std::int64_t n) {
                    buffer.request(n * k + r0 + j);
                });
                break;
            }
        }
    }
    return buffer.fetchedWords();
}

class WriteBufferReplay {
public:
    WriteBufferReplay(std::int64_t bufferKb, std::int64_t lineWords)
        : totalWords_(bufferKb * 1024), lineWords_(lineWords)
    {
        activeWords_ = ceilDiv(totalWords_, 2);
        drainWords_ = totalWords_ - activeWords_;
        freeWords_ = totalWords_;
        linesPerDrain_ = ceilDiv(drainWords_, lineWords_);
    }

    // Writes `words` ofmap words at `cycle`; returns the cycles the array
    // stalls. The per-word rules run in bulk: between two events (a stall,
    // a drain) words only fill lines and use free space.
    std::int64_t write(std::int64_t cycle, std::int64_t words)
    {
        std::int64_t now = cycle;
        while (words > 0) {
            const bool draining = now < drainEndCycle_;
            // Words until the event: the one that leaves no free word (stall),
            // or the one that leaves less than the active half free (drain).
            const std::int64_t untilEvent = draining ? std::max<std::int64_t>(1, freeWords_)
                                                     : std::max<std::int64_t>(1, freeWords_ - activeWords_ + 1);
            const std::int64_t taken = std::min(words, untilEvent);
            fill(taken);
            words -= taken;
            if (taken < untilEvent)
                break;
            if (draining) {
                now = drainEndCycle_;
            } else {
                closeLine();
                drainEndCycle_ = drain(now);
            }
        }
        return now - cycle;
    }

    void finish(std::int64_t cycle)
    {
        closeLine();
        while (drained_ < lines_.size()) {
            drainEndCycle_ = drain(cycle);
            cycle = drainEndCycle_ + 1;
        }
    }

    std::int64_t drainedWords() const { return drainedWords_; }

private:
    void fill(std::int64_t words)
    {
        freeWords_ -= words;
        openLineWords_ += words;
        for (; openLineWords_ >= lineWords_; openLineWords_ -= lineWords_)
            lines_.push_back(lineWords_);
    }
    void closeLine()
    {
        if (openLineWords_ == 0)
            return;
        lines_.push_back(openLineWords_);
        openLineWords_ = 0;
    }
    // Returns the cycle the drain ends.
    std::int64_t drain(std::int64_t startCycle)
    {
        const std::size_t end = std::min(lines_.size(), drained_ + std::size_t(linesPerDrain_));
        if (end == drained_)
            return startCycle - 1;
        const auto lineCount = std::int64_t(end - drained_);
        const std::int64_t words = lineCount * lineWords_ - (lineWords_ - lines_[end - 1]);
        drainedWords_ += words;
        freeWords_ += words;
        drained_ = end;
        return startCycle + lineCount - 1;
    }

    std::int64_t totalWords_, lineWords_, activeWords_ = 0, drainWords_ = 0, freeWords_ = 0, linesPerDrain_ = 1;
    std::int64_t openLineWords_ = 0, drainEndCycle_ = 0, drainedWords_ = 0;
    std::vector<std::int64_t> lines_; // words per closed line
    std::size_t drained_ = 0;
};

// Covered rows (or columns) of an ifmap side of `size` by `outputs` windows
// of `filter` at `stride`.
std::int64_t coveredExtent(std::int64_t size, std::int64_t filter, std::int64_t stride, std::int64_t outputs)
{
    std::int64_t covered = 0, reach = 0; // reach: first row not yet counted
    for (std::int64_t o = 0; o < outputs; ++o) {
        const std::int64_t from = std::max(reach, o * stride), to = std::min(size, o * stride + filter);
        if (to > from)
            covered += to - from;
        reach = std::max(reach, to);
    }
    return covered;
}

} // namespace

std::int64_t uniqueIfmapWords(const SystolicLayer& l)
{
    return coveredExtent(l.ifmapH, l.filterH, l.stride, l.ofmapH()) *
           coveredExtent(l.ifmapW, l.filterW, l.stride, l.ofmapW()) * l.channels;
}

SystolicDramTraffic replayScaleSimMemory(const SystolicLayer& layer, const SystolicConfig& config)
{
    SystolicDramTraffic traffic;
    // A buffer whose block never completes fetches each distinct word once.
    const std::int64_t ifmapUnique = uniqueIfmapWords(layer), filterUnique = layer.gemmK() * layer.gemmN();
    const auto blockWords = [](std::int64_t kb) { return kSetsPerActiveBuffer * (kb * 1024 / 100); };
    traffic.ifmapReadWords = ifmapUnique < blockWords(config.ifmapSramKb) ? ifmapUnique
                                                                          : replayIfmapReads(layer, config);
    traffic.filterReadWords = filterUnique < blockWords(config.filterSramKb) ? filterUnique
                                                                             : replayFilterReads(layer, config);
    WriteBufferReplay ofmap(config.ofmapSramKb, config.cols);
    std::int64_t lastCycle = 0;
    traceSystolicLayer(layer, config, [&](const SystolicCycle& c) {
        lastCycle = c.cycle + traffic.stallCycles;
        const std::int64_t stall = ofmap.write(lastCycle, c.ofmapWrites);
        traffic.stallCycles += stall;
        lastCycle += stall;
    });
    ofmap.finish(lastCycle);
    traffic.ofmapWriteWords = ofmap.drainedWords();
    return traffic;
}

} // namespace mdse::core
