// Handlers for element-wise ops, activations and tensor rearrangements.
// Unit axes our layers do not have (the batch, an RNN's num_directions)
// stay "dropped": ops on them become aliases instead of layers.
#include "core/io/onnx/onnx_importer.h"

#include "core/util/checked_math.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace mdse::core::onnx_import {
namespace {

using Ints = std::vector<std::int64_t>;
using Mask = std::vector<bool>;

Layer simpleLayer(OpKind op, const std::string& input)
{
    Layer layer;
    layer.op = op;
    layer.inputs = {input};
    return layer;
}

void importActivation(Importer& im, const Node& node)
{
    static const std::map<std::string, OpKind> kinds{
        {"Relu", OpKind::Relu}, {"Sigmoid", OpKind::Sigmoid}, {"Tanh", OpKind::Tanh},
        {"HardSwish", OpKind::HardSwish}, {"LeakyRelu", OpKind::LeakyRelu}, {"HardSigmoid", OpKind::HardSigmoid},
        {"Softmax", OpKind::Softmax}, {"LogSoftmax", OpKind::Softmax}};
    const ActivationValue& x = im.activationInput(node, 0);
    Layer layer = simpleLayer(kinds.at(node.op_type()), x.tensor);
    if (layer.op == OpKind::LeakyRelu)
        layer.attributes.set("alpha", im.attrFloat(node, "alpha", 0.01));
    if (layer.op == OpKind::HardSigmoid) {
        layer.attributes.set("alpha", im.attrFloat(node, "alpha", 0.2));
        layer.attributes.set("beta", im.attrFloat(node, "beta", 0.5));
    }
    if (layer.op == OpKind::Softmax)
        layer.attributes.set("axis", im.ourAxis(node, x, im.attrInt(node, "axis", im.opset() >= 13 ? -1 : 1)));
    im.emit(node, std::move(layer));
}

// Clip(0, 6) is ReLU6 and Clip(0, +inf) is ReLU; bounds are attributes
// before opset 11 and (constant) inputs from opset 11.
void importClip(Importer& im, const Node& node)
{
    const double inf = std::numeric_limits<double>::infinity();
    double low = im.attrFloat(node, "min", -inf), high = im.attrFloat(node, "max", inf);
    if (im.opset() >= 11) {
        low = im.hasInput(node, 1) ? im.realsInput(node, 1, "min").at(0) : -inf;
        high = im.hasInput(node, 2) ? im.realsInput(node, 2, "max").at(0) : inf;
    }
    OpKind op = OpKind::Relu;
    if (low == 0 && high == 6)
        op = OpKind::Relu6;
    else if (low != 0 || high != inf)
        im.fail(node, "only Clip(0, 6) (ReLU6) and Clip(0, inf) (ReLU) are supported, found Clip("
                          + std::to_string(low) + ", " + std::to_string(high) + ")");
    im.emit(node, simpleLayer(op, im.activationInput(node, 0).tensor));
}

// A constant operand's shape on our axes: right-aligned with the ONNX
// activation; its axes over dropped or missing activation axes must be 1.
Shape mapConstant(Importer& im, const Node& node, const ActivationValue& x, const Shape& dims)
{
    Shape ours;
    const auto offset = static_cast<std::int64_t>(x.onnxShape.size()) - static_cast<std::int64_t>(dims.size());
    for (std::size_t j = 0; j < dims.size(); ++j) {
        const std::int64_t i = static_cast<std::int64_t>(j) + offset;
        if (i < 0 || x.dropped[static_cast<std::size_t>(i)]) {
            if (dims[j] != 1)
                im.fail(node, "the constant " + shapeToString(dims) + " would broadcast over the batch of "
                                  + shapeToString(x.onnxShape));
            continue;
        }
        ours.push_back(dims[j]);
    }
    return ours;
}

// Add of a per-channel constant right after a bias-less conv/dense (MatMul +
// Add as exporters write a linear layer) becomes that layer's bias.
bool fuseBias(Importer& im, const Node& node, const ActivationValue& x, const ConstantValue& c, int cIndex)
{
    const long producer = im.producerOf(x.tensor);
    if (producer < 0 || im.usesOf(x.tensor) != 1)
        return false;
    Layer& target = im.layer(static_cast<std::size_t>(producer));
    const bool conv = target.op == OpKind::Conv2D;
    if ((!conv && target.op != OpKind::Dense) || target.attributes.getInt("bias", 1) != 0
        || target.attributes.getString("activation", "none") != "none")
        return false;
    const std::int64_t channels = conv ? target.attributes.getInt("filters", 0) : target.attributes.getInt("units", 0);
    Shape squeezed;
    for (std::int64_t extent : c.dims)
        if (extent != 1 || !squeezed.empty())
            squeezed.push_back(extent);
    const Shape expected = conv ? Shape{channels, 1, 1} : Shape{channels};
    if (squeezed != expected && !(conv && squeezed == Shape{channels} && c.dims.size() == 1 && false))
        return false;
    target.attributes.set("bias", std::int64_t{1});
    target.biasTensor = im.storeConstant(node, c, node.input(cIndex));
    im.renameOutput(static_cast<std::size_t>(producer), node.output(0), x);
    return true;
}

// HardSigmoid(x; 1/6, 1/2) * x is HardSwish (how exporters write it).
bool fuseHardSwish(Importer& im, const Node& node, const ActivationValue& a, const ActivationValue& b)
{
    for (const auto& [gate, x] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
        const long producer = im.producerOf(gate->tensor);
        if (producer < 0 || im.usesOf(gate->tensor) != 1)
            continue;
        Layer& layer = im.layer(static_cast<std::size_t>(producer));
        if (layer.op != OpKind::HardSigmoid || layer.inputs.front() != x->tensor
            || std::fabs(layer.attributes.getFloat("alpha", 0.2) - 1.0 / 6.0) > 1e-4
            || std::fabs(layer.attributes.getFloat("beta", 0.5) - 0.5) > 1e-6)
            continue;
        layer.op = OpKind::HardSwish;
        layer.attributes = {};
        im.renameOutput(static_cast<std::size_t>(producer), node.output(0), *x);
        return true;
    }
    return false;
}

void importBinary(Importer& im, const Node& node)
{
    static const std::map<std::string, OpKind> kinds{
        {"Add", OpKind::Add}, {"Sub", OpKind::Sub}, {"Mul", OpKind::Mul}, {"Div", OpKind::Div}, {"PRelu", OpKind::PRelu}};
    const OpKind op = kinds.at(node.op_type());
    const Value& a = im.input(node, 0);
    const Value& b = im.input(node, 1);
    if (!a.isConstant && !b.isConstant) {
        if (op == OpKind::Mul && fuseHardSwish(im, node, a.activation, b.activation))
            return;
        Layer layer = simpleLayer(op, a.activation.tensor);
        layer.inputs.push_back(b.activation.tensor);
        const bool aWider = a.activation.onnxShape.size() >= b.activation.onnxShape.size();
        im.emit(node, std::move(layer), {aWider ? a.activation.dropped : b.activation.dropped});
        return;
    }
    const int cIndex = a.isConstant ? 0 : 1;
    const ActivationValue& x = a.isConstant ? b.activation : a.activation;
    const ConstantValue& c = a.isConstant ? a.constant : b.constant;
    if (op == OpKind::Add && fuseBias(im, node, x, c, cIndex))
        return;
    Layer layer = simpleLayer(op, x.tensor);
    layer.attributes.set("constant", mapConstant(im, node, x, c.dims));
    layer.weightTensor = im.storeConstant(node, c, node.input(cIndex));
    layer.weightType = im.storedTypeOf(c);
    Mask mask = x.dropped;
    if (c.dims.size() > x.onnxShape.size())
        mask.insert(mask.begin(), c.dims.size() - x.onnxShape.size(), true);
    im.emit(node, std::move(layer), {mask});
}

void importConcat(Importer& im, const Node& node)
{
    const ActivationValue& first = im.activationInput(node, 0);
    Layer layer = simpleLayer(OpKind::Concat, first.tensor);
    for (int i = 1; i < node.input_size(); ++i)
        layer.inputs.push_back(im.activationInput(node, i).tensor);
    layer.attributes.set("axis", im.ourAxis(node, first, im.attrInt(node, "axis", 1)));
    im.emit(node, std::move(layer));
}

void importSplit(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    Layer layer = simpleLayer(OpKind::Split, x.tensor);
    layer.attributes.set("axis", im.ourAxis(node, x, im.attrInt(node, "axis", 0)));
    const Ints sizes = im.opset() >= 13 ? (im.hasInput(node, 1) ? im.intsInput(node, 1, "split") : Ints{})
                                        : im.attrInts(node, "split", {});
    if (!sizes.empty())
        layer.attributes.set("sizes", sizes);
    std::vector<std::string> outputs(node.output().begin(), node.output().end());
    for (std::size_t o = 0; o < outputs.size(); ++o)
        if (outputs[o].empty())
            outputs[o] = node.output(0) + "/part" + std::to_string(o);
    im.emit(node, std::move(layer), std::vector<Mask>(outputs.size(), x.dropped), outputs);
}

void importSlice(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    const bool fromInputs = im.opset() >= 10;
    const Ints starts = fromInputs ? im.intsInput(node, 1, "starts") : im.attrInts(node, "starts", {});
    const Ints ends = fromInputs ? im.intsInput(node, 2, "ends") : im.attrInts(node, "ends", {});
    Ints axes(starts.size());
    std::iota(axes.begin(), axes.end(), 0);
    axes = fromInputs ? (im.hasInput(node, 3) ? im.intsInput(node, 3, "axes") : axes) : im.attrInts(node, "axes", axes);
    const Ints steps = fromInputs && im.hasInput(node, 4) ? im.intsInput(node, 4, "steps") : Ints(starts.size(), 1);
    if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
        im.fail(node, "starts, ends, axes and steps differ in length");
    Layer layer = simpleLayer(OpKind::Slice, x.tensor);
    Ints ourStarts, ourEnds, ourAxes, ourSteps;
    const auto rank = static_cast<std::int64_t>(x.onnxShape.size());
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::int64_t axis = axes[i] < 0 ? axes[i] + rank : axes[i];
        if (axis < 0 || axis >= rank)
            im.fail(node, "axis " + std::to_string(axes[i]) + " is out of range");
        if (x.dropped[static_cast<std::size_t>(axis)]) {
            const bool keepsTheOne = steps[i] > 0 ? (starts[i] <= 0 || starts[i] == -1) && (ends[i] >= 1 || ends[i] < -1)
                                                  : true;
            if (!keepsTheOne)
                im.fail(node, "slicing the batch axis to nothing is not supported");
            continue;
        }
        ourAxes.push_back(im.ourAxis(node, x, axis));
        ourStarts.push_back(starts[i]);
        ourEnds.push_back(ends[i]);
        ourSteps.push_back(steps[i]);
    }
    layer.attributes.set("starts", ourStarts);
    layer.attributes.set("ends", ourEnds);
    layer.attributes.set("axes", ourAxes);
    layer.attributes.set("steps", ourSteps);
    if (ourAxes.empty()) {
        im.alias(node.output(0), x);
        return;
    }
    im.emit(node, std::move(layer), {x.dropped});
}

