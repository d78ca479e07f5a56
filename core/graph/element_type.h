#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mdse::core {

// Storage type of a tensor's elements.
enum class ElementType { F32, F16, I32, I16, I8, U8, I4, I2, I1 };

int bitsOf(ElementType type);
std::string_view elementTypeName(ElementType type); // "f32", "int8", ...
std::optional<ElementType> parseElementType(std::string_view name);

} // namespace mdse::core
