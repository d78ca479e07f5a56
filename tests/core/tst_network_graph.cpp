// The network DAG (issue #2, "Network model"): execution order, several
// inputs/outputs, residual branches, shape rules of the data-movement ops,
// pooling, MatMul, transposed conv, GRU and BatchNorm folding. Every
// expected number is computed by hand in the comment next to it.
#include "core/graph/batchnorm_folding.h"
#include "core/graph/layer_stats.h"
#include "core/io/network_yaml.h"

#include <QtTest>

using namespace mdse::core;

namespace {

Network build(const QByteArray& inputs, const QByteArray& layers)
{
    const QByteArray yaml = "name: g\ninputs: " + inputs + "\nlayers:\n" + layers;
    return readNetworkYaml(std::string_view(yaml.constData(), static_cast<std::size_t>(yaml.size())), "<graph>");
}

std::vector<std::string> orderedNames(const Network& network)
{
    std::vector<std::string> names;
    for (std::size_t index : network.executionOrder())
        names.push_back(network.layers()[index].name);
    return names;
}

const LayerStats& statsOf(const NetworkStats& stats, const std::string& name)
{
    for (const LayerStats& layer : stats.layers)
        if (layer.name == name)
            return layer;
    throw Error("no layer " + name);
}

using Names = std::vector<std::string>;

} // namespace

class TestNetworkGraph : public QObject {
    Q_OBJECT
private slots:
    void executionOrderFollowsFileOrderAmongReadyLayers();
    void severalInputsAndOutputs();
    void residualBranch();
    void shapes_data();
    void shapes();
    void splitOutputs();
    void badShapes_data();
    void badShapes();
    void matMulMacs_data();
    void matMulMacs();
    void convTransposeOutputPadding();
    void gruStepCost();
    void foldBatchNormIntoConv();
    void foldKeepsSharedConvOutput();
};

void TestNetworkGraph::executionOrderFollowsFileOrderAmongReadyLayers()
{
    // Written out of order: c needs b, b needs a. At the start a (index 2)
    // and d (index 3) are ready: a is written first. Then b (1) and d (3)
    // are ready: b. Then c (0) and d (3): c. Then d.
    const QByteArray layers = "  - {name: c, op: relu, inputs: [b]}\n"
                              "  - {name: b, op: relu, inputs: [a]}\n"
                              "  - {name: a, op: relu, inputs: [x]}\n"
                              "  - {name: d, op: sigmoid, inputs: [x]}\n";
    const Network network = build("[{name: x, shape: [4]}]", layers);
    QCOMPARE(orderedNames(network), (Names{"a", "b", "c", "d"}));
    QCOMPARE(network.executionOrder(), (std::vector<std::size_t>{2, 1, 0, 3}));
    // Same text, same order, every time.
    QCOMPARE(build("[{name: x, shape: [4]}]", layers).executionOrder(), network.executionOrder());
    // A diamond written in order keeps file order: p and q are both ready
    // after x; p is written first.
    const Network diamond = build("[{name: x, shape: [4]}]",
                                  "  - {name: q, op: relu, inputs: [x]}\n"
                                  "  - {name: p, op: tanh, inputs: [x]}\n"
                                  "  - {name: j, op: add, inputs: [p, q]}\n");
    QCOMPARE(orderedNames(diamond), (Names{"q", "p", "j"}));
}

void TestNetworkGraph::severalInputsAndOutputs()
{
    const Network network = build("[{name: x, shape: [8, 4, 4]}, {name: y, shape: [8, 4, 4]}]",
                                  "  - {name: s, op: add, inputs: [x, y]}\n"
                                  "  - {name: m, op: mul, inputs: [x, y]}\n"
                                  "  - {name: r, op: relu, inputs: [s]}\n");
    QCOMPARE(network.inputs().size(), std::size_t{2});
    // No `outputs:` key: every tensor nobody reads, in execution order.
    QCOMPARE(network.outputs(), (Names{"m", "r"}));
    QCOMPARE(network.producerOf("x"), -1L);
    QCOMPARE(network.producerOf("r"), 2L);
    QCOMPARE(network.consumersOf("x"), (std::vector<std::size_t>{0, 1}));
    // Declared outputs win, including a tensor that is also consumed (a).
    const QByteArray yaml = "name: g\ninputs: [{name: x, shape: [4]}]\noutputs: [a, b]\nlayers:\n"
                            "  - {name: a, op: relu}\n  - {name: b, op: sigmoid}\n";
    QCOMPARE(readNetworkYaml(yaml.toStdString(), "<graph>").outputs(), (Names{"a", "b"}));
}