// Channel shuffle as exporters write it: Reshape [C,H,W] -> [g, C/g, H, W],
// Transpose of the two group axes, Reshape back to [C, H, W].
bool fuseChannelShuffle(Importer& im, const Node& node, const ActivationValue& x, const Shape& target)
{
    const long transpose = im.producerOf(x.tensor);
    if (transpose < 0 || im.usesOf(x.tensor) != 1)
        return false;
    Layer& t = im.layer(static_cast<std::size_t>(transpose));
    if (t.op != OpKind::Transpose || t.attributes.getInts("perm", {}) != Ints{1, 0, 2, 3})
        return false;
    const long reshape = im.producerOf(t.inputs.front());
    if (reshape < 0 || im.usesOf(t.inputs.front()) != 1)
        return false;
    Layer& r = im.layer(static_cast<std::size_t>(reshape));
    if (r.op != OpKind::Reshape || im.ourShape(r.inputs.front()) != target)
        return false;
    const Shape grouped = im.ourShape(r.outputs.front());
    if (grouped.size() != 4 || target.size() != 3 || grouped[0] * grouped[1] != target[0])
        return false;
    r.op = OpKind::ChannelShuffle;
    r.attributes = {};
    r.attributes.set("groups", grouped[0]);
    im.removeLayer(static_cast<std::size_t>(transpose));
    ActivationValue out{node.output(0), {1, target[0], target[1], target[2]}, {true, false, false, false}};
    im.renameOutput(static_cast<std::size_t>(reshape), node.output(0), out);
    return true;
}

