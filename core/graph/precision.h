#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mdse::core {

// The numeric format of a tensor's elements: of a tensor in a model file
// (what the file stores) and of a layer's weights or activations in a
// design (what the deployment computes with). One type for both, passed
// whole into every analysis; an analysis that needs a width asks bits().
//
//   fp32, fp16      IEEE 754-2008 binary32 / binary16
//   bf16            bfloat16 (8-bit exponent, 7-bit fraction)
//   int<N>, N 1..32 two's-complement integers; int2 is ternary {-a, 0, +a}
//                   and int1 binary {-a, +a}, each with its scale(s) a
//                   (docs/design-config.md)
//   uint<N>         unsigned integers (e.g. uint8 with a zero point)
// Sub-byte elements are packed densely (core/graph/tensor_bytes.h).
class Precision {
public:
    enum class Kind : std::uint8_t { Float, BFloat, Int, UInt };

    constexpr Precision() = default; // fp32

    // Throw core::Error for widths outside 1..32.
    static Precision integer(int bits);
    static Precision unsignedInteger(int bits);

    constexpr Kind kind() const { return m_kind; }
    constexpr int bits() const { return m_bits; }
    constexpr bool isInteger() const { return m_kind == Kind::Int || m_kind == Kind::UInt; }
    constexpr bool isFloat() const { return !isInteger(); }

    static const Precision Fp32, Fp16, Bf16, Int32, Int16, Int8, UInt8, Int4, Int2, Int1;

    constexpr bool operator==(const Precision&) const = default;

private:
    constexpr Precision(Kind kind, int bits) : m_kind(kind), m_bits(static_cast<std::uint8_t>(bits)) {}

    Kind m_kind = Kind::Float;
    std::uint8_t m_bits = 32;
};

inline constexpr Precision Precision::Fp32{Precision::Kind::Float, 32};
inline constexpr Precision Precision::Fp16{Precision::Kind::Float, 16};
inline constexpr Precision Precision::Bf16{Precision::Kind::BFloat, 16};
inline constexpr Precision Precision::Int32{Precision::Kind::Int, 32};
inline constexpr Precision Precision::Int16{Precision::Kind::Int, 16};
inline constexpr Precision Precision::Int8{Precision::Kind::Int, 8};
inline constexpr Precision Precision::UInt8{Precision::Kind::UInt, 8};
inline constexpr Precision Precision::Int4{Precision::Kind::Int, 4};
inline constexpr Precision Precision::Int2{Precision::Kind::Int, 2};
inline constexpr Precision Precision::Int1{Precision::Kind::Int, 1};

constexpr int precisionBits(Precision precision) { return precision.bits(); }
constexpr bool isIntegerPrecision(Precision precision) { return precision.isInteger(); }

// "fp32", "fp16", "bf16", "int8", "uint8", "int4", ...
std::string precisionName(Precision precision);
// The names above; also "f32" and "f16", the tensor type names of the
// network YAML format (docs/yaml-network-format.md).
std::optional<Precision> parsePrecision(std::string_view name);
// The `weightBits` / `activationBits` shorthand of a design: 32 = fp32,
// 1..31 = int<N> (fp16 and the unsigned types only by name).
std::optional<Precision> precisionFromBits(int bits);

} // namespace mdse::core
