// Per-layer statistics against hand-computed figures.
#include "core/graph/layer_stats.h"
#include "core/io/network_yaml.h"

#include <QtTest>

using namespace mdse::core;

namespace {

NetworkStats statsOf(const char* yaml)
{
    return computeStats(readNetworkYaml(yaml, "<test>"));
}

} // namespace

class TestLayerStats : public QObject {
    Q_OBJECT
private slots:
    void convolution_data();
    void convolution();
    void lstmStepCost();
};

void TestLayerStats::convolution_data()
{
    QTest::addColumn<QString>("layer");
    QTest::addColumn<qlonglong>("outH");
    QTest::addColumn<qlonglong>("outW");
    QTest::addColumn<qlonglong>("params");
    QTest::addColumn<qlonglong>("macs");
    // Input [8, 32, 32]. Hand calculations:
    // 3x3, 16 filters, pad 1: out 32x32; params 16*8*9+16 = 1168; MACs 16*32*32*8*9 = 1,179,648
    QTest::newRow("3x3 same-size") << "{name: c, op: conv2d, filters: 16, kernel: 3, padding: 1}"
                                   << 32LL << 32LL << 1168LL << 1179648LL;
    // stride 2, no pad, 3x3: out floor((32-3)/2)+1 = 15; MACs 16*15*15*72 = 259,200
    QTest::newRow("stride 2 valid") << "{name: c, op: conv2d, filters: 16, kernel: 3, stride: 2, bias: false}"
                                    << 15LL << 15LL << 1152LL << 259200LL;
    // SAME, stride 2: out ceil(32/2) = 16
    QTest::newRow("same stride 2") << "{name: c, op: conv2d, filters: 16, kernel: 3, stride: 2, padding: same, bias: false}"
                                   << 16LL << 16LL << 1152LL << 294912LL;
    // depthwise 3x3: params 8*1*9 = 72 (+8 bias); MACs 8*32*32*9 = 73,728
    QTest::newRow("depthwise") << "{name: c, op: conv2d, filters: 8, groups: 8, kernel: 3, padding: 1}"
                               << 32LL << 32LL << 80LL << 73728LL;
    // dilation 2, 3x3 -> effective 5: out 32-5+1 = 28; asymmetric pad [0,1,2,3]: H 32+2-5+1=30, W 32+4-5+1=32
    QTest::newRow("dilated asym") << "{name: c, op: conv2d, filters: 4, kernel: 3, dilation: 2, padding: [0, 1, 2, 3], bias: false}"
                                  << 30LL << 32LL << 288LL << 4LL * 30 * 32 * 72;
    // grouped 1x1, groups 2: params 16*4 = 64; MACs 16*32*32*4 = 65,536
    QTest::newRow("grouped pointwise") << "{name: c, op: conv2d, filters: 16, groups: 2, kernel: 1, bias: false}"
                                       << 32LL << 32LL << 64LL << 65536LL;
    // transposed 4x4 stride 2 pad 1: out (32-1)*2-2+4 = 64; params 8*4*16+4 = 516; MACs 8*32*32*4*16 = 524,288
    QTest::newRow("transposed") << "{name: c, op: conv_transpose2d, filters: 4, kernel: 4, stride: 2, padding: 1}"
                                << 64LL << 64LL << 516LL << 524288LL;
}

void TestLayerStats::convolution()
{
    QFETCH(QString, layer);
    QFETCH(qlonglong, outH);
    QFETCH(qlonglong, outW);
    QFETCH(qlonglong, params);
    QFETCH(qlonglong, macs);
    const std::string yaml = "name: t\ninputs: [{name: x, shape: [8, 32, 32]}]\nlayers:\n  - "
        + layer.toStdString() + "\n";
    const NetworkStats stats = statsOf(yaml.c_str());
    QCOMPARE(stats.layers.size(), std::size_t{1});
    QCOMPARE(stats.layers[0].outputShapes[0][1], outH);
    QCOMPARE(stats.layers[0].outputShapes[0][2], outW);
    QCOMPARE(stats.layers[0].params, params);
    QCOMPARE(stats.layers[0].macs, macs);
}

void TestLayerStats::lstmStepCost()
{
    // Issue #2: an LSTM step costs 4*H*(I+H) MACs. I = 10, H = 32, T = 49:
    // per step 4*32*42 = 5376; 49 steps = 263,424. Weights 4*32*42 = 5376,
    // PyTorch-style double bias 8*32 = 256.
    const NetworkStats stats = statsOf(
        "name: t\ninputs: [{name: x, shape: [49, 10]}]\nlayers:\n  - {name: l, op: lstm, hidden: 32}\n");
    QCOMPARE(stats.layers[0].macs, 263424LL);
    QCOMPARE(stats.layers[0].weights, 5376LL);
    QCOMPARE(stats.layers[0].biases, 256LL);
    QCOMPARE(stats.layers[0].outputShapes[0], (Shape{49, 32}));
}

QTEST_APPLESS_MAIN(TestLayerStats)
#include "tst_layer_stats.moc"
