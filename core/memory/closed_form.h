#pragma once

#include "core/graph/layer_stats.h"
#include "core/memory/precision_view.h"

#include <cstdint>
#include <string>

namespace mdse::core {

// SpArSe's closed-form memory model (Fedorov et al. NeurIPS 2019; Arm TinyML
// talk, seeds/003): SRAM = max over layers of (bytes of all inputs + bytes
// of all outputs); flash = bytes of all parameters. View ops are skipped
// (they move no data). Hello Edge (Zhang et al. 2017) uses the same
// definition with every parameter stored in 8 bits.
struct ClosedFormMemory {
    std::int64_t peakBytes = 0;
    std::size_t peakLayerIndex = 0;
    std::string peakLayerName;
    std::int64_t parameterBytes = 0; // "flash" of the closed form
};

ClosedFormMemory closedFormMemory(const Network& network, const PrecisionView& precision);

// Stored parameter bytes of one layer: the compressed figure from
// `precision.weightBytes` when present, else the weights packed at the
// layer's weight bits; plus biases at `precision.biasBits`.
std::int64_t layerWeightBytes(const Network& network, const PrecisionView& precision, const LayerStats& stats);
std::int64_t layerBiasBytes(const PrecisionView& precision, const LayerStats& stats);

} // namespace mdse::core
