#include "core/graph/precision.h"

#include "core/util/error.h"

#include <charconv>

namespace mdse::core {
namespace {

constexpr int kMaxIntegerBits = 32;

std::optional<int> widthAfter(std::string_view name, std::string_view prefix)
{
    if (!name.starts_with(prefix) || name.size() == prefix.size() || name[prefix.size()] == '0')
        return std::nullopt;
    int bits = 0;
    const char* first = name.data() + prefix.size();
    const char* last = name.data() + name.size();
    const auto [end, error] = std::from_chars(first, last, bits);
    if (error != std::errc() || end != last || bits < 1 || bits > kMaxIntegerBits)
        return std::nullopt;
    return bits;
}

} // namespace

Precision Precision::integer(int bits)
{
    if (bits < 1 || bits > kMaxIntegerBits)
        throw Error("an integer precision has 1 to 32 bits, not " + std::to_string(bits));
    return {Kind::Int, bits};
}

Precision Precision::unsignedInteger(int bits)
{
    if (bits < 1 || bits > kMaxIntegerBits)
        throw Error("an unsigned precision has 1 to 32 bits, not " + std::to_string(bits));
    return {Kind::UInt, bits};
}

std::string precisionName(Precision precision)
{
    const std::string bits = std::to_string(precision.bits());
    switch (precision.kind()) {
    case Precision::Kind::Float: return "fp" + bits;
    case Precision::Kind::BFloat: return "bf" + bits;
    case Precision::Kind::Int: return "int" + bits;
    case Precision::Kind::UInt: return "uint" + bits;
    }
    return "fp32";
}

std::optional<Precision> parsePrecision(std::string_view name)
{
    if (name == "fp32" || name == "f32")
        return Precision::Fp32;
    if (name == "fp16" || name == "f16")
        return Precision::Fp16;
    if (name == "bf16")
        return Precision::Bf16;
    if (const auto bits = widthAfter(name, "uint"))
        return Precision::unsignedInteger(*bits);
    if (const auto bits = widthAfter(name, "int"))
        return Precision::integer(*bits);
    return std::nullopt;
}

std::optional<Precision> precisionFromBits(int bits)
{
    if (bits == 32)
        return Precision::Fp32;
    if (bits >= 1 && bits < 32)
        return Precision::integer(bits);
    return std::nullopt;
}

} // namespace mdse::core
