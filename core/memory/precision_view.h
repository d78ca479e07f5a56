#pragma once

#include "core/compress/compression_effects.h"
#include "core/graph/network.h"
#include "core/graph/precision.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace mdse::core {

// The precision facts the memory, latency and roofline analyses need, as
// plain inputs: the Precision of every activation tensor and of every
// layer's weights, and the stored bytes of each layer's weights as the
// design computed them (core/compress). Entries missing from the maps take
// `defaultPrecision`, int8 by default (the TFLite Micro / CMSIS-NN int8
// scheme). evaluate() builds one from the resolved design; the analyses
// never see the design config itself.
struct PrecisionView {
    Precision defaultPrecision = Precision::Int8;
    std::map<std::string, Precision> activations;     // tensor name -> precision
    std::map<std::string, Precision> weights;         // layer name -> precision
    std::map<std::string, StoredWeightBytes> stored;  // layer name -> the design's stored bytes
    // All biases at this precision (Hello Edge stores every parameter in 8
    // bits); unset: the storage rule of core/compress (int32 under integer weights).
    std::optional<Precision> biases;

    Precision activationOf(const std::string& tensor) const;
    Precision weightsOf(const std::string& layer) const;
};

// Bytes of one activation tensor at its precision (via packedBytes).
std::int64_t activationBytes(const Network& network, const PrecisionView& precision,
                             const std::string& tensor);

// Bytes of `elements` of `tensor` (e.g. a patch region) at its precision.
std::int64_t activationBytes(const PrecisionView& precision, const std::string& tensor,
                             std::int64_t elements);

// The stored bytes of a layer's weights: the design's figure when the view
// has one, else the weights dense at weightsOf(layer) under the storage
// rule of core/compress (one fp32 scale per tensor for integer weights,
// int32 biases), with `biases` applied when set.
StoredWeightBytes storedWeightsOf(const Network& network, const LayerStats& stats,
                                  const PrecisionView& precision);

} // namespace mdse::core