void reshapeTo(Importer& im, const Node& node, const ActivationValue& x, const Shape& dims, OpKind op)
{
    Mask mask(dims.size(), false);
    if (dims.size() >= 2 && dims[0] == 1 && x.dropped.size() >= 1 && x.dropped[0])
        mask[0] = true;
    ActivationValue out{x.tensor, dims, mask};
    const Shape ours = out.ourShape();
    if (ours == x.ourShape()) {
        im.alias(node.output(0), out);
        return;
    }
    if (fuseChannelShuffle(im, node, x, ours))
        return;
    if (ours.size() == 1 && x.ourShape().size() > 1)
        op = OpKind::Flatten; // a reshape to [1, -1] is a flatten
    Layer layer = simpleLayer(op, x.tensor);
    if (op == OpKind::Reshape)
        layer.attributes.set("shape", ours);
    im.emit(node, std::move(layer), {mask});
}

void importReshape(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    Shape dims = im.opset() >= 5 ? im.intsInput(node, 1, "shape") : im.attrInts(node, "shape", {});
    const bool allowZero = im.attrInt(node, "allowzero", 0) != 0;
    std::int64_t known = 1;
    long inferred = -1;
    for (std::size_t d = 0; d < dims.size(); ++d) {
        if (dims[d] == 0 && !allowZero && d < x.onnxShape.size())
            dims[d] = x.onnxShape[d];
        if (dims[d] == -1 && inferred < 0)
            inferred = static_cast<long>(d);
        else if (dims[d] <= 0 || dims[d] > kMaxTensorElements)
            im.fail(node, "invalid target shape " + shapeToString(dims));
        else
            known = std::min(checkedMul(known, dims[d]).value_or(kMaxTensorElements + 1), kMaxTensorElements + 1);
    }
    const std::int64_t total = elementCount(x.onnxShape);
    if (inferred >= 0)
        dims[static_cast<std::size_t>(inferred)] = total % known == 0 ? total / known : -1;
    if (inferred >= 0 ? total % known != 0 : known != total)
        im.fail(node, "cannot reshape " + shapeToString(x.onnxShape) + " into " + shapeToString(dims));
    reshapeTo(im, node, x, dims, OpKind::Reshape);
}

