// ONNX import, one op or exporter habit per case, on models built in memory
// through the protobuf API. Expected shapes, params and MACs are computed by
// hand from the ONNX operator definitions (onnx/docs/Operators.md) and the
// counting rules of docs/network-statistics.md.
#include "core/graph/layer_stats.h"
#include "tests/core/tst_onnx_builder.h"

#include <QtTest>

#include <functional>

using namespace mdse::core;
using mdse::test::OnnxBuilder;

namespace {

using Ints = std::vector<std::int64_t>;

// Graph: x -> Conv(W[, B]) -> y, with attributes set by `configure`.
Network convNet(const Ints& in, const Ints& w, bool bias, const std::function<void(onnx::NodeProto&)>& configure)
{
    OnnxBuilder b;
    b.input("x", in);
    b.filled("w", w);
    std::vector<std::string> inputs{"x", "w"};
    if (bias) {
        b.filled("b", {w[0]});
        inputs.push_back("b");
    }
    configure(b.node("Conv", inputs, {"y"}, "conv"));
    b.output("y");
    return b.import();
}

LayerStats only(const NetworkStats& stats)
{
    if (stats.layers.size() != 1)
        throw std::runtime_error("expected one layer, found " + std::to_string(stats.layers.size()));
    return stats.layers.front();
}

} // namespace

class TestOnnxImport : public QObject {
    Q_OBJECT
private slots:
    void conv_data();
    void conv();
    void convTranspose();
    void gemm_data();
    void gemm();
    void matMulAddIsDense();
    void batchNormFoldsIntoConv();
    void batchNormKeptWhenShared();
    void clipConstantsBecomeFusedRelu6();
    void hardSigmoidMulIsHardSwish();
    void shapeChainFlattenFolds();
    void channelShuffle();
    void zeroPadRemovedAndPools();
    void reduceMeanIsGlobalPool();
    void elementwiseWithConstants();
    void concatSplitSlice();
    void resize();
    void lstmKeywordSpotter();
    void gru();
    void quantizedWeights();
    void quantizedActivations();
    void symbolicDimensions();
    void sourceNodeAndWeights();
    void inputShapeOverrideParsing();
};

void TestOnnxImport::conv_data()
{
    QTest::addColumn<int>("variant");
    QTest::addColumn<QString>("expectedShape");
    QTest::addColumn<qlonglong>("params");
    QTest::addColumn<qlonglong>("macs");
    // [1,3,224,224], W [32,3,3,3] + bias, stride 2, pads 1: out floor((224+2-3)/2)+1 = 112;
    // params 32*27+32 = 896; MACs 32*112*112*27 = 10,838,016
    QTest::newRow("stride 2 pad 1") << 0 << "[32, 112, 112]" << 896LL << 10838016LL;
    // depthwise [1,32,112,112], W [32,1,3,3], group 32, pads 1: params 288; MACs 32*112*112*9 = 3,612,672
    QTest::newRow("depthwise") << 1 << "[32, 112, 112]" << 288LL << 3612672LL;
    // [1,8,20,20], W [16,8,3,3], dilations 2: dilated kernel 5, out 16; MACs 16*16*16*72 = 294,912
    QTest::newRow("dilation 2") << 2 << "[16, 16, 16]" << 1152LL << 294912LL;
    // [1,4,15,15], W [8,4,3,3], stride 2, SAME_UPPER: out ceil(15/2) = 8; MACs 8*8*8*36 = 18,432
    QTest::newRow("SAME_UPPER") << 3 << "[8, 8, 8]" << 288LL << 18432LL;
    // the same with SAME_LOWER (padding moves to the top/left, extent unchanged)
    QTest::newRow("SAME_LOWER") << 4 << "[8, 8, 8]" << 288LL << 18432LL;
    // [1,4,7,7], W [4,4,2,2], stride 2, pads [0,0,1,1]: out floor((7+1-2)/2)+1 = 4; MACs 4*4*4*16 = 1,024
    QTest::newRow("asymmetric pads") << 5 << "[4, 4, 4]" << 64LL << 1024LL;
}

