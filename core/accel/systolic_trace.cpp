#include "core/accel/systolic_simulator.h"

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
// SCALE-Sim's demand matrices have.

namespace mdse::core {
namespace {

std::int64_t inWindow(std::int64_t t, std::int64_t lanes, std::int64_t offset, std::int64_t length)
{
    // Number of lanes j < lanes with offset + j <= t < offset + j + length.
    const std::int64_t lo = std::max<std::int64_t>(0, t - offset - length + 1);
    const std::int64_t hi = std::min<std::int64_t>(lanes - 1, t - offset);
    return hi >= lo ? hi - lo + 1 : 0;
}

} // namespace

void traceSystolicLayer(const SystolicLayer& layer, const SystolicConfig& config,
                        const std::function<void(const SystolicCycle&)>& onCycle)
{
    const std::int64_t R = config.rows, C = config.cols;
    const bool os = config.dataflow == SystolicDataflow::OutputStationary;
    const bool ws = config.dataflow == SystolicDataflow::WeightStationary;
    const std::int64_t sr = os ? layer.gemmM() : layer.gemmK();
    const std::int64_t sc = (os || ws) ? layer.gemmN() : layer.gemmM();
    const std::int64_t T = os ? layer.gemmK() : (ws ? layer.gemmM() : layer.gemmN());
    const std::int64_t rowFolds = (sr + R - 1) / R, colFolds = (sc + C - 1) / C;
    const std::int64_t length = os ? T + R + C - 2 : T + 2 * R + C - 2;
    SystolicCycle cycle;
    for (std::int64_t fc = 0; fc < colFolds; ++fc) {
        for (std::int64_t fr = 0; fr < rowFolds; ++fr, ++cycle.fold) {
            const std::int64_t r = std::min(R, sr - fr * R), c = std::min(C, sc - fc * C);
            for (std::int64_t t = 0; t < length; ++t, ++cycle.cycle) {
                if (os) {
                    cycle.ifmapReads = inWindow(t, r, 0, T);
                    cycle.filterReads = inWindow(t, c, 0, T);
                    cycle.ofmapWrites = inWindow(t, c, T - 1 + R - r, r);
                } else {
                    const std::int64_t preload = (t >= R - r && t < R) ? c : 0;
                    const std::int64_t streamed = inWindow(t, r, R, T);
                    cycle.ifmapReads = ws ? streamed : preload;
                    cycle.filterReads = ws ? preload : streamed;
                    cycle.ofmapWrites = inWindow(t, c, 2 * R - 1, T);
                }
                onCycle(cycle);
            }
        }
    }
}

} // namespace mdse::core
