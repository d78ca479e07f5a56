#pragma once

#include <cstdint>
#include "core/util/progress.h"

#include <functional>
#include <string>
#include <vector>

namespace mdse::core {

enum class SystolicDataflow { OutputStationary, WeightStationary, InputStationary };

// An R x C systolic array with three double-buffered SRAMs, as SCALE-Sim v2
// (github.com/scalesim-project/scale-sim-v2) describes it in a .cfg file.
struct SystolicConfig {
    std::string runName = "run";
    std::int64_t rows = 32;
    std::int64_t cols = 32;
    std::int64_t ifmapSramKb = 64;
    std::int64_t filterSramKb = 64;
    std::int64_t ofmapSramKb = 64;
    SystolicDataflow dataflow = SystolicDataflow::OutputStationary;
    bool userBandwidth = false;         // InterfaceBandwidth: USER (else CALC)
    std::int64_t bandwidthWordsPerCycle = 10;
};

// One row of a SCALE-Sim topology file (no padding, one stride), for a
// batch of `batch` images (SCALE-Sim files have no batch column: 1).
struct SystolicLayer {
    std::string name;
    std::int64_t ifmapH = 1, ifmapW = 1;
    std::int64_t filterH = 1, filterW = 1;
    std::int64_t channels = 1;
    std::int64_t filters = 1;
    std::int64_t stride = 1;
    std::int64_t batch = 1;

    // SCALE-Sim topology_utils: ofmap = ceil((in - filter + stride) / stride).
    std::int64_t ofmapH() const { return (ifmapH - filterH + 2 * stride - 1) / stride; }
    std::int64_t ofmapW() const { return (ifmapW - filterW + 2 * stride - 1) / stride; }
    // GEMM view: M = batch*Hout*Wout (the images' output pixels stacked, image
    // outermost), K = Kh*Kw*Cin, N = Cout.
    std::int64_t gemmM() const { return batch * ofmapH() * ofmapW(); }
    std::int64_t gemmK() const { return filterH * filterW * channels; }
    std::int64_t gemmN() const { return filters; }
};

// SCALE-Sim's COMPUTE_REPORT and DETAILED_ACCESS_REPORT quantities under
// SCALE-Sim's definitions (see systolic_simulator.cpp).
struct SystolicLayerReport {
    std::string name;
    std::int64_t m = 0, k = 0, n = 0;
    std::int64_t spatialRows = 0, spatialCols = 0, temporal = 0; // Sr, Sc, T
    std::int64_t rowFolds = 0, colFolds = 0;
    std::int64_t totalCycles = 0;
    std::int64_t computeCycles = 0; // the stall-free length (last cycle index)
    std::int64_t stallCycles = 0;
    double overallUtilizationPercent = 0;
    double mappingEfficiencyPercent = 0;
    double computeUtilizationPercent = 0;
    std::int64_t sramIfmapReads = 0, sramFilterReads = 0, sramOfmapWrites = 0;
    std::int64_t dramIfmapReads = 0, dramFilterReads = 0, dramOfmapWrites = 0;
    double ifmapSramBandwidth = 0, filterSramBandwidth = 0, ofmapSramBandwidth = 0; // words/cycle
};

// Throws core::Error naming the layer when it is too large to replay (an
// operand over 2^28 words or over 1e10 SRAM requests; systolic_memory.cpp),
// Cancelled when `progress` asks to stop.
SystolicLayerReport simulateSystolicLayer(const SystolicLayer& layer, const SystolicConfig& config,
                                          const ProgressCallback& progress = {});
std::vector<SystolicLayerReport> simulateSystolic(const std::vector<SystolicLayer>& layers,
                                                  const SystolicConfig& config);

// One cycle of the array: SRAM words read and written in that cycle.
struct SystolicCycle {
    std::int64_t cycle = 0;
    std::int64_t fold = 0;
    std::int64_t ifmapReads = 0;
    std::int64_t filterReads = 0;
    std::int64_t ofmapWrites = 0;
};

// Walks every cycle of the layer (fold by fold: weight/input preload, skewed
// streaming, drain) and reports the SRAM demand of each cycle, for the
// teaching views and for bandwidth demand. Stall-free (CALC mode).
void traceSystolicLayer(const SystolicLayer& layer, const SystolicConfig& config,
                        const std::function<void(const SystolicCycle&)>& onCycle);

// The per-cycle trace reduced for plotting: consecutive cycles summed into
// at most `maxBins` bins of equal width ceil(cycles / maxBins) (the last may
// be shorter), over `groups` copies of the layer run one after another (a
// grouped or depthwise layer, as simulateSystolicProblem counts it). The
// trace has systolicTraceCycles(layer, config) * groups cycles: the report's
// stall-free cycle count plus one per copy (the report counts from cycle 0).
// maxBins or groups below 1 count as 1. Walks every cycle once, reporting
// progress every 65,536 cycles (Cancelled when asked to stop).
struct SystolicTraceBin {
    std::int64_t firstCycle = 0;
    std::int64_t cycles = 0;
    std::int64_t ifmapReads = 0;  // SRAM words, summed over the bin's cycles
    std::int64_t filterReads = 0;
    std::int64_t ofmapWrites = 0;
};
std::int64_t systolicTraceCycles(const SystolicLayer& layer, const SystolicConfig& config);
std::vector<SystolicTraceBin> binSystolicTrace(const SystolicLayer& layer, const SystolicConfig& config,
                                               std::int64_t maxBins, std::int64_t groups = 1,
                                               const ProgressCallback& progress = {});

} // namespace mdse::core
