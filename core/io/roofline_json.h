#pragma once

#include "core/perf/roofline.h"

namespace mdse::core {

class JsonWriter;

// The `roofline` JSON value of `microdse analyze` (FPGA and MCU targets):
// {computeCeilings[] {name, opsPerSecond}, bandwidthCeilings[] {name,
// bytesPerSecond, ridgeOpsPerByte (against the first compute ceiling)},
// points[] {name, level, ops, bytes, arithmeticIntensity,
// attainedOpsPerSecond, roofOpsPerSecond, bound}}.
void writeRoofline(JsonWriter& json, const Roofline& roofline);

} // namespace mdse::core
