#pragma once

#include "hwlib/mcu_target.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mdse::hwlib {

// Thrown for a malformed part file; what() reads "file:line:column: message"
// and the message names the offending field (e.g. "field 'npu.clockHz' ...").
class CatalogueError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses one MCU part file (format: docs/mcu-analysis.md, "Part files");
// `fileLabel` names it in errors. Unknown keys, missing fields, wrong types
// and non-positive sizes are errors naming the field.
McuTarget parseMcuTarget(std::string_view yaml, const std::string& id, const std::string& fileLabel);

// A user's own part file; the id is the file name without extension.
// Throws CatalogueError when the file cannot be read or is malformed.
McuTarget loadMcuTargetFile(const std::string& path);

// The parts shipped in hwlib/catalogue/mcu, embedded at build time.
std::vector<McuTarget> builtInMcuTargets(); // sorted by id
McuTarget builtInMcuTarget(std::string_view id); // throws CatalogueError if unknown

// A catalogue id, or a path to a part file (anything ending in .yaml/.yml).
McuTarget resolveMcuTarget(const std::string& idOrPath);

inline constexpr std::string_view kDefaultMcuId = "stm32f746";

} // namespace mdse::hwlib
