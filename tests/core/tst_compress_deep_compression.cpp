// Pruning densities of Han et al. reproduce their published parameter
// reductions (issue #4).
//
// Sources: Han, Pool, Tran, Dally, "Learning both Weights and Connections
// for Efficient Neural Networks", NIPS 2015, Table 1 (also Han, Mao, Dally,
// "Deep Compression", ICLR 2016, Table 1; seed 004 lines ~1105-1120):
// LeNet-300-100 267K -> 22K (12x), LeNet-5 431K -> 36K (12x),
// AlexNet 61M -> 6.7M (9x), VGG-16 138M -> 10.3M (13x).
// Per-layer weight densities after pruning: Deep Compression Tables 4-7.
//
// The densities are printed as whole percents, so each may be off by up to
// half a percent of its layer's weights; the tolerance is that bound plus
// half a unit of the paper's printed total. The compression factor
// (reference params / non-zero weights) must round to the paper's factor.
#include "core/compress/compressed_design.h"
#include "core/io/network_loader.h"

#include <QtTest>

using namespace mdse::core;

using Densities = std::vector<std::pair<std::string, double>>;
Q_DECLARE_METATYPE(Densities)

class TestDeepCompression : public QObject {
    Q_OBJECT
private slots:
    void paperDensities_data();
    void paperDensities();
};

void TestDeepCompression::paperDensities_data()
{
    QTest::addColumn<QString>("zooId");
    QTest::addColumn<Densities>("densities");
    QTest::addColumn<double>("prunedParams");
    QTest::addColumn<double>("printedUnit"); // 1K or 0.1M
    QTest::addColumn<int>("factor");
    QTest::newRow("LeNet-300-100") << QStringLiteral("lenet-300-100")
        << Densities{{"fc1", 0.08}, {"fc2", 0.09}, {"fc3", 0.26}} << 22e3 << 1e3 << 12;
    QTest::newRow("LeNet-5") << QStringLiteral("lenet5")
        << Densities{{"conv1", 0.66}, {"conv2", 0.12}, {"ip1", 0.08}, {"ip2", 0.19}} << 36e3 << 1e3 << 12;
    // The zoo's AlexNet is torchvision's single-tower variant (61.1M params);
    // the paper's is Caffe's two-group one (61.0M). Densities apply by layer.
    QTest::newRow("AlexNet") << QStringLiteral("alexnet")
        << Densities{{"conv1", 0.84}, {"conv2", 0.38}, {"conv3", 0.35}, {"conv4", 0.37}, {"conv5", 0.37},
                     {"fc6", 0.09}, {"fc7", 0.09}, {"fc8", 0.25}} << 6.7e6 << 0.1e6 << 9;
    QTest::newRow("VGG-16") << QStringLiteral("vgg16")
        << Densities{{"conv1_1", 0.58}, {"conv1_2", 0.22}, {"conv2_1", 0.34}, {"conv2_2", 0.36},
                     {"conv3_1", 0.53}, {"conv3_2", 0.24}, {"conv3_3", 0.42}, {"conv4_1", 0.32},
                     {"conv4_2", 0.27}, {"conv4_3", 0.34}, {"conv5_1", 0.35}, {"conv5_2", 0.29},
                     {"conv5_3", 0.36}, {"fc6", 0.04}, {"fc7", 0.04}, {"fc8", 0.23}}
        << 10.3e6 << 0.1e6 << 13;
}

void TestDeepCompression::paperDensities()
{
    QFETCH(QString, zooId);
    QFETCH(Densities, densities);
    QFETCH(double, prunedParams);
    QFETCH(double, printedUnit);
    QFETCH(int, factor);
    const Network network = loadNetwork("zoo:" + zooId.toStdString());
    DesignConfig config;
    for (const auto& [layer, density] : densities) {
        LayerOverride entry;
        entry.layerName = layer;
        entry.set.pruning = PruningKind::Unstructured;
        entry.set.sparsity = 1.0 - density;
        config.layers.push_back(entry);
    }
    const CompressedDesign design = applyDesign(network, config);
    double prunedWeights = 0.0;
    for (const LayerEffects& layer : design.effects.layers)
        if (layer.sparsity > 0.0)
            prunedWeights += static_cast<double>(layer.weights);
    QCOMPARE(static_cast<int>(densities.size()),
             static_cast<int>(std::count_if(design.effects.layers.begin(), design.effects.layers.end(),
                                            [](const LayerEffects& l) { return l.sparsity > 0.0; })));
    const auto nonZeros = static_cast<double>(design.effects.totals.nonZeroWeights);
    const double tolerance = 0.005 * prunedWeights + 0.5 * printedUnit;
    QVERIFY2(std::abs(nonZeros - prunedParams) <= tolerance,
             qPrintable(QStringLiteral("%1 non-zeros vs %2 +- %3").arg(nonZeros).arg(prunedParams).arg(tolerance)));
    const auto reference = static_cast<double>(design.stats.totals.params);
    QCOMPARE(static_cast<int>(std::lround(reference / nonZeros)), factor);
}

QTEST_APPLESS_MAIN(TestDeepCompression)
#include "tst_compress_deep_compression.moc"
