#include "core/accel/systolic_memory.h"

#include "core/accel/systolic_buffers.h"
#include "core/accel/systolic_demand.h"
#include "core/accel/systolic_passes.h"
#include "core/util/error.h"

#include <algorithm>
#include <array>

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
    // `cycles` cycles of `words` each, as that many endCycle calls: the
    // quiet stretches in bulk.
    void run(std::int64_t cycles, std::int64_t words)
    {
        while (cycles > 0) {
            const std::int64_t quiet = words == 0 ? cycles
                                                  : std::min(cycles, ofmapBuffer.quietCycles(row + stalls, words));
            if (quiet == 0) {
                endCycle(words);
                --cycles;
                continue;
            }
            if (words > 0)
                ofmapBuffer.writeQuiet(quiet, words);
            row += quiet;
            cycles -= quiet;
            lastServedCycle = row - 1 + stalls;
        }
    }
};

// The ofmap words of every cycle (walkDemand's), fold by fold, in stretches
// where the count is constant: lanesActiveAt is piecewise linear with kinks
// where the first lane starts, the last lane starts, the first lane stops
// and the last lane stops.
void walkOfmapWrites(const SystolicLayer& l, const SystolicConfig& c, CalcVisitor& v, const ProgressCallback& progress)
{
    const FoldGeometry g = foldsOf(l, c);
    const std::int64_t R = c.rows;
    const bool os = c.dataflow == SystolicDataflow::OutputStationary;
    const double cycles = double(g.rowFolds) * double(g.colFolds) * double(g.foldCycles);
    constexpr std::int64_t kCyclesPerProgressCall = 1 << 16;
    std::int64_t done = 0;
    for (std::int64_t fc = 0; fc < g.colFolds; ++fc) {
        for (std::int64_t fr = 0; fr < g.rowFolds; ++fr) {
            const std::int64_t r = std::min(R, g.sr - fr * R), lanes = std::min(c.cols, g.sc - fc * c.cols);
            const std::int64_t offset = os ? g.t - 1 + R - r : 2 * R - 1, length = os ? r : g.t;
            std::array<std::int64_t, 6> cuts{0, offset, offset + lanes - 1, offset + length - 1,
                                             offset + lanes + length - 1, g.foldCycles};
            for (std::int64_t& cut : cuts)
                cut = std::clamp<std::int64_t>(cut, 0, g.foldCycles);
            std::sort(cuts.begin(), cuts.end());
            for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
                const std::int64_t a = cuts[i], b = cuts[i + 1];
                if (a == b)
                    continue;
                const std::int64_t first = lanesActiveAt(a, lanes, offset, length);
                if (first == lanesActiveAt(b - 1, lanes, offset, length)) {
                    v.run(b - a, first);
                } else {
                    for (std::int64_t t = a; t < b; ++t)
                        v.endCycle(lanesActiveAt(t, lanes, offset, length));
                }
            }
            for (std::int64_t next = (done / kCyclesPerProgressCall + 1) * kCyclesPerProgressCall;
                 next <= done + g.foldCycles; next += kCyclesPerProgressCall)
                reportProgress(progress, double(next) / cycles);
            done += g.foldCycles;
        }
    }
}

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

// Reads never stall in CALC mode, so their DRAM words do not depend on the
// timing: an operand whose distinct words never fill a block fetches each
// once; a filter, or an ifmap whose windows do not overlap, folds in closed
// form (systolic_passes.h); only an overlapping ifmap is replayed request
// by request. The ofmap buffer's drains and stalls run cycle by cycle,
// quiet stretches in bulk.
SystolicDramTraffic replayCalc(const SystolicLayer& layer, const SystolicConfig& config,
                               const ProgressCallback& progress)
{
    const std::int64_t ifmapUnique = uniqueIfmapWords(layer), filterUnique = layer.gemmK() * layer.gemmN();
    const bool ifmapFits = ifmapUnique < EstimatingReadBuffer::blockWords(config.ifmapSramKb);
    const bool filterFits = filterUnique < EstimatingReadBuffer::blockWords(config.filterSramKb);
    const bool replayIfmap = !ifmapFits && !ifmapRequestsAreDistinct(layer);
    CalcVisitor v{nullptr, nullptr, WriteBuffer(config.ofmapSramKb, config.cols)};
    SystolicDramTraffic t;
    if (replayIfmap) {
        const IfmapAddressing ifmapAt(layer);
        EstimatingReadBuffer ifmapBuffer(ifmapAt.addressCount(), config.ifmapSramKb);
        v.ifmapBuffer = &ifmapBuffer;
        walkDemand(layer, config, ifmapAt, true, false, v, progress);
        t.ifmapReadWords = ifmapBuffer.fetchedWords();
    } else {
        walkOfmapWrites(layer, config, v, progress);
        t.ifmapReadWords = ifmapFits ? ifmapUnique : calcIfmapFetches(layer, config);
    }
    v.ofmapBuffer.finish(v.lastServedCycle);
    t.filterReadWords = filterFits ? filterUnique : calcFilterFetches(layer, config);
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
