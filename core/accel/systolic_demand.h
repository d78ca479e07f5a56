#pragma once

// Internal to core/accel: the SRAM demand of SCALE-Sim v2's systolic
// compute models (scalesim/compute/systolic_compute_*.py, read to learn the
// rules, nothing copied), cycle by cycle, with the addresses SCALE-Sim
// gives the operands:
//   ifmap matrix M x K: pixel m, window element k -> ((oh*s + kr)*W + ow*s
//     + kc)*C + ch, or -1 when the window hangs past the ifmap edge (with a
//     batch, m = (image, oh, ow) and image n's words follow image n-1's:
//     + n*H*W*C);
//   filter matrix K x N: n*K + k.
// Folds run column fold outer, row fold inner; a fold lasts T+R+C-2 (OS) or
// T+2R+C-2 (WS, IS) cycles. Within a fold, at cycle t, lanes ascending:
//   streamed operand: lane j < used lanes reads element t - j - prefix when
//     it lies in [0, T) (OS ifmap: lane = m, element = k; OS filter:
//     lane = n, element = k; WS ifmap: prefix R, lane = k, element = m;
//     IS filter: prefix R, lane = k, element = n);
//   stationary operand (WS filter, IS ifmap), preloaded bottom row first:
//     cycle t < R loads block row q = R-1-t (if used) in lanes j < c;
//   ofmap words written: as traceSystolicLayer (systolic_trace.cpp).

#include "core/accel/systolic_simulator.h"
#include "core/util/progress.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace mdse::core::systolic_detail {

inline std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

// Ifmap addresses of the M x K operand matrix, precomputed per row and column.
class IfmapAddressing {
public:
    explicit IfmapAddressing(const SystolicLayer& layer);
    std::int64_t operator()(std::int64_t m, std::int64_t k) const
    {
        const std::int64_t h = m_rowH[std::size_t(m)] + m_colH[std::size_t(k)];
        const std::int64_t w = m_rowW[std::size_t(m)] + m_colW[std::size_t(k)];
        if (h >= m_layer.ifmapH || w >= m_layer.ifmapW)
            return -1;
        return m_rowImage[std::size_t(m)] + (h * m_layer.ifmapW + w) * m_layer.channels + m_colCh[std::size_t(k)];
    }
    std::int64_t addressCount() const { return m_layer.batch * m_layer.ifmapH * m_layer.ifmapW * m_layer.channels; }

private:
    SystolicLayer m_layer;
    std::vector<std::int64_t> m_rowH, m_rowW, m_rowImage, m_colH, m_colW, m_colCh;
};

struct FoldGeometry {
    std::int64_t sr = 0, sc = 0, t = 0; // spatial rows, spatial columns, temporal
    std::int64_t rowFolds = 0, colFolds = 0;
    std::int64_t foldCycles = 0;
};
FoldGeometry foldsOf(const SystolicLayer& layer, const SystolicConfig& config);

// Lanes j < usedLanes streaming element t - prefix - j of [0, length) at cycle t.
template <class Fn>
void forLanesAt(std::int64_t t, std::int64_t usedLanes, std::int64_t prefix, std::int64_t length, Fn&& fn)
{
    const std::int64_t lo = std::max<std::int64_t>(0, t - prefix - length + 1);
    const std::int64_t hi = std::min(usedLanes - 1, t - prefix);
    for (std::int64_t j = lo; j <= hi; ++j)
        fn(j, t - prefix - j);
}

// Lanes j < lanes with offset + j <= t < offset + j + length: how many lanes
// of a skewed stream are busy at cycle t.
inline std::int64_t lanesActiveAt(std::int64_t t, std::int64_t lanes, std::int64_t offset, std::int64_t length)
{
    const std::int64_t lo = std::max<std::int64_t>(0, t - offset - length + 1);
    const std::int64_t hi = std::min<std::int64_t>(lanes - 1, t - offset);
    return hi >= lo ? hi - lo + 1 : 0;
}

// Calls v.ifmap(address) and v.filter(address) for every request (address
// -1 included, in order; only for the operands asked for) and
// v.endCycle(ofmapWords) once per cycle; reports progress every 65,536
// cycles (throws Cancelled when asked to stop).
template <class Visitor>
void walkDemand(const SystolicLayer& l, const SystolicConfig& c, const IfmapAddressing& ifmapAt, bool ifmap,
                bool filter, Visitor& v, const ProgressCallback& progress)
{
    const FoldGeometry g = foldsOf(l, c);
    const std::int64_t R = c.rows, K = l.gemmK();
    const double cycles = double(g.rowFolds) * double(g.colFolds) * double(g.foldCycles);
    std::int64_t done = 0;
    constexpr std::int64_t kCyclesPerProgressCall = 1 << 16;
    for (std::int64_t fc = 0; fc < g.colFolds; ++fc) {
        for (std::int64_t fr = 0; fr < g.rowFolds; ++fr) {
            const std::int64_t r0 = fr * R, c0 = fc * c.cols;
            const std::int64_t r = std::min(R, g.sr - r0), cc = std::min(c.cols, g.sc - c0);
            for (std::int64_t t = 0; t < g.foldCycles; ++t) {
                if (++done % kCyclesPerProgressCall == 0)
                    reportProgress(progress, double(done) / cycles);
                const bool preload = t < R && R - 1 - t < r;
                const std::int64_t q = R - 1 - t;
                switch (c.dataflow) {
                case SystolicDataflow::OutputStationary:
                    if (ifmap)
                        forLanesAt(t, r, 0, g.t, [&](auto j, auto k) { v.ifmap(ifmapAt(r0 + j, k)); });
                    if (filter)
                        forLanesAt(t, cc, 0, g.t, [&](auto j, auto k) { v.filter((c0 + j) * K + k); });
                    v.endCycle(lanesActiveAt(t, cc, g.t - 1 + R - r, r));
                    break;
                case SystolicDataflow::WeightStationary:
                    if (ifmap)
                        forLanesAt(t, r, R, g.t, [&](auto j, auto m) { v.ifmap(ifmapAt(m, r0 + j)); });
                    for (std::int64_t j = 0; filter && preload && j < cc; ++j)
                        v.filter((c0 + j) * K + r0 + q);
                    v.endCycle(lanesActiveAt(t, cc, 2 * R - 1, g.t));
                    break;
                case SystolicDataflow::InputStationary:
                    for (std::int64_t j = 0; ifmap && preload && j < cc; ++j)
                        v.ifmap(ifmapAt(c0 + j, r0 + q));
                    if (filter)
                        forLanesAt(t, r, R, g.t, [&](auto j, auto n) { v.filter(n * K + r0 + j); });
                    v.endCycle(lanesActiveAt(t, cc, 2 * R - 1, g.t));
                    break;
                }
            }
        }
    }
}

// SCALE-Sim's prefetch matrices (USER bandwidth mode), flattened in the
// order its read buffer fetches them, padding (-1) included.
std::vector<std::int64_t> ifmapPrefetchOrder(const SystolicLayer& layer, const SystolicConfig& config,
                                             const IfmapAddressing& ifmapAt);
std::vector<std::int64_t> filterPrefetchOrder(const SystolicLayer& layer, const SystolicConfig& config);

} // namespace mdse::core::systolic_detail