void importFlatten(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    const auto rank = static_cast<std::int64_t>(x.onnxShape.size());
    std::int64_t axis = im.attrInt(node, "axis", 1);
    axis = axis < 0 ? axis + rank : axis;
    if (axis < 0 || axis > rank)
        im.fail(node, "axis is out of range");
    const std::int64_t outer = std::accumulate(x.onnxShape.begin(), x.onnxShape.begin() + axis, std::int64_t{1}, std::multiplies<>());
    const Shape dims{outer, elementCount(x.onnxShape) / outer};
    reshapeTo(im, node, x, dims, outer == 1 && x.dropped[0] ? OpKind::Flatten : OpKind::Reshape);
}

void importTranspose(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    Ints perm(x.onnxShape.size());
    std::iota(perm.rbegin(), perm.rend(), 0);
    perm = im.attrInts(node, "perm", perm);
    Ints sorted = perm;
    std::sort(sorted.begin(), sorted.end());
    Ints identity(x.onnxShape.size());
    std::iota(identity.begin(), identity.end(), 0);
    if (sorted != identity)
        im.fail(node, "perm is not a permutation of the input's axes");
    ActivationValue out{x.tensor, {}, {}};
    Ints ourPerm;
    for (std::int64_t p : perm) {
        out.onnxShape.push_back(x.onnxShape[static_cast<std::size_t>(p)]);
        out.dropped.push_back(x.dropped[static_cast<std::size_t>(p)]);
        if (!x.dropped[static_cast<std::size_t>(p)])
            ourPerm.push_back(im.ourAxis(node, x, p));
    }
    if (std::is_sorted(ourPerm.begin(), ourPerm.end())) {
        im.alias(node.output(0), out);
        return;
    }
    Layer layer = simpleLayer(OpKind::Transpose, x.tensor);
    layer.attributes.set("perm", ourPerm);
    im.emit(node, std::move(layer), {out.dropped});
}

