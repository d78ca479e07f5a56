#include "core/accel/systolic_simulator.h"

#include "core/accel/systolic_demand.h"
#include "core/accel/systolic_memory.h"

#include <algorithm>
#include <cmath>

// Definitions follow SCALE-Sim v2 (scalesim/compute/systolic_compute_*.py,
// scalesim/single_layer_sim.py, read to learn them; nothing copied). The
// GEMM operands are the ifmap matrix (M x K), the filter matrix (K x N) and
// the ofmap matrix (M x N). Each dataflow pins two GEMM axes to the array:
//   OS: Sr = M, Sc = N, T = K     WS: Sr = K, Sc = N, T = M     IS: Sr = K, Sc = M, T = N
// and folds them: rowFolds = ceil(Sr/R), colFolds = ceil(Sc/C), taken with
// the column fold outer. A fold of r x c used PEs streams T rows of
// operands, skewed one cycle per array row/column (systolic fill), and
//   OS lasts T + R + C - 2 cycles (operands skewed in, outputs drain out),
//   WS/IS last T + 2R + C - 2 (R cycles to preload the stationary operand).
// Reported quantities:
//   computeCycles      = folds x fold length - 1 (SCALE-Sim reports the
//                        index of the last cycle, counted from 0)
//   totalCycles, stalls = the cycle the memory system serves the last ofmap
//                        row, and the stalls on the way (systolic_memory.cpp;
//                        compute + stalls when the last row's stall is the
//                        ofmap's, as in CALC mode)
//   mapping efficiency = mean over folds of r*c / (R*C)
//   compute util       = mean over folds of r*c*T / (R*C*foldCycles), with
//                        foldCycles = T+R+C-2 (OS) or T+2R+2C-3 (WS, IS)
//   overall util       = M*N*K / (totalCycles * R * C)
//   SRAM reads         = words entering the array: OS ifmap colFolds*M*K,
//                        filter rowFolds*K*N; WS ifmap colFolds*M*K, filter
//                        K*N; IS ifmap K*M, filter colFolds*K*N
//   SRAM ofmap writes  = OS M*N + folds*(R+C) (SCALE-Sim also counts the
//                        padded fold's R+C), WS/IS rowFolds*M*N (each K-fold
//                        writes its partial sums)
//   DRAM reads/writes  = SCALE-Sim's read and write buffers replayed request
//                        by request in CALC and USER bandwidth modes
//                        (systolic_memory.cpp), exact also when an operand
//                        overflows its buffer

namespace mdse::core {
namespace {

bool isOs(const SystolicConfig& c) { return c.dataflow == SystolicDataflow::OutputStationary; }

void sramCounts(const SystolicLayer& l, const SystolicConfig& c, SystolicLayerReport& r)
{
    const std::int64_t m = l.gemmM(), k = l.gemmK(), n = l.gemmN();
    const std::int64_t folds = r.rowFolds * r.colFolds;
    switch (c.dataflow) {
    case SystolicDataflow::OutputStationary:
        r.sramIfmapReads = r.colFolds * m * k;
        r.sramFilterReads = r.rowFolds * k * n;
        r.sramOfmapWrites = m * n + folds * (c.rows + c.cols);
        break;
    case SystolicDataflow::WeightStationary:
        r.sramIfmapReads = r.colFolds * m * k;
        r.sramFilterReads = k * n;
        r.sramOfmapWrites = r.rowFolds * m * n;
        break;
    case SystolicDataflow::InputStationary:
        r.sramIfmapReads = k * m;
        r.sramFilterReads = r.colFolds * k * n;
        r.sramOfmapWrites = r.rowFolds * m * n;
        break;
    }
}

} // namespace

SystolicLayerReport simulateSystolicLayer(const SystolicLayer& layer, const SystolicConfig& config,
                                          const ProgressCallback& progress)
{
    SystolicLayerReport r;
    r.name = layer.name;
    r.m = layer.gemmM();
    r.k = layer.gemmK();
    r.n = layer.gemmN();
    const systolic_detail::FoldGeometry a = systolic_detail::foldsOf(layer, config);
    r.spatialRows = a.sr;
    r.spatialCols = a.sc;
    r.temporal = a.t;
    r.rowFolds = a.rowFolds;
    r.colFolds = a.colFolds;
    const std::int64_t folds = r.rowFolds * r.colFolds;
    const double pes = double(config.rows * config.cols);
    r.computeCycles = folds * a.foldCycles - 1;
    const std::int64_t utilCycles = isOs(config) ? a.t + config.rows + config.cols - 2
                                                 : a.t + 2 * config.rows + 2 * config.cols - 3;
    // Sum over folds of r*c is Sr*Sc: the folds tile the Sr x Sc plane.
    r.mappingEfficiencyPercent = 100.0 * double(a.sr * a.sc) / (double(folds) * pes);
    r.computeUtilizationPercent = 100.0 * double(a.sr * a.sc) * double(a.t) / (pes * double(utilCycles * folds));
    sramCounts(layer, config, r);
    const SystolicDramTraffic dram = replayScaleSimMemory(layer, config, progress);
    r.dramIfmapReads = dram.ifmapReadWords;
    r.dramFilterReads = dram.filterReadWords;
    r.dramOfmapWrites = dram.ofmapWriteWords;
    r.stallCycles = dram.stallCycles;
    r.totalCycles = dram.totalCycles;
    r.overallUtilizationPercent = 100.0 * double(r.m * r.n * r.k) / (double(r.totalCycles) * pes);
    r.ifmapSramBandwidth = double(r.sramIfmapReads) / double(r.totalCycles);
    r.filterSramBandwidth = double(r.sramFilterReads) / double(r.totalCycles);
    r.ofmapSramBandwidth = double(r.sramOfmapWrites) / double(r.totalCycles);
    return r;
}

std::vector<SystolicLayerReport> simulateSystolic(const std::vector<SystolicLayer>& layers,
                                                  const SystolicConfig& config)
{
    std::vector<SystolicLayerReport> reports;
    reports.reserve(layers.size());
    for (const SystolicLayer& layer : layers)
        reports.push_back(simulateSystolicLayer(layer, config));
    return reports;
}

} // namespace mdse::core
