#include "core/graph/shape.h"

#include "core/util/checked_math.h"
#include "core/util/error.h"

namespace mdse::core {

std::int64_t elementCount(const Shape& shape)
{
    std::int64_t count = 1;
    for (std::int64_t dim : shape) {
        if (dim <= 0)
            throw Error("shape " + shapeToString(shape) + " has a dimension that is not positive");
        const auto product = checkedMul(count, dim);
        if (!product || *product > kMaxTensorElements)
            throw Error("shape " + shapeToString(shape) + " has more than 2^40 elements");
        count = *product;
    }
    return count;
}

std::string shapeToString(const Shape& shape)
{
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0)
            text += ", ";
        text += std::to_string(shape[i]);
    }
    return text + "]";
}

std::string shapesToString(const std::vector<Shape>& shapes)
{
    std::string text;
    for (const Shape& shape : shapes)
        text += (text.empty() ? "" : " ") + shapeToString(shape);
    return text;
}

} // namespace mdse::core
