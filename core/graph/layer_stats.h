#pragma once

#include "core/graph/network.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

// Per-layer counts. Definitions (docs/network-statistics.md):
//  weights   multiplicative parameters (conv kernels, dense matrices, the
//            four gate matrices of an LSTM, BatchNorm's gamma)
//  biases    additive parameters (conv/dense bias, recurrent biases,
//            BatchNorm's beta); running mean/variance are buffers, not params
//  macs      multiply-accumulates of conv, transposed conv, dense, matmul,
//            LSTM and GRU; pooling, element-wise ops and BatchNorm count 0,
//            as in the published figures of MobileNetV2 and ResNet
//  inputElements / outputElements  elements of all inputs / outputs
struct LayerStats {
    std::size_t layerIndex = 0;
    std::string name;
    OpKind op = OpKind::Relu;
    std::vector<Shape> inputShapes;
    std::vector<Shape> outputShapes;
    std::int64_t weights = 0;
    std::int64_t biases = 0;
    std::int64_t params = 0;
    std::int64_t macs = 0;
    std::int64_t inputElements = 0;
    std::int64_t outputElements = 0;
};

struct NetworkTotals {
    std::int64_t weights = 0;
    std::int64_t biases = 0;
    std::int64_t params = 0;
    std::int64_t macs = 0;
    // Graph input elements plus the outputs of every layer that allocates
    // a new tensor (view ops such as reshape/flatten alias their input), as
    // in the McGill/CS231n VGG-16 memory table.
    std::int64_t activationElements = 0;
};

struct NetworkStats {
    std::vector<LayerStats> layers; // in execution order
    NetworkTotals totals;
};

// Exact statistics of every layer; throws core::Error if a count overflows.
NetworkStats computeStats(const Network& network);

// "standard", "depthwise" (groups == input channels) or "pointwise" (1x1,
// ungrouped) for conv2d; empty for other ops.
std::string convVariant(const Layer& layer, const Shape& inputShape);

} // namespace mdse::core
