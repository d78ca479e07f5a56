// Element-wise and data-movement operators. Input slots and option field
// ids follow tensorflow/lite/schema/schema.fbs and the kernels of
// tensorflow/lite/kernels (add.cc, concatenation.cc, pad.cc, slice.cc,
// strided_slice.cc, split.cc, split_v.cc, pack.cc, unpack.cc,
// resize_*.cc). Axes and shapes are mapped to our layout (NHWC -> [C, H,
// W], batch dropped); an operator that would need the batch axis is kept
// opaque (Unmappable).
#include "core/io/tflite/tflite_importer.h"

#include "core/util/error.h"

#include <algorithm>
#include <limits>

namespace mdse::core::tflite_import {
namespace {

namespace s = schema;
using Ints = std::vector<std::int64_t>;

// ADD, SUB, MUL: two operands broadcast NumPy-style. A constant operand is
// held as the layer's constant (its shape mapped to our layout); a run-time
// operand of lower rank is viewed in our layout first.
void elementwise(Importer& im, const TflOperator& op, OpKind kind)
{
    const int a = im.inputIndex(op, 0, "x");
    const int b = im.inputIndex(op, 1, "y");
    const int out = op.outputs.at(0);
    Layer layer = im.layer(op, kind);
    const bool aConst = im.isConstant(a), bConst = im.isConstant(b);
    if (aConst && bConst)
        im.fail(op, "both operands are constants (constant subgraphs are not supported)");
    if (aConst && kind == OpKind::Sub)
        throw Unmappable("it subtracts a run-time tensor from a constant");
    const int data = aConst ? b : a;
    const std::size_t dataSlot = aConst ? 1 : 0;
    layer.inputs = {im.viewAs(op, im.activation(op, dataSlot), im.operandShape(data, out), "broadcast")};
    if (aConst || bConst) {
        const int constant = aConst ? a : b;
        const Shape shape = im.operandShape(constant, out);
        layer.attributes.set("constant", Ints(shape.begin(), shape.end()));
        (kind == OpKind::Mul ? layer.weightTensor : layer.biasTensor) = im.weight(op, constant);
        if (kind == OpKind::Mul)
            layer.weightType = im.storedPrecision(constant);
    } else {
        layer.inputs.push_back(im.viewAs(op, im.activation(op, 1), im.operandShape(b, out), "broadcast_y"));
    }
    im.emit(op, std::move(layer), op.options.scalar<std::int8_t>(s::kElementwiseActivation, s::ACT_NONE));
}

void concatenation(Importer& im, const TflOperator& op)
{
    Layer layer = im.layer(op, OpKind::Concat);
    for (std::size_t slot = 0; slot < op.inputs.size(); ++slot)
        layer.inputs.push_back(im.activation(op, slot));
    const int out = op.outputs.at(0);
    layer.attributes.set("axis", static_cast<std::int64_t>(
                                     im.ourAxis(op, out, op.options.scalar<std::int32_t>(s::concatenation::axis, 0))));
    for (std::size_t slot = 0; slot < op.inputs.size(); ++slot)
        if (im.layout(op.inputs[slot]).dropBatch != im.layout(out).dropBatch)
            throw Unmappable("its inputs differ in whether they carry a batch axis");
    im.emit(op, std::move(layer), op.options.scalar<std::int8_t>(s::concatenation::fused_activation, s::ACT_NONE));
}

// RESHAPE, SQUEEZE, EXPAND_DIMS: a view to the output's shape.
void reshape(Importer& im, const TflOperator& op)
{
    Layer layer = im.layer(op, OpKind::Reshape);
    layer.inputs = {im.activation(op, 0)};
    const Shape target = im.ourShape(op.outputs.at(0));
    layer.attributes.set("shape", Ints(target.begin(), target.end()));
    im.emit(op, std::move(layer));
}

void transpose(Importer& im, const TflOperator& op)
{
    const int in = im.inputIndex(op, 0, "input");
    const int out = op.outputs.at(0);
    const Ints perm = im.ints(op, 1, "perm");
    const std::size_t rank = im.tensor(in).shape.size();
    if (perm.size() != rank)
        im.fail(op, "perm has " + std::to_string(perm.size()) + " entries for rank " + std::to_string(rank));
    if (im.tensor(out).shape.size() != rank)
        im.fail(op, "the output has rank " + std::to_string(im.tensor(out).shape.size()) + ", the input "
                        + std::to_string(rank));
    const Layout inLayout = im.layout(in), outLayout = im.layout(out);
    if (im.ourShape(out).size() != im.ourShape(in).size())
        throw Unmappable("its output carries a batch axis its input does not, or the reverse");
    Ints ours(im.ourShape(out).size(), -1);
    for (std::size_t fo = 0; fo < rank; ++fo) {
        if (perm[fo] < 0 || static_cast<std::size_t>(perm[fo]) >= rank)
            im.fail(op, "perm entry " + std::to_string(perm[fo]) + " is out of range");
        const auto to = mapAxis(fo, outLayout);
        const auto from = mapAxis(static_cast<std::size_t>(perm[fo]), inLayout);
        if (to.has_value() != from.has_value())
            throw Unmappable("it moves the batch axis");
        if (to)
            ours[*to] = static_cast<std::int64_t>(*from);
    }
    Ints sorted = ours;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i)
        if (sorted[i] != static_cast<std::int64_t>(i))
            im.fail(op, "perm is not a permutation of the axes");
    Layer layer = im.layer(op, OpKind::Transpose);
    layer.inputs = {im.activation(op, 0)};
    layer.attributes.set("perm", ours);
    im.emit(op, std::move(layer));
}

// PAD, PADV2: paddings [rank, 2] (before, after per file axis).
void pad(Importer& im, const TflOperator& op)
{
    const int in = im.inputIndex(op, 0, "input");
    const Ints paddings = im.ints(op, 1, "paddings");
    const std::size_t rank = im.tensor(in).shape.size();
    if (paddings.size() != 2 * rank)
        im.fail(op, "paddings has " + std::to_string(paddings.size()) + " values for rank " + std::to_string(rank));
    const Layout layout = im.layout(in);
    const std::size_t ourRank = im.ourShape(in).size();
    Ints pads(2 * ourRank, 0);
    for (std::size_t d = 0; d < rank; ++d) {
        const auto axis = mapAxis(d, layout);
        if (!axis) {
            if (paddings[2 * d] != 0 || paddings[2 * d + 1] != 0)
                throw Unmappable("it pads the batch axis");
            continue;
        }
        pads[*axis] = paddings[2 * d];
        pads[*axis + ourRank] = paddings[2 * d + 1];
    }
    Layer layer = im.layer(op, OpKind::Pad);
    layer.inputs = {im.activation(op, 0)};
    layer.attributes.set("pads", pads);
    if (op.code == s::PADV2 && im.hasInput(op, 2) && im.isConstant(op.inputs[2]))
        layer.attributes.set("mode", std::string("constant"));
    im.emit(op, std::move(layer));
}

// SLICE: begin, size (-1 = to the end) per file axis.
void slice(Importer& im, const TflOperator& op)
{
    const int in = im.inputIndex(op, 0, "input");
    const Ints begin = im.ints(op, 1, "begin");
    const Ints size = im.ints(op, 2, "size");
    const auto& dims = im.tensor(in).shape;
    if (begin.size() != dims.size() || size.size() != dims.size())
        im.fail(op, "begin and size must have one value per axis");
    Ints starts, ends, axes;
    for (std::size_t d = 0; d < dims.size(); ++d) {
        const auto axis = mapAxis(d, im.layout(in));
        if (!axis)
            continue;
        starts.push_back(begin[d]);
        ends.push_back(size[d] < 0 ? std::numeric_limits<std::int64_t>::max() : im.add(op, begin[d], size[d]));
        axes.push_back(static_cast<std::int64_t>(*axis));
    }
    Layer layer = im.layer(op, OpKind::Slice);
    layer.inputs = {im.activation(op, 0)};
    layer.attributes.set("starts", starts);
    layer.attributes.set("ends", ends);
    layer.attributes.set("axes", axes);
    im.emit(op, std::move(layer));
}

// STRIDED_SLICE: begin, end, strides per file axis; begin_mask/end_mask bit
// d = take the full range on axis d; shrink_axis_mask bit d = drop axis d
// (extent 1). ellipsis_mask and new_axis_mask are kept opaque.
void stridedSlice(Importer& im, const TflOperator& op)
{
    namespace f = s::strided_slice;
    const FbTable& o = op.options;
    if (o.scalar<std::int32_t>(f::ellipsis_mask, 0) != 0 || o.scalar<std::int32_t>(f::new_axis_mask, 0) != 0)
        throw Unmappable("it uses ellipsis_mask or new_axis_mask");
    const int in = im.inputIndex(op, 0, "input");
    const Ints begin = im.ints(op, 1, "begin");
    const Ints end = im.ints(op, 2, "end");
    const Ints strides = im.ints(op, 3, "strides");
    const auto& dims = im.tensor(in).shape;
    if (begin.size() != end.size() || end.size() != strides.size() || begin.size() > dims.size())
        im.fail(op, "begin, end and strides must have the same length, at most the input's rank");
    const auto beginMask = static_cast<std::uint32_t>(o.scalar<std::int32_t>(f::begin_mask, 0));
    const auto endMask = static_cast<std::uint32_t>(o.scalar<std::int32_t>(f::end_mask, 0));
    const auto shrinkMask = static_cast<std::uint32_t>(o.scalar<std::int32_t>(f::shrink_axis_mask, 0));
    constexpr std::int64_t kHuge = std::numeric_limits<std::int64_t>::max();
    Ints starts, ends, axes, steps;
    for (std::size_t d = 0; d < begin.size(); ++d) {
        const auto axis = mapAxis(d, im.layout(in));
        if (!axis)
            continue;
        const std::int64_t step = strides[d];
        if (step == 0)
            im.fail(op, "stride 0 on axis " + std::to_string(d));
        const bool bit = d < 32;
        std::int64_t first = bit && (beginMask >> d & 1U) ? (step > 0 ? 0 : kHuge) : begin[d];
        std::int64_t last = bit && (endMask >> d & 1U) ? (step > 0 ? kHuge : -kHuge) : end[d];
        if (bit && (shrinkMask >> d & 1U)) // one element at begin
            last = first == -1 ? kHuge : im.add(op, first, 1);
        starts.push_back(first);
        ends.push_back(last);
        axes.push_back(static_cast<std::int64_t>(*axis));
        steps.push_back(bit && (shrinkMask >> d & 1U) ? 1 : step);
    }
    Layer layer = im.layer(op, OpKind::Slice);
    layer.inputs = {im.activation(op, 0)};
    layer.attributes.set("starts", starts);
    layer.attributes.set("ends", ends);
    layer.attributes.set("axes", axes);
    layer.attributes.set("steps", steps);
    im.emit(op, std::move(layer));
}

// SPLIT (axis, input) and SPLIT_V (input, size_splits, axis): the parts'
// sizes are the outputs' extents along the axis.
void split(Importer& im, const TflOperator& op)
{
    const bool v = op.code == s::SPLIT_V;
    const std::size_t dataSlot = v ? 0 : 1;
    const int in = im.inputIndex(op, dataSlot, "input");
    const Ints axisValue = im.ints(op, v ? 2 : 0, "axis");
    if (axisValue.size() != 1)
        im.fail(op, "axis must be one value");
    const auto rank = static_cast<std::int64_t>(im.tensor(in).shape.size());
    const std::int64_t fileAxis = axisValue[0] < 0 ? axisValue[0] + rank : axisValue[0];
    const std::size_t axis = im.ourAxis(op, in, fileAxis);
    Ints sizes;
    for (int out : op.outputs) {
        const auto& dims = im.tensor(out).shape;
        if (static_cast<std::int64_t>(dims.size()) != rank)
            im.fail(op, "output '" + im.ourName(out) + "' has a different rank than the input");
        sizes.push_back(dims[static_cast<std::size_t>(fileAxis)]);
    }
    Layer layer = im.layer(op, OpKind::Split);
    layer.inputs = {im.activation(op, dataSlot)};
    layer.attributes.set("axis", static_cast<std::int64_t>(axis));
    layer.attributes.set("sizes", sizes);
    im.emit(op, std::move(layer));
}

// PACK: N inputs of one shape stacked along a new axis = each input viewed
// with an extent-1 axis there (in the output's layout), then a concat.
void pack(Importer& im, const TflOperator& op)
{
    const int out = op.outputs.at(0);
    const auto& outDims = im.tensor(out).shape;
    const auto rank = static_cast<std::int64_t>(outDims.size());
    std::int64_t fileAxis = op.options.scalar<std::int32_t>(s::pack::axis, 0);
    if (fileAxis < 0)
        fileAxis += rank;
    const std::size_t axis = im.ourAxis(op, out, fileAxis);
    std::vector<std::int32_t> partDims = outDims;
    partDims[static_cast<std::size_t>(fileAxis)] = 1;
    const Shape part = mapShape(partDims, im.layout(out));
    Layer layer = im.layer(op, OpKind::Concat);
    for (std::size_t slot = 0; slot < op.inputs.size(); ++slot)
        layer.inputs.push_back(im.viewAs(op, im.activation(op, slot), part, "part" + std::to_string(slot)));
    layer.attributes.set("axis", static_cast<std::int64_t>(axis));
    im.emit(op, std::move(layer));
}

// UNPACK: a split into extent-1 parts along the axis; each part's view
// drops the axis (emit adds the views).
void unpack(Importer& im, const TflOperator& op)
{
    const int in = im.inputIndex(op, 0, "input");
    const std::size_t axis = im.ourAxis(op, in, op.options.scalar<std::int32_t>(s::unpack::axis, 0));
    Layer layer = im.layer(op, OpKind::Split);
    layer.inputs = {im.activation(op, 0)};
    layer.attributes.set("axis", static_cast<std::int64_t>(axis));
    layer.attributes.set("sizes", Ints(op.outputs.size(), 1));
    im.emit(op, std::move(layer));
}

// RESIZE_NEAREST_NEIGHBOR, RESIZE_BILINEAR: input, size [new_h, new_w].
void resize(Importer& im, const TflOperator& op)
{
    const Ints size = im.ints(op, 1, "size");
    if (size.size() != 2)
        im.fail(op, "size must be [new_height, new_width]");
    Layer layer = im.layer(op, OpKind::Resize);
    layer.inputs = {im.activation(op, 0)};
    layer.attributes.set("size", size);
    layer.attributes.set("mode", std::string(op.code == s::RESIZE_BILINEAR ? "bilinear" : "nearest"));
    im.emit(op, std::move(layer));
}

} // namespace

