#pragma once

#include "core/graph/layer.h"

#include <vector>

namespace mdse::core {

// Output shapes of `layer` given its input tensors, one per layer output.
// Throws core::Error with what was expected and what was found; the caller
// adds the layer name and location.
std::vector<Shape> inferOutputShapes(const Layer& layer, const std::vector<TensorInfo>& inputs);

// Numpy-style broadcast of two shapes (right-aligned, 1 stretches).
Shape broadcastShapes(const Shape& a, const Shape& b);

} // namespace mdse::core