Ints axesOf(Importer& im, const Node& node)
{
    return im.opset() >= 13 && im.hasInput(node, 1) ? im.intsInput(node, 1, "axes") : im.attrInts(node, "axes", {});
}

void importSqueeze(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    const auto rank = static_cast<std::int64_t>(x.onnxShape.size());
    Ints axes = axesOf(im, node);
    std::vector<bool> remove(x.onnxShape.size(), false);
    for (std::int64_t& axis : axes) {
        axis = axis < 0 ? axis + rank : axis;
        if (axis < 0 || axis >= rank || x.onnxShape[static_cast<std::size_t>(axis)] != 1)
            im.fail(node, "cannot squeeze axis " + std::to_string(axis) + " of " + shapeToString(x.onnxShape));
        remove[static_cast<std::size_t>(axis)] = true;
    }
    if (axes.empty())
        for (std::size_t d = 0; d < remove.size(); ++d)
            remove[d] = x.onnxShape[d] == 1;
    ActivationValue out{x.tensor, {}, {}};
    Ints ourAxes;
    for (std::size_t d = 0; d < remove.size(); ++d) {
        if (remove[d] && !x.dropped[d])
            ourAxes.push_back(im.ourAxis(node, x, static_cast<std::int64_t>(d)));
        if (!remove[d]) {
            out.onnxShape.push_back(x.onnxShape[d]);
            out.dropped.push_back(x.dropped[d]);
        }
    }
    if (ourAxes.empty()) {
        im.alias(node.output(0), out);
        return;
    }
    Layer layer = simpleLayer(OpKind::Squeeze, x.tensor);
    layer.attributes.set("axes", ourAxes);
    im.emit(node, std::move(layer), {out.dropped});
}

void importUnsqueeze(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    const Ints axes = axesOf(im, node);
    const auto rank = static_cast<std::int64_t>(x.onnxShape.size() + axes.size());
    std::vector<bool> inserted(static_cast<std::size_t>(rank), false);
    for (std::int64_t axis : axes) {
        const std::int64_t a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank || inserted[static_cast<std::size_t>(a)])
            im.fail(node, "axis " + std::to_string(axis) + " is out of range or repeated");
        inserted[static_cast<std::size_t>(a)] = true;
    }
    ActivationValue out{x.tensor, {}, {}}; // new unit axes are dropped: no layer
    for (std::size_t d = 0, s = 0; d < inserted.size(); ++d) {
        out.onnxShape.push_back(inserted[d] ? 1 : x.onnxShape[s]);
        out.dropped.push_back(inserted[d] ? true : x.dropped[s++]);
    }
    im.alias(node.output(0), out);
}

void importGather(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    const ConstantValue& indices = im.constantInput(node, 1, "indices");
    if (!indices.isInteger())
        im.fail(node, "indices must be integers");
    const auto rank = static_cast<std::int64_t>(x.onnxShape.size());
    std::int64_t axis = im.attrInt(node, "axis", 0);
    axis = axis < 0 ? axis + rank : axis;
    if (axis < 0 || axis >= rank)
        im.fail(node, "axis is out of range");
    const auto a = static_cast<std::size_t>(axis);
    for (std::int64_t index : indices.ints)
        if (index < -x.onnxShape[a] || index >= x.onnxShape[a])
            im.fail(node, "index " + std::to_string(index) + " is out of range for " + shapeToString(x.onnxShape));
    ActivationValue out{x.tensor, {}, {}};
    out.onnxShape.assign(x.onnxShape.begin(), x.onnxShape.begin() + axis);
    out.dropped.assign(x.dropped.begin(), x.dropped.begin() + axis);
    const bool onDropped = x.dropped[a];
    for (std::int64_t extent : indices.dims) {
        out.onnxShape.push_back(extent);
        out.dropped.push_back(onDropped && extent == 1);
    }
    out.onnxShape.insert(out.onnxShape.end(), x.onnxShape.begin() + axis + 1, x.onnxShape.end());
    out.dropped.insert(out.dropped.end(), x.dropped.begin() + axis + 1, x.dropped.end());
    if (onDropped) {
        if (indices.elementCount() != 1)
            im.fail(node, "gathering several entries of the batch axis is not supported");
        im.alias(node.output(0), out);
        return;
    }
    Layer layer = simpleLayer(OpKind::Gather, x.tensor);
    layer.attributes.set("axis", im.ourAxis(node, x, axis));
    layer.attributes.set("indices_shape", indices.dims);
    im.emit(node, std::move(layer), {out.dropped});
}