void TestOnnxImport::conv()
{
    QFETCH(int, variant);
    QFETCH(QString, expectedShape);
    QFETCH(qlonglong, params);
    QFETCH(qlonglong, macs);
    const std::vector<std::tuple<Ints, Ints, bool, std::function<void(onnx::NodeProto&)>>> cases{
        {{1, 3, 224, 224}, {32, 3, 3, 3}, true, [](auto& n) { OnnxBuilder::setInts(n, "strides", {2, 2}); OnnxBuilder::setInts(n, "pads", {1, 1, 1, 1}); }},
        {{1, 32, 112, 112}, {32, 1, 3, 3}, false, [](auto& n) { OnnxBuilder::setInt(n, "group", 32); OnnxBuilder::setInts(n, "pads", {1, 1, 1, 1}); }},
        {{1, 8, 20, 20}, {16, 8, 3, 3}, false, [](auto& n) { OnnxBuilder::setInts(n, "dilations", {2, 2}); }},
        {{1, 4, 15, 15}, {8, 4, 3, 3}, false, [](auto& n) { OnnxBuilder::setInts(n, "strides", {2, 2}); OnnxBuilder::setString(n, "auto_pad", "SAME_UPPER"); }},
        {{1, 4, 15, 15}, {8, 4, 3, 3}, false, [](auto& n) { OnnxBuilder::setInts(n, "strides", {2, 2}); OnnxBuilder::setString(n, "auto_pad", "SAME_LOWER"); }},
        {{1, 4, 7, 7}, {4, 4, 2, 2}, false, [](auto& n) { OnnxBuilder::setInts(n, "strides", {2, 2}); OnnxBuilder::setInts(n, "pads", {0, 0, 1, 1}); }},
    };
    const auto& [in, w, bias, configure] = cases.at(static_cast<std::size_t>(variant));
    const Network network = convNet(in, w, bias, configure);
    const LayerStats layer = only(computeStats(network));
    QCOMPARE(layer.op, OpKind::Conv2D);
    QCOMPARE(QString::fromStdString(shapeToString(layer.outputShapes.front())), expectedShape);
    QCOMPARE(layer.params, params);
    QCOMPARE(layer.macs, macs);
}

void TestOnnxImport::convTranspose()
{
    // [1,16,8,8], W [16,8,4,4], stride 2, pads 1: out (8-1)*2 - 2 + 4 = 16;
    // weights 16*8*16 = 2048 (+8 bias); MACs 16*8*8 inputs * 8 * 16 = 131,072
    OnnxBuilder b;
    b.input("x", {1, 16, 8, 8});
    b.filled("w", {16, 8, 4, 4});
    b.filled("b", {8});
    auto& n = b.node("ConvTranspose", {"x", "w", "b"}, {"y"});
    OnnxBuilder::setInts(n, "strides", {2, 2});
    OnnxBuilder::setInts(n, "pads", {1, 1, 1, 1});
    b.output("y");
    const LayerStats layer = only(computeStats(b.import()));
    QCOMPARE(layer.outputShapes.front(), (Shape{8, 16, 16}));
    QCOMPARE(layer.params, 2056LL);
    QCOMPARE(layer.macs, 131072LL);
}

void TestOnnxImport::gemm_data()
{
    QTest::addColumn<bool>("transB");
    QTest::addColumn<float>("beta");
    QTest::addColumn<qlonglong>("params");
    // Flatten [1,50,4,4] -> [1,800], Gemm to 500: weights 800*500 = 400,000, bias 500
    // unless beta = 0 (C ignored); MACs 400,000 either way.
    QTest::newRow("transB, bias") << true << 1.0f << 400500LL;
    QTest::newRow("no transB, bias") << false << 1.0f << 400500LL;
    QTest::newRow("beta 0 drops C") << true << 0.0f << 400000LL;
}

void TestOnnxImport::gemm()
{
    QFETCH(bool, transB);
    QFETCH(float, beta);
    QFETCH(qlonglong, params);
    OnnxBuilder b;
    b.input("x", {1, 50, 4, 4});
    b.node("Flatten", {"x"}, {"f"});
    b.filled("w", transB ? Ints{500, 800} : Ints{800, 500});
    b.filled("c", {500});
    auto& n = b.node("Gemm", {"f", "w", "c"}, {"y"});
    OnnxBuilder::setInt(n, "transB", transB ? 1 : 0);
    OnnxBuilder::setFloat(n, "beta", beta);
    OnnxBuilder::setFloat(n, "alpha", 0.5f);
    b.output("y");
    const NetworkStats stats = computeStats(b.import());
    QCOMPARE(stats.layers.size(), std::size_t{2});
    QCOMPARE(stats.layers[0].op, OpKind::Flatten);
    QCOMPARE(stats.layers[1].outputShapes.front(), (Shape{500}));
    QCOMPARE(stats.layers[1].params, params);
    QCOMPARE(stats.layers[1].macs, 400000LL);
}

