#include "core/compress/sparse_storage.h"

#include <cmath>

namespace mdse::core {

int indexBitsFor(std::int64_t count)
{
    int bits = 1;
    while (bits < 62 && (std::int64_t{1} << bits) < count)
        ++bits;
    return bits;
}

std::int64_t nmKeptValues(std::int64_t elements, int keep, int group)
{
    const std::int64_t tail = elements % group;
    return elements / group * keep + (tail < keep ? tail : keep);
}

std::int64_t relativeIndexEntries(std::span<const float> weights, int indexBits)
{
    const std::int64_t span = std::int64_t{1} << indexBits;
    std::int64_t previous = 0;
    std::int64_t entries = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] == 0.0f)
            continue;
        const auto position = static_cast<std::int64_t>(i);
        while (position - previous > span) { // filler zero bridges a full span
            previous += span;
            ++entries;
        }
        previous = position;
        ++entries;
    }
    return entries;
}

std::int64_t expectedRelativeIndexEntries(std::int64_t elements, std::int64_t nonZeros, int indexBits)
{
    if (nonZeros <= 0 || elements <= 0)
        return 0;
    const double density = static_cast<double>(nonZeros) / static_cast<double>(elements);
    const double q = std::pow(1.0 - density, std::ldexp(1.0, indexBits));
    return std::llround(static_cast<double>(nonZeros) / (1.0 - q));
}

} // namespace mdse::core
