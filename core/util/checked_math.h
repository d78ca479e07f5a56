#pragma once

#include <cstdint>
#include <optional>

namespace mdse::core {

// Overflow-checked 64-bit arithmetic for sizes computed from user input
// (a shape of [1e10, 1e10, 1e10] must be an error, never a wrapped number).
inline std::optional<std::int64_t> checkedMul(std::int64_t a, std::int64_t b)
{
    std::int64_t result = 0;
    if (__builtin_mul_overflow(a, b, &result))
        return std::nullopt;
    return result;
}

inline std::optional<std::int64_t> checkedAdd(std::int64_t a, std::int64_t b)
{
    std::int64_t result = 0;
    if (__builtin_add_overflow(a, b, &result))
        return std::nullopt;
    return result;
}

} // namespace mdse::core