void TestOnnxImport::matMulAddIsDense()
{
    // MatMul [1,784] x [784,300] + Add [300]: one dense layer, 784*300+300 = 235,500 params
    OnnxBuilder b;
    b.input("x", {1, 784});
    b.filled("w", {784, 300});
    b.filled("b", {300});
    b.node("MatMul", {"x", "w"}, {"m"});
    b.node("Add", {"m", "b"}, {"y"});
    b.output("y");
    const Network network = b.import();
    const LayerStats layer = only(computeStats(network));
    QCOMPARE(layer.op, OpKind::Dense);
    QCOMPARE(layer.params, 235500LL);
    QCOMPARE(layer.macs, 235200LL);
    QCOMPARE(network.layers().front().biasTensor, std::string("b"));
}

void TestOnnxImport::batchNormFoldsIntoConv()
{
    // Conv W = 1 (no bias) + BN(scale 4, B 0.25, mean 0.5, var 3, eps 1):
    // s = 4/sqrt(3+1) = 2; W' = 2; b' = 0.25 + (0 - 0.5)*2 = -0.75.
    OnnxBuilder b;
    b.input("x", {1, 2, 5, 5});
    b.filled("w", {3, 2, 1, 1}, 1.0f);
    b.filled("scale", {3}, 4.0f);
    b.filled("shift", {3}, 0.25f);
    b.filled("mean", {3}, 0.5f);
    b.filled("var", {3}, 3.0f);
    b.node("Conv", {"x", "w"}, {"c"}, "conv");
    auto& bn = b.node("BatchNormalization", {"c", "scale", "shift", "mean", "var"}, {"y"}, "bn");
    OnnxBuilder::setFloat(bn, "epsilon", 1.0f);
    b.output("y");
    const Network network = b.import();
    const LayerStats layer = only(computeStats(network));
    QCOMPARE(layer.params, 6LL + 3LL); // folded graph: 3*2 weights + 3 new biases
    const Layer& conv = network.layers().front();
    QCOMPARE(conv.attributes.getInt("bias", 0), std::int64_t{1});
    QCOMPARE(network.weights()->at(conv.weightTensor).valueAt(5), 2.0f);
    QCOMPARE(network.weights()->at(conv.biasTensor).valueAt(2), -0.75f);
    QCOMPARE(network.definition().notes.size(), std::size_t{1});
}

void TestOnnxImport::batchNormKeptWhenShared()
{
    // The conv output also feeds an Add: folding would change that reader.
    OnnxBuilder b;
    b.input("x", {1, 2, 5, 5});
    b.filled("w", {2, 2, 1, 1});
    for (const char* name : {"s", "h", "m", "v"})
        b.filled(name, {2}, 1.0f);
    b.node("Conv", {"x", "w"}, {"c"}, "conv");
    b.node("BatchNormalization", {"c", "s", "h", "m", "v"}, {"n"}, "bn");
    b.node("Add", {"c", "n"}, {"y"}, "add");
    b.output("y");
    const NetworkStats stats = computeStats(b.import());
    QCOMPARE(stats.layers.size(), std::size_t{3});
    QCOMPARE(stats.layers[1].op, OpKind::BatchNorm);
    QCOMPARE(stats.layers[1].params, 4LL); // gamma and beta of 2 channels
}

void TestOnnxImport::clipConstantsBecomeFusedRelu6()
{
    OnnxBuilder b;
    b.input("x", {1, 3, 8, 8});
    b.filled("w", {4, 3, 3, 3});
    b.node("Conv", {"x", "w"}, {"c"}, "conv");
    b.constantFloat("lo", 0.0f);
    b.constantFloat("hi", 6.0f);
    b.node("Clip", {"c", "lo", "hi"}, {"y"}, "clip");
    b.output("y");
    const Network network = b.import();
    QCOMPARE(network.layers().size(), std::size_t{1});
    QCOMPARE(network.layers().front().attributes.getString("activation", ""), std::string("relu6"));
    // Clip(0, 5) is no activation we model: refused, naming the node
    OnnxBuilder other;
    other.input("x", {1, 3});
    other.constantFloat("lo", 0.0f);
    other.constantFloat("hi", 5.0f);
    other.node("Clip", {"x", "lo", "hi"}, {"y"}, "odd_clip");
    other.output("y");
    try {
        other.import();
        QFAIL("Clip(0, 5) was accepted");
    } catch (const Error& error) {
        QVERIFY(std::string(error.what()).find("odd_clip") != std::string::npos);
    }
}

