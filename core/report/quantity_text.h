#pragma once

#include <cstdint>
#include <string>

namespace mdse::core {

// Quantities in the text reports (the studio formats its own, translated).
// "26,944": digits grouped by three with ',' whatever the locale ({fmt}).
std::string groupedDigits(std::int64_t value);
// "26,944 B (26.31 KiB, 26.94 kB)": KiB = 1024 B, kB = 1000 B.
std::string formatBytes(std::int64_t bytes);
// "3.50 M", "1.82 G": a count with an SI suffix, three significant digits.
std::string formatCount(std::int64_t count);

} // namespace mdse::core
