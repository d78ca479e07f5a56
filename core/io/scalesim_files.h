#pragma once

#include "core/accel/systolic_simulator.h"

#include <string>
#include <string_view>
#include <vector>

namespace mdse::core {

// SCALE-Sim v2 input files (github.com/scalesim-project/scale-sim-v2).
// Config: INI sections [general] run_name, [architecture_presets]
// ArrayHeight, ArrayWidth, IfmapSramSzkB, FilterSramSzkB, OfmapSramSzkB,
// Dataflow (os|ws|is), Bandwidth, [run_presets] InterfaceBandwidth
// (CALC|USER); keys case-insensitive, ':' or '=' separators, '#'/';'
// comments; unknown keys (offsets, MemoryBanks, ...) are ignored.
// Topology: a header line, then "name, ifmapH, ifmapW, filterH, filterW,
// channels, filters, stride," per layer; a name containing "DP" is a
// depthwise layer that SCALE-Sim expands to one single-channel layer per
// channel ("<name>Channel_<i>"). Problems throw core::Error with file:line.
SystolicConfig parseScaleSimConfig(std::string_view text, const std::string& fileLabel);
std::vector<SystolicLayer> parseScaleSimTopology(std::string_view text, const std::string& fileLabel);

// Reads a file from disk (core::Error if unreadable) and parses it.
SystolicConfig loadScaleSimConfig(const std::string& path);
std::vector<SystolicLayer> loadScaleSimTopology(const std::string& path);

} // namespace mdse::core