void TestNetworkGraph::residualBranch()
{
    // x [16, 8, 8] -> conv -> relu -> conv -> add(skip x) -> relu.
    const Network network = build("[{name: x, shape: [16, 8, 8]}]",
                                  "  - {name: c1, op: conv2d, filters: 16, kernel: 3, padding: 1}\n"
                                  "  - {name: r1, op: relu}\n"
                                  "  - {name: c2, op: conv2d, filters: 16, kernel: 3, padding: 1}\n"
                                  "  - {name: sum, op: add, inputs: [c2, x]}\n"
                                  "  - {name: r2, op: relu}\n");
    QCOMPARE(network.consumersOf("x"), (std::vector<std::size_t>{0, 3}));
    QCOMPARE(network.tensor("sum").shape, (Shape{16, 8, 8}));
    const NetworkStats stats = computeStats(network);
    // each conv: 16*16*3*3 + 16 = 2,320 params; 16*8*8 outputs * 16*3*3 = 147,456 MACs
    QCOMPARE(statsOf(stats, "c1").params, 2320);
    QCOMPARE(statsOf(stats, "c2").macs, 147456);
    QCOMPARE(statsOf(stats, "sum").macs, 0); // element-wise ops count 0 MACs
    QCOMPARE(statsOf(stats, "sum").inputElements, 2 * 1024);
    QCOMPARE(stats.totals.params, 2 * 2320);
    QCOMPARE(stats.totals.macs, 2 * 147456);
    // input + five layer outputs, each 16*8*8 = 1,024 elements
    QCOMPARE(stats.totals.activationElements, 6 * 1024);
}

