// zoo:mcunet-vww1 pinned to the layer shapes of the int8 model that TinyEngine
// ships for its VWW demo and to the published MCUNet model-zoo totals.
//
// Exact figures below were computed from the weight/bias tensor shapes of
// github.com/mit-han-lab/tinyengine @ 47bb283ce9d7e33c6fea623b3792726046dc9cfa,
// assets/vww.tflite (decoded by hand from the flatbuffer, not by our code):
//   params = sum over CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED of
//            (weight tensor elements + int32 bias elements)
//   MACs   = sum over the same ops of (output elements x weights per output)
// PAD, ADD, TRANSPOSE, MEAN and (DE)QUANTIZE carry no weights and, by our
// definition (core/graph/layer_stats.h), no MACs.
#include "core/graph/layer_stats.h"
#include "core/io/network_loader.h"

#include <QtTest>

#include <map>

using namespace mdse::core;

namespace {

const NetworkStats& vww1Stats()
{
    static const NetworkStats stats = computeStats(loadNetwork("zoo:mcunet-vww1"));
    return stats;
}

const LayerStats* findLayer(const std::string& name)
{
    for (const LayerStats& layer : vww1Stats().layers)
        if (layer.name == name)
            return &layer;
    return nullptr;
}

// Published figures are rounded to one decimal of the unit shown:
// 11.6M MACs and 0.43M params are exact to +-0.05M and +-0.005M.
constexpr qlonglong kPublishedMacsTolerance = 50'000;
constexpr qlonglong kPublishedParamsTolerance = 5'000;

} // namespace

class TestZooMcunet : public QObject {
    Q_OBJECT
private slots:
    void inputShape();
    void structure();
    void layers_data();
    void layers();
    void blocks_data();
    void blocks();
    void exactTotals();
    void publishedTotals_data();
    void publishedTotals();
};

void TestZooMcunet::inputShape()
{
    // tflite input tensor [1, 80, 80, 3] (NHWC) -> batchless [C, H, W];
    // MCUNet README model list: mcunet-vww1 resolution 80.
    const Network network = loadNetwork("zoo:mcunet-vww1");
    QCOMPARE(network.inputs().size(), std::size_t{1});
    QCOMPARE(network.inputs().front().shape, (Shape{3, 80, 80}));
}

void TestZooMcunet::structure()
{
    // Counted in the tflite operator list: 45 CONV_2D / DEPTHWISE_CONV_2D
    // (stem, b0 dw + project, b1..b14 expand + dw + project = 1 + 2 + 42),
    // 15 of them depthwise (one per block b0..b14), 8 residual ADDs (in b2,
    // b3, b5, b6, b8, b10, b12, b13: stride 1 and equal in/out channels),
    // 1 FULLY_CONNECTED. TRANSPOSE + MEAN + MEAN become global_avgpool +
    // flatten: 45 + 8 + 3 = 56 layers.
    const Network network = loadNetwork("zoo:mcunet-vww1");
    const NetworkStats& stats = vww1Stats();
    std::map<std::string, int> count;
    for (const LayerStats& layer : stats.layers) {
        count[std::string(opName(layer.op))] += 1;
        const std::string variant
            = convVariant(network.layers()[layer.layerIndex], layer.inputShapes.front());
        if (!variant.empty())
            count[variant] += 1;
    }
    QCOMPARE(stats.layers.size(), std::size_t{56});
    QCOMPARE(count["conv2d"], 45);
    QCOMPARE(count["depthwise"], 15);
    QCOMPARE(count["pointwise"], 29); // b0 project + 14 x (expand, project)
    QCOMPARE(count["standard"], 1);   // the 3x3 stem
    QCOMPARE(count["add"], 8);
    QCOMPARE(count["dense"], 1);
    QCOMPARE(count["global_avgpool"], 1);
    // tflite output tensor [1, 2]: person / no person.
    QCOMPARE(stats.layers.back().outputShapes.front(), (Shape{2}));
}

