#pragma once

#include "core/config/design_config.h"
#include "core/graph/network.h"

#include <vector>

namespace mdse::core {

// Expected fraction of zeros in a tensor produced by ReLU/ReLU6 when the
// config does not say: half, assuming pre-activations symmetric around
// zero (an assumption, not a measurement; see docs/design-config.md).
inline constexpr double kReluActivationSparsity = 0.5;

// Per-layer settings, indexed like network.layers() (file order): the
// defaults, then each rule in order on the layers it matches, then the
// per-layer overrides in order. activationSparsity is always filled in
// (ReLU default when unset). Throws core::Error at the rule or override
// that names an unknown layer, an out-of-range layer index or a bad regex.
std::vector<LayerCompression> resolve(const DesignConfig& config, const Network& network);

// True when `layer` is selected by `match` (positionIndex = its place in
// execution order; first/lastWeighted = execution places of the first and
// last layers that have weights).
bool matchesLayer(const LayerMatch& match, const Network& network, std::size_t layerIndex,
                  long positionIndex, long firstWeighted, long lastWeighted);

// Whether a layer's input comes straight from a ReLU or ReLU6 (as an op or
// a fused activation).
bool inputIsRelu(const Network& network, std::size_t layerIndex);

} // namespace mdse::core