void importPad(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    const Ints pads = im.opset() >= 11 ? im.intsInput(node, 1, "pads") : im.attrInts(node, "pads", {});
    const std::size_t rank = x.onnxShape.size();
    if (pads.size() != 2 * rank)
        im.fail(node, "pads must have " + std::to_string(2 * rank) + " values");
    if (std::all_of(pads.begin(), pads.end(), [](std::int64_t p) { return p == 0; })) {
        im.alias(node.output(0), x); // exporters emit all-zero pads before pooling
        return;
    }
    Ints begins, ends;
    for (std::size_t d = 0; d < rank; ++d) {
        if (x.dropped[d]) {
            if (pads[d] != 0 || pads[d + rank] != 0)
                im.fail(node, "padding the batch axis is not supported");
            continue;
        }
        begins.push_back(pads[d]);
        ends.push_back(pads[d + rank]);
    }
    begins.insert(begins.end(), ends.begin(), ends.end());
    const std::string mode = im.attrString(node, "mode", "constant");
    if (mode != "constant" && mode != "reflect" && mode != "edge")
        im.fail(node, "pad mode '" + mode + "' is not supported");
    Layer layer = simpleLayer(OpKind::Pad, x.tensor);
    layer.attributes.set("pads", begins);
    layer.attributes.set("mode", mode);
    im.emit(node, std::move(layer));
}

// Output size per axis: `sizes` when given, else floor(in * scale).
void importResize(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    if (x.onnxShape.size() != 4 || x.ourShape().size() != 3)
        im.fail(node, "only NCHW resizing with batch 1 is supported");
    const bool upsample = node.op_type() == "Upsample";
    const int scalesIndex = upsample || im.opset() == 10 ? 1 : 2;
    std::vector<double> scales;
    Ints sizes;
    if (upsample && im.opset() < 9) {
        const auto* a = im.attr(node, "scales");
        if (a)
            scales.assign(a->floats().begin(), a->floats().end());
    } else if (im.hasInput(node, scalesIndex) && im.constantInput(node, scalesIndex, "scales").elementCount() > 0) {
        scales = im.realsInput(node, scalesIndex, "scales");
    } else if (!upsample && im.hasInput(node, 3)) {
        sizes = im.intsInput(node, 3, "sizes");
    }
    if (sizes.empty()) {
        if (scales.size() != 4)
            im.fail(node, "needs 4 scales or 4 sizes");
        for (std::size_t d = 0; d < 4; ++d) {
            const double size = std::floor(static_cast<double>(x.onnxShape[d]) * scales[d]);
            if (!(size >= 1 && size <= static_cast<double>(kMaxTensorElements)))
                im.fail(node, "scale " + std::to_string(scales[d]) + " gives an invalid size");
            sizes.push_back(static_cast<std::int64_t>(size));
        }
    }
    if (sizes.size() != 4 || sizes[0] != x.onnxShape[0] || sizes[1] != x.onnxShape[1])
        im.fail(node, "only resizing H and W is supported");
    const std::string mode = im.attrString(node, "mode", "nearest");
    if (mode != "nearest" && mode != "linear" && mode != "bilinear")
        im.fail(node, "resize mode '" + mode + "' is not supported");
    Layer layer = simpleLayer(OpKind::Resize, x.tensor);
    const Shape in = x.ourShape();
    if (sizes[2] % in[1] == 0 && sizes[3] % in[2] == 0)
        layer.attributes.set("scale", Ints{sizes[2] / in[1], sizes[3] / in[2]});
    else
        layer.attributes.set("size", Ints{sizes[2], sizes[3]});
    layer.attributes.set("mode", std::string(mode == "nearest" ? "nearest" : "bilinear"));
    im.emit(node, std::move(layer));
}

