#pragma once

#include "hwlib/mcu_target.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mdse::hwlib {

// Thrown for a malformed part file; what() reads "file:line:column: message".
class CatalogueError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parses one MCU part file; `fileLabel` names it in errors. Unknown keys,
// missing fields and non-positive sizes are errors naming the field.
McuTarget parseMcuTarget(std::string_view yaml, const std::string& id, const std::string& fileLabel);

// The parts shipped in hwlib/catalogue/mcu, embedded at build time.
std::vector<McuTarget> builtInMcuTargets(); // sorted by id
McuTarget builtInMcuTarget(std::string_view id); // throws CatalogueError if unknown

inline constexpr std::string_view kDefaultMcuId = "stm32f746";

} // namespace mdse::hwlib
