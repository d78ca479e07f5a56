#pragma once

#include "core/perf/latency_fit.h"
#include "hwlib/calibration_set.h"

#include <string>
#include <string_view>
#include <vector>

namespace mdse::core {

// Latency measurement files (docs/mcu-analysis.md, "Measurement files"):
// CSV with a header row naming the columns, any order; lines starting with
// '#' and blank lines are skipped; fields may be double-quoted ("a,b",
// "" for a quote). Columns:
//   required  part, model, latencyMs
//   optional  board, core, clockHz, engine, energyUj, supplyVolts,
//             submitter, round, source, energySource
// `model` is a zoo id (mlperf-tiny-ic) or a network file path; `part` a
// catalogue id or part-file id. Empty optional fields mean "not given".
// Unknown or repeated columns, missing required columns or fields, wrong
// field counts and non-positive numbers throw core::Error at
// file:line:column naming the column.
std::vector<LatencyMeasurement> parseMeasurementCsv(std::string_view text, const std::string& fileLabel);

// Reads a user's file (at most 16 MiB).
std::vector<LatencyMeasurement> loadMeasurementCsvFile(const std::string& path);

// Writes every column (empty where a value is absent), so that parsing the
// text gives back equal measurements (latencies and energies with 17
// significant digits).
std::string writeMeasurementCsv(const std::vector<LatencyMeasurement>& measurements);

// A set shipped with hwlib (hwlib::calibrationSetIds()), parsed. Throws
// core::Error for an unknown id.
std::vector<LatencyMeasurement> builtInMeasurements(std::string_view setId = hwlib::kMlperfTinyCalibrationId);

// calibrationSamples() with networks from loadNetwork ("zoo:<model>" for a
// bare id, else the path), batchnorms folded as on the MCU path.
std::vector<CalibrationSample> measurementSamples(const std::vector<LatencyMeasurement>& measurements,
                                                  const PartProvider& partOf = hwlib::builtInMcuTarget);

// The built-in calibration, fitted once: the MLPerf Tiny measurements, their
// samples, the fit and, with `heldOutRanges`, its leave-one-measurement-out
// results, which set the fit's ranges (about 2 s of refits on one core;
// without, ranges are twice the worst in-sample error, at least 20 %). A
// caller keeps one and passes `fit` to resolveCostRates.
struct LatencyCalibration {
    std::vector<LatencyMeasurement> measurements;
    std::vector<CalibrationSample> samples;
    LatencyFit fit;
    std::vector<HoldOutResult> heldOut;
};
LatencyCalibration builtInLatencyCalibration(const FitOptions& options = {}, bool heldOutRanges = true);

} // namespace mdse::core
