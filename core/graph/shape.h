#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

// A tensor shape without the batch dimension (batch is always 1 for
// inference on micro hardware). Feature maps are [C, H, W], vectors [N],
// sequences [T, N].
using Shape = std::vector<std::int64_t>;

// Largest element count any tensor may have: 2^40 elements (a terabyte at
// int8) is far beyond any device we model and keeps every later product of
// elements and bytes/bits inside int64.
inline constexpr std::int64_t kMaxTensorElements = std::int64_t{1} << 40;

// Number of elements; throws core::Error when a dimension is not positive
// or the product exceeds kMaxTensorElements.
std::int64_t elementCount(const Shape& shape);

// "[3, 224, 224]"
std::string shapeToString(const Shape& shape);

// Several shapes separated by spaces: "[8, 4, 4] [8, 4, 4]".
std::string shapesToString(const std::vector<Shape>& shapes);

} // namespace mdse::core
