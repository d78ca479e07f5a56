#include "hwlib/op_class.h"

namespace mdse::hwlib {

const char* opClassName(OpClass opClass)
{
    switch (opClass) {
    case OpClass::Conv: return "conv";
    case OpClass::Pointwise: return "pointwise";
    case OpClass::Depthwise: return "depthwise";
    case OpClass::FullyConnected: return "fc";
    case OpClass::Pooling: return "pooling";
    case OpClass::Elementwise: return "elementwise";
    }
    return "conv";
}

std::optional<OpClass> parseOpClass(std::string_view name)
{
    for (int i = 0; i < kOpClassCount; ++i)
        if (name == opClassName(static_cast<OpClass>(i)))
            return static_cast<OpClass>(i);
    return std::nullopt;
}

} // namespace mdse::hwlib