void TestOnnxImport::hardSigmoidMulIsHardSwish()
{
    OnnxBuilder b;
    b.input("x", {1, 3, 8, 8});
    b.filled("w", {4, 3, 1, 1});
    b.node("Conv", {"x", "w"}, {"c"}, "conv");
    auto& gate = b.node("HardSigmoid", {"c"}, {"g"});
    OnnxBuilder::setFloat(gate, "alpha", 1.0f / 6.0f);
    OnnxBuilder::setFloat(gate, "beta", 0.5f);
    b.node("Mul", {"c", "g"}, {"y"});
    b.output("y");
    const Network network = b.import();
    QCOMPARE(network.layers().size(), std::size_t{1});
    QCOMPARE(network.layers().front().attributes.getString("activation", ""), std::string("hardswish"));
}

void TestOnnxImport::shapeChainFlattenFolds()
{
    // Shape -> Gather(0) -> Unsqueeze -> Concat(-1) -> Reshape, as torch.flatten(x, 1) exports
    OnnxBuilder b;
    b.input("x", {1, 50, 4, 4});
    b.ints("zero", {0}, {});
    b.ints("axes", {0});
    b.ints("minus1", {-1});
    b.node("Shape", {"x"}, {"s"});
    auto& gather = b.node("Gather", {"s", "zero"}, {"n"});
    OnnxBuilder::setInt(gather, "axis", 0);
    b.node("Unsqueeze", {"n", "axes"}, {"n1"});
    auto& concat = b.node("Concat", {"n1", "minus1"}, {"target"});
    OnnxBuilder::setInt(concat, "axis", 0);
    b.node("Reshape", {"x", "target"}, {"y"});
    b.output("y");
    const LayerStats layer = only(computeStats(b.import()));
    QCOMPARE(layer.op, OpKind::Flatten);
    QCOMPARE(layer.outputShapes.front(), (Shape{800}));
}

void TestOnnxImport::channelShuffle()
{
    // [1,8,4,4] -> Reshape [1,2,4,4,4] -> Transpose [0,2,1,3,4] -> Reshape [1,8,4,4]
    OnnxBuilder b;
    b.input("x", {1, 8, 4, 4});
    b.filled("w", {8, 8, 1, 1});
    b.node("Conv", {"x", "w"}, {"c"}, "conv");
    b.ints("grouped", {1, 2, 4, 4, 4});
    b.ints("flat", {1, -1, 4, 4});
    b.node("Reshape", {"c", "grouped"}, {"r"}, "shuffle");
    auto& t = b.node("Transpose", {"r"}, {"t"});
    OnnxBuilder::setInts(t, "perm", {0, 2, 1, 3, 4});
    b.node("Reshape", {"t", "flat"}, {"y"});
    b.node("Relu", {"y"}, {"z"}); // a reader of the shuffled tensor sees [8, 4, 4]
    b.output("z");
    const Network network = b.import();
    QCOMPARE(network.layers().size(), std::size_t{3});
    QCOMPARE(network.tensor("z").shape, (Shape{8, 4, 4}));
    const Layer& shuffle = network.layers()[1];
    QCOMPARE(shuffle.op, OpKind::ChannelShuffle);
    QCOMPARE(shuffle.attributes.getInt("groups", 0), std::int64_t{2});
    QCOMPARE(network.tensor("y").shape, (Shape{8, 4, 4}));
}

