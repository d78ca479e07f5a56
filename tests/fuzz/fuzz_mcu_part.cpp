// Fuzzes the MCU part-file reader: any bytes either parse into a target or
// raise CatalogueError naming the problem; nothing else may escape.
#include "hwlib/catalogue.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const mdse::hwlib::McuTarget target = mdse::hwlib::parseMcuTarget(text, "fuzz", "fuzz.yaml");
        if (target.sramBytes <= 0 || target.int8MacsPerCycle.size() != 5)
            __builtin_trap(); // a parsed part must be complete
    } catch (const mdse::hwlib::CatalogueError&) {
    }
    return 0;
}
