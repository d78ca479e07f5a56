#pragma once

#include "hwlib/mcu_target.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdse::hwlib {

// An inference engine (runtime + kernels) and version that runs a network
// on an MCU: TFLite Micro with reference or CMSIS-NN kernels, X-CUBE-AI /
// ST Edge AI of one version, TinyEngine, microTVM. Described by
// hwlib/catalogue/engines/<id>.yaml (format: docs/mcu-analysis.md,
// "Inference engines"); every figure carries its source.
struct InferenceEngine {
    std::string id;      // file name without extension, e.g. "x-cube-ai-9.0"
    std::string name;    // "X-CUBE-AI 9.0.0"
    std::string family;  // "x-cube-ai": versions and variants of one engine (default: the id)
    std::string vendor;  // "STMicroelectronics"
    std::string version; // "9.0.0", or "" where the id names no version
    std::string kind;    // "interpreter", "code-generator" or "compiler"
    std::string kernels; // which kernels it runs, in words
    std::vector<std::string> cores; // core families it targets ("Cortex-M4", ...)
    // Fixed costs the cost model adds (core/perf/mcu_cost_model.h): per
    // inference (invoke, input/output copies) and per executed layer
    // (dispatch, argument set-up), in CPU cycles.
    SourcedValue perInferenceOverheadCycles;
    SourcedValue perLayerOverheadCycles;
    // Uncalibrated default: multiplies the part file's int8MacsPerCycle
    // (figures for CMSIS-NN kernels) when no measurement covers this engine.
    SourcedValue speedVsPartRates;
    std::optional<SourcedValue> flashOverheadBytes; // runtime code + tables, when known
    std::optional<SourcedValue> sramOverheadBytes;  // runtime state outside the tensor arena
    std::vector<std::string> sources;

    bool operator==(const InferenceEngine&) const = default;
};

// Parses one engine file; `fileLabel` names it in errors (CatalogueError
// "file:line:column: message" naming the field).
InferenceEngine parseInferenceEngine(std::string_view yaml, const std::string& id, const std::string& fileLabel);

// The engines shipped in hwlib/catalogue/engines, embedded at build time.
std::vector<InferenceEngine> builtInEngines();          // sorted by id
InferenceEngine builtInEngine(std::string_view id);     // throws CatalogueError if unknown
std::vector<std::string> engineIds();                   // sorted
bool isEngineId(std::string_view id);

// TFLite Micro with CMSIS-NN kernels: what the part files' rates describe.
inline constexpr std::string_view kDefaultEngineId = "tflm-cmsis-nn";

} // namespace mdse::hwlib
