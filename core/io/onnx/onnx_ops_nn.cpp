// Handlers for compute layers: Conv, ConvTranspose, Gemm, MatMul, pooling,
// BatchNormalization (folded where legal), LSTM/GRU, QLinearConv/MatMul.
#include "core/io/onnx/onnx_importer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mdse::core::onnx_import {
namespace {

using Ints = std::vector<std::int64_t>;

const ActivationValue& imageInput(Importer& im, const Node& node, int index)
{
    const ActivationValue& x = im.activationInput(node, index);
    if (x.onnxShape.size() != 4 || x.ourShape().size() != 3)
        im.fail(node, "only 2-D operations on NCHW tensors with batch 1 are supported, input is "
                          + shapeToString(x.onnxShape));
    return x;
}

// ONNX window attributes -> ours. pads are [top, left, bottom, right] in
// both; SAME_UPPER is our "same"; SAME_LOWER puts the odd pixel at the top/
// left: total = max((ceil(in/stride) - 1)*stride + dilation*(k-1) + 1 - in, 0).
void setWindow(Importer& im, const Node& node, Layer& layer, const Ints& kernel, const Shape& in, bool dilated)
{
    const Ints strides = im.attrInts(node, "strides", {1, 1});
    const Ints dilations = im.attrInts(node, "dilations", {1, 1});
    Ints pads = im.attrInts(node, "pads", {0, 0, 0, 0});
    if (kernel.size() != 2 || strides.size() != 2 || dilations.size() != 2 || pads.size() != 4)
        im.fail(node, "kernel, strides, dilations and pads must describe a 2-D window");
    layer.attributes.set("kernel", kernel);
    layer.attributes.set("stride", strides);
    if (dilations != Ints{1, 1}) {
        if (!dilated)
            im.fail(node, "dilations are not supported for this op");
        layer.attributes.set("dilation", dilations);
    }
    const std::string autoPad = im.attrString(node, "auto_pad", "NOTSET");
    if (autoPad == "SAME_UPPER") {
        layer.attributes.set("padding", std::string("same"));
        return;
    }
    if (autoPad == "VALID") {
        layer.attributes.set("padding", std::string("valid"));
        return;
    }
    if (autoPad == "SAME_LOWER") {
        for (int axis = 0; axis < 2; ++axis) {
            const std::int64_t size = in[static_cast<std::size_t>(axis) + 1];
            if (strides[static_cast<std::size_t>(axis)] <= 0)
                im.fail(node, "strides must be positive");
            const std::int64_t out = (size + strides[static_cast<std::size_t>(axis)] - 1) / strides[static_cast<std::size_t>(axis)];
            const std::int64_t total = std::max<std::int64_t>(
                (out - 1) * strides[static_cast<std::size_t>(axis)] + dilations[static_cast<std::size_t>(axis)] * (kernel[static_cast<std::size_t>(axis)] - 1) + 1 - size, 0);
            pads[static_cast<std::size_t>(axis)] = total - total / 2;
            pads[static_cast<std::size_t>(axis) + 2] = total / 2;
        }
    } else if (autoPad != "NOTSET") {
        im.fail(node, "unknown auto_pad '" + autoPad + "'");
    }
    layer.attributes.set("padding", pads);
}

void linkWeights(Importer& im, const Node& node, Layer& layer, int weightIndex, int biasIndex)
{
    const ConstantValue& w = im.constantInput(node, weightIndex, "the weight");
    if (w.weightName.empty() && w.isInteger())
        im.fail(node, "the weight '" + node.input(weightIndex) + "' has type " + onnxTypeName(w.dataType)
                          + "; weights must be float, float16, int8 or uint8");
    layer.weightTensor = im.storeConstant(node, w, node.input(weightIndex));
    layer.weightType = im.storedTypeOf(w);
    if (biasIndex >= 0 && im.hasInput(node, biasIndex))
        layer.biasTensor = im.storeConstant(node, im.constantInput(node, biasIndex, "the bias"), node.input(biasIndex));
}

std::size_t buildConv(Importer& im, const Node& node, int xIndex, int wIndex, int bIndex)
{
    const ActivationValue& x = imageInput(im, node, xIndex);
    const ConstantValue& w = im.constantInput(node, wIndex, "the weight");
    const std::int64_t group = im.attrInt(node, "group", 1);
    if (w.dims.size() != 4)
        im.fail(node, "the weight must be 4-D [F, C/group, kh, kw], found " + shapeToString(w.dims));
    if (group <= 0 || w.dims[1] * group != x.onnxShape[1])
        im.fail(node, "weight " + shapeToString(w.dims) + " with group " + std::to_string(group)
                          + " does not fit input channels " + std::to_string(x.onnxShape[1]));
    const Ints kernel = im.attrInts(node, "kernel_shape", {w.dims[2], w.dims[3]});
    if (kernel != Ints{w.dims[2], w.dims[3]})
        im.fail(node, "kernel_shape does not match the weight " + shapeToString(w.dims));
    Layer layer;
    layer.op = OpKind::Conv2D;
    layer.inputs = {x.tensor};
    layer.attributes.set("filters", w.dims[0]);
    layer.attributes.set("groups", group);
    layer.attributes.set("bias", std::int64_t{im.hasInput(node, bIndex) ? 1 : 0});
    setWindow(im, node, layer, kernel, x.ourShape(), true);
    linkWeights(im, node, layer, wIndex, bIndex);
    const std::size_t index = im.emit(node, std::move(layer));
    im.weightOutputAxis[index] = 0;
    return index;
}

void importConvTranspose(Importer& im, const Node& node)
{
    const ActivationValue& x = imageInput(im, node, 0);
    const ConstantValue& w = im.constantInput(node, 1, "the weight");
    const std::int64_t group = im.attrInt(node, "group", 1);
    if (w.dims.size() != 4 || group <= 0 || w.dims[0] != x.onnxShape[1])
        im.fail(node, "the weight must be [C, F/group, kh, kw] with C = input channels, found " + shapeToString(w.dims));
    const Ints kernel{w.dims[2], w.dims[3]};
    Layer layer;
    layer.op = OpKind::ConvTranspose2D;
    layer.inputs = {x.tensor};
    layer.attributes.set("filters", w.dims[1] * group);
    layer.attributes.set("groups", group);
    layer.attributes.set("bias", std::int64_t{im.hasInput(node, 2) ? 1 : 0});
    setWindow(im, node, layer, kernel, x.ourShape(), true);
    const Ints outputPadding = im.attrInts(node, "output_padding", {0, 0});
    if (outputPadding != Ints{0, 0})
        layer.attributes.set("output_padding", outputPadding);
    const Ints outputShape = im.attrInts(node, "output_shape", {});
    if (!outputShape.empty()) { // ONNX: total = stride*(in-1) + output_padding + (k-1)*d + 1 - out
        const Ints strides = layer.attributes.getInts("stride", {1, 1});
        const Ints dilations = im.attrInts(node, "dilations", {1, 1});
        Ints pads(4);
        for (std::size_t a = 0; a < 2; ++a) {
            const std::int64_t out = outputShape[outputShape.size() - 2 + a];
            const std::int64_t total = strides[a] * (x.ourShape()[a + 1] - 1) + outputPadding[a]
                + (kernel[a] - 1) * dilations[a] + 1 - out;
            const bool upper = im.attrString(node, "auto_pad", "NOTSET") == "SAME_UPPER";
            pads[a] = upper ? total / 2 : total - total / 2;
            pads[a + 2] = total - pads[a];
        }
        layer.attributes.set("padding", pads);
    }
    linkWeights(im, node, layer, 1, 2);
    im.weightOutputAxis[im.emit(node, std::move(layer))] = 1;
}

// Dense from a [.., K] activation and a constant [K, N] (or [N, K] with transB).
std::size_t buildDense(Importer& im, const Node& node, int aIndex, int bIndex, int cIndex, bool transB)
{
    const ActivationValue& a = im.activationInput(node, aIndex);
    const ConstantValue& b = im.constantInput(node, bIndex, "the weight matrix");
    if (b.dims.size() != 2)
        im.fail(node, "the weight matrix must be 2-D, found " + shapeToString(b.dims));
    const std::int64_t k = transB ? b.dims[1] : b.dims[0];
    const std::int64_t n = transB ? b.dims[0] : b.dims[1];
    if (a.onnxShape.empty() || a.onnxShape.back() != k || a.dropped.back())
        im.fail(node, "input " + shapeToString(a.onnxShape) + " does not match the weight " + shapeToString(b.dims));
    Layer layer;
    layer.op = OpKind::Dense;
    layer.inputs = {a.tensor};
    layer.attributes.set("units", n);
    const bool bias = cIndex >= 0 && im.hasInput(node, cIndex) && im.attrFloat(node, "beta", 1.0) != 0.0;
    layer.attributes.set("bias", std::int64_t{bias ? 1 : 0});
    linkWeights(im, node, layer, bIndex, bias ? cIndex : -1);
    const std::size_t index = im.emit(node, std::move(layer));
    im.weightOutputAxis[index] = transB ? 0 : 1;
    return index;
}

// QLinearConv (x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, B) and
// QLinearMatMul (a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp): the
// output is stored at y_zero_point's type (onnx/docs/Operators.md).
void quantizedOutput(Importer& im, const Node& node, std::size_t layerIndex)
{
    if (const auto type = quantizedOutputType(im, node, 7))
        im.layer(layerIndex).activationType = *type;
}

void importGemm(Importer& im, const Node& node)
{
    if (im.attrInt(node, "transA", 0) != 0)
        im.fail(node, "transA = 1 is not supported (batch-1 inference feeds a row vector)");
    buildDense(im, node, 0, 1, 2, im.attrInt(node, "transB", 0) != 0);
}

void importMatMul(Importer& im, const Node& node)
{
    if (im.input(node, 1).isConstant) {
        buildDense(im, node, 0, 1, -1, false);
        return;
    }
    const ActivationValue& a = im.activationInput(node, 0);
    const ActivationValue& b = im.activationInput(node, 1);
    Layer layer;
    layer.op = OpKind::MatMul;
    layer.inputs = {a.tensor, b.tensor};
    im.emit(node, std::move(layer));
}

void importPool(Importer& im, const Node& node)
{
    const ActivationValue& x = imageInput(im, node, 0);
    const bool isMax = node.op_type() == "MaxPool";
    if (node.output_size() > 1 && !node.output(1).empty())
        im.fail(node, "the Indices output of MaxPool is not supported");
    Layer layer;
    layer.op = isMax ? OpKind::MaxPool : OpKind::AvgPool;
    layer.inputs = {x.tensor};
    setWindow(im, node, layer, im.attrInts(node, "kernel_shape", {}), x.ourShape(), isMax);
    if (im.attrInt(node, "ceil_mode", 0) != 0)
        layer.attributes.set("ceil_mode", std::int64_t{1});
    im.emit(node, std::move(layer));
}

void importGlobalPool(Importer& im, const Node& node)
{
    const ActivationValue& x = imageInput(im, node, 0);
    Layer layer;
    layer.inputs = {x.tensor};
    if (node.op_type() == "GlobalAveragePool") {
        layer.op = OpKind::GlobalAvgPool;
    } else { // GlobalMaxPool: a max pool whose window is the whole map
        layer.op = OpKind::MaxPool;
        const Shape in = x.ourShape();
        layer.attributes.set("kernel", Ints{in[1], in[2]});
    }
    im.emit(node, std::move(layer));
}

// ReduceMean over H and W of an NCHW tensor = global average pooling.
void importReduceMean(Importer& im, const Node& node)
{
    const ActivationValue& x = imageInput(im, node, 0);
    Ints axes = im.opset() >= 18 && im.hasInput(node, 1) ? im.intsInput(node, 1, "axes") : im.attrInts(node, "axes", {});
    for (std::int64_t& axis : axes)
        axis = axis < 0 ? axis + 4 : axis;
    std::sort(axes.begin(), axes.end());
    if (axes != Ints{2, 3})
        im.fail(node, "only ReduceMean over the spatial axes [2, 3] (global average pooling) is supported");
    Layer layer;
    layer.op = OpKind::GlobalAvgPool;
    layer.inputs = {x.tensor};
    if (im.attrInt(node, "keepdims", 1) != 0) {
        im.emit(node, std::move(layer));
        return;
    }
    const std::string pooled = node.output(0) + "/pooled";
    im.emit(node, std::move(layer), {}, {pooled});
    Layer squeeze;
    squeeze.op = OpKind::Squeeze;
    squeeze.inputs = {pooled};
    squeeze.attributes.set("axes", Ints{1, 2});
    im.emit(node, std::move(squeeze), {{true, false}});
}

// y = (x - mean) * scale / sqrt(var + eps) + B. Folded into the producing
// conv/dense: W'[f] = W[f] * s[f], b'[f] = B[f] + (b[f] - mean[f]) * s[f],
// s = scale / sqrt(var + eps) (the standard inference-time fold). W' is the
// stored W with a per-channel factor applied on read (no copy of W).
bool foldBatchNorm(Importer& im, const Node& node, const ActivationValue& x)
{
    const long producer = im.producerOf(x.tensor);
    if (producer < 0 || im.usesOf(x.tensor) != 1)
        return false;
    Layer& target = im.layer(static_cast<std::size_t>(producer));
    const bool linear = target.op == OpKind::Conv2D || target.op == OpKind::ConvTranspose2D || target.op == OpKind::Dense;
    if (!linear || target.attributes.getString("activation", "none") != "none" || target.weightTensor.empty()
        || (target.weightType != Precision::Fp32 && target.weightType != Precision::Fp16) || (target.op == OpKind::ConvTranspose2D && target.attributes.getInt("groups", 1) != 1))
        return false;
    const double epsilon = im.attrFloat(node, "epsilon", 1e-5);
    const auto scale = im.realsInput(node, 1, "scale"), shift = im.realsInput(node, 2, "B");
    const auto mean = im.realsInput(node, 3, "mean"), variance = im.realsInput(node, 4, "var");
    const WeightTensor& w = im.store().at(target.weightTensor);
    const int axis = im.weightOutputAxis.at(static_cast<std::size_t>(producer));
    const auto channels = static_cast<std::size_t>(w.shape.at(static_cast<std::size_t>(axis)));
    if (scale.size() != channels || shift.size() != channels || mean.size() != channels || variance.size() != channels)
        im.fail(node, "parameters do not have one value per channel (" + std::to_string(channels) + ")");
    std::size_t inner = 1;
    for (std::size_t d = static_cast<std::size_t>(axis) + 1; d < w.shape.size(); ++d)
        inner *= static_cast<std::size_t>(w.shape[d]);
    std::vector<float> bias(channels, 0.0f);
    if (!target.biasTensor.empty())
        bias = im.store().at(target.biasTensor).toFloats();
    if (bias.size() != channels)
        im.fail(node, "the producer's bias does not have one value per channel");
    auto factors = std::make_shared<std::vector<float>>(channels);
    for (std::size_t f = 0; f < channels; ++f) {
        const double s = scale[f] / std::sqrt(variance[f] + epsilon);
        (*factors)[f] = static_cast<float>(s) * (w.channelScale ? (*w.channelScale)[f % w.channelScale->size()] : 1.0f);
        bias[f] = static_cast<float>(shift[f] + (bias[f] - mean[f]) * s);
    }
    if (w.channelScale && w.channelStride != static_cast<std::int64_t>(inner))
        im.fail(node, "internal: a second BatchNorm folds along another axis");
    const std::string base = node.name().empty() ? node.output(0) : node.name();
    WeightTensor folded = w; // same bytes (no copy), scaled per output channel on read
    folded.name = base + "/folded_weight";
    folded.channelScale = factors;
    folded.channelStride = static_cast<std::int64_t>(inner);
    target.weightTensor = folded.name;
    target.biasTensor = base + "/folded_bias";
    im.store().add(std::move(folded));
    im.store().addOwnedFloats(target.biasTensor, {static_cast<std::int64_t>(channels)}, std::move(bias));
    target.attributes.set("bias", std::int64_t{1});
    im.note("BatchNormalization '" + base + "' folded into '" + target.name + "'");
    im.renameOutput(static_cast<std::size_t>(producer), node.output(0), x);
    return true;
}

void importBatchNorm(Importer& im, const Node& node)
{
    const ActivationValue& x = im.activationInput(node, 0);
    if (x.onnxShape.size() < 2 || im.ourAxis(node, x, 1) != 0)
        im.fail(node, "expects [N, C, ...] with batch 1, found " + shapeToString(x.onnxShape));
    if (foldBatchNorm(im, node, x))
        return;
    Layer layer;
    layer.op = OpKind::BatchNorm;
    layer.inputs = {x.tensor};
    layer.attributes.set("epsilon", im.attrFloat(node, "epsilon", 1e-5));
    linkWeights(im, node, layer, 1, 2);
    im.emit(node, std::move(layer), {}, {node.output(0)});
}

// ONNX B holds [Wb, Rb] (2*G*H values). TensorFlow cells have one bias
// vector; their exporters write Rb as zeros: that is our "single" form.
std::string recurrentBiasForm(Importer& im, const Node& node, std::int64_t gateRows)
{
    const ConstantValue& b = im.constantInput(node, 3, "B");
    if (b.elementCount() != 2 * gateRows)
        im.fail(node, "B " + shapeToString(b.dims) + " must hold " + std::to_string(2 * gateRows) + " values");
    const std::vector<double> values = im.realsOf(node, b);
    const bool recurrentHalfZero = std::all_of(values.begin() + gateRows, values.end(), [](double v) { return v == 0.0; });
    if (recurrentHalfZero)
        im.note("'" + node.name() + "': the recurrent bias half of B is all zeros; counted as one bias vector");
    return recurrentHalfZero ? "single" : "double";
}

// LSTM (4 gates) / GRU (3 gates), forward or reverse, batch 1. X is
// [T, 1, I] (layout 0) or [1, T, I] (layout 1); W [1, G*H, I], R [1, G*H, H],
// B [1, 2*G*H]. Y feeds our sequence output; Y_h alone -> last state only.
void importRecurrent(Importer& im, const Node& node)
{
    const bool lstm = node.op_type() == "LSTM";
    const std::int64_t gates = lstm ? 4 : 3;
    if (im.attrString(node, "direction", "forward") == "bidirectional")
        im.fail(node, "bidirectional recurrent layers are not supported");
    const ActivationValue& x = im.activationInput(node, 0);
    const bool batchFirst = im.attrInt(node, "layout", 0) != 0;
    if (x.onnxShape.size() != 3 || x.ourShape().size() != 2)
        im.fail(node, "expects a [T, 1, features] input, found " + shapeToString(x.onnxShape));
    const ConstantValue& w = im.constantInput(node, 1, "W");
    const std::int64_t hidden = im.attrInt(node, "hidden_size", w.dims.size() == 3 ? w.dims[1] / gates : 0);
    if (w.dims.size() != 3 || w.dims[0] != 1 || w.dims[1] != gates * hidden || w.dims[2] != x.onnxShape[2])
        im.fail(node, "W " + shapeToString(w.dims) + " does not match hidden_size " + std::to_string(hidden));
    const auto used = [&](int o) { return o < node.output_size() && !node.output(o).empty() && im.onnxUses(node.output(o)) > 0; };
    if (lstm && used(2))
        im.note("LSTM '" + node.name() + "': the cell-state output Y_c is given the shape of Y_h");
    const bool sequence = used(0);
    Layer layer;
    layer.op = lstm ? OpKind::Lstm : OpKind::Gru;
    layer.inputs = {x.tensor};
    layer.attributes.set("hidden", hidden);
    layer.attributes.set("bias", std::string(im.hasInput(node, 3) ? recurrentBiasForm(im, node, gates * hidden) : "none"));
    layer.attributes.set("return_sequences", std::int64_t{sequence ? 1 : 0});
    linkWeights(im, node, layer, 1, 3);
    layer.recurrentWeightTensor = im.storeConstant(node, im.constantInput(node, 2, "R"), node.input(2));
    const std::vector<bool> maskY = batchFirst ? std::vector<bool>{true, false, true, false}
                                               : std::vector<bool>{false, true, true, false};
    const std::vector<bool> maskState{true, true, false};
    if (!sequence && (node.output_size() < 2 || node.output(1).empty()))
        im.fail(node, "neither Y nor Y_h is used");
    const std::size_t index = sequence ? im.emit(node, std::move(layer), {maskY}, {node.output(0)})
                                       : im.emit(node, std::move(layer), {maskState}, {node.output(1)});
    for (int o = 1; sequence && o < std::min(node.output_size(), lstm ? 3 : 2); ++o) {
        if (!used(o)) // PyTorch names Y_h and Y_c even when nothing reads them
            continue;
        Layer last; // the final state is the last step of the sequence
        last.name = o == 1 ? "/Y_h" : "/Y_c";
        last.op = OpKind::Slice;
        last.inputs = {im.layer(index).outputs.front()};
        last.attributes.set("starts", Ints{-1});
        last.attributes.set("ends", Ints{std::numeric_limits<std::int64_t>::max()});
        last.attributes.set("axes", Ints{0});
        im.emit(node, std::move(last), {{true, false, false}}, {node.output(o)});
    }
    if (!sequence && lstm && node.output_size() > 2 && !node.output(2).empty()) {
        ActivationValue state{node.output(1), {1, 1, hidden}, maskState};
        im.alias(node.output(2), state);
    }
}

} // namespace

void registerNnHandlers(std::map<std::string, Handler>& handlers)
{
    handlers["Conv"] = [](Importer& im, const Node& node) { buildConv(im, node, 0, 1, 2); };
    handlers["QLinearConv"] = [](Importer& im, const Node& node) { quantizedOutput(im, node, buildConv(im, node, 0, 3, 8)); };
    handlers["ConvTranspose"] = importConvTranspose;
    handlers["Gemm"] = importGemm;
    handlers["MatMul"] = importMatMul;
    handlers["QLinearMatMul"] = [](Importer& im, const Node& node) {
        quantizedOutput(im, node, buildDense(im, node, 0, 3, -1, false));
    };
    handlers["MaxPool"] = importPool;
    handlers["AveragePool"] = importPool;
    handlers["GlobalAveragePool"] = importGlobalPool;
    handlers["GlobalMaxPool"] = importGlobalPool;
    handlers["ReduceMean"] = importReduceMean;
    handlers["BatchNormalization"] = importBatchNorm;
    handlers["LSTM"] = importRecurrent;
    handlers["GRU"] = importRecurrent;
}

} // namespace mdse::core::onnx_import
