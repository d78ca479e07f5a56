#pragma once

#include "core/memory/precision_view.h"
#include "hwlib/mcu_target.h"

#include <cstdint>
#include <string>

namespace mdse::core {

enum class McuRuntime { Interpreter, CodeGenerated }; // TFLite Micro | TinyEngine-like

const char* mcuRuntimeName(McuRuntime runtime); // "tflm" | "tinyengine"
McuRuntime parseMcuRuntime(const std::string& name); // throws core::Error

// Flash = effective weights + runtime overhead:
//  weightBytes      weights packed at their bits, or the compressed figure
//                   (sparse indices included) from PrecisionView::weightBytes
//  biasBytes        biases at PrecisionView::biasBits (int32 in TFLM/CMSIS-NN)
//  quantParamBytes  per-output-channel requantisation, 8 B per channel of
//                   every conv/dense (CMSIS-NN's int32 multiplier + int32
//                   shift arrays); 0 when weights are float (32 bits)
//  runtimeBytes     the target's runtime flash overhead (catalogue)
struct FlashBreakdown {
    std::string runtime;
    std::int64_t weightBytes = 0;
    std::int64_t biasBytes = 0;
    std::int64_t quantParamBytes = 0;
    std::int64_t runtimeBytes = 0;
    bool runtimeEstimated = false;
    std::int64_t totalBytes = 0;
};

FlashBreakdown flashUsage(const Network& network, const PrecisionView& precision,
                          const hwlib::McuTarget& target, McuRuntime runtime);

// Does `requiredBytes` fit in `availableBytes`? margin = available - required.
struct FitVerdict {
    std::int64_t requiredBytes = 0;
    std::int64_t availableBytes = 0;
    std::int64_t marginBytes = 0;
    bool fits = false;
};
FitVerdict fitVerdict(std::int64_t requiredBytes, std::int64_t availableBytes);

} // namespace mdse::core