void TestZooMcunet::layers_data()
{
    QTest::addColumn<QString>("layer");
    QTest::addColumn<qlonglong>("channels");
    QTest::addColumn<qlonglong>("height");
    QTest::addColumn<qlonglong>("width");
    QTest::addColumn<qlonglong>("params");
    QTest::addColumn<qlonglong>("macs");
    // first_conv: tflite PAD 80x80 -> 82x82, CONV_2D VALID stride 2, weight
    // [16, 3, 3, 3], bias [16]. Out (82 - 3) / 2 + 1 = 40 -> [16, 40, 40].
    // params 16*3*3*3 + 16 = 432 + 16 = 448;
    // MACs 16*40*40 outputs * 27 = 25,600 * 27 = 691,200.
    QTest::newRow("first_conv") << "first_conv" << 16LL << 40LL << 40LL << 448LL << 691200LL;
    // Inverted-residual block b1 (input [8, 40, 40]):
    // b1_expand 1x1, weight [48, 1, 1, 8]: params 48*8 + 48 = 432;
    //   MACs 48*40*40 * 8 = 76,800 * 8 = 614,400.
    QTest::newRow("b1_expand") << "b1_expand" << 48LL << 40LL << 40LL << 432LL << 614400LL;
    // b1_dw: PAD 40 -> 42, DEPTHWISE_CONV_2D 3x3 stride 2, weight [1, 3, 3, 48]:
    //   out (42 - 3) / 2 + 1 = 20; params 48*9 + 48 = 480;
    //   MACs 48*20*20 * 9 = 19,200 * 9 = 172,800.
    QTest::newRow("b1_dw") << "b1_dw" << 48LL << 20LL << 20LL << 480LL << 172800LL;
    // b1_project 1x1, weight [16, 1, 1, 48]: params 16*48 + 16 = 784;
    //   MACs 16*20*20 * 48 = 6,400 * 48 = 307,200.
    // Block b1 total: 432 + 480 + 784 = 1,696 params, 1,094,400 MACs.
    QTest::newRow("b1_project") << "b1_project" << 16LL << 20LL << 20LL << 784LL << 307200LL;
    // b2_add: ADD of two [1, 20, 20, 16] tensors, no params, no MACs.
    QTest::newRow("b2_add") << "b2_add" << 16LL << 20LL << 20LL << 0LL << 0LL;
    // b4_dw: PAD 20 -> 26 (3 each side), 7x7 stride 2: (26 - 7) / 2 + 1 = 10;
    //   params 48*49 + 48 = 2,400; MACs 48*10*10 * 49 = 235,200.
    QTest::newRow("b4_dw") << "b4_dw" << 48LL << 10LL << 10LL << 2400LL << 235200LL;
    // b11_dw: SAME 5x5 stride 2 on 5x5: ceil(5 / 2) = 3;
    //   params 240*25 + 240 = 6,240; MACs 240*3*3 * 25 = 54,000.
    QTest::newRow("b11_dw") << "b11_dw" << 240LL << 3LL << 3LL << 6240LL << 54000LL;
    // b14_project 1x1, weight [160, 1, 1, 288]: params 46,080 + 160 = 46,240;
    //   MACs 160*3*3 * 288 = 414,720.
    QTest::newRow("b14_project") << "b14_project" << 160LL << 3LL << 3LL << 46240LL << 414720LL;
}

void TestZooMcunet::layers()
{
    QFETCH(QString, layer);
    QFETCH(qlonglong, channels);
    QFETCH(qlonglong, height);
    QFETCH(qlonglong, width);
    QFETCH(qlonglong, params);
    QFETCH(qlonglong, macs);
    const LayerStats* stats = findLayer(layer.toStdString());
    QVERIFY2(stats != nullptr, qPrintable(layer));
    QCOMPARE(stats->outputShapes.front(), (Shape{channels, height, width}));
    QCOMPARE(stats->params, params);
    QCOMPARE(stats->macs, macs);
}