void TestOnnxImport::zeroPadRemovedAndPools()
{
    // Pad (all zero) -> AveragePool 2x2 s2 -> MaxPool 3x3 s2 ceil_mode on [1,3,112,112]:
    // avg: 56; max ceil: ceil((56-3)/2)+1 = 28 (floor would give 27)
    OnnxBuilder b;
    b.input("x", {1, 3, 112, 112});
    b.ints("pads", {0, 0, 0, 0, 0, 0, 0, 0});
    b.node("Pad", {"x", "pads"}, {"p"});
    auto& avg = b.node("AveragePool", {"p"}, {"a"});
    OnnxBuilder::setInts(avg, "kernel_shape", {2, 2});
    OnnxBuilder::setInts(avg, "strides", {2, 2});
    auto& max = b.node("MaxPool", {"a"}, {"y"});
    OnnxBuilder::setInts(max, "kernel_shape", {3, 3});
    OnnxBuilder::setInts(max, "strides", {2, 2});
    OnnxBuilder::setInt(max, "ceil_mode", 1);
    b.output("y");
    const NetworkStats stats = computeStats(b.import());
    QCOMPARE(stats.layers.size(), std::size_t{2});
    QCOMPARE(stats.layers[0].op, OpKind::AvgPool);
    QCOMPARE(stats.layers[1].outputShapes.front(), (Shape{3, 28, 28}));
}

void TestOnnxImport::reduceMeanIsGlobalPool()
{
    OnnxBuilder b;
    b.input("x", {1, 16, 7, 7});
    auto& mean = b.node("ReduceMean", {"x"}, {"y"});
    OnnxBuilder::setInts(mean, "axes", {2, 3});
    b.output("y");
    const LayerStats layer = only(computeStats(b.import()));
    QCOMPARE(layer.op, OpKind::GlobalAvgPool);
    QCOMPARE(layer.outputShapes.front(), (Shape{16, 1, 1}));
}

void TestOnnxImport::elementwiseWithConstants()
{
    // (x - mean[1,3,1,1]) / std[1,3,1,1] * 2 (scalar), then PRelu with slope [3,1,1]:
    // sub: 3 biases; div: 3 weights; mul: 1 weight; prelu: 3 weights; 0 MACs each
    OnnxBuilder b;
    b.input("x", {1, 3, 8, 8});
    b.filled("mean", {1, 3, 1, 1});
    b.filled("std", {1, 3, 1, 1});
    b.filled("two", {}, 2.0f);
    b.filled("slope", {3, 1, 1});
    b.node("Sub", {"x", "mean"}, {"s"});
    b.node("Div", {"s", "std"}, {"d"});
    b.node("Mul", {"d", "two"}, {"m"});
    b.node("PRelu", {"m", "slope"}, {"y"});
    b.output("y");
    const NetworkStats stats = computeStats(b.import());
    QCOMPARE(stats.layers.size(), std::size_t{4});
    QCOMPARE(stats.layers[0].op, OpKind::Sub);
    QCOMPARE(stats.layers[0].biases, 3LL);
    QCOMPARE(stats.layers[1].weights, 3LL);
    QCOMPARE(stats.layers[2].weights, 1LL);
    QCOMPARE(stats.layers[3].op, OpKind::PRelu);
    QCOMPARE(stats.layers[3].weights, 3LL);
    QCOMPARE(stats.totals.macs, 0LL);
    QCOMPARE(stats.layers[3].outputShapes.front(), (Shape{3, 8, 8}));
}

void TestOnnxImport::concatSplitSlice()
{
    // Split [1,8,4,4] into 3+5 channels, Concat back (8), Slice channels 2..6 (4)
    OnnxBuilder b;
    b.input("x", {1, 8, 4, 4});
    b.ints("sizes", {3, 5});
    auto& split = b.node("Split", {"x", "sizes"}, {"a", "b"});
    OnnxBuilder::setInt(split, "axis", 1);
    auto& concat = b.node("Concat", {"b", "a"}, {"c"});
    OnnxBuilder::setInt(concat, "axis", 1);
    b.ints("starts", {2});
    b.ints("ends", {6});
    b.ints("axes", {1});
    b.node("Slice", {"c", "starts", "ends", "axes"}, {"y"});
    b.output("y");
    const NetworkStats stats = computeStats(b.import());
    QCOMPARE(stats.layers.size(), std::size_t{3});
    QCOMPARE(stats.layers[0].outputShapes, (std::vector<Shape>{{3, 4, 4}, {5, 4, 4}}));
    QCOMPARE(stats.layers[1].outputShapes.front(), (Shape{8, 4, 4}));
    QCOMPARE(stats.layers[2].op, OpKind::Slice);
    QCOMPARE(stats.layers[2].outputShapes.front(), (Shape{4, 4, 4}));
}

