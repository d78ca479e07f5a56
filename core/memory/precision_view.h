#pragma once

#include "core/graph/network.h"

#include <cstdint>
#include <map>
#include <string>

namespace mdse::core {

// The precision facts the memory and latency analyses need, as plain
// inputs: bits per activation tensor and stored bytes per layer's weights.
// The default is int8 everywhere with int32 biases (TFLite Micro / CMSIS-NN
// int8 scheme). A DesignConfig (core/config) can be turned into one of
// these; the analyses never see the config itself.
struct PrecisionView {
    int defaultActivationBits = 8;
    std::map<std::string, int> activationBits; // tensor name -> bits
    int defaultWeightBits = 8;
    std::map<std::string, int> weightBits;     // layer name -> bits
    int biasBits = 32;
    // layer name -> effective stored weight bytes after compression (packed
    // sub-byte values, sparse indices); replaces the dense packed estimate.
    std::map<std::string, std::int64_t> weightBytes;

    int activationBitsOf(const std::string& tensor) const;
    int weightBitsOf(const std::string& layer) const;
};

// Bytes of one activation tensor at its precision (via packedBytes).
std::int64_t activationBytes(const Network& network, const PrecisionView& precision,
                             const std::string& tensor);

// Bytes of `elements` of `tensor` (e.g. a patch region) at its precision.
std::int64_t activationBytes(const PrecisionView& precision, const std::string& tensor,
                             std::int64_t elements);

} // namespace mdse::core
