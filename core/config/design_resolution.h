#pragma once

#include "core/config/design_config.h"
#include "core/graph/network.h"
#include "core/util/warning.h"

#include <vector>

namespace mdse::core {

// Expected fraction of zeros in a tensor produced by ReLU/ReLU6 when the
// config does not say: half, assuming pre-activations symmetric around
// zero (an assumption, not a measurement; see docs/design-config.md).
inline constexpr double kReluActivationSparsity = 0.5;

// Per-layer settings, indexed like network.layers() (file order), each
// later step overriding the earlier ones:
//  1. `base` (the target's default precision rule, core/evaluate);
//  2. what the model file says: the stored precision of a layer's weights
//     (Layer::weightType) when the file stores them in anything but fp32
//     (a float32 file says nothing about the deployment's precision);
//  3. the config's defaults, each rule in order on the layers it matches,
//     then the per-layer overrides in order.
// activationSparsity is always filled in (ReLU default when unset). A rule
// that matches no layer adds a warning (when `warnings` is given). Throws
// core::Error at the rule or override that names an unknown layer, an
// out-of-range layer index or a bad regex.
std::vector<LayerCompression> resolve(const DesignConfig& config, const Network& network,
                                      const LayerCompression& base = {}, Warnings* warnings = nullptr);

// True when `layer` is selected by `match` (positionIndex = its place in
// execution order; first/lastWeighted = execution places of the first and
// last layers that have weights).
bool matchesLayer(const LayerMatch& match, const Network& network, std::size_t layerIndex,
                  long positionIndex, long firstWeighted, long lastWeighted);

// Whether a layer's input comes straight from a ReLU or ReLU6 (as an op or
// a fused activation).
bool inputIsRelu(const Network& network, std::size_t layerIndex);

} // namespace mdse::core