void TestNetworkGraph::shapes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("layer");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("concat channels") << QByteArray("[3, 4, 4]")
                                     << QByteArray("{name: o, op: concat, inputs: [x, x], axis: 0}")
                                     << QByteArray("[6, 4, 4]"); // 3 + 3
    QTest::newRow("concat last axis") << QByteArray("[2, 3]")
                                      << QByteArray("{name: o, op: concat, inputs: [x, x, x], axis: -1}")
                                      << QByteArray("[2, 9]"); // 3 + 3 + 3
    // reshape: 0 copies the input extent, -1 takes the rest (8*4*4 = 128)
    QTest::newRow("reshape 0 and -1") << QByteArray("[8, 4, 4]") << QByteArray("{name: o, op: reshape, shape: [0, -1]}")
                                      << QByteArray("[8, 16]");
    QTest::newRow("reshape -1 in the middle") << QByteArray("[8, 4, 4]")
                                              << QByteArray("{name: o, op: reshape, shape: [2, -1, 4]}")
                                              << QByteArray("[2, 16, 4]"); // 128 / (2*4)
    QTest::newRow("flatten") << QByteArray("[8, 4, 4]") << QByteArray("{name: o, op: flatten}")
                             << QByteArray("[128]");
    // transpose: out[i] = in[perm[i]]
    QTest::newRow("transpose") << QByteArray("[8, 4, 2]") << QByteArray("{name: o, op: transpose, perm: [2, 0, 1]}")
                               << QByteArray("[2, 8, 4]");
    QTest::newRow("squeeze all ones") << QByteArray("[1, 8, 1]") << QByteArray("{name: o, op: squeeze}")
                                      << QByteArray("[8]");
    QTest::newRow("squeeze one axis") << QByteArray("[1, 8, 1]") << QByteArray("{name: o, op: squeeze, axes: [0]}")
                                      << QByteArray("[8, 1]");
    QTest::newRow("unsqueeze") << QByteArray("[8]") << QByteArray("{name: o, op: unsqueeze, axes: [0, 2]}")
                               << QByteArray("[1, 8, 1]");
    QTest::newRow("unsqueeze -1") << QByteArray("[8]") << QByteArray("{name: o, op: unsqueeze, axes: [-1]}")
                                  << QByteArray("[8, 1]"); // -1 of the rank-2 result is axis 1
    // pad, 4 values [top, left, bottom, right]: H 8+1+3 = 12, W 8+2+4 = 14
    QTest::newRow("pad 4 values") << QByteArray("[3, 8, 8]") << QByteArray("{name: o, op: pad, pads: [1, 2, 3, 4]}")
                                  << QByteArray("[3, 12, 14]");
    // pad, 2*rank values (ONNX: begins, then ends): C 3+0+0, H 8+1+2, W 8+1+2
    QTest::newRow("pad 2 rank values") << QByteArray("[3, 8, 8]")
                                       << QByteArray("{name: o, op: pad, pads: [0, 1, 1, 0, 2, 2]}")
                                       << QByteArray("[3, 11, 11]");
    // rank 2 with 4 values is the 2*rank form: [5+1+3, 6+2+4]
    QTest::newRow("pad rank 2") << QByteArray("[5, 6]") << QByteArray("{name: o, op: pad, pads: [1, 2, 3, 4]}")
                                << QByteArray("[9, 12]");
    QTest::newRow("resize scale") << QByteArray("[3, 8, 8]") << QByteArray("{name: o, op: resize, scale: 2}")
                                  << QByteArray("[3, 16, 16]");
    QTest::newRow("resize scale h w") << QByteArray("[3, 8, 8]") << QByteArray("{name: o, op: resize, scale: [2, 3]}")
                                      << QByteArray("[3, 16, 24]");
    QTest::newRow("resize size") << QByteArray("[3, 8, 8]")
                                 << QByteArray("{name: o, op: resize, size: [10, 12], mode: bilinear}")
                                 << QByteArray("[3, 10, 12]");
    // Pooling, PyTorch rule: out = floor or ceil((in + pads - k) / s) + 1,
    // and in ceil mode a last window starting at or past in + padBegin is dropped.
    // 6x6, k3 s2: floor(3/2)+1 = 2
    QTest::newRow("maxpool floor") << QByteArray("[4, 6, 6]") << QByteArray("{name: o, op: maxpool, kernel: 3, stride: 2}")
                                   << QByteArray("[4, 2, 2]");
    // ceil(3/2)+1 = 3; last window starts at (3-1)*2 = 4 < 6: kept
    QTest::newRow("maxpool ceil") << QByteArray("[4, 6, 6]")
                                  << QByteArray("{name: o, op: maxpool, kernel: 3, stride: 2, ceil_mode: true}")
                                  << QByteArray("[4, 3, 3]");
    // 7x7, k2 s2 (stride defaults to kernel): floor 5/2+1 = 3, ceil 3+1 = 4 (start 6 < 7)
    QTest::newRow("maxpool ceil default stride") << QByteArray("[4, 7, 7]")
                                                 << QByteArray("{name: o, op: maxpool, kernel: 2, ceil_mode: true}")
                                                 << QByteArray("[4, 4, 4]");
    // 5x5, k2 s2 pad 1: ceil((5+2-2)/2)+1 = 4, but window 4 starts at 6 >= 5+1: dropped -> 3
    QTest::newRow("ceil drops window in padding") << QByteArray("[4, 5, 5]")
                                                  << QByteArray("{name: o, op: avgpool, kernel: 2, stride: 2, padding: 1, ceil_mode: true}")
                                                  << QByteArray("[4, 3, 3]");
    QTest::newRow("global avgpool") << QByteArray("[32, 7, 7]") << QByteArray("{name: o, op: global_avgpool}")
                                    << QByteArray("[32, 1, 1]");
    QTest::newRow("channel shuffle") << QByteArray("[12, 4, 4]")
                                     << QByteArray("{name: o, op: channel_shuffle, groups: 3}")
                                     << QByteArray("[12, 4, 4]");
    QTest::newRow("add broadcast") << QByteArray("[8, 4, 4]") << QByteArray("{name: o, op: add, inputs: [x, v]}")
                                   << QByteArray("[8, 4, 4]"); // v is [4]: right-aligned, stretches
}

