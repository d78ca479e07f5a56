#include "core/graph/element_type.h"

#include <array>

namespace mdse::core {
namespace {

struct TypeInfo {
    ElementType type;
    std::string_view name;
    int bits;
};

constexpr std::array<TypeInfo, 9> kTypes{{
    {ElementType::F32, "f32", 32},
    {ElementType::F16, "f16", 16},
    {ElementType::I32, "int32", 32},
    {ElementType::I16, "int16", 16},
    {ElementType::I8, "int8", 8},
    {ElementType::U8, "uint8", 8},
    {ElementType::I4, "int4", 4},
    {ElementType::I2, "int2", 2},
    {ElementType::I1, "int1", 1},
}};

const TypeInfo& infoOf(ElementType type)
{
    return kTypes[static_cast<std::size_t>(type)];
}

} // namespace

int bitsOf(ElementType type) { return infoOf(type).bits; }

std::string_view elementTypeName(ElementType type) { return infoOf(type).name; }

std::optional<ElementType> parseElementType(std::string_view name)
{
    for (const TypeInfo& info : kTypes)
        if (info.name == name)
            return info.type;
    return std::nullopt;
}

} // namespace mdse::core
