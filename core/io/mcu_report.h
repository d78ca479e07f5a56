#pragma once

#include "core/io/stats_report.h"
#include "core/perf/mcu_evaluation.h"

#include <string>

namespace mdse::core {

class JsonWriter;

// JSON members of `microdse analyze --target <mcu>` (docs/mcu-analysis.md):
// `mcu`, `memory` {closedFormPeakBytes, liveSetPeakBytes, inPlacePeakBytes,
// arenaBytes, peakStep, timeline, arena, reorder, flashBytes, flash},
// `patch` {perLayerPeakBytes, best, curve[] {splitLayer, grid, peakBytes,
// extraMacs, overheadPercent, ...}}, `latency`, `latencySeconds`, `roofline`
// (core/io/roofline_json.h),
// `energyJoules` and `fits` {sram, flash}.
void writeMcuMembers(JsonWriter& json, const Network& network, const McuEvaluation& evaluation);

// Per-layer `latencySeconds`, `energyJoules`, `kernelFamily`, `unit` for
// the rows of the stats report.
StatsJsonExtras mcuLayerExtras(const McuEvaluation& evaluation, const NetworkStats& stats,
                               StatsJsonExtras base = {});

// Human-readable summary; bytes shown as B, KiB (1024) and kB (1000).
std::string mcuReportToText(const Network& network, const McuEvaluation& evaluation);

// "26,944 B (26.31 KiB, 26.94 kB)"
std::string formatBytes(std::int64_t bytes);

} // namespace mdse::core
