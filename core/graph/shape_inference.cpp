#include "core/graph/shape_inference.h"

#include "core/graph/window_geometry.h"
#include "core/util/checked_math.h"
#include "core/util/error.h"

#include <algorithm>
#include <numeric>

namespace mdse::core {
namespace {

using Shapes = std::vector<Shape>;

void expectRank(const Shape& shape, std::size_t rank, const char* layout)
{
    if (shape.size() != rank)
        throw Error("expected an input of rank " + std::to_string(rank) + " " + layout + ", found "
                    + shapeToString(shape));
}

std::size_t normalizeAxis(std::int64_t axis, std::size_t rank)
{
    const auto signedRank = static_cast<std::int64_t>(rank);
    if (axis < -signedRank || axis >= signedRank)
        throw Error("axis " + std::to_string(axis) + " is out of range for rank "
                    + std::to_string(rank));
    return static_cast<std::size_t>(axis < 0 ? axis + signedRank : axis);
}

std::int64_t positiveAttribute(const Layer& layer, const char* name, std::int64_t fallback)
{
    const std::int64_t value = layer.attributes.getInt(name, fallback);
    if (value <= 0 || value > kMaxTensorElements)
        throw Error(std::string(name) + " must be between 1 and 2^40, found " + std::to_string(value));
    return value;
}

Shapes convShape(const Layer& layer, const Shape& in)
{
    expectRank(in, 3, "[C, H, W]");
    const std::int64_t filters = positiveAttribute(layer, "filters", 0);
    const std::int64_t groups = positiveAttribute(layer, "groups", 1);
    if (in[0] % groups != 0)
        throw Error("input channels " + std::to_string(in[0]) + " are not divisible by groups "
                    + std::to_string(groups));
    if (filters % groups != 0)
        throw Error("filters " + std::to_string(filters) + " are not divisible by groups "
                    + std::to_string(groups));
    const Window2D w = resolveWindow(layer.attributes, false, in[1], in[2]);
    return {{filters,
             windowOutputExtent(in[1], w.kernelH, w.strideH, w.dilationH, w.padTop, w.padBottom, false, "height"),
             windowOutputExtent(in[2], w.kernelW, w.strideW, w.dilationW, w.padLeft, w.padRight, false, "width")}};
}

Shapes convTransposeShape(const Layer& layer, const Shape& in)
{
    expectRank(in, 3, "[C, H, W]");
    const std::int64_t filters = positiveAttribute(layer, "filters", 0);
    const std::int64_t groups = positiveAttribute(layer, "groups", 1);
    if (in[0] % groups != 0 || filters % groups != 0)
        throw Error("input channels " + std::to_string(in[0]) + " and filters "
                    + std::to_string(filters) + " must both be divisible by groups "
                    + std::to_string(groups));
    const Window2D w = resolveWindow(layer.attributes, false, in[1], in[2]);
    if (layer.attributes.holdsString("padding") && layer.attributes.getString("padding", "") == "same") {
        const auto height = checkedMul(in[1], w.strideH);
        const auto width = checkedMul(in[2], w.strideW);
        if (!height || !width)
            throw Error("transposed convolution output extent overflows");
        return {{filters, *height, *width}};
    }
    const std::vector<std::int64_t> extra = layer.attributes.getInts("output_padding", {0});
    if (extra.size() != 1 && extra.size() != 2)
        throw Error("output_padding must be one value or [h, w]");
    const std::int64_t extraH = extra[0], extraW = extra.back();
    if (extraH < 0 || extraH >= w.strideH || extraW < 0 || extraW >= w.strideW)
        throw Error("output_padding must be smaller than the stride");
    return {{filters,
             transposedOutputExtent(in[1], w.kernelH, w.strideH, w.dilationH, w.padTop, w.padBottom, extraH),
             transposedOutputExtent(in[2], w.kernelW, w.strideW, w.dilationW, w.padLeft, w.padRight, extraW)}};
}

Shapes poolShape(const Layer& layer, const Shape& in)
{
    expectRank(in, 3, "[C, H, W]");
    const Window2D w = resolveWindow(layer.attributes, true, in[1], in[2]);
    return {{in[0],
             windowOutputExtent(in[1], w.kernelH, w.strideH, w.dilationH, w.padTop, w.padBottom, w.ceilMode, "height"),
             windowOutputExtent(in[2], w.kernelW, w.strideW, w.dilationW, w.padLeft, w.padRight, w.ceilMode, "width")}};
}

Shapes denseShape(const Layer& layer, const Shape& in)
{
    if (in.empty())
        throw Error("expected an input of rank >= 1, found a scalar");
    Shape out = in;
    out.back() = positiveAttribute(layer, "units", 0);
    return {out};
}

Shapes matMulShape(const Shape& a, const Shape& b)
{
    if (a.size() < 2 || b.size() < 2)
        throw Error("expected two inputs of rank >= 2 [..., M, K] and [..., K, N], found "
                    + shapeToString(a) + " and " + shapeToString(b));
    if (a.back() != b[b.size() - 2])
        throw Error("inner dimensions differ: " + shapeToString(a) + " x " + shapeToString(b));
    Shape batch = broadcastShapes(Shape(a.begin(), a.end() - 2), Shape(b.begin(), b.end() - 2));
    batch.push_back(a[a.size() - 2]);
    batch.push_back(b.back());
    return {batch};
}

Shapes concatShape(const Layer& layer, const std::vector<TensorInfo>& inputs)
{
    Shape out = inputs.front().shape;
    const std::size_t axis = normalizeAxis(layer.attributes.getInt("axis", 0), out.size());
    for (std::size_t i = 1; i < inputs.size(); ++i) {
        const Shape& other = inputs[i].shape;
        for (std::size_t d = 0; d < out.size(); ++d)
            if (other.size() != out.size() || (d != axis && other[d] != out[d]))
                throw Error("input '" + inputs[i].name + "' has shape " + shapeToString(other)
                            + ", which does not match " + shapeToString(inputs.front().shape)
                            + " outside axis " + std::to_string(axis));
        out[axis] = checkedAdd(out[axis], other[axis]).value_or(-1); // -1: refused below
        if (out[axis] < 0)
            throw Error("concatenated extent along axis " + std::to_string(axis) + " overflows");
    }
    return {out};
}

Shapes splitShape(const Layer& layer, const Shape& in)
{
    const std::size_t axis = normalizeAxis(layer.attributes.getInt("axis", 0), in.size());
    const auto outputs = static_cast<std::int64_t>(layer.outputs.size());
    std::vector<std::int64_t> sizes = layer.attributes.getInts("sizes", {});
    if (sizes.empty()) {
        const std::int64_t parts = layer.attributes.getInt("parts", outputs);
        if (parts != outputs || in[axis] % parts != 0)
            throw Error("cannot split extent " + std::to_string(in[axis]) + " into "
                        + std::to_string(outputs) + " equal parts");
        sizes.assign(static_cast<std::size_t>(parts), in[axis] / parts);
    }
    const std::int64_t total = std::accumulate(sizes.begin(), sizes.end(), std::int64_t{0});
    const bool positive = std::all_of(sizes.begin(), sizes.end(), [](std::int64_t s) { return s > 0; });
    if (static_cast<std::int64_t>(sizes.size()) != outputs || total != in[axis] || !positive)
        throw Error("split sizes must be " + std::to_string(outputs)
                    + " positive values summing to " + std::to_string(in[axis]));
    Shapes out;
    for (std::int64_t size : sizes) {
        Shape part = in;
        part[axis] = size;
        out.push_back(part);
    }
    return out;
}

Shapes reshapeShape(const Layer& layer, const Shape& in)
{
    Shape out = layer.attributes.getInts("shape", {});
    const std::int64_t total = elementCount(in);
    std::int64_t known = 1;
    long inferred = -1;
    for (std::size_t d = 0; d < out.size(); ++d) {
        if (out[d] == 0 && d < in.size())
            out[d] = in[d];
        if (out[d] == -1 && inferred < 0)
            inferred = static_cast<long>(d);
        else if (out[d] <= 0 || out[d] > kMaxTensorElements)
            throw Error("reshape target " + shapeToString(layer.attributes.getInts("shape", {}))
                        + " has an invalid dimension");
        else
            known = std::min(checkedMul(known, out[d]).value_or(kMaxTensorElements + 1),
                             kMaxTensorElements + 1);
    }
    if (inferred >= 0 && known > 0 && total % known == 0)
        out[static_cast<std::size_t>(inferred)] = total / known;
    const bool unresolved = inferred >= 0 && out[static_cast<std::size_t>(inferred)] < 0;
    if (out.empty() || unresolved || elementCount(out) != total)
        throw Error("cannot reshape " + shapeToString(in) + " (" + std::to_string(total)
                    + " elements) into " + shapeToString(layer.attributes.getInts("shape", {})));
    return {out};
}

Shapes flattenShape(const Layer& layer, const Shape& in)
{
    const std::int64_t axisValue = layer.attributes.getInt("axis", 0);
    if (axisValue == 0 || in.empty())
        return {{elementCount(in)}};
    const std::size_t axis = normalizeAxis(axisValue, in.size());
    const std::int64_t inner = elementCount(Shape(in.begin() + static_cast<long>(axis), in.end()));
    return {{elementCount(in) / inner, inner}};
}

Shapes transposeShape(const Layer& layer, const Shape& in)
{
    const std::vector<std::int64_t> perm = layer.attributes.getInts("perm", {});
    std::vector<std::int64_t> sorted = perm;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::int64_t> identity(in.size());
    std::iota(identity.begin(), identity.end(), 0);
    if (sorted != identity)
        throw Error("perm " + shapeToString(perm) + " is not a permutation of the "
                    + std::to_string(in.size()) + " axes of " + shapeToString(in));
    Shape out;
    for (std::int64_t axis : perm)
        out.push_back(in[static_cast<std::size_t>(axis)]);
    return {out};
}

Shapes squeezeShape(const Layer& layer, const Shape& in)
{
    std::vector<bool> drop(in.size(), false);
    if (!layer.attributes.has("axes")) {
        for (std::size_t d = 0; d < in.size(); ++d)
            drop[d] = in[d] == 1;
    }
    for (std::int64_t axisValue : layer.attributes.getInts("axes", {})) {
        const std::size_t axis = normalizeAxis(axisValue, in.size());
        if (in[axis] != 1)
            throw Error("cannot squeeze axis " + std::to_string(axis) + " of " + shapeToString(in)
                        + ": its extent is not 1");
        drop[axis] = true;
    }
    Shape out;
    for (std::size_t d = 0; d < in.size(); ++d)
        if (!drop[d])
            out.push_back(in[d]);
    return {out};
}

Shapes unsqueezeShape(const Layer& layer, const Shape& in)
{
    const std::vector<std::int64_t> axes = layer.attributes.getInts("axes", {});
    const std::size_t rank = in.size() + axes.size();
    std::vector<bool> inserted(rank, false);
    for (std::int64_t axisValue : axes) {
        const std::size_t axis = normalizeAxis(axisValue, rank);
        if (inserted[axis])
            throw Error("axis " + std::to_string(axis) + " is listed twice");
        inserted[axis] = true;
    }
    Shape out;
    for (std::size_t d = 0, source = 0; d < rank; ++d)
        out.push_back(inserted[d] ? 1 : in[source++]);
    return {out};
}

Shapes padShape(const Layer& layer, const Shape& in)
{
    const std::vector<std::int64_t> pads = layer.attributes.getInts("pads", {});
    for (std::int64_t pad : pads) // checked first: the sums below must not overflow
        if (pad < -kMaxTensorElements || pad > kMaxTensorElements)
            throw Error("pad value " + std::to_string(pad) + " is out of range");
    Shape out = in;
    if (pads.size() == 4 && in.size() == 3) { // [top, left, bottom, right] on H, W
        out[1] += pads[0] + pads[2];
        out[2] += pads[1] + pads[3];
    } else if (pads.size() == 2 * in.size()) { // ONNX order: all begins, then all ends
        for (std::size_t d = 0; d < in.size(); ++d)
            out[d] += pads[d] + pads[d + in.size()];
    } else {
        throw Error("pads must have 4 values [top, left, bottom, right] for a [C, H, W] input or "
                    + std::to_string(2 * in.size()) + " values (begins then ends), found "
                    + std::to_string(pads.size()));
    }
    return {out};
}

Shapes resizeShape(const Layer& layer, const Shape& in)
{
    expectRank(in, 3, "[C, H, W]");
    const bool hasScale = layer.attributes.has("scale");
    if (hasScale == layer.attributes.has("size"))
        throw Error("give exactly one of scale or size");
    const std::vector<std::int64_t> values = layer.attributes.getInts(hasScale ? "scale" : "size", {});
    if (values.size() != 1 && values.size() != 2)
        throw Error(std::string(hasScale ? "scale" : "size") + " must be one value or [h, w]");
    for (std::int64_t value : values)
        if (value <= 0 || value > kMaxTensorElements)
            throw Error("resize factors and sizes must be between 1 and 2^40");
    if (!hasScale)
        return {{in[0], values[0], values.back()}};
    const auto height = checkedMul(in[1], values[0]);
    const auto width = checkedMul(in[2], values.back());
    if (!height || !width)
        throw Error("resized shape overflows");
    return {{in[0], *height, *width}};
}

Shapes recurrentShape(const Layer& layer, const Shape& in)
{
    expectRank(in, 2, "[T, features]");
    const std::int64_t hidden = positiveAttribute(layer, "hidden", 0);
    if (layer.attributes.getInt("return_sequences", 1) != 0)
        return {{in[0], hidden}};
    return {{hidden}};
}

Shapes elementwiseShape(const Layer& layer, const std::vector<TensorInfo>& inputs)
{
    Shape out = inputs.front().shape;
    for (std::size_t i = 1; i < inputs.size(); ++i)
        out = broadcastShapes(out, inputs[i].shape);
    if (layer.attributes.has("constant")) {
        const Shape constant = layer.attributes.getInts("constant", {});
        for (std::int64_t extent : constant)
            if (extent <= 0 || extent > kMaxTensorElements)
                throw Error("constant operand shape " + shapeToString(constant) + " is invalid");
        out = broadcastShapes(out, constant);
        if (layer.op == OpKind::PRelu && out != inputs.front().shape)
            throw Error("slope " + shapeToString(constant) + " does not broadcast to the input "
                        + shapeToString(inputs.front().shape));
    } else if (inputs.size() == 1 && layer.op != OpKind::HardSigmoid) {
        throw Error("takes two inputs, or one input and a constant operand");
    }
    return {out};
}

// ONNX Slice (opset 13): negative starts/ends count from the end, both are
// clamped to the axis ([0, dim] for positive steps, [-1, dim-1] for negative
// ones), and the extent is ceil((end - start) / step), at least 0.
std::int64_t slicedExtent(std::int64_t dim, std::int64_t start, std::int64_t end, std::int64_t step)
{
    if (step == 0)
        throw Error("slice steps must not be 0");
    // |end - start| <= dim <= 2^40 after clamping, so a larger step gives the
    // same extent; clamping it keeps the sums and -step below inside int64.
    step = std::clamp<std::int64_t>(step, -kMaxTensorElements, kMaxTensorElements);
    const auto wrap = [dim](std::int64_t v) { return v < 0 ? std::max<std::int64_t>(v, -dim - 1) + dim : v; };
    std::int64_t s = wrap(start), e = wrap(end);
    const std::int64_t magnitude = step == INT64_MIN ? INT64_MAX : (step > 0 ? step : -step);
    if (step > 0) {
        s = std::clamp<std::int64_t>(s, 0, dim);
        e = std::clamp<std::int64_t>(e, 0, dim);
        return e > s ? (e - s - 1) / magnitude + 1 : 0;
    }
    s = std::clamp<std::int64_t>(s, 0, dim - 1);
    e = std::clamp<std::int64_t>(e, -1, dim - 1);
    return s > e ? (s - e - 1) / magnitude + 1 : 0;
}

Shapes sliceShape(const Layer& layer, const Shape& in)
{
    const auto starts = layer.attributes.getInts("starts", {});
    const auto ends = layer.attributes.getInts("ends", {});
    std::vector<std::int64_t> axes(starts.size());
    std::iota(axes.begin(), axes.end(), 0);
    axes = layer.attributes.getInts("axes", axes);
    const auto steps = layer.attributes.getInts("steps", std::vector<std::int64_t>(starts.size(), 1));
    if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
        throw Error("starts, ends, axes and steps must have the same length");
    Shape out = in;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::size_t axis = normalizeAxis(axes[i], in.size());
        out[axis] = slicedExtent(in[axis], starts[i], ends[i], steps[i]);
        if (out[axis] == 0)
            throw Error("slice leaves axis " + std::to_string(axis) + " of " + shapeToString(in) + " empty");
    }
    return {out};
}

Shapes expandShape(const Layer& layer, const Shape& in)
{
    const Shape target = layer.attributes.getInts("shape", {});
    for (std::int64_t extent : target)
        if (extent <= 0 || extent > kMaxTensorElements)
            throw Error("expand target " + shapeToString(target) + " has an invalid dimension");
    return {broadcastShapes(in, target)};
}

// Gather along `axis` with constant indices of shape indices_shape (empty =
// one scalar index): the axis is replaced by the indices' shape.
Shapes gatherShape(const Layer& layer, const Shape& in)
{
    const std::size_t axis = normalizeAxis(layer.attributes.getInt("axis", 0), in.size());
    const Shape indices = layer.attributes.getInts("indices_shape", {});
    for (std::int64_t extent : indices)
        if (extent <= 0 || extent > kMaxTensorElements)
            throw Error("indices shape " + shapeToString(indices) + " is invalid");
    Shape out(in.begin(), in.begin() + static_cast<long>(axis));
    out.insert(out.end(), indices.begin(), indices.end());
    out.insert(out.end(), in.begin() + static_cast<long>(axis) + 1, in.end());
    return {out};
}

// Opaque: the output shapes the file gives, as attributes.
Shapes opaqueShape(const Layer& layer)
{
    const std::vector<std::int64_t> flat = layer.attributes.getInts("output_shapes", {});
    const std::vector<std::int64_t> ranks = layer.attributes.getInts("output_ranks", {});
    if (ranks.size() != layer.outputs.size())
        throw Error("output_ranks names " + std::to_string(ranks.size()) + " outputs, the layer has "
                    + std::to_string(layer.outputs.size()));
    Shapes out;
    std::size_t next = 0;
    for (std::int64_t rank : ranks) {
        if (rank < 0 || static_cast<std::size_t>(rank) > flat.size() - next)
            throw Error("output_ranks do not match output_shapes");
        out.emplace_back(flat.begin() + static_cast<long>(next), flat.begin() + static_cast<long>(next + static_cast<std::size_t>(rank)));
        next += static_cast<std::size_t>(rank);
    }
    if (next != flat.size())
        throw Error("output_shapes has values no output_ranks entry covers");
    return out;
}

Shapes sameShape(const Layer& layer, const Shape& in)
{
    if (layer.op == OpKind::Softmax)
        normalizeAxis(layer.attributes.getInt("axis", -1), in.size());
    if (layer.op == OpKind::ChannelShuffle) {
        expectRank(in, 3, "[C, H, W]");
        const std::int64_t groups = positiveAttribute(layer, "groups", 1);
        if (in[0] % groups != 0)
            throw Error("channels " + std::to_string(in[0]) + " are not divisible by groups "
                        + std::to_string(groups));
    }
    if (layer.op == OpKind::BatchNorm && in.empty())
        throw Error("expected an input with a channel axis, found a scalar");
    return {in};
}

void checkArity(const Layer& layer, std::size_t inputCount)
{
    const OpSpec& spec = opSpec(layer.op);
    const auto count = static_cast<int>(inputCount);
    if (count < spec.minInputs || (spec.maxInputs >= 0 && count > spec.maxInputs))
        throw Error("takes " + std::to_string(spec.minInputs)
                    + (spec.maxInputs == spec.minInputs ? std::string()
                       : spec.maxInputs < 0           ? std::string(" or more")
                                                      : " to " + std::to_string(spec.maxInputs))
                    + " inputs, found " + std::to_string(count));
    if (!spec.multipleOutputs && layer.outputs.size() != 1)
        throw Error("produces one output, found " + std::to_string(layer.outputs.size()));
}

} // namespace

