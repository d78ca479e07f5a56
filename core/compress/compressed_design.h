#pragma once

#include "core/compress/compression_effects.h"
#include "core/config/design_config.h"

namespace mdse::core {

// A network with a design config applied: structured pruning rewritten
// into the graph, every layer's resolved settings, and the effects.
struct CompressedDesign {
    Network network;                        // after structured pruning
    std::vector<LayerCompression> settings; // indexed like network.layers()
    NetworkStats stats;                     // of the pruned network
    CompressionEffects effects;
};

// resolve() + pruneChannels() + computeStats() + computeEffects(); the
// compression ratio is against the original network's fp32 parameters.
CompressedDesign applyDesign(const Network& network, const DesignConfig& config);

} // namespace mdse::core
