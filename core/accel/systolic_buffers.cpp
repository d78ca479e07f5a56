#include "core/accel/systolic_buffers.h"

#include "core/accel/systolic_demand.h"

#include <algorithm>

namespace mdse::core::systolic_detail {
namespace {

constexpr std::int64_t kSetsPerActiveHalf = 50; // active fraction 0.5 of 100 sets

} // namespace

// ---- CALC mode ----

std::int64_t EstimatingReadBuffer::blockWords(std::int64_t bufferKb)
{
    return kSetsPerActiveHalf * (bufferKb * 1024 / 100);
}

EstimatingReadBuffer::EstimatingReadBuffer(std::int64_t addressCount, std::int64_t bufferKb)
    : m_blockOf(std::size_t(addressCount), -1), m_blockWords(blockWords(bufferKb))
{
}

// ---- USER mode ----

PrefetchingReadBuffer::PrefetchingReadBuffer(const std::vector<std::int64_t>& order, std::int64_t addressCount,
                                             std::int64_t bufferKb, std::int64_t bandwidthWords)
    : m_firstLine(std::size_t(addressCount) + 1, 0), m_bandwidth(bandwidthWords)
{
    const std::int64_t totalWords = bufferKb * 1024;
    const std::int64_t activeWords = ceilDiv(totalWords, 2), prefetchWords = totalWords - activeWords;
    const std::int64_t wordsPerLine = ceilDiv(totalWords, 100);
    std::int64_t realWords = 0;
    for (std::int64_t address : order) {
        if (address >= 0) {
            ++m_firstLine[std::size_t(address) + 1];
            ++realWords;
        }
    }
    for (std::size_t a = 1; a < m_firstLine.size(); ++a)
        m_firstLine[a] += m_firstLine[a - 1];
    m_lines.resize(std::size_t(realWords));
    std::vector<std::int64_t> next(m_firstLine.begin(), m_firstLine.end() - 1);
    std::int64_t index = 0;
    for (std::int64_t address : order)
        if (address >= 0)
            m_lines[std::size_t(next[std::size_t(address)]++)] = index++ / wordsPerLine;
    // Lines close when full; the last (possibly empty) line is counted too.
    m_lineCount = realWords / wordsPerLine + 1;
    m_activeLines = std::min(ceilDiv(activeWords, wordsPerLine), m_lineCount);
    m_prefetchLines = std::min(ceilDiv(prefetchWords, wordsPerLine), m_lineCount - m_activeLines);
    const std::int64_t fetchRows = ceilDiv(std::int64_t(order.size()), m_bandwidth);
    m_initialRows = std::min(ceilDiv(activeWords, m_bandwidth), fetchRows);
    m_rowsPerPrefetch = ceilDiv(prefetchWords, m_bandwidth);
    m_windowEnd = m_activeLines;
}

bool PrefetchingReadBuffer::inWindow(std::int64_t address) const
{
    const auto first = m_lines.begin() + m_firstLine[std::size_t(address)];
    const auto last = m_lines.begin() + m_firstLine[std::size_t(address) + 1];
    if (first == last)
        return true; // not in the prefetch order (SCALE-Sim would wait forever); never stalls here
    if (m_windowStart < m_windowEnd) {
        const auto it = std::lower_bound(first, last, m_windowStart);
        return it != last && *it < m_windowEnd;
    }
    return *(last - 1) >= m_windowStart || *first < m_windowEnd;
}

void PrefetchingReadBuffer::start(std::int64_t cycle)
{
    if (m_started)
        return;
    m_started = true;
    m_fetchedWords += m_initialRows * m_bandwidth;
    m_lastPrefetchCycle = cycle - 1;
}

void PrefetchingReadBuffer::request(std::int64_t address, std::int64_t cycle, std::int64_t& offset)
{
    start(cycle);
    if (address < 0)
        return;
    for (std::int64_t advances = 0; !inWindow(address) && advances <= m_lineCount; ++advances) {
        m_windowStart = (m_windowStart + m_prefetchLines) % m_lineCount;
        m_windowEnd = (m_windowStart + m_activeLines) % m_lineCount;
        m_fetchedWords += m_rowsPerPrefetch * m_bandwidth;
        m_lastPrefetchCycle += m_rowsPerPrefetch + 1;
        offset += std::max<std::int64_t>(0, m_lastPrefetchCycle - (cycle + offset));
    }
}

// ---- ofmap ----

WriteBuffer::WriteBuffer(std::int64_t bufferKb, std::int64_t lineWords)
    : m_totalWords(bufferKb * 1024), m_lineWords(lineWords), m_activeWords(ceilDiv(m_totalWords, 2)),
      m_drainWords(m_totalWords - m_activeWords), m_freeWords(m_totalWords),
      m_linesPerDrain(ceilDiv(m_drainWords, lineWords))
{
}

// The per-word rules run in bulk: between two events (a stall, a drain)
// words only fill lines and use free space.
std::int64_t WriteBuffer::write(std::int64_t cycle, std::int64_t words)
{
    std::int64_t now = cycle;
    while (words > 0) {
        const bool draining = now < m_drainEndCycle;
        // Words until the event: the one that leaves no free word (stall), or
        // the one that leaves less than the active half free (drain).
        const std::int64_t untilEvent = draining ? std::max<std::int64_t>(1, m_freeWords)
                                                 : std::max<std::int64_t>(1, m_freeWords - m_activeWords + 1);
        const std::int64_t taken = std::min(words, untilEvent);
        fill(taken);
        words -= taken;
        if (taken < untilEvent)
            break;
        if (draining) {
            now = m_drainEndCycle;
        } else {
            closeLine();
            m_drainEndCycle = drain(now);
        }
    }
    return now - cycle;
}

// write() takes a cycle's words without an event while they stay below
// its untilEvent: draining, words < free; otherwise words <= free - active.
// Free words only shrink between events, so each condition holds for a
// prefix of the cycles; a drain in flight ends at m_drainEndCycle.
std::int64_t WriteBuffer::quietCycles(std::int64_t cycle, std::int64_t words) const
{
    std::int64_t free = m_freeWords, quiet = 0;
    if (cycle < m_drainEndCycle) {
        const std::int64_t draining = m_drainEndCycle - cycle;
        const std::int64_t fits = std::max<std::int64_t>(0, (free - 1) / words);
        if (fits < draining)
            return fits;
        quiet = draining;
        free -= draining * words;
    }
    return quiet + (free >= m_activeWords ? (free - m_activeWords) / words : 0);
}

void WriteBuffer::finish(std::int64_t cycle)
{
    closeLine();
    while (!m_waiting.empty()) {
        m_drainEndCycle = drain(cycle);
        cycle = m_drainEndCycle + 1;
    }
}

void WriteBuffer::fill(std::int64_t words)
{
    m_freeWords -= words;
    m_openLineWords += words;
    const std::int64_t fullLines = m_openLineWords / m_lineWords;
    if (fullLines == 0)
        return;
    m_openLineWords -= fullLines * m_lineWords;
    if (!m_waiting.empty() && m_waiting.back().words == m_lineWords)
        m_waiting.back().count += fullLines;
    else
        m_waiting.push_back({m_lineWords, fullLines});
}

void WriteBuffer::closeLine()
{
    if (m_openLineWords == 0)
        return;
    m_waiting.push_back({m_openLineWords, 1});
    m_openLineWords = 0;
}

std::int64_t WriteBuffer::drain(std::int64_t startCycle)
{
    std::int64_t lineCount = 0, lastLineWords = m_lineWords;
    while (lineCount < m_linesPerDrain && !m_waiting.empty()) {
        LineRun& run = m_waiting.front();
        const std::int64_t taken = std::min(run.count, m_linesPerDrain - lineCount);
        lineCount += taken;
        lastLineWords = run.words;
        if ((run.count -= taken) == 0)
            m_waiting.pop_front();
    }
    if (lineCount == 0)
        return startCycle - 1;
    const std::int64_t words = lineCount * m_lineWords - (m_lineWords - lastLineWords);
    m_drainedWords += words;
    m_freeWords += words;
    return startCycle + lineCount - 1;
}

} // namespace mdse::core::systolic_detail
