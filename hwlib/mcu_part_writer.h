#pragma once

#include "hwlib/mcu_target.h"

#include <string>

namespace mdse::hwlib {

// Writes a part in the part-file format that parseMcuTarget reads
// (docs/mcu-analysis.md, "Part files"), every figure with its source, so a
// part "as used" (e.g. stored with an experiment, calibration included)
// reads back equal.
std::string writeMcuTargetYaml(const McuTarget& target);

} // namespace mdse::hwlib
