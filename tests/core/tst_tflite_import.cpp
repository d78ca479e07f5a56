// TFLite import, on models written in memory with the flatbuffers builder
// (tests/core/tst_tflite_builder.h). Operator semantics, input slots and
// option fields are those of tensorflow/lite/schema/schema.fbs and the
// kernels in tensorflow/lite/kernels; expected shapes, params and MACs are
// computed by hand with the counting rules of docs/network-statistics.md
// (a conv costs out_elements * (C_in / groups) * kh * kw MACs).
#include "core/graph/layer_stats.h"
#include "core/graph/weight_store.h"
#include "tests/core/tst_tflite_builder.h"

#include <QtTest>

#include <algorithm>

using namespace mdse::core;
using mdse::test::TfliteBuilder;
using B = TfliteBuilder;

namespace {

// schema.fbs enum BuiltinOperator
enum Op : std::int32_t {
    ADD = 0, AVERAGE_POOL_2D = 1, CONCATENATION = 2, CONV_2D = 3, DEPTHWISE_CONV_2D = 4, DEQUANTIZE = 6,
    FULLY_CONNECTED = 9, RESHAPE = 22, SOFTMAX = 25, SVDF = 27, CUSTOM = 32, EXP = 47, LSTM_SEQ = 44,
    BATCH_MATMUL = 126,
};
// schema.fbs enum ActivationFunctionType / Padding
constexpr std::int64_t kRelu = 1, kRelu6 = 3, kSame = 0, kValid = 1;

bool anyNoteContains(const Network& network, const std::string& text)
{
    const auto& notes = network.definition().notes;
    return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

B::Quant perChannel(int channels)
{
    B::Quant q;
    for (int c = 0; c < channels; ++c) {
        q.scales.push_back(0.1f * static_cast<float>(c + 1));
        q.zeroPoints.push_back(0);
    }
    return q;
}

} // namespace

class TestTfliteImport : public QObject {
    Q_OBJECT
private slots:
    void int8ConvPerChannelFusedRelu6();
    void depthwiseValid();
    void fullyConnectedFlattensNhwc();
    void smallClassifierTotals();
    void unknownAndCustomOpsAreOpaque();
    void concatFusedReluIsItsOwnLayer();
    void int4PackedWeights();
    void fp16WeightsThroughDequantize();
    void lstmStateTensorsAreMarked();
    void svdfCounts();
    void batchMatMulOfTwoActivations();
};

void TestTfliteImport::int8ConvPerChannelFusedRelu6()
{
    // x [1,16,16,3] int8 -> CONV_2D (w [8,3,3,3] int8, per-channel scales
    // 0.1 .. 0.8 on axis 0; b [8] int32), SAME, stride 2, fused RELU6 ->
    // y [1,8,8,8] int8 (SAME: ceil(16 / 2) = 8; conv.cc).
    B b;
    const int x = b.tensor("x", {1, 16, 16, 3}, B::I8, {{0.5f}, {-1}});
    const int w = b.constant("w", {8, 3, 3, 3}, B::I8, perChannel(8));
    const int bias = b.constant("b", {8}, B::I32);
    const int y = b.tensor("y", {1, 8, 8, 8}, B::I8, {{0.25f}, {-128}});
    b.op(CONV_2D, {x, w, bias}, {y}, B::Conv2DOptions, {{0, kSame, 1}, {1, 2}, {2, 2}, {3, kRelu6, 1}});
    b.inputs({x});
    b.outputs({y});
    const Network network = b.import();
    QCOMPARE(network.layers().size(), std::size_t{1});
    const Layer& conv = network.layers().front();
    QCOMPARE(conv.op, OpKind::Conv2D);
    QCOMPARE(conv.attributes.getString("activation", ""), std::string("relu6"));
    QCOMPARE(*conv.weightType, Precision::Int8);
    QCOMPARE(*conv.activationType, Precision::Int8);
    QCOMPARE(network.inputs().front().shape, (Shape{3, 16, 16})); // NHWC [1,16,16,3] -> [C,H,W]
    QCOMPARE(network.inputs().front().type, Precision::Int8);
    const LayerStats stats = computeStats(network).layers.front();
    QCOMPARE(stats.outputShapes.front(), (Shape{8, 8, 8}));
    QCOMPARE(stats.macs, 13824LL);  // 8*8*8 outputs * 3*3*3 = 512 * 27
    QCOMPARE(stats.params, 224LL);  // 8*27 weights + 8 biases
    // Dequantized weights: real = (q - zero_point) * scale[channel]; the
    // channel axis is 0, so elements 0..26 are channel 0 and 27.. channel 1.
    // The builder fills element i with (i % 100) + 1.
    const WeightTensor& weights = network.definition().weights->at(conv.weightTensor);
    QCOMPARE(weights.type, Precision::Int8);
    QCOMPARE(weights.bytes.size(), std::size_t{216});
    QVERIFY(qAbs(weights.valueAt(0) - 0.1f) < 1e-6f);        // 1 * 0.1
    QVERIFY(qAbs(weights.valueAt(27) - 5.6f) < 1e-5f);       // 28 * 0.2
    QVERIFY(qAbs(weights.valueAt(215) - 0.8f * 16) < 1e-4f); // (215 % 100 + 1) = 16, channel 7
}

void TestTfliteImport::depthwiseValid()
{
    // x [1,8,8,8] -> DEPTHWISE_CONV_2D (w [1,3,3,8], multiplier 1), VALID,
    // stride 1 -> [1,6,6,8]: 8 - 3 + 1 = 6; MACs 6*6*8 outputs * 9 = 2,592;
    // params 72 weights + 8 biases (depthwise_conv.cc).
    B b;
    const int x = b.tensor("x", {1, 8, 8, 8});
    const int w = b.constant("w", {1, 3, 3, 8});
    const int bias = b.constant("b", {8});
    const int y = b.tensor("y", {1, 6, 6, 8});
    b.op(DEPTHWISE_CONV_2D, {x, w, bias}, {y}, B::DepthwiseConv2DOptions, {{0, kValid, 1}, {1, 1}, {2, 1}, {3, 1}});
    b.inputs({x});
    b.outputs({y});
    const Network network = b.import();
    const LayerStats stats = computeStats(network).layers.front();
    QCOMPARE(network.layers().front().attributes.getInt("groups", 1), 8LL);
    QCOMPARE(stats.outputShapes.front(), (Shape{8, 6, 6}));
    QCOMPARE(stats.macs, 2592LL);
    QCOMPARE(stats.params, 80LL);
    QCOMPARE(convVariant(network.layers().front(), Shape{8, 8, 8}), std::string("depthwise"));
}

void TestTfliteImport::fullyConnectedFlattensNhwc()
{
    // x [1,4,4,8] (128 elements) -> FULLY_CONNECTED (w [10,128], b [10])
    // -> [1,10]: TFLite views the input as [128] (fully_connected.cc), a
    // reshape view here; MACs 128 * 10 = 1,280; params 1,280 + 10.
    B b;
    const int x = b.tensor("x", {1, 4, 4, 8});
    const int w = b.constant("w", {10, 128});
    const int bias = b.constant("b", {10});
    const int y = b.tensor("y", {1, 10});
    b.op(FULLY_CONNECTED, {x, w, bias}, {y}, B::FullyConnectedOptions, {{0, 0, 1}});
    b.inputs({x});
    b.outputs({y});
    const Network network = b.import();
    const NetworkStats stats = computeStats(network);
    QCOMPARE(stats.layers.size(), std::size_t{2});
    QCOMPARE(stats.layers[0].op, OpKind::Reshape);
    QCOMPARE(stats.layers[1].op, OpKind::Dense);
    QCOMPARE(stats.layers[1].outputShapes.front(), (Shape{10}));
    QCOMPARE(stats.totals.macs, 1280LL);
    QCOMPARE(stats.totals.params, 1290LL);
}

void TestTfliteImport::smallClassifierTotals()
{
    // x [1,8,8,3] -> CONV 1x1 x16 VALID -> [1,8,8,16] -> AVERAGE_POOL 8x8
    // stride 8 -> [1,1,1,16] -> RESHAPE [1,16] -> FC 16->4 -> SOFTMAX.
    // MACs: 8*8*16*3 = 3,072 + 16*4 = 64 -> 3,136.
    // Params: 48 + 16 (conv) + 64 + 4 (fc) = 132.
    // Activation elements: input 192 + conv 1,024 + pool 16 + fc 4 +
    // softmax 4 = 1,240 (the reshape is a view).
    B b;
    const int x = b.tensor("x", {1, 8, 8, 3});
    const int w1 = b.constant("w1", {16, 1, 1, 3});
    const int b1 = b.constant("b1", {16});
    const int c = b.tensor("conv", {1, 8, 8, 16});
    const int p = b.tensor("pool", {1, 1, 1, 16});
    const int shape = b.ints("shape", {1, 16});
    const int r = b.tensor("flat", {1, 16});
    const int w2 = b.constant("w2", {4, 16});
    const int b2 = b.constant("b2", {4});
    const int f = b.tensor("logits", {1, 4});
    const int s = b.tensor("probs", {1, 4});
    b.op(CONV_2D, {x, w1, b1}, {c}, B::Conv2DOptions, {{0, kValid, 1}, {1, 1}, {2, 1}});
    b.op(AVERAGE_POOL_2D, {c}, {p}, B::Pool2DOptions, {{0, kValid, 1}, {1, 8}, {2, 8}, {3, 8}, {4, 8}});
    b.op(RESHAPE, {p, shape}, {r});
    b.op(FULLY_CONNECTED, {r, w2, b2}, {f}, B::FullyConnectedOptions, {});
    b.op(SOFTMAX, {f}, {s}, B::SoftmaxOptions, {{0, 0, 4, true, 1.0f}});
    b.inputs({x});
    b.outputs({s});
    const Network network = b.import();
    const NetworkStats stats = computeStats(network);
    const std::vector<OpKind> kinds{OpKind::Conv2D, OpKind::AvgPool, OpKind::Reshape, OpKind::Dense, OpKind::Softmax};
    QCOMPARE(stats.layers.size(), kinds.size());
    for (std::size_t i = 0; i < kinds.size(); ++i)
        QCOMPARE(stats.layers[i].op, kinds[i]);
    QCOMPARE(stats.layers[1].outputShapes.front(), (Shape{16, 1, 1}));
    QCOMPARE(stats.totals.macs, 3136LL);
    QCOMPARE(stats.totals.params, 132LL);
    QCOMPARE(stats.totals.activationElements, 1240LL);
    QCOMPARE(network.outputs(), std::vector<std::string>{"probs"});
}

void TestTfliteImport::unknownAndCustomOpsAreOpaque()
{
    // EXP (builtin 47) is outside the mapped set; a CUSTOM op is named by
    // its custom_code. Both stay layers with the file's output shapes.
    B b;
    const int x = b.tensor("x", {1, 10});
    const int e = b.tensor("e", {1, 10});
    const int z = b.tensor("z", {1, 5});
    b.op(EXP, {x}, {e});
    b.op(CUSTOM, {e}, {z}, B::NoOptions, {}, "MyPostProcess");
    b.inputs({x});
    b.outputs({z});
    const Network network = b.import();
    QCOMPARE(network.layers().size(), std::size_t{2});
    QCOMPARE(network.layers()[0].op, OpKind::Opaque);
    QCOMPARE(network.layers()[0].attributes.getString("op", ""), std::string("EXP"));
    QCOMPARE(network.layers()[1].attributes.getString("op", ""), std::string("CUSTOM:MyPostProcess"));
    QCOMPARE(network.tensor("z").shape, (Shape{5}));
    QVERIFY(anyNoteContains(network, "EXP"));
    QVERIFY(anyNoteContains(network, "MyPostProcess"));
    QCOMPARE(computeStats(network).totals.macs, 0LL);
}

void TestTfliteImport::concatFusedReluIsItsOwnLayer()
{
    // CONCATENATION on axis 3 (C) of [1,4,4,2] and [1,4,4,3] -> [1,4,4,5],
    // fused RELU: our concat carries no activation, so a relu follows.
    B b;
    const int x = b.tensor("x", {1, 4, 4, 2});
    const int w = b.constant("w", {3, 1, 1, 2});
    const int c = b.tensor("c", {1, 4, 4, 3});
    const int y = b.tensor("y", {1, 4, 4, 5});
    b.op(CONV_2D, {x, w, -1}, {c}, B::Conv2DOptions, {{0, kValid, 1}, {1, 1}, {2, 1}});
    b.op(CONCATENATION, {x, c}, {y}, B::ConcatenationOptions, {{0, 3}, {1, kRelu, 1}});
    b.inputs({x});
    b.outputs({y});
    const Network network = b.import();
    QCOMPARE(network.layers().size(), std::size_t{3});
    QCOMPARE(network.layers()[1].op, OpKind::Concat);
    QCOMPARE(network.layers()[1].attributes.getInt("axis", -1), 0LL); // NHWC axis 3 = our C axis 0
    QCOMPARE(network.layers()[2].op, OpKind::Relu);
    QCOMPARE(network.tensor("y").shape, (Shape{5, 4, 4}));
    QCOMPARE(computeStats(network).totals.params, 6LL); // 3 filters * 2 channels, no bias
}

void TestTfliteImport::int4PackedWeights()
{
    // FC weights [4,3] INT4: 12 elements packed two per byte, low nibble
    // first (schema.fbs TensorType INT4; 6 bytes). Bytes 0xF1, 0x87 hold
    // 1, -1 (0xF), 7, -8 (0x8) in two's complement.
    B b;
    const int x = b.tensor("x", {1, 3});
    const int w = b.tensor("w", {4, 3}, B::I4, {{1.0f}, {0}}, {0xF1, 0x87, 0, 0, 0, 0});
    const int y = b.tensor("y", {1, 4});
    b.op(FULLY_CONNECTED, {x, w, -1}, {y}, B::FullyConnectedOptions, {});
    b.inputs({x});
    b.outputs({y});
    const Network network = b.import();
    const Layer& dense = network.layers().front();
    QCOMPARE(*dense.weightType, Precision::Int4);
    const WeightTensor& weights = network.definition().weights->at(dense.weightTensor);
    QCOMPARE(weights.bytes.size(), std::size_t{6});
    QCOMPARE(weights.valueAt(0), 1.0f);
    QCOMPARE(weights.valueAt(1), -1.0f);
    QCOMPARE(weights.valueAt(2), 7.0f);
    QCOMPARE(weights.valueAt(3), -8.0f);
    QCOMPARE(computeStats(network).totals.params, 12LL);
    // One byte short of the packed size is refused.
    B shortBuffer;
    const int sx = shortBuffer.tensor("x", {1, 3});
    shortBuffer.tensor("w", {4, 3}, B::I4, {}, {1, 2, 3, 4, 5});
    const int sy = shortBuffer.tensor("y", {1, 4});
    shortBuffer.op(FULLY_CONNECTED, {sx, 1, -1}, {sy}, B::FullyConnectedOptions, {});
    shortBuffer.inputs({sx});
    try {
        shortBuffer.import();
        QFAIL("a 5-byte INT4 buffer for 12 elements was accepted");
    } catch (const Error& error) {
        QVERIFY2(error.message().find("need 6") != std::string::npos, error.what());
    }
}

void TestTfliteImport::fp16WeightsThroughDequantize()
{
    // A float16 model keeps FLOAT16 constants and DEQUANTIZEs them to
    // float32 before the conv (the converter's fp16 post-training
    // quantization). The DEQUANTIZE of a constant is no layer; the conv's
    // weights are fp16.
    B b;
    const int x = b.tensor("x", {1, 4, 4, 3});
    const int w16 = b.constant("w16", {8, 1, 1, 3}, B::F16);
    const int w = b.tensor("w", {8, 1, 1, 3});
    const int y = b.tensor("y", {1, 4, 4, 8});
    b.op(DEQUANTIZE, {w16}, {w});
    b.op(CONV_2D, {x, w, -1}, {y}, B::Conv2DOptions, {{0, kSame, 1}, {1, 1}, {2, 1}});
    b.inputs({x});
    b.outputs({y});
    const Network network = b.import();
    QCOMPARE(network.layers().size(), std::size_t{1});
    QCOMPARE(*network.layers().front().weightType, Precision::Fp16);
    QCOMPARE(network.definition().weights->at(network.layers().front().weightTensor).valueAt(5), 1.0f);
    QCOMPARE(computeStats(network).totals.macs, 384LL); // 4*4*8 outputs * 3
}

void TestTfliteImport::lstmStateTensorsAreMarked()
{
    // UNIDIRECTIONAL_SEQUENCE_LSTM, input [1,5,4] (batch 1, 5 steps, 4
    // features), hidden 3; inputs 1-4 the input weights [3,4], 5-8 the
    // recurrent weights [3,3], 12-15 the gate biases [3], 18-19 the output
    // and cell state (variable tensors); other slots -1
    // (unidirectional_sequence_lstm.cc). Per step the four gates cost
    // 4 * 3 * (4 + 3) = 84 MACs; 5 steps: 420. Params 84 weights + 12 biases.
    B b;
    const int x = b.tensor("x", {1, 5, 4});
    std::vector<std::int32_t> in(24, -1);
    in[0] = x;
    for (int g = 0; g < 4; ++g) {
        in[static_cast<std::size_t>(1 + g)] = b.constant("wi" + std::to_string(g), {3, 4});
        in[static_cast<std::size_t>(5 + g)] = b.constant("wr" + std::to_string(g), {3, 3});
        in[static_cast<std::size_t>(12 + g)] = b.constant("b" + std::to_string(g), {3});
    }
    in[18] = b.tensor("output_state", {1, 3}, B::F32, {}, {}, true);
    in[19] = b.tensor("cell_state", {1, 3}, B::F32, {}, {}, true);
    const int y = b.tensor("y", {1, 5, 3});
    b.op(LSTM_SEQ, in, {y});
    b.inputs({x});
    b.outputs({y});
    const Network network = b.import();
    QCOMPARE(network.layers().front().op, OpKind::Lstm);
    const auto& state = network.definition().stateTensors;
    QCOMPARE(state.size(), std::size_t{2});
    QCOMPARE(state[0].name, std::string("output_state"));
    QCOMPARE(state[1].shape, (Shape{3}));
    const NetworkStats stats = computeStats(network);
    QCOMPARE(stats.totals.macs, 420LL);
    QCOMPARE(stats.totals.params, 96LL);
}

void TestTfliteImport::svdfCounts()
{
    // SVDF (svdf.cc): input [1, 40], weights_feature [F = 32, 40],
    // weights_time [32, M = 10], bias [U = 8] (rank F / U = 4), activation
    // state [1, 32 * 10] (variable). Per invocation the feature matmul costs
    // F * I = 1,280 MACs and the time filter F * M = 320: 1,600 MACs;
    // weights 1,280 + 320 = 1,600, biases 8.
    B b;
    const int x = b.tensor("x", {1, 40});
    const int wf = b.constant("wf", {32, 40});
    const int wt = b.constant("wt", {32, 10});
    const int bias = b.constant("b", {8});
    const int state = b.tensor("state", {1, 320}, B::F32, {}, {}, true);
    const int y = b.tensor("y", {1, 8});
    b.op(SVDF, {x, wf, wt, bias, state}, {y}, B::SVDFOptions, {{0, 4}});
    b.inputs({x});
    b.outputs({y});
    const Network network = b.import();
    QCOMPARE(network.layers().front().op, OpKind::Opaque);
    QCOMPARE(network.definition().stateTensors.size(), std::size_t{1});
    const NetworkStats stats = computeStats(network);
    QCOMPARE(stats.totals.macs, 1600LL);
    QCOMPARE(stats.totals.params, 1608LL);
}

void TestTfliteImport::batchMatMulOfTwoActivations()
{
    // BATCH_MATMUL of x [1, 4, 8] and y [1, 8, 6], both run-time (attention
    // scores): [1, 4, 6], M * N * K = 4 * 6 * 8 = 192 MACs (batch_matmul.cc).
    B b;
    const int x = b.tensor("x", {1, 4, 8});
    const int y = b.tensor("y", {1, 8, 6});
    const int z = b.tensor("z", {1, 4, 6});
    b.op(BATCH_MATMUL, {x, y}, {z});
    b.inputs({x, y});
    b.outputs({z});
    const Network network = b.import();
    QCOMPARE(network.layers().front().op, OpKind::MatMul);
    QCOMPARE(network.tensor("z").shape, (Shape{4, 6}));
    QCOMPARE(computeStats(network).totals.macs, 192LL);
}

QTEST_GUILESS_MAIN(TestTfliteImport)
#include "tst_tflite_import.moc"