void TestNetworkGraph::shapes()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, layer);
    QFETCH(QByteArray, expected);
    const Network network = build("[{name: x, shape: " + input + "}, {name: v, shape: [4]}]", "  - " + layer + "\n");
    QCOMPARE(QByteArray::fromStdString(shapeToString(network.tensor("o").shape)), expected);
    const NetworkStats stats = computeStats(network);
    QCOMPARE(stats.totals.macs, 0); // none of these ops multiply-accumulates
    QCOMPARE(stats.totals.params, 0);
}

void TestNetworkGraph::splitOutputs()
{
    const Network sized = build("[{name: x, shape: [10, 4, 4]}]",
                                "  - {name: s, op: split, outputs: [a, b], sizes: [3, 7]}\n");
    QCOMPARE(sized.tensor("a").shape, (Shape{3, 4, 4}));
    QCOMPARE(sized.tensor("b").shape, (Shape{7, 4, 4}));
    // equal parts: 10 / 2 = 5
    const Network halves = build("[{name: x, shape: [10, 4, 4]}]", "  - {name: s, op: split, outputs: [a, b]}\n");
    QCOMPARE(halves.tensor("b").shape, (Shape{5, 4, 4}));
    // axis 1 of [2, 6] into 1 + 2 + 3
    const Network three = build("[{name: x, shape: [2, 6]}]",
                                "  - {name: s, op: split, axis: 1, outputs: [a, b, c], sizes: [1, 2, 3]}\n");
    QCOMPARE(three.tensor("c").shape, (Shape{2, 3}));
    QCOMPARE(computeStats(three).layers.front().outputElements, 2 * 6);
}

void TestNetworkGraph::badShapes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("layer");
    QTest::addColumn<QByteArray>("problem");
    QTest::newRow("split sizes sum") << QByteArray("[10, 4]") << QByteArray("{name: o, op: split, outputs: [a, b], sizes: [3, 6]}")
                                     << QByteArray("split sizes must be 2 positive values summing to 10");
    QTest::newRow("split unequal") << QByteArray("[7]") << QByteArray("{name: o, op: split, outputs: [a, b]}")
                                   << QByteArray("cannot split extent 7 into 2 equal parts");
    QTest::newRow("reshape count") << QByteArray("[8, 4, 4]") << QByteArray("{name: o, op: reshape, shape: [5, -1]}")
                                   << QByteArray("cannot reshape [8, 4, 4] (128 elements)");
    QTest::newRow("transpose perm") << QByteArray("[8, 4]") << QByteArray("{name: o, op: transpose, perm: [0, 0]}")
                                    << QByteArray("is not a permutation");
    QTest::newRow("squeeze non-one") << QByteArray("[2, 8]") << QByteArray("{name: o, op: squeeze, axes: [0]}")
                                     << QByteArray("its extent is not 1");
    QTest::newRow("pad count") << QByteArray("[3, 8, 8]") << QByteArray("{name: o, op: pad, pads: [1, 1]}")
                               << QByteArray("pads must have 4 values");
    QTest::newRow("pad crops to nothing") << QByteArray("[3, 8, 8]") << QByteArray("{name: o, op: pad, pads: [-4, 0, -4, 0]}")
                                          << QByteArray("not positive");
    QTest::newRow("resize both") << QByteArray("[3, 8, 8]") << QByteArray("{name: o, op: resize, scale: 2, size: 4}")
                                 << QByteArray("exactly one of scale or size");
    QTest::newRow("matmul inner") << QByteArray("[4, 8]") << QByteArray("{name: o, op: matmul, inputs: [x, x]}")
                                  << QByteArray("inner dimensions differ");
}

