#include "core/accel/systolic_simulator.h"

#include "core/accel/systolic_demand.h"

#include <algorithm>

// Per-cycle SRAM demand of the systolic array, fold by fold. Within a fold
// of r x c used PEs (rows of the array carry the Sr axis, columns Sc), with
// array R x C and T streamed rows, operand row i enters array row/column j
// at fold cycle i + j + offset (the skew of a systolic pipeline):
//   OS: ifmap column j (j < r) reads at t in [j, j+T); filter column j
//       (j < c) at [j, j+T); output column j is written while its r results
//       drain: t - j - (T-1) in [R-r, R).
//   WS: the stationary filter block is preloaded bottom-row-first in cycles
//       [R-r, R) (c words per cycle); ifmap column j streams at
//       [R+j, R+j+T); ofmap column j (j < c) is written at [2R-1+j, 2R-1+j+T).
//   IS: like WS with the ifmap block preloaded (c words per cycle) and the
//       filter streaming through the r used rows.
// The fold lasts T+R+C-2 (OS) or T+2R+C-2 (WS, IS) cycles, the lengths
// SCALE-Sim's demand matrices have (geometry and lane counts shared with the
// memory replay, systolic_demand.h). binSystolicTrace sums this trace over
// bins of equal width for plots of multi-million-cycle layers.

namespace mdse::core {

using systolic_detail::foldsOf;
using systolic_detail::FoldGeometry;
using systolic_detail::lanesActiveAt;

void traceSystolicLayer(const SystolicLayer& layer, const SystolicConfig& config,
                        const std::function<void(const SystolicCycle&)>& onCycle)
{
    const std::int64_t R = config.rows, C = config.cols;
    const bool os = config.dataflow == SystolicDataflow::OutputStationary;
    const bool ws = config.dataflow == SystolicDataflow::WeightStationary;
    const FoldGeometry g = foldsOf(layer, config);
    const std::int64_t T = g.t;
    SystolicCycle cycle;
    for (std::int64_t fc = 0; fc < g.colFolds; ++fc) {
        for (std::int64_t fr = 0; fr < g.rowFolds; ++fr, ++cycle.fold) {
            const std::int64_t r = std::min(R, g.sr - fr * R), c = std::min(C, g.sc - fc * C);
            for (std::int64_t t = 0; t < g.foldCycles; ++t, ++cycle.cycle) {
                if (os) {
                    cycle.ifmapReads = lanesActiveAt(t, r, 0, T);
                    cycle.filterReads = lanesActiveAt(t, c, 0, T);
                    cycle.ofmapWrites = lanesActiveAt(t, c, T - 1 + R - r, r);
                } else {
                    const std::int64_t preload = (t >= R - r && t < R) ? c : 0;
                    const std::int64_t streamed = lanesActiveAt(t, r, R, T);
                    cycle.ifmapReads = ws ? streamed : preload;
                    cycle.filterReads = ws ? preload : streamed;
                    cycle.ofmapWrites = lanesActiveAt(t, c, 2 * R - 1, T);
                }
                onCycle(cycle);
            }
        }
    }
}

std::int64_t systolicTraceCycles(const SystolicLayer& layer, const SystolicConfig& config)
{
    const FoldGeometry g = foldsOf(layer, config);
    return g.rowFolds * g.colFolds * g.foldCycles;
}

std::vector<SystolicTraceBin> binSystolicTrace(const SystolicLayer& layer, const SystolicConfig& config,
                                               std::int64_t maxBins, std::int64_t groups,
                                               const ProgressCallback& progress)
{
    groups = std::max<std::int64_t>(1, groups);
    const std::int64_t perCopy = systolicTraceCycles(layer, config);
    const std::int64_t total = perCopy * groups;
    if (total <= 0)
        return {};
    maxBins = std::max<std::int64_t>(1, maxBins);
    const std::int64_t width = (total + maxBins - 1) / maxBins; // cycles per bin
    std::vector<SystolicTraceBin> bins(static_cast<std::size_t>((total + width - 1) / width));
    for (std::size_t i = 0; i < bins.size(); ++i) {
        bins[i].firstCycle = static_cast<std::int64_t>(i) * width;
        bins[i].cycles = std::min(width, total - bins[i].firstCycle);
    }
    // The copies repeat the same demand, each perCopy cycles after the last.
    for (std::int64_t copy = 0; copy < groups; ++copy) {
        const std::int64_t offset = copy * perCopy;
        traceSystolicLayer(layer, config, [&](const SystolicCycle& c) {
            const std::int64_t cycle = offset + c.cycle;
            if ((cycle + 1) % (1 << 16) == 0)
                reportProgress(progress, double(cycle + 1) / double(total));
            SystolicTraceBin& bin = bins[static_cast<std::size_t>(cycle / width)];
            bin.ifmapReads += c.ifmapReads;
            bin.filterReads += c.filterReads;
            bin.ofmapWrites += c.ofmapWrites;
        });
    }
    return bins;
}

} // namespace mdse::core
