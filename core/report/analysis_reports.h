#pragma once

#include "core/accel/systolic_simulator.h"
#include "core/compress/network_sensitivity.h"
#include "core/compress/precision_search.h"
#include "hwlib/inference_engine.h"
#include "hwlib/mcu_target.h"

#include <string>
#include <vector>

namespace mdse::core {

// `microdse precision-search` (docs/design-config.md): the chosen widths,
// their totals and up to 256 points of the flash/noise frontier.
std::string precisionSearchJson(const PrecisionSearchReport& report, int activationBits, std::int64_t peakActivationBytes);
std::string precisionSearchTable(const PrecisionSearchReport& report, int activationBits,
                                 std::int64_t peakActivationBytes);

// `microdse sensitivity`: per-layer SQNR of the real weights; an exact
// (noise-free) result is "inf" in JSON, which has no infinity.
std::string sensitivityJson(const std::vector<LayerSensitivity>& layers);
std::string sensitivityTable(const std::vector<LayerSensitivity>& layers);

// `microdse systolic`: SCALE-Sim's per-layer figures under its names.
std::string systolicJson(const SystolicConfig& config, const std::vector<SystolicLayerReport>& reports);
std::string systolicTable(const std::vector<SystolicLayerReport>& reports);

// `microdse zoo` and `microdse targets`.
struct ZooListing {
    std::string id;
    std::string name;
    std::string source;
};
std::string zooTable(const std::vector<ZooListing>& networks);
std::string zooJson(const std::vector<ZooListing>& networks);
std::string targetsTable(const std::vector<hwlib::McuTarget>& targets);
std::string targetsJson(const std::vector<hwlib::McuTarget>& targets);

// `microdse engines`: the inference engine catalogue (docs/mcu-analysis.md,
// "Inference engines"), every figure with whether it is estimated and its
// source, and the engine's sources.
std::string enginesTable(const std::vector<hwlib::InferenceEngine>& engines);
std::string enginesJson(const std::vector<hwlib::InferenceEngine>& engines);

} // namespace mdse::core
