#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdse::hwlib {

// Measured latency (and energy) sets shipped in hwlib/catalogue/calibration/
// <id>.csv, embedded at build time: published measurements of zoo models on
// catalogue parts with named inference engines, each row with its source.
// The text is CSV (format: docs/mcu-analysis.md, "Measurement files"); core/io
// parses it (core/io/measurement_csv.h).
std::vector<std::string> calibrationSetIds(); // sorted
std::optional<std::string_view> calibrationSetCsv(std::string_view id);

// MLPerf Tiny v1.0-v1.3 (and the v0.5 reference) closed-division results.
inline constexpr std::string_view kMlperfTinyCalibrationId = "mlperf-tiny";

} // namespace mdse::hwlib
