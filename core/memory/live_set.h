#pragma once

#include "core/memory/buffer_lifetimes.h"
#include "core/memory/kernel_scratch.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

struct LiveTensor {
    std::string tensor; // buffer owner; "<layer>:scratch" / "<layer>:channel" for kernel buffers
    std::int64_t bytes = 0;
};

// SRAM in use while one layer runs.
struct TimelineStep {
    std::size_t layerIndex = 0;
    std::string layerName;
    std::vector<LiveTensor> live;   // every live activation buffer, each at its own precision
    std::int64_t tensorBytes = 0;   // sum of live buffers
    std::int64_t scratchBytes = 0;  // kernel scratch (and in-place channel buffer)
    std::int64_t totalBytes = 0;
    bool inPlace = false;           // depthwise ran in place
};

struct LiveSetTimeline {
    std::vector<TimelineStep> steps;
    std::int64_t peakBytes = 0;
    std::size_t peakStep = 0; // index into steps
};

struct LiveSetOptions {
    KernelPath kernelPath = KernelPath::CmsisNnDsp;
    // MCUNet in-place depthwise (Lin et al. NeurIPS 2020, MCUNet/MCUNetV2 (Lin et al.)): when a
    // depthwise conv is the last reader of its input, the output overwrites
    // the input through a one-channel temporary buffer, so the step needs
    // (1 + C)*H*W instead of 2*C*H*W elements (stride 1). In general the step
    // holds max(input, output) plus one output channel.
    bool inPlaceDepthwise = false;
    // Precomputed kernelScratchByLayer(network, kernelPath) (must outlive the
    // call), or nullptr to compute each layer's scratch here.
    const ScratchByLayer* scratchByLayer = nullptr;
};

// Live-set timeline: at step s every buffer with firstStep <= s <= lastStep
// is live (inputs, outputs, tensors kept alive for residual/concat
// branches), plus the running kernel's scratch. View ops alias their input.
LiveSetTimeline liveSetTimeline(const Network& network, const BufferLifetimes& lifetimes,
                                const LiveSetOptions& options);

// Convenience: lifetimes from the network's own execution order.
LiveSetTimeline liveSetTimeline(const Network& network, const PrecisionView& precision,
                                const LiveSetOptions& options);

// True when `layer` is a depthwise conv (groups == input channels == filters).
bool isDepthwiseConv(const Network& network, const Layer& layer);

// The in-place rule: a depthwise conv at `step` can write its output over
// its input when it is the input's last reader and the input is neither a
// graph input nor a graph output.
bool canRunInPlace(const Network& network, const BufferLifetimes& lifetimes, const Layer& layer,
                   std::size_t step);
// The one-channel temporary buffer an in-place depthwise needs (H*W of its output).
std::int64_t inPlaceChannelBytes(const Network& network, const BufferLifetimes& lifetimes, const Layer& layer);

} // namespace mdse::core
