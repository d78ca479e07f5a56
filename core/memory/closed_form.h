#pragma once

#include "core/graph/layer_stats.h"
#include "core/memory/precision_view.h"

#include <cstdint>
#include <string>

namespace mdse::core {

// SpArSe's closed-form memory model (Fedorov et al. NeurIPS 2019; Arm TinyML
// talk, Fedorov, Arm, MLSys 2021 workshop): SRAM = max over layers of (bytes of all inputs + bytes
// of all outputs); flash = bytes of all parameters. View ops are skipped
// (they move no data). Hello Edge (Zhang et al. 2017) uses the same
// definition with every parameter stored in 8 bits.
struct ClosedFormMemory {
    std::int64_t peakBytes = 0;
    std::size_t peakLayerIndex = 0;
    std::string peakLayerName;
    // "flash" of the closed form: every parameter at its precision (stored
    // values and sparse indices, and biases; quantization scales are not
    // parameters and are left out, as in Hello Edge's counts).
    std::int64_t parameterBytes = 0;
};

ClosedFormMemory closedFormMemory(const Network& network, const NetworkStats& stats, const PrecisionView& precision);

} // namespace mdse::core