void TestOnnxImport::resize()
{
    // Resize (opset 13: X, roi, scales) by [1,1,2,2]: [1,4,5,6] -> [4,10,12]
    OnnxBuilder b;
    b.input("x", {1, 4, 5, 6});
    b.floats("scales", {4}, {1, 1, 2, 2});
    b.node("Resize", {"x", "", "scales"}, {"y"});
    b.output("y");
    const LayerStats layer = only(computeStats(b.import()));
    QCOMPARE(layer.op, OpKind::Resize);
    QCOMPARE(layer.outputShapes.front(), (Shape{4, 10, 12}));
}

void TestOnnxImport::lstmKeywordSpotter()
{
    // X [49,1,10], hidden 118, B = [Wb, Rb] both non-zero ("double"); Y_h -> Squeeze -> Gemm 12.
    // LSTM: weights 4*118*(10+118) = 60,416; biases 8*118 = 944; MACs 49*60,416 = 2,960,384.
    OnnxBuilder b;
    b.input("x", {49, 0, 10});
    b.filled("W", {1, 472, 10});
    b.filled("R", {1, 472, 118});
    b.filled("B", {1, 944}, 0.1f);
    auto& lstm = b.node("LSTM", {"x", "W", "R", "B"}, {"", "yh"}, "lstm");
    OnnxBuilder::setInt(lstm, "hidden_size", 118);
    b.ints("axes", {0});
    b.node("Squeeze", {"yh", "axes"}, {"h"});
    b.filled("fw", {12, 118});
    auto& gemm = b.node("Gemm", {"h", "fw"}, {"y"}, "fc");
    OnnxBuilder::setInt(gemm, "transB", 1);
    b.output("y");
    const NetworkStats stats = computeStats(b.import());
    QCOMPARE(stats.layers.size(), std::size_t{2});
    QCOMPARE(stats.layers[0].op, OpKind::Lstm);
    QCOMPARE(stats.layers[0].outputShapes.front(), (Shape{118}));
    QCOMPARE(stats.layers[0].weights, 60416LL);
    QCOMPARE(stats.layers[0].biases, 944LL);
    QCOMPARE(stats.layers[0].macs, 2960384LL);
    QCOMPARE(stats.layers[1].params, 12LL * 118);
}

void TestOnnxImport::gru()
{
    // GRU, X [20,1,16], hidden 32, Y used: out [20,32]; MACs 20*3*32*(16+32) = 92,160
    OnnxBuilder b;
    b.input("x", {20, 1, 16});
    b.filled("W", {1, 96, 16});
    b.filled("R", {1, 96, 32});
    auto& gru = b.node("GRU", {"x", "W", "R"}, {"y"}, "gru");
    OnnxBuilder::setInt(gru, "hidden_size", 32);
    b.output("y");
    const LayerStats layer = only(computeStats(b.import()));
    QCOMPARE(layer.outputShapes.front(), (Shape{20, 32}));
    QCOMPARE(layer.macs, 92160LL);
    QCOMPARE(layer.biases, 0LL);
}

void TestOnnxImport::quantizedWeights()
{
    // QDQ: int8 weight -> DequantizeLinear -> Conv; and a QLinearConv with uint8 weights.
    OnnxBuilder b;
    b.input("x", {1, 4, 6, 6});
    b.int8s("wq", {4, 4, 3, 3}, -3);
    b.filled("ws", {}, 0.1f);
    b.int8s("wz", {}, 0);
    b.node("DequantizeLinear", {"wq", "ws", "wz"}, {"w"});
    b.node("Conv", {"x", "w"}, {"c"}, "qdq_conv");
    b.output("c");
    const Network network = b.import();
    const Layer& conv = network.layers().front();
    QCOMPARE(conv.weightType, std::optional<Precision>(Precision::Int8));
    QCOMPARE(conv.weightTensor, std::string("wq"));
    QCOMPARE(network.weights()->at("wq").valueAt(7), -3.0f);
    QCOMPARE(computeStats(network).layers.front().macs, 4LL * 4 * 4 * 36); // 4x4 out, 4 filters, 4*9
}

