#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::hwlib {

// A microcontroller target as described by a catalogue file
// (hwlib/catalogue/mcu/<id>.yaml). Every number comes with the source it
// was taken from; issue #5 extends this with SRAM regions, kernel
// throughputs, power and runtime overheads.
struct McuTarget {
    std::string id;        // file name without extension, e.g. "stm32f746"
    std::string name;      // "STM32F746NG (32F746G-DISCO)"
    std::string core;      // "Cortex-M7"
    std::int64_t clockHz = 0;
    std::int64_t sramBytes = 0;  // usable for the tensor arena
    std::int64_t flashBytes = 0; // usable for code and weights
    std::vector<std::string> sources;
};

} // namespace mdse::hwlib
