// zoo:mlperf-tiny-* pinned to the MLPerf Tiny reference models.
//
// Exact figures below were read from the int8 reference models of
// github.com/mlcommons/tiny at tag v1.1 (commit 360bf095d4620057cbda8c73a507b2a61341c669),
// benchmark/training/*/trained_models/{kws_ref_model, vww_96_int8,
// pretrainedResnet_quant, ad01_int8}.tflite, decoded with flatc 2.0.8 and the
// TFLite schema (tensorflow/tflite-micro, tensorflow/compiler/mlir/lite/schema/schema.fbs),
// not by our code:
//   params = sum over CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED of
//            (weight tensor elements + int32 bias elements)
//   MACs   = sum over the same ops of (output elements x weights per output)
// and they agree with hand arithmetic over the Keras definitions in
// benchmark/training/*/ (BatchNorm folded into the bias, as the converter does),
// given per model below. The file sizes of these .tflite files (53,936,
// 333,288, 98,496 and 276,976 B) are Table 1's "52.5K / 325K / 96K / 270K"
// model sizes of Banbury et al., MLPerf Tiny Benchmark (arXiv:2106.07597).
#include "core/graph/layer_stats.h"
#include "core/io/network_loader.h"

#include <QtTest>

#include <map>

using namespace mdse::core;

namespace {

NetworkStats statsOf(const QString& id)
{
    return computeStats(loadNetwork("zoo:" + id.toStdString()));
}

// MACs per conv variant ("standard", "depthwise", "pointwise") and "fc".
std::map<std::string, qlonglong> macsByClass(const QString& id)
{
    const Network network = loadNetwork("zoo:" + id.toStdString());
    std::map<std::string, qlonglong> result;
    for (const LayerStats& layer : computeStats(network).layers) {
        const Layer& definition = network.layers()[layer.layerIndex];
        if (layer.op == OpKind::Dense)
            result["fc"] += layer.macs;
        else if (layer.op == OpKind::Conv2D)
            result[convVariant(definition, layer.inputShapes.front())] += layer.macs;
    }
    return result;
}

} // namespace

class TestZooMlperf : public QObject {
    Q_OBJECT
private slots:
    void totals_data();
    void totals();
    void macsPerOpClass_data();
    void macsPerOpClass();
    void inputsAndOutputs_data();
    void inputsAndOutputs();
};

void TestZooMlperf::totals_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<qlonglong>("params");
    QTest::addColumn<qlonglong>("macs");
    // KWS by hand: conv1 64*10*4+64 = 2,624; per block dw 64*9+64 = 640,
    // pw 64*64+64 = 4,160; fc 64*12+12 = 780: 2,624 + 4*4,800 + 780 = 22,604.
    // MACs: conv1 25*5*64*40 = 320,000; dw 25*5*64*9 = 72,000; pw 25*5*64*64
    // = 512,000; fc 768: 320,000 + 4*584,000 + 768 = 2,656,768.
    QTest::newRow("kws") << "mlperf-tiny-kws" << 22604LL << 2656768LL;
    // VWW: tflite sum 210,850 params and 7,489,664 MACs (48x48x8x27 stem = 497,664, ...).
    QTest::newRow("vww") << "mlperf-tiny-vww" << 210850LL << 7489664LL;
    // IC by hand: 448 + 2*2,320 + 4,640 + 9,248 + 544 + 18,496 + 36,928 + 2,112
    // + 650 = 77,706. MACs: 32*32*16*27 = 442,368; two 32*32*16*144 = 2*2,359,296;
    // 16*16*32*144 = 1,179,648; 16*16*32*288 = 2,359,296; 16*16*32*16 = 131,072;
    // 8*8*64*288 = 1,179,648; 8*8*64*576 = 2,359,296; 8*8*64*32 = 131,072;
    // fc 640: 12,501,632.
    QTest::newRow("ic") << "mlperf-tiny-ic" << 77706LL << 12501632LL;
    // AD by hand: 640*128+128 = 82,048; three 128*128+128 = 16,512; 128*8+8 =
    // 1,032; 8*128+128 = 1,152; three 16,512; 128*640+640 = 82,560: 265,864.
    // MACs = weights: 81,920 + 6*16,384 + 1,024 + 1,024 + 81,920 = 264,192.
    QTest::newRow("ad") << "mlperf-tiny-ad" << 265864LL << 264192LL;
}

