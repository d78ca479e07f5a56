#pragma once

#include <cstdint>

namespace mdse::core {

// The one place where a number of elements at a bit width becomes bytes:
// sub-byte precisions are packed densely, and the last byte is rounded up
// (e.g. 5 int4 elements = 3 bytes). `elements` is at most 2^40 and `bits`
// at most 32, so the product fits in int64.
constexpr std::int64_t packedBytes(std::int64_t elements, int bits)
{
    return (elements * bits + 7) / 8;
}

} // namespace mdse::core