void addNnHandlers(std::map<std::int32_t, Handler>& handlers);

const std::map<std::int32_t, Handler>& operatorHandlers()
{
    static const std::map<std::int32_t, Handler> handlers = [] {
        std::map<std::int32_t, Handler> table;
        addNnHandlers(table);
        table[s::ADD] = [](Importer& im, const TflOperator& op) { elementwise(im, op, OpKind::Add); };
        table[s::SUB] = [](Importer& im, const TflOperator& op) { elementwise(im, op, OpKind::Sub); };
        table[s::MUL] = [](Importer& im, const TflOperator& op) { elementwise(im, op, OpKind::Mul); };
        table[s::CONCATENATION] = concatenation;
        table[s::RESHAPE] = reshape;
        table[s::SQUEEZE] = reshape;
        table[s::EXPAND_DIMS] = reshape;
        table[s::TRANSPOSE] = transpose;
        table[s::PAD] = pad;
        table[s::PADV2] = pad;
        table[s::SLICE] = slice;
        table[s::STRIDED_SLICE] = stridedSlice;
        table[s::SPLIT] = split;
        table[s::SPLIT_V] = split;
        table[s::PACK] = pack;
        table[s::UNPACK] = unpack;
        table[s::RESIZE_NEAREST_NEIGHBOR] = resize;
        table[s::RESIZE_BILINEAR] = resize;
        return table;
    }();
    return handlers;
}

} // namespace mdse::core::tflite_import
