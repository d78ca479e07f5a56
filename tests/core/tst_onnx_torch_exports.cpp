// Real PyTorch exporter output (tests/data/onnx/tv-*.onnx, torch-lstm-kws.onnx,
// written by torch.onnx.export with its defaults: eval mode, constant
// folding, so BatchNorm is already folded into the convs) opens with exactly
// the MACs and parameters PyTorch itself counts, and every conv/dense/LSTM
// layer's tensors in the weight store hold exactly the layer's counts.
//
// Expected numbers: NOT from our importer. They come from forward hooks on
// the PyTorch modules (Conv2d: output elements * Cin/groups * kh*kw; Linear:
// in*out; LSTM: T*4H(I+H); params of the folded graph: conv weight + Cout
// bias, Linear and LSTM parameters), printed by
//   /usr/bin/python3 tests/data/onnx/export_torchvision.py --count
// with Debian 12's torch 1.13.1 (1.13.0a0) and torchvision 0.14.1 (0.14.1a0).
// "Layers" is the number of Conv2d/Linear/LSTM modules the hooks saw.
#include "core/graph/layer_stats.h"
#include "core/graph/weight_store.h"
#include "core/io/onnx/onnx_import.h"

#include <QtTest>

using namespace mdse::core;

class TestOnnxTorchExports : public QObject {
    Q_OBJECT
private slots:
    void framework_counts_data();
    void framework_counts();
    void dynamicBatchBecomesOne();
};

void TestOnnxTorchExports::framework_counts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("macs");
    QTest::addColumn<qint64>("params");
    QTest::addColumn<int>("computeLayers");
    // shufflenet: opset 13, dynamic batch (Shape/Gather/Div channel-shuffle
    // arithmetic, ReduceMean pooling); mnasnet: ReduceMean pooling;
    // squeezenet: opset 11; mobilenet_v2(width_mult=0.35): ReLU6 as Clip of
    // Constants; all with num_classes=10.
    QTest::newRow("shufflenet_v2_x0_5") << "tv-shufflenet-v2-x0.5" << qint64(39462688) << qint64(348066) << 57;
    QTest::newRow("mnasnet0_5") << "tv-mnasnet0.5" << qint64(103188768) << qint64(940010) << 53;
    QTest::newRow("squeezenet1_1") << "tv-squeezenet1.1" << qint64(263489216) << qint64(727626) << 26;
    QTest::newRow("mobilenet_v2 x0.35") << "tv-mobilenet-v2-0.35" << qint64(58018608) << qint64(401898) << 53;
    // nn.LSTM(10, 118, batch_first=True) over 49 frames + Linear(118, 12),
    // opset 13, dynamic batch (initial states built by Shape/Expand).
    QTest::newRow("lstm kws") << "torch-lstm-kws" << qint64(2961800) << qint64(62788) << 2;
}

void TestOnnxTorchExports::framework_counts()
{
    QFETCH(QString, file);
    QFETCH(qint64, macs);
    QFETCH(qint64, params);
    QFETCH(int, computeLayers);
    const std::string path = std::string(MDSE_SOURCE_DIR) + "/tests/data/onnx/" + file.toStdString() + ".onnx";
    const Network network = importOnnxFile(path);
    const NetworkStats stats = computeStats(network);
    QCOMPARE(stats.totals.macs, macs);
    QCOMPARE(stats.totals.params, params);
    int counted = 0;
    for (const LayerStats& layer : stats.layers) {
        if (layer.macs == 0)
            continue;
        ++counted;
        const Layer& source = network.layers()[layer.layerIndex];
        const QByteArray where = QByteArray::fromStdString(layer.name);
        const WeightStore& store = *network.weights();
        QVERIFY2(!source.sourceNode.empty(), where);
        std::int64_t held = store.at(source.weightTensor).elementCount();
        if (!source.recurrentWeightTensor.empty())
            held += store.at(source.recurrentWeightTensor).elementCount();
        QVERIFY2(held == layer.weights, where);
        if (!source.biasTensor.empty())
            QVERIFY2(store.at(source.biasTensor).elementCount() == layer.biases, where);
    }
    QCOMPARE(counted, computeLayers);
}

// The two files exported with a dynamic batch axis ("batch" symbolic) open
// without an --input-shape override: batch becomes 1, as in the counts.
void TestOnnxTorchExports::dynamicBatchBecomesOne()
{
    const std::string dir = std::string(MDSE_SOURCE_DIR) + "/tests/data/onnx/";
    const Network kws = importOnnxFile(dir + "torch-lstm-kws.onnx");
    QCOMPARE(kws.inputs().front().shape, Shape({49, 10}));
    const Network shuffle = importOnnxFile(dir + "tv-shufflenet-v2-x0.5.onnx");
    QCOMPARE(shuffle.inputs().front().shape, Shape({3, 224, 224}));
}

QTEST_APPLESS_MAIN(TestOnnxTorchExports)
#include "tst_onnx_torch_exports.moc"
