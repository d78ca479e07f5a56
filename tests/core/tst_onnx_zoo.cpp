// Cross-check: the ONNX equivalents of zoo networks (tests/data/onnx/*.onnx,
// written by tests/data/onnx/gen_onnx.py in exporter style: BatchNorm after
// bias-less convs, ReLU6 as Clip of Constants, Shape->...->Reshape flatten,
// MatMul+Add, LSTM with Y_h, int8 weights behind DequantizeLinear) give the
// per-layer statistics of the YAML version with BatchNorms folded (the
// folded graph is what the ONNX importer yields), and every conv/dense
// weight tensor in the store holds exactly the layer's weight count.
#include "core/graph/batchnorm_folding.h"
#include "core/graph/layer_stats.h"
#include "core/io/network_loader.h"
#include "core/io/onnx/onnx_import.h"

#include <QtTest>

using namespace mdse::core;

class TestOnnxZoo : public QObject {
    Q_OBJECT
private slots:
    void sameStatisticsAsYaml_data();
    void sameStatisticsAsYaml();
    void truncatedFileNamesTheFile();
};

void TestOnnxZoo::sameStatisticsAsYaml_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("weightType");
    for (const char* id : {"lenet5", "lenet-300-100", "dscnn-s", "lstm-kws"})
        QTest::newRow(id) << id << "fp16";
    QTest::newRow("mcunet-vww1") << "mcunet-vww1" << "int8"; // QDQ form
}

void TestOnnxZoo::sameStatisticsAsYaml()
{
    QFETCH(QString, id);
    QFETCH(QString, weightType);
    const std::string path = std::string(MDSE_SOURCE_DIR) + "/tests/data/onnx/" + id.toStdString() + ".onnx";
    const Network onnx = importOnnxFile(path);
    const Network yaml(foldBatchNorms(loadNetwork("zoo:" + id.toStdString())));
    const NetworkStats a = computeStats(onnx), b = computeStats(yaml);
    QCOMPARE(a.layers.size(), b.layers.size());
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
        const LayerStats &x = a.layers[i], &y = b.layers[i];
        const QByteArray where = QByteArray::fromStdString(y.name);
        QVERIFY2(x.op == y.op, where);
        QVERIFY2(x.inputShapes == y.inputShapes, where);
        QVERIFY2(x.outputShapes == y.outputShapes, where);
        QVERIFY2(x.weights == y.weights, where);
        QVERIFY2(x.biases == y.biases, where);
        QVERIFY2(x.macs == y.macs, where);
        const Layer& layer = onnx.layers()[x.layerIndex];
        if (x.op == OpKind::Conv2D || x.op == OpKind::Dense) {
            QVERIFY2(onnx.weights()->at(layer.weightTensor).elementCount() == x.weights, where);
            QVERIFY2(layer.weightType && precisionName(*layer.weightType) == weightType.toStdString(), where);
        }
    }
    QCOMPARE(a.totals.macs, b.totals.macs);
    QCOMPARE(a.totals.params, b.totals.params);
}

void TestOnnxZoo::truncatedFileNamesTheFile()
{
    const std::string path = std::string(MDSE_SOURCE_DIR) + "/tests/data/onnx/dscnn-s.onnx";
    const std::string cut = QDir::tempPath().toStdString() + "/mdse_truncated.onnx";
    QFile::remove(QString::fromStdString(cut));
    QVERIFY(QFile::copy(QString::fromStdString(path), QString::fromStdString(cut)));
    QFile file(QString::fromStdString(cut));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(file.size() / 2));
    file.close();
    try {
        loadNetwork(cut);
        QFAIL("a truncated file was accepted");
    } catch (const Error& error) {
        QCOMPARE(error.location().file, cut);
        QVERIFY(std::string(error.what()).find("truncated or corrupt") != std::string::npos);
    }
    QFile::remove(QString::fromStdString(cut));
}

QTEST_APPLESS_MAIN(TestOnnxZoo)
#include "tst_onnx_zoo.moc"
