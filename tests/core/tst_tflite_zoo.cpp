// Zoo networks written as int8 TFLite models (tests/core/tst_tflite_zoo.h,
// laid out as the TFLite converter does: BatchNorm folded, every conv and
// dense with a bias) open with the same MACs and conv/dense output shapes
// as the zoo's YAML, whose totals tests/core/tst_zoo*.cpp check against
// the papers; params are the zoo's conv/dense weights plus one int32 bias
// per output channel (BatchNorm's gamma/beta folded away).
#include "core/graph/layer_stats.h"
#include "core/io/network_loader.h"
#include "tests/core/tst_tflite_zoo.h"

#include <QtTest>

using namespace mdse::core;

class TestTfliteZoo : public QObject {
    Q_OBJECT
private slots:
    void sameCountsAsTheZoo_data();
    void sameCountsAsTheZoo();
};

void TestTfliteZoo::sameCountsAsTheZoo_data()
{
    QTest::addColumn<QString>("id");
    for (const char* id : {"mobilenetv2-1.0-224", "mobilenetv2-0.35-144", "mlperf-tiny-vww", "mlperf-tiny-kws", "mcunet-vww1", "dscnn-s"})
        QTest::newRow(id) << QString::fromLatin1(id);
}

void TestTfliteZoo::sameCountsAsTheZoo()
{
    QFETCH(QString, id);
    const Network zoo = loadNetwork("zoo:" + id.toStdString());
    const NetworkStats zooStats = computeStats(zoo);
    const std::vector<std::uint8_t> bytes = mdse::test::ZooToTflite(zoo).bytes();
    const Network tfl = importTfliteBytes(bytes.data(), bytes.size(), id.toStdString() + ".tflite");
    const NetworkStats tflStats = computeStats(tfl);
    QCOMPARE(tflStats.totals.macs, zooStats.totals.macs);
    std::int64_t expectedParams = 0;
    std::vector<Shape> zooShapes, tflShapes;
    for (const LayerStats& layer : zooStats.layers)
        if (layer.op == OpKind::Conv2D || layer.op == OpKind::Dense) {
            // conv: [C_out, H, W] -> C_out biases; dense: [units] -> units biases
            const Shape& out = layer.outputShapes.front();
            expectedParams += layer.weights + (layer.op == OpKind::Conv2D ? out.front() : out.back());
            zooShapes.push_back(layer.outputShapes.front());
        }
    for (const LayerStats& layer : tflStats.layers)
        if (layer.op == OpKind::Conv2D || layer.op == OpKind::Dense)
            tflShapes.push_back(layer.outputShapes.front());
    QCOMPARE(tflShapes, zooShapes);
    QCOMPARE(tflStats.totals.params, expectedParams);
    for (const Layer& layer : tfl.layers())
        if (layer.op == OpKind::Conv2D || layer.op == OpKind::Dense) {
            QCOMPARE(*layer.weightType, Precision::Int8);
            QCOMPARE(*layer.activationType, Precision::Int8);
        }
}

QTEST_GUILESS_MAIN(TestTfliteZoo)
#include "tst_tflite_zoo.moc"