void TestNetworkGraph::badShapes()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, layer);
    QFETCH(QByteArray, problem);
    try {
        build("[{name: x, shape: " + input + "}]", "  - " + layer + "\n");
        QFAIL("accepted");
    } catch (const Error& error) {
        QVERIFY2(QByteArray::fromStdString(error.message()).contains(problem), error.what());
        QVERIFY2(error.message().starts_with("layer 'o' ("), error.what()); // names the layer
        QCOMPARE(error.location().line, 4);
    }
}

void TestNetworkGraph::matMulMacs_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<qlonglong>("macs");
    // [M, K] x [K, N]: M*N outputs, K MACs each: 4*5*8 = 160
    QTest::newRow("plain") << QByteArray("[4, 8]") << QByteArray("[8, 5]") << QByteArray("[4, 5]") << 160LL;
    // batch [2] with none: [2, 4, 5] = 40 outputs * K 8 = 320
    QTest::newRow("broadcast rhs") << QByteArray("[2, 4, 8]") << QByteArray("[8, 5]") << QByteArray("[2, 4, 5]") << 320LL;
    // batches [3, 1] and [2] broadcast to [3, 2]: 3*2*4*7 = 168 outputs * K 6 = 1,008
    QTest::newRow("broadcast both") << QByteArray("[3, 1, 4, 6]") << QByteArray("[2, 6, 7]")
                                    << QByteArray("[3, 2, 4, 7]") << 1008LL;
}

void TestNetworkGraph::matMulMacs()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(QByteArray, out);
    QFETCH(qlonglong, macs);
    const Network network = build("[{name: a, shape: " + a + "}, {name: b, shape: " + b + "}]",
                                  "  - {name: m, op: matmul, inputs: [a, b]}\n");
    QCOMPARE(QByteArray::fromStdString(shapeToString(network.tensor("m").shape)), out);
    const NetworkStats stats = computeStats(network);
    QCOMPARE(stats.layers.front().macs, macs);
    QCOMPARE(stats.layers.front().params, 0); // both operands are activations
}

void TestNetworkGraph::convTransposeOutputPadding()
{
    // PyTorch ConvTranspose2d: out = (in-1)*s - 2p + d*(k-1) + output_padding + 1
    // in 5, k 3, s 2, p 1: (5-1)*2 - 2 + 2 + 1 + 1 = 10 with output_padding 1, 9 without.
    const Network network = build("[{name: x, shape: [4, 5, 5]}]",
                                  "  - {name: t, op: conv_transpose2d, filters: 2, kernel: 3, stride: 2, padding: 1, output_padding: 1}\n"
                                  "  - {name: u, op: conv_transpose2d, inputs: [x], filters: 2, kernel: 3, stride: 2, padding: 1, output_padding: [1, 0]}\n"
                                  "  - {name: v, op: conv_transpose2d, inputs: [x], filters: 2, kernel: 3, stride: 2, padding: 1}\n");
    QCOMPARE(network.tensor("t").shape, (Shape{2, 10, 10}));
    QCOMPARE(network.tensor("u").shape, (Shape{2, 10, 9}));
    QCOMPARE(network.tensor("v").shape, (Shape{2, 9, 9}));
    const NetworkStats stats = computeStats(network);
    const LayerStats& t = stats.layers.front();
    QCOMPARE(t.params, 4 * 2 * 3 * 3 + 2);   // 74
    QCOMPARE(t.macs, 4 * 5 * 5 * 2 * 3 * 3); // every input element through 2*3*3 weights: 1,800
    QVERIFY_THROWS_EXCEPTION(Error, build("[{name: x, shape: [4, 5, 5]}]",
                                          "  - {name: t, op: conv_transpose2d, filters: 2, kernel: 3, stride: 2, output_padding: 2}\n"));
}