void TestZooMcunet::blocks_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<qlonglong>("params");
    QTest::addColumn<qlonglong>("macs");
    // Per block, from the tflite weight [O, kh, kw, I] and bias [O] shapes
    // and output [1, H, W, O] shapes (layer order expand, dw, project):
    // b0  dw [1,3,3,16] @40x40, project [8,1,1,16] @40x40:
    //     params 144+16 + 128+8 = 296; MACs 230,400 + 204,800 = 435,200
    // b1  (see layers()): 1,696 params, 1,094,400 MACs
    // b2, b3 (16 -> 48 -> 16 @20x20, dw 3x3):
    //     params 768+48 + 432+48 + 768+16 = 2,080;
    //     MACs 307,200 + 172,800 + 307,200 = 787,200
    // b4  16 -> 48, dw 7x7 s2 -> 10x10, -> 24:
    //     params 816 + 2,400 + 1,176 = 4,392; MACs 307,200 + 235,200 + 115,200 = 657,600
    // b5  24 -> 144, dw 3x3, -> 24 @10x10:
    //     params 3,600 + 1,440 + 3,480 = 8,520; MACs 345,600 + 129,600 + 345,600 = 820,800
    // b6  24 -> 120, dw 5x5, -> 24 @10x10:
    //     params 3,000 + 3,120 + 2,904 = 9,024; MACs 288,000 + 300,000 + 288,000 = 876,000
    // b7  24 -> 144, dw 7x7 s2 -> 5x5, -> 40:
    //     params 3,600 + 7,200 + 5,800 = 16,600; MACs 345,600 + 176,400 + 144,000 = 666,000
    // b8  40 -> 240, dw 7x7, -> 40 @5x5:
    //     params 9,840 + 12,000 + 9,640 = 31,480; MACs 240,000 + 294,000 + 240,000 = 774,000
    // b9  40 -> 240, dw 3x3, -> 48 @5x5:
    //     params 9,840 + 2,400 + 11,568 = 23,808; MACs 240,000 + 54,000 + 288,000 = 582,000
    // b10 48 -> 192, dw 3x3, -> 48 @5x5:
    //     params 9,408 + 1,920 + 9,264 = 20,592; MACs 230,400 + 43,200 + 230,400 = 504,000
    // b11 48 -> 240 @5x5, dw 5x5 s2 -> 3x3, -> 96:
    //     params 11,760 + 6,240 + 23,136 = 41,136; MACs 288,000 + 54,000 + 207,360 = 549,360
    // b12 96 -> 480, dw 3x3, -> 96 @3x3:
    //     params 46,560 + 4,800 + 46,176 = 97,536; MACs 414,720 + 38,880 + 414,720 = 868,320
    // b13 96 -> 384, dw 3x3, -> 96 @3x3:
    //     params 37,248 + 3,840 + 36,960 = 78,048; MACs 331,776 + 31,104 + 331,776 = 694,656
    // b14 96 -> 288, dw 7x7, -> 160 @3x3:
    //     params 27,936 + 14,400 + 46,240 = 88,576; MACs 248,832 + 127,008 + 414,720 = 790,560
    // classifier FULLY_CONNECTED [2, 160] + bias [2]: 322 params, 320 MACs
    const struct {
        const char* prefix;
        qlonglong params;
        qlonglong macs;
    } rows[] = {
        {"first_conv", 448, 691200}, {"b0_", 296, 435200},     {"b1_", 1696, 1094400},
        {"b2_", 2080, 787200},       {"b3_", 2080, 787200},    {"b4_", 4392, 657600},
        {"b5_", 8520, 820800},       {"b6_", 9024, 876000},    {"b7_", 16600, 666000},
        {"b8_", 31480, 774000},      {"b9_", 23808, 582000},   {"b10_", 20592, 504000},
        {"b11_", 41136, 549360},     {"b12_", 97536, 868320},  {"b13_", 78048, 694656},
        {"b14_", 88576, 790560},     {"classifier", 322, 320},
    };
    for (const auto& row : rows)
        QTest::newRow(row.prefix) << QString::fromLatin1(row.prefix) << row.params << row.macs;
}

