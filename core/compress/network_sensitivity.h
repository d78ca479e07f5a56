#pragma once

#include "core/compress/precision_search.h"
#include "core/compress/quantization_sensitivity.h"
#include "core/graph/network.h"

#include <string>
#include <vector>

namespace mdse::core {

struct LayerSensitivity {
    std::size_t layerIndex = 0;
    std::string name;
    TensorSensitivity sensitivity;
};

// Sensitivity of every layer whose weight tensor is in the network's
// WeightStore (imported models); empty for networks without weights.
std::vector<LayerSensitivity> analyzeNetworkWeights(const Network& network, const SensitivityOptions& options);

// Relative noise per weight, 10^(-SQNR/10), of a measured tensor at `bits`:
// MSE-optimal clip for 2..16 bits, XNOR-Net binarisation for 1, 0 for 32.
// Throws core::Error when `bits` was not measured.
double measuredRelativeNoise(const TensorSensitivity& sensitivity, int bits);

// A RelativeNoise over the real weights for `bits` (computed once here);
// layers without a stored tensor fall back to gaussianProxyNoise. Empty
// when the network has no weights.
RelativeNoise measuredNoiseModel(const Network& network, const std::vector<int>& bits);

} // namespace mdse::core
