#pragma once

#include "core/config/design_config.h"
#include "core/graph/layer_stats.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

// What a layer's precision and pruning cost. Definitions (docs/design-config.md):
//  weightBytes   = valueBytes + indexBytes + scaleBytes + biasBytes
//  valueBytes    packedBytes(stored values, weight bits); dense storage keeps the zeros
//  indexBytes    sparse-format overhead (bitmap, CSR, relative index, N:M metadata)
//  scaleBytes    4 bytes (fp32) per scale, one per tensor or per output channel,
//                integer precisions only
//  biasBytes     int32 under integer weights, else at the weight precision
//  activationBytes  packedBytes(output elements, activation bits); 0 for views
//  effectiveMacs dense MACs x weight density (zero weights are skipped)
//  zeroSkipMacs  effectiveMacs x (1 - input activation sparsity), for
//                zero-skipping hardware
//  bops          effectiveMacs x weight bits x input activation bits
struct LayerEffects {
    std::size_t layerIndex = 0;
    std::string name;
    int weightBits = 32;
    int activationBits = 32;
    double sparsity = 0.0;           // fraction of weights that are zero
    double activationSparsity = 0.0; // expected zeros in the input
    std::int64_t weights = 0;
    std::int64_t nonZeroWeights = 0;
    std::int64_t valueBytes = 0;
    std::int64_t indexBytes = 0;
    std::int64_t scaleBytes = 0;
    std::int64_t biasBytes = 0;
    std::int64_t weightBytes = 0;
    std::int64_t activationBytes = 0;
    std::int64_t denseMacs = 0;
    std::int64_t effectiveMacs = 0;
    std::int64_t zeroSkipMacs = 0;
    std::int64_t bops = 0;
};

struct EffectsTotals {
    std::int64_t nonZeroWeights = 0;
    std::int64_t weightBytes = 0;
    std::int64_t activationBytes = 0; // graph inputs + every non-view output
    std::int64_t denseMacs = 0;
    std::int64_t effectiveMacs = 0;
    std::int64_t zeroSkipMacs = 0;
    std::int64_t bops = 0;
    std::int64_t fp32Bytes = 0;       // 4 bytes per parameter of the reference network
    double compressionRatio = 1.0;    // fp32Bytes / weightBytes
};

struct CompressionEffects {
    std::vector<LayerEffects> layers; // execution order, like NetworkStats
    EffectsTotals totals;
};

// Effects of `settings` (indexed like network.layers()) on the network
// whose statistics are `stats`. `referenceParams` is the parameter count
// of the uncompressed network (before structured pruning) for the ratio.
CompressionEffects computeEffects(const Network& network, const NetworkStats& stats,
                                  const std::vector<LayerCompression>& settings,
                                  std::int64_t referenceParams);

// The one home of a layer's stored weight bytes (the rules above): what a
// model file or a deployment stores for its weights at `settings`. Every
// analysis that needs the bytes of weights (flash, roofline, precision
// search, experiments) takes them from here.
struct StoredWeightBytes {
    std::int64_t values = 0;
    std::int64_t index = 0;
    std::int64_t scales = 0;
    std::int64_t biases = 0;
    std::int64_t nonZeroWeights = 0;

    std::int64_t total() const { return values + index + scales + biases; }
    bool operator==(const StoredWeightBytes&) const = default;
};
StoredWeightBytes storedWeightBytes(const Network& network, const LayerStats& stats,
                                    const LayerCompression& settings);

// Stored weight bytes of one layer at its settings (values + indices +
// scales + biases); also fills the byte fields of `effects`.
std::int64_t layerWeightBytes(const Network& network, const LayerStats& stats,
                              const LayerCompression& settings, LayerEffects& effects);

// Output channels (rows of the weight matrix): the unit of per-channel
// scales and CSR rows; 1 for layers without weights.
std::int64_t outputChannels(const Network& network, const LayerStats& stats);

} // namespace mdse::core
