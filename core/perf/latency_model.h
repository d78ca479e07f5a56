#pragma once

#include "core/graph/layer_stats.h"
#include "core/memory/precision_view.h"
#include "hwlib/mcu_target.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mdse::core {

// An ESTIMATE of one layer's time and energy on an MCU.
struct LayerLatency {
    std::size_t layerIndex = 0;
    std::string name;
    std::string family;   // "conv", "depthwise", "pointwise", "fc", "elementwise", "view"
    std::string unit;     // "cpu" or "npu"
    std::int64_t work = 0; // MACs (elements for elementwise layers)
    Precision precision;   // the kernel's precision: the wider of its weights and output
    // The kernel's rate without per-layer overhead and calibration (MACs or
    // elements per second): the layer's compute ceiling on the roofline.
    double workPerSecond = 0.0;
    double seconds = 0.0;
    double joules = 0.0;
};

struct LatencyOptions {
    // Fixed cost per executed (non-view) layer: kernel dispatch, argument
    // setup, requantisation tables. Estimated, editable.
    double perLayerOverheadCycles = 1000.0;
    bool useNpu = true;
    // The range reported around the estimate: the model ignores memory
    // stalls, cache/flash wait states and kernel-specific tails, so real
    // figures are typically within [0.5x, 2x] of it (estimated).
    double lowFactor = 0.5;
    double highFactor = 2.0;

    bool operator==(const LatencyOptions&) const = default;
};

struct LatencySummary {
    double totalSeconds = 0.0;
    double lowSeconds = 0.0;
    double highSeconds = 0.0;
    double totalJoules = 0.0;
    double calibration = 1.0;
    bool powerEstimated = true;
    std::string model; // the formula, for reports
};

struct LatencyEstimate {
    std::vector<LayerLatency> layers; // in execution order
    LatencySummary summary;
};

// Per layer (cpu):  seconds = calibration * (work / rate(family, bits) + overhead) / clockHz
//   rate = the target's int8 MACs/cycle of the kernel family (elements/cycle
//   for element-wise ops), scaled by the precision (cpuPrecisionScale).
// Per layer (npu):  conv/depthwise/pointwise/fc at <= 8 bits when the target
//   has an NPU: seconds = calibration * (macs / (npuMacsPerCycle * utilization) + overhead) / npuClockHz
// Energy = active power * seconds.  View ops cost nothing.
LatencyEstimate estimateLatency(const Network& network, const NetworkStats& stats, const PrecisionView& precision,
                                const hwlib::McuTarget& target, const LatencyOptions& options = {});

// CPU throughput relative to int8: integers of <= 8 bits x1 (CMSIS-NN
// unpacks sub-byte weights to int8, no speedup), 9-16 bits x0.5 (SMLAD does
// two 16-bit MACs per instruction where int8 kernels do four after
// unpacking), wider integers and every float format x0.25: fp16 and bf16
// included, since Cortex-M4/M7/M33 FPUs convert half precision but compute
// in single precision (Armv7E-M/Armv8-M FPv5: VCVTB/VCVTT).
double cpuPrecisionScale(Precision precision);

// The kernel's precision of a layer: the wider of its output and (when it
// has weights) its weights; float formats count as wider than any integer.
Precision kernelPrecision(Precision output, std::optional<Precision> weights);

// The kernel family of a layer (hwlib::KernelFamily) and its name.
hwlib::KernelFamily kernelFamilyOf(const Network& network, const Layer& layer);

} // namespace mdse::core