void TestNetworkGraph::gruStepCost()
{
    // A GRU step costs 3*H*(I+H) MACs (reset, update, new gates; input and
    // recurrent matrices). I = 10, H = 20, T = 5: 3*20*30 = 1,800 per step,
    // 9,000 in all. Params as PyTorch nn.GRU(10, 20): weight_ih 60x10 = 600,
    // weight_hh 60x20 = 1,200, b_ih + b_hh = 120, total 1,920.
    const Network network = build("[{name: x, shape: [5, 10]}]",
                                  "  - {name: g, op: gru, hidden: 20}\n"
                                  "  - {name: last, op: gru, inputs: [x], hidden: 20, bias: single, return_sequences: false}\n");
    const NetworkStats stats = computeStats(network);
    const LayerStats& g = stats.layers.at(0);
    QCOMPARE(g.macs, 5 * 3 * 20 * (10 + 20));
    QCOMPARE(g.weights, 3 * 20 * (10 + 20));
    QCOMPARE(g.biases, 2 * 3 * 20);
    QCOMPARE(g.params, 1920);
    QCOMPARE(network.tensor("g").shape, (Shape{5, 20}));
    QCOMPARE(network.tensor("last").shape, (Shape{20}));
    QCOMPARE(stats.layers.at(1).biases, 3 * 20); // one bias vector (Keras style)
}

void TestNetworkGraph::foldBatchNormIntoConv()
{
    // conv without bias (8 filters over 3 channels, 3x3): 8*3*9 = 216 params;
    // BatchNorm over 8 channels: gamma + beta = 2*8 = 16.
    const Network network = build("[{name: x, shape: [3, 8, 8]}]",
                                  "  - {name: c, op: conv2d, filters: 8, kernel: 3, padding: 1, bias: false}\n"
                                  "  - {name: bn, op: batchnorm, activation: relu}\n"
                                  "  - {name: out, op: softmax, axis: 0}\n");
    const std::int64_t before = computeStats(network).totals.params;
    QCOMPARE(before, 216 + 16);
    BatchNormFoldReport report;
    const Network folded(foldBatchNorms(network, &report)); // still a valid network
    QCOMPARE(report.folded, (Names{"bn"}));
    QVERIFY(report.kept.empty());
    QCOMPARE(folded.layers().size(), std::size_t{2});
    const Layer& conv = folded.layers().front();
    QCOMPARE(conv.outputs, (Names{"bn"}));                         // the softmax still reads "bn"
    QCOMPARE(conv.attributes.getString("activation", ""), std::string("relu")); // moved
    // params change by exactly -2C + C (the conv gains a bias): 232 - 16 + 8 = 224
    QCOMPARE(computeStats(folded).totals.params, before - 2 * 8 + 8);
    QCOMPARE(computeStats(folded).totals.macs, computeStats(network).totals.macs);
    // with a bias already there the change is exactly -2C
    const Network biased = build("[{name: x, shape: [3, 8, 8]}]",
                                 "  - {name: c, op: conv2d, filters: 8, kernel: 3, padding: 1}\n"
                                 "  - {name: bn, op: batchnorm}\n");
    QCOMPARE(computeStats(Network(foldBatchNorms(biased))).totals.params,
             computeStats(biased).totals.params - 2 * 8);
}

void TestNetworkGraph::foldKeepsSharedConvOutput()
{
    // c feeds both bn and the add: folding would change what the add sees.
    const Network network = build("[{name: x, shape: [3, 8, 8]}]",
                                  "  - {name: c, op: conv2d, filters: 8, kernel: 1}\n"
                                  "  - {name: bn, op: batchnorm}\n"
                                  "  - {name: s, op: add, inputs: [c, bn]}\n"
                                  "  - {name: c2, op: conv2d, inputs: [s], filters: 8, kernel: 1, activation: relu}\n"
                                  "  - {name: bn2, op: batchnorm}\n");
    BatchNormFoldReport report;
    const Network folded(foldBatchNorms(network, &report));
    QCOMPARE(report.kept, (Names{"bn", "bn2"})); // bn2: its conv has a fused activation
    QVERIFY(report.folded.empty());
    QCOMPARE(folded, network);
}

QTEST_APPLESS_MAIN(TestNetworkGraph)
#include "tst_network_graph.moc"