void TestOnnxImport::quantizedActivations()
{
    // The type of a quantizing node's zero point is its output's element
    // type (onnx/docs/Operators.md: QuantizeLinear y_zero_point, default
    // uint8 when absent; QLinearConv / QLinearMatMul input 7, y_zero_point).
    // QDQ: Conv -> Relu -> QuantizeLinear (int8 zero point) -> DequantizeLinear
    // -> Conv -> QuantizeLinear (no zero point: uint8).
    OnnxBuilder b;
    b.input("x", {1, 4, 6, 6});
    b.filled("w1", {4, 4, 1, 1});
    b.filled("w2", {4, 4, 1, 1});
    b.filled("s", {}, 0.1f);
    b.int8s("z8", {}, 0);
    b.node("Conv", {"x", "w1"}, {"c1"}, "conv1");
    b.node("Relu", {"c1"}, {"r1"}, "relu1");
    b.node("QuantizeLinear", {"r1", "s", "z8"}, {"q1"});
    b.node("DequantizeLinear", {"q1", "s", "z8"}, {"d1"});
    b.node("Conv", {"d1", "w2"}, {"c2"}, "conv2");
    b.node("QuantizeLinear", {"c2", "s"}, {"q2"});
    b.output("q2");
    const Network network = b.import();
    QCOMPARE(network.layers().size(), std::size_t{2}); // the relu fuses into conv1
    QCOMPARE(network.layers()[0].activationType, std::optional<Precision>(Precision::Int8));
    QCOMPARE(network.tensor(network.layers()[0].outputs.front()).type, Precision::Int8);
    QCOMPARE(network.layers()[1].activationType, std::optional<Precision>(Precision::UInt8));

    // QLinearConv with a uint8 y_zero_point.
    OnnxBuilder q;
    q.input("x", {1, 2, 4, 4});
    q.filled("xs", {}, 0.1f);
    q.int8s("xz", {}, 0).set_data_type(onnx::TensorProto::UINT8);
    q.int8s("w", {3, 2, 1, 1}, 1).set_data_type(onnx::TensorProto::UINT8);
    q.filled("ws", {}, 0.1f);
    q.int8s("wz", {}, 0).set_data_type(onnx::TensorProto::UINT8);
    q.filled("ys", {}, 0.1f);
    q.int8s("yz", {}, 0).set_data_type(onnx::TensorProto::UINT8);
    q.node("QLinearConv", {"x", "xs", "xz", "w", "ws", "wz", "ys", "yz"}, {"y"}, "qconv");
    q.output("y");
    const Network qnet = q.import();
    QCOMPARE(qnet.layers().front().activationType, std::optional<Precision>(Precision::UInt8));
    QCOMPARE(qnet.layers().front().weightType, std::optional<Precision>(Precision::UInt8));
}

void TestOnnxImport::symbolicDimensions()
{
    OnnxBuilder b;
    b.input("image", {0, 3, 0, 0}); // batch, 3, H, W
    b.node("Relu", {"image"}, {"y"});
    b.output("y");
    try {
        b.import();
        QFAIL("a symbolic height was accepted");
    } catch (const Error& error) {
        const std::string text = error.what();
        QVERIFY2(text.find("--input-shape image=") != std::string::npos, text.c_str());
    }
    OnnxImportOptions options;
    options.inputShapes["image"] = {1, 3, 32, 48};
    QCOMPARE(b.import(options).tensor("y").shape, (Shape{3, 32, 48}));
}

void TestOnnxImport::sourceNodeAndWeights()
{
    const Network network = convNet({1, 3, 8, 8}, {4, 3, 3, 3}, true, [](auto&) {});
    const Layer& conv = network.layers().front();
    QCOMPARE(conv.sourceNode, std::string("conv"));
    QCOMPARE(conv.weightTensor, std::string("w"));
    QCOMPARE(conv.biasTensor, std::string("b"));
    const WeightTensor& w = network.weights()->at("w");
    QCOMPARE(w.shape, (Shape{4, 3, 3, 3}));
    QCOMPARE(w.toFloats().size(), std::size_t{108});
    QCOMPARE(w.valueAt(107), 0.5f); // convNet fills weights with 0.5
}

void TestOnnxImport::inputShapeOverrideParsing()
{
    const auto parsed = parseInputShapeOverride("input.1=1x3x224x224");
    QVERIFY(parsed);
    QCOMPARE(parsed->first, std::string("input.1"));
    QCOMPARE(parsed->second, (Shape{1, 3, 224, 224}));
    QVERIFY(!parseInputShapeOverride("x=1x-3"));
    QVERIFY(!parseInputShapeOverride("=1x3"));
    QVERIFY(!parseInputShapeOverride("x=1xx3"));
}

QTEST_APPLESS_MAIN(TestOnnxImport)
#include "tst_onnx_import.moc"