void TestZooMcunet::blocks()
{
    QFETCH(QString, prefix);
    QFETCH(qlonglong, params);
    QFETCH(qlonglong, macs);
    qlonglong sumParams = 0, sumMacs = 0;
    int matched = 0;
    for (const LayerStats& layer : vww1Stats().layers) {
        if (layer.name.rfind(prefix.toStdString(), 0) != 0)
            continue;
        sumParams += layer.params;
        sumMacs += layer.macs;
        ++matched;
    }
    QVERIFY(matched > 0);
    QCOMPARE(sumParams, params);
    QCOMPARE(sumMacs, macs);
}

void TestZooMcunet::exactTotals()
{
    // Sum of the per-block rows above (tflite tensor shapes):
    // params 448 + 296 + 1,696 + 2 x 2,080 + 4,392 + 8,520 + 9,024 + 16,600
    //        + 31,480 + 23,808 + 20,592 + 41,136 + 97,536 + 78,048 + 88,576 + 322
    //        = 426,634, of which 6,114 int32 biases (6,112 conv output
    //        channels + 2 classifier) and 420,520 int8 weights.
    // MACs   691,200 + 435,200 + 1,094,400 + 2 x 787,200 + 657,600 + 820,800
    //        + 876,000 + 666,000 + 774,000 + 582,000 + 504,000 + 549,360
    //        + 868,320 + 694,656 + 790,560 + 320 = 11,578,816.
    const NetworkTotals& totals = vww1Stats().totals;
    QCOMPARE(totals.weights, qint64(420520));
    QCOMPARE(totals.biases, qint64(6114));
    QCOMPARE(totals.params, qint64(426634));
    QCOMPARE(totals.macs, qint64(11578816));
}

void TestZooMcunet::publishedTotals_data()
{
    QTest::addColumn<qlonglong>("ours");
    QTest::addColumn<qlonglong>("published");
    QTest::addColumn<qlonglong>("tolerance");
    const NetworkTotals& totals = vww1Stats().totals;
    // MCUNet README (github.com/mit-han-lab/mcunet @ 9c164f84, "VWW model
    // list"): mcunet-vww1 11.6M MACs, 0.43M params, 80 resolution.
    // MACs there come from torchprofile.profile_macs with BN removed
    // (mcunet/utils/pytorch_utils.py count_net_flops): conv and linear
    // MACs, adds and pooling 0 -- our definition too, so the -21,184 gap
    // (-0.18%) is rounding only.
    QTest::newRow("MACs") << qlonglong(totals.macs) << 11'600'000LL << kPublishedMacsTolerance;
    // Their params come from the float PyTorch model (count_parameters):
    // bias-free convs followed by BatchNorm (gamma and beta per channel),
    // Linear with bias: 420,520 + 2 x 6,112 + 2 = 432,746. Our int8 count
    // (BN folded into one bias per channel) is 426,634. Both round to 0.43M.
    QTest::newRow("params (int8, folded BN)") << qlonglong(totals.params) << 430'000LL
                                              << kPublishedParamsTolerance;
    const qlonglong convBiases = totals.biases - 2; // minus the classifier's 2
    QTest::newRow("params (float, BN gamma+beta)")
        << qlonglong(totals.weights + 2 * convBiases + 2) << 430'000LL << kPublishedParamsTolerance;
}

void TestZooMcunet::publishedTotals()
{
    QFETCH(qlonglong, ours);
    QFETCH(qlonglong, published);
    QFETCH(qlonglong, tolerance);
    QVERIFY2(qAbs(ours - published) <= tolerance,
             qPrintable(QStringLiteral("ours %1, published %2 +- %3")
                            .arg(ours)
                            .arg(published)
                            .arg(tolerance)));
}

QTEST_APPLESS_MAIN(TestZooMcunet)
#include "tst_zoo_mcunet.moc"
