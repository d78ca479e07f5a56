#include "core/graph/receptive_field.h"

#include "core/graph/window_geometry.h"

#include <algorithm>

namespace mdse::core {

bool hasSpatialLocality(const Layer& layer)
{
    switch (layer.op) {
    case OpKind::Conv2D:
    case OpKind::MaxPool:
    case OpKind::AvgPool:
    case OpKind::Add:
    case OpKind::Mul:
    case OpKind::Relu:
    case OpKind::Relu6:
    case OpKind::HardSwish:
    case OpKind::Sigmoid:
    case OpKind::Tanh:
    case OpKind::LeakyRelu:
    case OpKind::BatchNorm:
        return true;
    case OpKind::Concat: { // along channels of [C, H, W]: axis 0 or -3
        const std::int64_t axis = layer.attributes.getInt("axis", 0);
        return axis == 0 || axis == -3;
    }
    default:
        return false;
    }
}

std::optional<Window2D> spatialWindow(const Layer& layer, const Shape& inputShape)
{
    if (!hasSpatialLocality(layer) || inputShape.size() != 3)
        return std::nullopt;
    if (layer.op != OpKind::Conv2D && layer.op != OpKind::MaxPool && layer.op != OpKind::AvgPool)
        return Window2D{};
    return resolveWindow(layer.attributes, layer.op != OpKind::Conv2D, inputShape[1], inputShape[2]);
}

std::optional<Interval> layerInputInterval(const Layer& layer, const Shape& inputShape, int axis,
                                           const Interval& out)
{
    const std::optional<Window2D> w = spatialWindow(layer, inputShape);
    if (!w || (axis != 1 && axis != 2))
        return std::nullopt;
    if (axis == 1)
        return windowInputInterval(out, w->kernelH, w->strideH, w->dilationH, w->padTop, inputShape[1]);
    return windowInputInterval(out, w->kernelW, w->strideW, w->dilationW, w->padLeft, inputShape[2]);
}

} // namespace mdse::core