void TestZooMlperf::totals()
{
    QFETCH(QString, id);
    QFETCH(qlonglong, params);
    QFETCH(qlonglong, macs);
    const NetworkStats stats = statsOf(id);
    QCOMPARE(stats.totals.params, params);
    QCOMPARE(stats.totals.macs, macs);
}

void TestZooMlperf::macsPerOpClass_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("opClass");
    QTest::addColumn<qlonglong>("macs");
    // Per operator of the decoded .tflite files, summed by kind (a CONV_2D with
    // a 1x1 kernel is "pointwise"): the rates the latency fit separates.
    // VWW depthwise: 165,888 + 82,944 + 165,888 + 41,472 + 82,944 + 20,736
    // + 5*41,472 + 10,368 + 20,736 = 798,336; pointwise 5*294,912 + 8*589,824 = 6,193,152.
    QTest::newRow("vww standard") << "mlperf-tiny-vww" << "standard" << 497664LL;
    QTest::newRow("vww depthwise") << "mlperf-tiny-vww" << "depthwise" << 798336LL;
    QTest::newRow("vww pointwise") << "mlperf-tiny-vww" << "pointwise" << 6193152LL;
    QTest::newRow("vww fc") << "mlperf-tiny-vww" << "fc" << 512LL;
    QTest::newRow("kws standard") << "mlperf-tiny-kws" << "standard" << 320000LL;
    QTest::newRow("kws depthwise") << "mlperf-tiny-kws" << "depthwise" << 288000LL;
    QTest::newRow("kws pointwise") << "mlperf-tiny-kws" << "pointwise" << 2048000LL;
    // IC: the two 1x1 stride-2 shortcuts are its only pointwise convs.
    QTest::newRow("ic pointwise") << "mlperf-tiny-ic" << "pointwise" << 262144LL;
    QTest::newRow("ic standard") << "mlperf-tiny-ic" << "standard" << 12238848LL;
    QTest::newRow("ad fc") << "mlperf-tiny-ad" << "fc" << 264192LL;
}

void TestZooMlperf::macsPerOpClass()
{
    QFETCH(QString, id);
    QFETCH(QString, opClass);
    QFETCH(qlonglong, macs);
    QCOMPARE(macsByClass(id)[opClass.toStdString()], macs);
}

void TestZooMlperf::inputsAndOutputs_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QList<qlonglong>>("input");
    QTest::addColumn<qlonglong>("outputElements");
    // tflite input tensors (NHWC, batch 1) as batchless [C, H, W]:
    // [1,49,10,1], [1,96,96,3], [1,32,32,3], [1,640]; outputs [1,12], [1,2], [1,10], [1,640].
    QTest::newRow("kws") << "mlperf-tiny-kws" << QList<qlonglong>{1, 49, 10} << 12LL;
    QTest::newRow("vww") << "mlperf-tiny-vww" << QList<qlonglong>{3, 96, 96} << 2LL;
    QTest::newRow("ic") << "mlperf-tiny-ic" << QList<qlonglong>{3, 32, 32} << 10LL;
    QTest::newRow("ad") << "mlperf-tiny-ad" << QList<qlonglong>{640} << 640LL;
}

void TestZooMlperf::inputsAndOutputs()
{
    QFETCH(QString, id);
    QFETCH(QList<qlonglong>, input);
    QFETCH(qlonglong, outputElements);
    const Network network = loadNetwork("zoo:" + id.toStdString());
    QCOMPARE(network.inputs().size(), std::size_t{1});
    const Shape& shape = network.inputs().front().shape;
    QCOMPARE(qsizetype(shape.size()), input.size());
    for (qsizetype i = 0; i < input.size(); ++i)
        QCOMPARE(qlonglong(shape[std::size_t(i)]), input[i]);
    QCOMPARE(network.outputs().size(), std::size_t{1});
    const Shape& out = network.tensor(network.outputs().front()).shape;
    qlonglong elements = 1;
    for (const auto extent : out)
        elements *= extent;
    QCOMPARE(elements, outputElements);
}

QTEST_APPLESS_MAIN(TestZooMlperf)
#include "tst_zoo_mlperf.moc"
