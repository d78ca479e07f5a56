#pragma once

#include "core/graph/network.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

// One convolution-like layer in the notation of Chen et al. (ISCA 2016,
// Table I), per group: C input channels, M filters, H x W input, R x S
// filter, E x F output, stride U, batch N; `groups` independent copies run
// side by side (depthwise: C = M = 1, groups = channels). Dense layers are
// 1x1 convolutions on a 1x1 map. Batch N (Table I's N, "batch size") is
// 1 for single-image inference on edge hardware; weights are shared by
// the N images, inputs and outputs are per image.
struct ConvProblem {
    std::string name;
    std::string kind; // "conv", "depthwise", "dense"
    std::int64_t channels = 1;  // C per group
    std::int64_t filters = 1;   // M per group
    std::int64_t inputH = 1, inputW = 1;   // stored input (no padding)
    std::int64_t paddedH = 1, paddedW = 1; // input as the window sees it
    std::int64_t kernelH = 1, kernelW = 1; // R, S
    std::int64_t outputH = 1, outputW = 1; // E, F
    std::int64_t strideH = 1, strideW = 1; // U
    std::int64_t groups = 1;
    std::int64_t batch = 1; // N images

    std::int64_t macsPerGroup() const { return batch * outputH * outputW * kernelH * kernelW * channels * filters; }
    std::int64_t macs() const { return macsPerGroup() * groups; }
    std::int64_t inputWordsPerGroup() const { return batch * inputH * inputW * channels; }
    std::int64_t weightWordsPerGroup() const { return kernelH * kernelW * channels * filters; }
    std::int64_t outputWordsPerGroup() const { return batch * outputH * outputW * filters; }
};

// The conv2d (incl. grouped/depthwise) and dense layers of a network in
// execution order; other layers have no MAC array work and are skipped.
// Every problem gets batch N = `batch` (>= 1; core::Error otherwise).
std::vector<ConvProblem> convProblems(const Network& network, std::int64_t batch = 1);

// A problem for a layer given by its dimensions (tests, SCALE-Sim rows).
ConvProblem makeConvProblem(const std::string& name, std::int64_t channels, std::int64_t inputH,
                            std::int64_t inputW, std::int64_t filters, std::int64_t kernelH,
                            std::int64_t kernelW, std::int64_t stride, std::int64_t padding = 0);

} // namespace mdse::core
