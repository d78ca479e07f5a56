// Compute operators: convolutions, fully connected, matmul, pooling, the
// recurrent ops, activations and (de)quantization. Input slots and option
// field ids follow tensorflow/lite/schema/schema.fbs and the kernel input
// order of tensorflow/lite/kernels (conv.cc, depthwise_conv.cc,
// transpose_conv.cc, fully_connected.cc, unidirectional_sequence_lstm.cc,
// svdf.cc).
#include "core/io/tflite/tflite_importer.h"

#include "core/util/error.h"

#include <algorithm>

namespace mdse::core::tflite_import {
namespace {

namespace s = schema;
using Ints = std::vector<std::int64_t>;

std::string padding(const FbTable& options, int field)
{
    return options.scalar<std::int8_t>(field, s::SAME) == s::VALID ? "valid" : "same";
}

std::int64_t positive(Importer& im, const TflOperator& op, std::int32_t value, const char* what)
{
    if (value <= 0)
        im.fail(op, std::string(what) + " must be positive, found " + std::to_string(value));
    return value;
}

// Weight [O, kh, kw, I] (conv, transpose conv) or [1, kh, kw, C*M] (depthwise).
const TflTensor& filter4d(Importer& im, const TflOperator& op, std::size_t slot)
{
    const TflTensor& w = im.constant(op, slot, "filter");
    if (w.shape.size() != 4)
        im.fail(op, "the filter must be 4-D, found rank " + std::to_string(w.shape.size()));
    return w;
}

void attachWeights(Importer& im, const TflOperator& op, Layer& layer, std::size_t weightSlot, int biasSlot)
{
    layer.weightTensor = im.weight(op, op.inputs[weightSlot]);
    layer.weightType = im.storedPrecision(op.inputs[weightSlot]);
    const bool hasBias = biasSlot >= 0 && im.hasInput(op, static_cast<std::size_t>(biasSlot));
    layer.attributes.set("bias", std::int64_t{hasBias ? 1 : 0});
    if (hasBias) {
        im.constant(op, static_cast<std::size_t>(biasSlot), "bias");
        layer.biasTensor = im.weight(op, op.inputs[static_cast<std::size_t>(biasSlot)]);
    }
}

// CONV_2D: input, filter [O, kh, kw, I], bias [O]; groups = C_in / I.
void conv2d(Importer& im, const TflOperator& op)
{
    namespace f = s::conv2d;
    const FbTable& o = op.options;
    Layer layer = im.layer(op, OpKind::Conv2D);
    layer.inputs = {im.activation(op, 0)};
    const TflTensor& w = filter4d(im, op, 1);
    const Shape in = im.ourShape(op.inputs[0]);
    if (in.size() != 3)
        im.fail(op, "expects an input [1, H, W, C], found " + shapeToString(in) + " in our order");
    if (in[0] % w.shape[3] != 0)
        im.fail(op, "input channels " + std::to_string(in[0]) + " are not a multiple of the filter's "
                        + std::to_string(w.shape[3]));
    layer.attributes.set("filters", std::int64_t{w.shape[0]});
    layer.attributes.set("kernel", Ints{w.shape[1], w.shape[2]});
    layer.attributes.set("stride", Ints{positive(im, op, o.scalar<std::int32_t>(f::stride_h, 1), "stride_h"),
                                        positive(im, op, o.scalar<std::int32_t>(f::stride_w, 1), "stride_w")});
    layer.attributes.set("dilation", Ints{positive(im, op, o.scalar<std::int32_t>(f::dilation_h, 1), "dilation_h"),
                                          positive(im, op, o.scalar<std::int32_t>(f::dilation_w, 1), "dilation_w")});
    layer.attributes.set("padding", padding(o, f::padding));
    layer.attributes.set("groups", in[0] / w.shape[3]);
    attachWeights(im, op, layer, 1, 2);
    im.emit(op, std::move(layer), o.scalar<std::int8_t>(f::fused_activation, s::ACT_NONE));
}

// DEPTHWISE_CONV_2D: input, filter [1, kh, kw, C * M], bias [C * M].
void depthwise(Importer& im, const TflOperator& op)
{
    namespace f = s::depthwise;
    const FbTable& o = op.options;
    Layer layer = im.layer(op, OpKind::Conv2D);
    layer.inputs = {im.activation(op, 0)};
    const TflTensor& w = filter4d(im, op, 1);
    const Shape in = im.ourShape(op.inputs[0]);
    if (in.size() != 3)
        im.fail(op, "expects an input [1, H, W, C], found " + shapeToString(in) + " in our order");
    layer.attributes.set("filters", std::int64_t{w.shape[3]});
    layer.attributes.set("kernel", Ints{w.shape[1], w.shape[2]});
    layer.attributes.set("stride", Ints{positive(im, op, o.scalar<std::int32_t>(f::stride_h, 1), "stride_h"),
                                        positive(im, op, o.scalar<std::int32_t>(f::stride_w, 1), "stride_w")});
    layer.attributes.set("dilation", Ints{positive(im, op, o.scalar<std::int32_t>(f::dilation_h, 1), "dilation_h"),
                                          positive(im, op, o.scalar<std::int32_t>(f::dilation_w, 1), "dilation_w")});
    layer.attributes.set("padding", padding(o, f::padding));
    layer.attributes.set("groups", in[0]);
    attachWeights(im, op, layer, 1, 2);
    im.emit(op, std::move(layer), o.scalar<std::int8_t>(f::fused_activation, s::ACT_NONE));
}

// TRANSPOSE_CONV: output_shape, weights [O, kh, kw, I], input, bias.
void transposeConv(Importer& im, const TflOperator& op)
{
    namespace f = s::transpose_conv;
    const FbTable& o = op.options;
    Layer layer = im.layer(op, OpKind::ConvTranspose2D);
    layer.inputs = {im.activation(op, 2)};
    const TflTensor& w = filter4d(im, op, 1);
    const std::int64_t strideH = positive(im, op, o.scalar<std::int32_t>(f::stride_h, 1), "stride_h");
    const std::int64_t strideW = positive(im, op, o.scalar<std::int32_t>(f::stride_w, 1), "stride_w");
    layer.attributes.set("filters", std::int64_t{w.shape[0]});
    layer.attributes.set("kernel", Ints{w.shape[1], w.shape[2]});
    layer.attributes.set("stride", Ints{strideH, strideW});
    const std::string pad = padding(o, f::padding);
    layer.attributes.set("padding", pad);
    if (pad == "valid") { // out = (in - 1) * s + k; the file's output_shape may add up to s - 1
        const Shape in = im.ourShape(op.inputs[2]);
        const Shape out = im.ourShape(op.outputs.at(0));
        if (in.size() == 3 && out.size() == 3) {
            const std::int64_t extraH = out[1] - ((in[1] - 1) * strideH + w.shape[1]);
            const std::int64_t extraW = out[2] - ((in[2] - 1) * strideW + w.shape[2]);
            if (extraH != 0 || extraW != 0)
                layer.attributes.set("output_padding", Ints{extraH, extraW});
        }
    }
    attachWeights(im, op, layer, 1, 3);
    im.emit(op, std::move(layer), o.scalar<std::int8_t>(f::fused_activation, s::ACT_NONE));
}

// FULLY_CONNECTED: input, weights [O, K], bias [O]. TFLite flattens the
// input to [elements / K, K]; we view it so (a reshape view) when our shape
// does not already end in K.
void fullyConnected(Importer& im, const TflOperator& op)
{
    const TflTensor& w = im.constant(op, 1, "weights");
    if (w.shape.size() != 2)
        im.fail(op, "the weights must be 2-D [O, K], found rank " + std::to_string(w.shape.size()));
    const std::int64_t k = w.shape[1];
    std::string input = im.activation(op, 0);
    const Shape in = im.ourShape(op.inputs[0]);
    const std::int64_t elements = elementCount(in);
    if (elements % k != 0)
        im.fail(op, "the input's " + std::to_string(elements) + " elements are not a multiple of K = " + std::to_string(k));
    if (in.back() != k)
        input = im.viewAs(op, input, elements == k ? Shape{k} : Shape{elements / k, k}, "flatten");
    Layer layer = im.layer(op, OpKind::Dense);
    layer.inputs = {input};
    layer.attributes.set("units", std::int64_t{w.shape[0]});
    attachWeights(im, op, layer, 1, 2);
    im.emit(op, std::move(layer), op.options.scalar<std::int8_t>(s::fully_connected::fused_activation, s::ACT_NONE));
}

// BATCH_MATMUL: x [..., M, K], y [..., K, N] (adj_x / adj_y transpose the
// last two axes). A constant 2-D y is a weight matrix (Dense); two run-time
// operands are a MatMul; with adjoints it is kept opaque with its MACs,
// elements(output) * K.
void batchMatMul(Importer& im, const TflOperator& op)
{
    const bool adjX = op.options.scalar<std::uint8_t>(s::batch_matmul::adj_x, 0) != 0;
    const bool adjY = op.options.scalar<std::uint8_t>(s::batch_matmul::adj_y, 0) != 0;
    const int x = im.inputIndex(op, 0, "x");
    const int y = im.inputIndex(op, 1, "y");
    const auto& xs = im.tensor(x).shape;
    const auto& ys = im.tensor(y).shape;
    if (xs.size() < 2 || ys.size() < 2)
        im.fail(op, "both operands must have rank >= 2");
    if (im.isConstant(y) && ys.size() == 2 && !adjX && !adjY) {
        Layer layer = im.layer(op, OpKind::Dense);
        layer.inputs = {im.activation(op, 0)};
        layer.attributes.set("units", std::int64_t{ys[1]});
        layer.weightTensor = im.weight(op, y);
        layer.weightType = im.storedPrecision(y);
        layer.attributes.set("bias", std::int64_t{0});
        im.emit(op, std::move(layer));
        return;
    }
    if (!adjX && !adjY && !im.isConstant(x) && !im.isConstant(y)) {
        Layer layer = im.layer(op, OpKind::MatMul);
        layer.inputs = {im.activation(op, 0), im.activation(op, 1)};
        im.emit(op, std::move(layer));
        return;
    }
    const std::int64_t k = adjX ? xs[xs.size() - 2] : xs.back();
    OpaqueCounts counts;
    counts.macs = im.mul(op, elementCount(im.ourShape(op.outputs.at(0))), k);
    if (im.isConstant(y))
        counts.weights = im.elementsOf(op, 1);
    im.emitOpaque(op, "", counts);
}

void pool(Importer& im, const TflOperator& op, OpKind kind)
{
    namespace f = s::pool2d;
    const FbTable& o = op.options;
    Layer layer = im.layer(op, kind);
    layer.inputs = {im.activation(op, 0)};
    layer.attributes.set("kernel", Ints{positive(im, op, o.scalar<std::int32_t>(f::filter_height, 1), "filter_height"),
                                        positive(im, op, o.scalar<std::int32_t>(f::filter_width, 1), "filter_width")});
    layer.attributes.set("stride", Ints{positive(im, op, o.scalar<std::int32_t>(f::stride_h, 1), "stride_h"),
                                        positive(im, op, o.scalar<std::int32_t>(f::stride_w, 1), "stride_w")});
    layer.attributes.set("padding", padding(o, f::padding));
    im.emit(op, std::move(layer), o.scalar<std::int8_t>(f::fused_activation, s::ACT_NONE));
}

// MEAN over H and W of an NHWC input is a global average pool; other axes
// are kept opaque (a reduction: no MACs, as pooling).
void mean(Importer& im, const TflOperator& op)
{
    const int x = im.inputIndex(op, 0, "input");
    Ints axes = im.ints(op, 1, "axes");
    const auto rank = static_cast<std::int64_t>(im.tensor(x).shape.size());
    for (std::int64_t& a : axes)
        if (a < 0)
            a += rank;
    std::sort(axes.begin(), axes.end());
    if (im.layout(x).nhwc && axes == Ints{1, 2}) {
        Layer layer = im.layer(op, OpKind::GlobalAvgPool);
        layer.inputs = {im.activation(op, 0)};
        im.emit(op, std::move(layer));
        return;
    }
    im.emitOpaque(op, "");
}

void unary(Importer& im, const TflOperator& op, OpKind kind)
{
    Layer layer = im.layer(op, kind);
    layer.inputs = {im.activation(op, 0)};
    if (kind == OpKind::LeakyRelu)
        layer.attributes.set("alpha", static_cast<double>(op.options.scalar<float>(s::leaky_relu::alpha, 0.2f)));
    if (kind == OpKind::Softmax) // TFLite's softmax runs over the last axis
        layer.attributes.set("axis", static_cast<std::int64_t>(im.ourAxis(op, op.inputs[0], -1)));
    im.emit(op, std::move(layer));
}

// PRELU: input, alpha (constant, broadcast against the input).
void prelu(Importer& im, const TflOperator& op)
{
    Layer layer = im.layer(op, OpKind::PRelu);
    layer.inputs = {im.activation(op, 0)};
    const int alpha = im.inputIndex(op, 1, "alpha");
    if (!im.isConstant(alpha))
        throw Unmappable("its alpha is a run-time tensor");
    const Shape constant = im.operandShape(alpha, op.outputs.at(0));
    layer.attributes.set("constant", Ints(constant.begin(), constant.end()));
    layer.weightTensor = im.weight(op, alpha);
    layer.weightType = im.storedPrecision(alpha);
    im.emit(op, std::move(layer));
}

// DEQUANTIZE of a constant (fp16 or int8 weights stored compactly) is that
// constant at its stored precision; of a run-time tensor it is an
// element-wise conversion, as is QUANTIZE (no MACs; kept opaque).
void dequantize(Importer& im, const TflOperator& op)
{
    const int x = im.inputIndex(op, 0, "input");
    if (im.isConstant(x) && op.outputs.size() == 1) {
        im.aliasConstant(op.outputs[0], x);
        return;
    }
    im.emitOpaque(op, "");
}

// UNIDIRECTIONAL_SEQUENCE_LSTM (inputs as in the kernel): 0 input [B, T, I];
// 1-4 input-to-{input, forget, cell, output} weights [H, I]; 5-8 the
// recurrent weights [H, R]; 9-11 peepholes; 12-15 gate biases; 16-17
// projection weights [P, H] and bias; 18-19 output and cell state
// (variable); 20-23 layer-norm coefficients. The plain form (input gate,
// no peephole, projection or layer norm, batch-major, batch 1) is our lstm;
// any other form is kept opaque with counts summed over the tensors present:
// per step, every [rows, cols] matrix costs rows * cols MACs.
void sequenceLstm(Importer& im, const TflOperator& op)
{
    for (std::size_t slot : {18, 19})
        if (im.hasInput(op, slot))
            im.markState(op.inputs[slot]);
    const int x = im.inputIndex(op, 0, "input");
    const auto& xs = im.tensor(x).shape;
    const bool timeMajor = op.options.scalar<std::uint8_t>(s::sequence_lstm::time_major, 0) != 0;
    if (xs.size() != 3)
        im.fail(op, "the input must be 3-D, found rank " + std::to_string(xs.size()));
    const std::int64_t steps = timeMajor ? xs[0] : xs[1];
    const std::int64_t batch = timeMajor ? xs[1] : xs[0];
    const TflTensor& forget = im.constant(op, 2, "input-to-forget weights");
    if (forget.shape.size() != 2)
        im.fail(op, "input-to-forget weights must be 2-D [H, I]");
    bool plain = !timeMajor && batch == 1 && im.hasInput(op, 1);
    for (std::size_t slot : {9, 10, 11, 16, 17, 20, 21, 22, 23})
        plain = plain && !im.hasInput(op, slot);
    if (plain) {
        Layer layer = im.layer(op, OpKind::Lstm);
        layer.inputs = {im.activation(op, 0)};
        layer.attributes.set("hidden", std::int64_t{forget.shape[0]});
        layer.attributes.set("bias", std::string(im.hasInput(op, 12) ? "single" : "none"));
        layer.attributes.set("return_sequences", std::int64_t{1});
        layer.weightTensor = im.weight(op, op.inputs[2]);
        layer.weightType = im.storedPrecision(op.inputs[2]);
        if (im.hasInput(op, 5))
            layer.recurrentWeightTensor = im.weight(op, op.inputs[5]);
        im.emit(op, std::move(layer));
        return;
    }
    OpaqueCounts counts;
    for (std::size_t slot = 1; slot <= 23; ++slot) {
        if (slot == 18 || slot == 19 || !im.hasInput(op, slot))
            continue;
        const std::int64_t elements = im.elementsOf(op, slot);
        const bool bias = (slot >= 12 && slot <= 15) || slot == 17;
        std::int64_t& total = bias ? counts.biases : counts.weights;
        total = im.add(op, total, elements);
        if (!bias && im.tensor(op.inputs[slot]).shape.size() == 2)
            counts.macs = im.add(op, counts.macs, im.mul(op, im.mul(op, steps, batch), elements));
    }
    im.emitOpaque(op, "", counts);
}

// SVDF: input [B, I], weights_feature [F, I], weights_time [F, M], bias
// [U], activation_state (variable) [B, M * F]; F = U * rank. Per
// invocation (kernels/svdf.cc): the feature matmul F * I MACs, then one
// dot product of length M per filter, F * M MACs; the rank sum adds.
void svdf(Importer& im, const TflOperator& op)
{
    if (im.hasInput(op, 4))
        im.markState(op.inputs[4]);
    const TflTensor& feature = im.constant(op, 1, "weights_feature");
    const TflTensor& time = im.constant(op, 2, "weights_time");
    if (feature.shape.size() != 2 || time.shape.size() != 2)
        im.fail(op, "weights_feature and weights_time must be 2-D");
    const std::int64_t batch = im.tensor(im.inputIndex(op, 0, "input")).shape.front();
    OpaqueCounts counts;
    counts.weights = im.add(op, im.elementsOf(op, 1), im.elementsOf(op, 2));
    counts.biases = im.elementsOf(op, 3);
    counts.macs = im.mul(op, batch, counts.weights);
    im.emitOpaque(op, "", counts);
}

} // namespace

void addNnHandlers(std::map<std::int32_t, Handler>& handlers)
{
    handlers[s::CONV_2D] = conv2d;
    handlers[s::DEPTHWISE_CONV_2D] = depthwise;
    handlers[s::TRANSPOSE_CONV] = transposeConv;
    handlers[s::FULLY_CONNECTED] = fullyConnected;
    handlers[s::BATCH_MATMUL] = batchMatMul;
    handlers[s::AVERAGE_POOL_2D] = [](Importer& im, const TflOperator& op) { pool(im, op, OpKind::AvgPool); };
    handlers[s::MAX_POOL_2D] = [](Importer& im, const TflOperator& op) { pool(im, op, OpKind::MaxPool); };
    handlers[s::MEAN] = mean;
    const std::pair<s::Builtin, OpKind> unaries[] = {
        {s::SOFTMAX, OpKind::Softmax}, {s::LOGISTIC, OpKind::Sigmoid}, {s::TANH, OpKind::Tanh},
        {s::RELU, OpKind::Relu}, {s::RELU6, OpKind::Relu6}, {s::LEAKY_RELU, OpKind::LeakyRelu},
        {s::HARD_SWISH, OpKind::HardSwish}};
    for (const auto& entry : unaries) {
        const OpKind kind = entry.second; // clang 15 cannot capture a structured binding
        handlers[entry.first] = [kind](Importer& im, const TflOperator& op) { unary(im, op, kind); };
    }
    handlers[s::PRELU] = prelu;
    handlers[s::DEQUANTIZE] = dequantize;
    handlers[s::QUANTIZE] = [](Importer& im, const TflOperator& op) { im.emitOpaque(op, ""); };
    handlers[s::UNIDIRECTIONAL_SEQUENCE_LSTM] = sequenceLstm;
    handlers[s::SVDF] = svdf;
}

} // namespace mdse::core::tflite_import
