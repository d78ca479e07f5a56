#include "core/accel/systolic_memory.h"

#include "core/accel/systolic_buffers.h"
#include "core/accel/systolic_demand.h"
#include "core/util/error.h"

#include <algorithm>

// SCALE-Sim v2's memory system (scalesim/memory/double_buffered_scratchpad_
// mem.py service_memory_requests): the demand matrices are served row by
// row, one row per cycle; row i is issued at cycle i + the stalls so far,
// the ifmap and filter read buffers and the ofmap write buffer each serve
// their part of the row, and the row's stall is the largest of theirs. The
// layer's total cycles are the cycle the last ofmap row was served.
// Request order: systolic_demand.h; buffer rules: systolic_buffers.h.

namespace mdse::core {
namespace {

using namespace systolic_detail;

// CALC mode: reads never stall; only the ofmap buffer can.
struct CalcVisitor {
    EstimatingReadBuffer* ifmapBuffer;
    EstimatingReadBuffer* filterBuffer;
    WriteBuffer ofmapBuffer;
    std::int64_t row = 0, stalls = 0, lastServedCycle = 0;

    void ifmap(std::int64_t address) { ifmapBuffer->request(address); }
    void filter(std::int64_t address) { filterBuffer->request(address); }
    void endCycle(std::int64_t ofmapWords)
    {
        const std::int64_t cycle = row++ + stalls;
        const std::int64_t stall = ofmapBuffer.write(cycle, ofmapWords);
        stalls += stall;
        lastServedCycle = cycle + stall;
    }
};

// USER mode: every buffer can stall the row.
struct UserVisitor {
    PrefetchingReadBuffer ifmapBuffer;
    PrefetchingReadBuffer filterBuffer;
    WriteBuffer ofmapBuffer;
    std::int64_t row = 0, stalls = 0, lastServedCycle = 0;
    std::int64_t ifmapOffset = 1, filterOffset = 1; // the read hit latency

    std::int64_t cycle() const { return row + stalls; }
    void ifmap(std::int64_t address) { ifmapBuffer.request(address, cycle(), ifmapOffset); }
    void filter(std::int64_t address) { filterBuffer.request(address, cycle(), filterOffset); }
    void endCycle(std::int64_t ofmapWords)
    {
        const std::int64_t now = cycle();
        // SCALE-Sim serves every row, so the buffers fill their active half
        // before the first row even when the first requests come later.
        ifmapBuffer.start(now);
        filterBuffer.start(now);
        const std::int64_t ofmapStall = ofmapBuffer.write(now, ofmapWords);
        stalls += std::max({ifmapOffset - 1, filterOffset - 1, ofmapStall});
        lastServedCycle = now + ofmapStall;
        ifmapOffset = filterOffset = 1;
        ++row;
    }
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

// The replay touches every request (and, in USER mode, the whole prefetch
// order) and keeps per-word state of each operand: refuse layers beyond
// what a desktop does in about a minute and a few GB rather than exhaust
// the machine (SCALE-Sim itself would run for days on them).
void checkReplaySize(const SystolicLayer& l, const SystolicConfig& c)
{
    constexpr double kMaxOperandWords = double(1 << 28);
    constexpr double kMaxRequests = 1e10;
    const FoldGeometry g = foldsOf(l, c);
    const double ifmapWords = double(l.batch) * double(l.ifmapH) * double(l.ifmapW) * double(l.channels);
    const double filterWords = double(l.gemmK()) * double(l.gemmN());
    const double folds = double(g.rowFolds) * double(g.colFolds);
    // Every PE position of every fold may request each operand once per cycle.
    const double requests = folds * double(g.foldCycles) * double(c.rows + c.cols);
    const bool tooBig = ifmapWords > kMaxOperandWords || filterWords > kMaxOperandWords
                        || double(l.gemmM()) > kMaxOperandWords || requests > kMaxRequests;
    if (tooBig)
        throw Error("layer '" + l.name + "' is too large to simulate on a " + std::to_string(c.rows) + "x"
                    + std::to_string(c.cols) + " array (limits: 2^28 words per operand, 1e10 SRAM requests)");
}

SystolicDramTraffic replayCalc(const SystolicLayer& layer, const SystolicConfig& config,
                               const ProgressCallback& progress)
{
    // A buffer whose block never completes fetches each distinct word once:
    // only overflowing operands are replayed request by request.
    const std::int64_t ifmapUnique = uniqueIfmapWords(layer), filterUnique = layer.gemmK() * layer.gemmN();
    const bool replayIfmap = ifmapUnique >= EstimatingReadBuffer::blockWords(config.ifmapSramKb);
    const bool replayFilter = filterUnique >= EstimatingReadBuffer::blockWords(config.filterSramKb);
    const IfmapAddressing ifmapAt(replayIfmap ? layer : SystolicLayer{});
    EstimatingReadBuffer ifmapBuffer(replayIfmap ? ifmapAt.addressCount() : 0, config.ifmapSramKb);
    EstimatingReadBuffer filterBuffer(replayFilter ? filterUnique : 0, config.filterSramKb);
    CalcVisitor v{&ifmapBuffer, &filterBuffer, WriteBuffer(config.ofmapSramKb, config.cols)};
    walkDemand(layer, config, ifmapAt, replayIfmap, replayFilter, v, progress);
    v.ofmapBuffer.finish(v.lastServedCycle);
    SystolicDramTraffic t;
    t.ifmapReadWords = replayIfmap ? ifmapBuffer.fetchedWords() : ifmapUnique;
    t.filterReadWords = replayFilter ? filterBuffer.fetchedWords() : filterUnique;
    t.ofmapWriteWords = v.ofmapBuffer.drainedWords();
    t.stallCycles = v.stalls;
    t.totalCycles = v.lastServedCycle;
    return t;
}

SystolicDramTraffic replayUser(const SystolicLayer& layer, const SystolicConfig& config,
                               const ProgressCallback& progress)
{
    const IfmapAddressing ifmapAt(layer);
    const std::int64_t bandwidth = config.bandwidthWordsPerCycle;
    UserVisitor v{
        PrefetchingReadBuffer(ifmapPrefetchOrder(layer, config, ifmapAt), ifmapAt.addressCount(),
                              config.ifmapSramKb, bandwidth),
        PrefetchingReadBuffer(filterPrefetchOrder(layer, config), layer.gemmK() * layer.gemmN(),
                              config.filterSramKb, bandwidth),
        WriteBuffer(config.ofmapSramKb, bandwidth)};
    walkDemand(layer, config, ifmapAt, true, true, v, progress);
    v.ofmapBuffer.finish(v.lastServedCycle);
    SystolicDramTraffic t;
    t.ifmapReadWords = v.ifmapBuffer.fetchedWords();
    t.filterReadWords = v.filterBuffer.fetchedWords();
    t.ofmapWriteWords = v.ofmapBuffer.drainedWords();
    t.stallCycles = v.stalls;
    t.totalCycles = v.lastServedCycle;
    return t;
}

} // namespace

std::int64_t uniqueIfmapWords(const SystolicLayer& l)
{
    return coveredExtent(l.ifmapH, l.filterH, l.stride, l.ofmapH()) *
           coveredExtent(l.ifmapW, l.filterW, l.stride, l.ofmapW()) * l.channels * l.batch;
}

SystolicDramTraffic replayScaleSimMemory(const SystolicLayer& layer, const SystolicConfig& config,
                                         const ProgressCallback& progress)
{
    checkReplaySize(layer, config);
    return config.userBandwidth ? replayUser(layer, config, progress) : replayCalc(layer, config, progress);
}

} // namespace mdse::core