void importExpand(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    const Ints target = im.intsInput(node, 1, "shape");
    const std::size_t rank = std::max(target.size(), x.onnxShape.size());
    ActivationValue out{x.tensor, Shape(rank, 1), Mask(rank, false)};
    for (std::size_t i = 0; i < rank; ++i) {
        const std::size_t d = rank - 1 - i;
        const std::int64_t from = i < x.onnxShape.size() ? x.onnxShape[x.onnxShape.size() - 1 - i] : 1;
        const std::int64_t to = i < target.size() ? target[target.size() - 1 - i] : 1;
        if (from != to && from != 1 && to != 1)
            im.fail(node, "cannot expand " + shapeToString(x.onnxShape) + " to " + shapeToString(target));
        out.onnxShape[d] = std::max(from, to);
        const bool wasDropped = i < x.onnxShape.size() ? x.dropped[x.dropped.size() - 1 - i] : true;
        out.dropped[d] = wasDropped && out.onnxShape[d] == 1;
    }
    if (out.ourShape() == x.ourShape() && out.dropped.size() >= x.dropped.size()) {
        im.alias(node.output(0), out);
        return;
    }
    Layer layer = simpleLayer(OpKind::Expand, x.tensor);
    layer.attributes.set("shape", out.ourShape());
    im.emit(node, std::move(layer), {out.dropped});
}

void importPassThrough(Importer& im, const Node& node)
{
    if (node.op_type() == "Dropout" && node.output_size() > 1 && !node.output(1).empty() && im.onnxUses(node.output(1)) > 0)
        im.fail(node, "the dropout mask output is not supported");
    const ActivationValue& input = im.activationInput(node, 0);
    // QuantizeLinear of a run-time tensor: the layer producing it stores its
    // output at the quantized type (QDQ models: per-tensor precision).
    if (node.op_type() == "QuantizeLinear")
        if (const auto type = quantizedOutputType(im, node, 2); type && im.producerOf(input.tensor) >= 0)
            im.layer(static_cast<std::size_t>(im.producerOf(input.tensor))).activationType = *type;
    im.alias(node.output(0), input);
}

} // namespace

void registerTensorHandlers(std::map<std::string, Handler>& handlers)
{
    for (const char* op : {"Relu", "Sigmoid", "Tanh", "HardSwish", "LeakyRelu", "HardSigmoid", "Softmax", "LogSoftmax"})
        handlers[op] = importActivation;
    handlers["Clip"] = importClip;
    for (const char* op : {"Add", "Sub", "Mul", "Div", "PRelu"})
        handlers[op] = importBinary;
    handlers["Concat"] = importConcat;
    handlers["Split"] = importSplit;
    handlers["Slice"] = importSlice;
    handlers["Reshape"] = importReshape;
    handlers["Flatten"] = importFlatten;
    handlers["Transpose"] = importTranspose;
    handlers["Squeeze"] = importSqueeze;
    handlers["Unsqueeze"] = importUnsqueeze;
    handlers["Gather"] = importGather;
    handlers["Pad"] = importPad;
    handlers["Resize"] = importResize;
    handlers["Upsample"] = importResize;
    handlers["Expand"] = importExpand;
    for (const char* op : {"Identity", "Dropout", "Cast", "QuantizeLinear", "DequantizeLinear"})
        handlers[op] = importPassThrough;
}

void registerNnHandlers(std::map<std::string, Handler>& handlers);

const std::map<std::string, Handler>& layerHandlers()
{
    static const std::map<std::string, Handler> handlers = [] {
        std::map<std::string, Handler> table;
        registerNnHandlers(table);
        registerTensorHandlers(table);
        return table;
    }();
    return handlers;
}

} // namespace mdse::core::onnx_import