Shape broadcastShapes(const Shape& a, const Shape& b)
{
    Shape out(std::max(a.size(), b.size()), 1);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
        const std::int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
        if (da != db && da != 1 && db != 1)
            throw Error("shapes " + shapeToString(a) + " and " + shapeToString(b)
                        + " cannot be broadcast together");
        out[out.size() - 1 - i] = std::max(da, db);
    }
    return out;
}

std::vector<Shape> inferOutputShapes(const Layer& layer, const std::vector<TensorInfo>& inputs)
{
    checkArity(layer, inputs.size());
    const Shape& in = inputs.front().shape;
    switch (layer.op) {
    case OpKind::Conv2D: return convShape(layer, in);
    case OpKind::ConvTranspose2D: return convTransposeShape(layer, in);
    case OpKind::Dense: return denseShape(layer, in);
    case OpKind::MatMul: return matMulShape(in, inputs[1].shape);
    case OpKind::MaxPool:
    case OpKind::AvgPool: return poolShape(layer, in);
    case OpKind::GlobalAvgPool: {
        if (in.size() < 2)
            throw Error("expected an input [C, ...spatial], found " + shapeToString(in));
        Shape out(in.size(), 1);
        out[0] = in[0];
        return {out};
    }
    case OpKind::Add:
    case OpKind::Mul:
    case OpKind::Sub:
    case OpKind::Div:
    case OpKind::PRelu:
    case OpKind::HardSigmoid: return elementwiseShape(layer, inputs);
    case OpKind::Slice: return sliceShape(layer, in);
    case OpKind::Expand: return expandShape(layer, in);
    case OpKind::Gather: return gatherShape(layer, in);
    case OpKind::Opaque: return opaqueShape(layer);
    case OpKind::Concat: return concatShape(layer, inputs);
    case OpKind::Split: return splitShape(layer, in);
    case OpKind::Reshape: return reshapeShape(layer, in);
    case OpKind::Flatten: return flattenShape(layer, in);
    case OpKind::Transpose: return transposeShape(layer, in);
    case OpKind::Squeeze: return squeezeShape(layer, in);
    case OpKind::Unsqueeze: return unsqueezeShape(layer, in);
    case OpKind::Pad: return padShape(layer, in);
    case OpKind::Resize: return resizeShape(layer, in);
    case OpKind::Lstm:
    case OpKind::Gru: return recurrentShape(layer, in);
    case OpKind::Relu:
    case OpKind::Relu6:
    case OpKind::HardSwish:
    case OpKind::Sigmoid:
    case OpKind::Tanh:
    case OpKind::LeakyRelu:
    case OpKind::Softmax:
    case OpKind::BatchNorm:
    case OpKind::ChannelShuffle: return sameShape(layer, in);
    }
    throw Error("internal: op without shape inference");
}

} // namespace mdse::core
