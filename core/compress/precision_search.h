#pragma once

#include "core/compress/mixed_precision_knapsack.h"
#include "core/config/design_config.h"
#include "core/graph/layer_stats.h"

#include <functional>
#include <vector>

namespace mdse::core {

// Noise of quantizing one layer's weights to `bits`, per weight and
// relative to the weights' mean square (= 10^(-SQNR/10)).
using RelativeNoise = std::function<double(const Layer& layer, int bits)>;

// The proxy used when the network carries no weights (labelled as such in
// every report): the relative noise of a unit-variance Gaussian tensor
// under the symmetric uniform quantizer with MSE-optimal clip (2..16 bits),
// XNOR-Net binarisation (1 bit) and none for 32 (fp32). Measured once with
// analyzeTensor on 2^16 deterministic Box-Muller samples. Every layer then
// weighs by its weight count alone (sensitivity 1).
double gaussianProxyNoise(int bits);

struct PrecisionSearchOptions {
    std::vector<int> bits{2, 4, 8};  // weight widths to choose from (1, 2, 4, 8, 16, 32)
    int activationBits = 8;          // uniform activation precision (BOPs)
    ScaleGranularity scales = ScaleGranularity::PerTensor;
    KnapsackBudgets budgets;
};

struct PrecisionSearchReport {
    std::vector<std::size_t> layerIndices; // network layer of each knapsack layer
    std::vector<KnapsackLayer> problem;
    KnapsackResult result;
    bool proxyNoise = true;
    DesignConfig design; // the best choice as per-layer overrides (empty if infeasible)
};

// Folds BatchNorms into their producers first (as deployed; the knapsack
// and the emitted config name the folded network's layers, and the config's
// default weight precision is the widest width offered, for BatchNorms of
// an unfolded network). Builds the knapsack (one layer per layer with weights or MACs; flash =
// layerWeightBytes at each width incl. scales and int32 biases; BOPs = MACs
// x weight bits x activation bits; noise = weights x relative noise) and
// solves it exactly. `noise` defaults to the measured noise of the
// network's real weights (measuredNoiseModel) when it has a WeightStore,
// else to gaussianProxyNoise (report.proxyNoise).
PrecisionSearchReport searchPrecision(const Network& network, const PrecisionSearchOptions& options,
                                      const RelativeNoise& noise = {});

// Peak activation bytes of the simplest schedule (docs/design-config.md):
// the largest sum of a non-view layer's input and output tensors at
// `bits`, graph inputs included.
std::int64_t peakActivationBytes(const NetworkStats& stats, int bits);

} // namespace mdse::core
