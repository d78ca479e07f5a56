// Compression effects (issue #4): bytes, MACs and BOPs of precision and
// pruning settings, against hand calculations.
#include "core/compress/compressed_design.h"
#include "core/compress/sparse_storage.h"
#include "core/graph/batchnorm_folding.h"
#include "core/io/design_config_yaml.h"
#include "core/io/network_loader.h"
#include "core/io/network_yaml.h"

#include <QtTest>

#include <random>

using namespace mdse::core;

namespace {

CompressedDesign designOf(const char* network, const std::string& config)
{
    return applyDesign(readNetworkYaml(network, "<net>"), readDesignConfigYaml(config, "<cfg>"));
}

// One dense 1024 -> 256 layer without bias: 262,144 weights.
const char* kWide = "name: w\ninputs: [{name: x, shape: [1024]}]\nlayers:\n"
                    "  - {name: fc, op: dense, units: 256, bias: false}\n";
// One dense 100 -> 50 layer with bias: 5,000 weights, 50 biases.
const char* kSmall = "name: s\ninputs: [{name: x, shape: [100]}]\nlayers:\n"
                     "  - {name: fc, op: dense, units: 50}\n";

} // namespace

class TestCompressEffects : public QObject {
    Q_OBJECT
private slots:
    void uniformPrecision_data();
    void uniformPrecision();
    void sparseFormats_data();
    void sparseFormats();
    void relativeIndexFigure2();
    void relativeIndexExpectation();
    void macsAndBops();
    void mobileNetV2Int8();
};

void TestCompressEffects::uniformPrecision_data()
{
    QTest::addColumn<QString>("precision");
    QTest::addColumn<qlonglong>("bytes");
    QTest::addColumn<double>("limit");
    // Hand: 262,144 weights x N / 8, plus one 4-byte fp32 scale for integers.
    // Issue #4: compression vs fp32 is 32/N for uniform N-bit precision.
    QTest::newRow("fp16") << QStringLiteral("fp16") << 524288LL << 2.0;
    QTest::newRow("int8") << QStringLiteral("int8") << 262148LL << 4.0;
    QTest::newRow("int4") << QStringLiteral("int4") << 131076LL << 8.0;
    QTest::newRow("int2") << QStringLiteral("int2") << 65540LL << 16.0;
    QTest::newRow("int1") << QStringLiteral("int1") << 32772LL << 32.0;
    QTest::newRow("fp32") << QStringLiteral("fp32") << 1048576LL << 1.0;
}

void TestCompressEffects::uniformPrecision()
{
    QFETCH(QString, precision);
    QFETCH(qlonglong, bytes);
    QFETCH(double, limit);
    const auto design = designOf(kWide, "defaults: {weightPrecision: " + precision.toStdString() + "}\n");
    QCOMPARE(design.effects.totals.weightBytes, bytes);
    // The only overhead is the 4-byte scale: ratio within 4/bytes of 32/N.
    const double ratio = design.effects.totals.compressionRatio;
    QVERIFY(std::abs(ratio - limit) / limit <= 4.0 / static_cast<double>(bytes) + 1e-12);
    QCOMPARE(ratio, 1048576.0 / static_cast<double>(bytes));
}

void TestCompressEffects::sparseFormats_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<qlonglong>("nonZeros");
    QTest::addColumn<qlonglong>("bytes");
    // 5,000 int8 weights as 50 rows x 100 columns, 50 int32 biases (200 B),
    // one fp32 scale (4 B). 90% sparsity keeps 500 weights.
    // dense storage keeps the zeros: 5000 + 204
    QTest::newRow("dense") << QStringLiteral("{pruning: unstructured, sparsity: 0.9}") << 500LL << 5204LL;
    // bitmap: 500 values + 5000 bits (625 B) + 204
    QTest::newRow("bitmap") << QStringLiteral("{pruning: unstructured, sparsity: 0.9, format: bitmap}") << 500LL << 1329LL;
    // CSR: column index ceil(log2 100) = 7 bits x 500 + 51 row pointers x 32
    // bits = 5132 bits = 642 B; 500 + 642 + 204
    QTest::newRow("csr") << QStringLiteral("{pruning: unstructured, sparsity: 0.9, format: csr}") << 500LL << 1346LL;
    // CSR with 16-bit columns, 16-bit row pointers: 8000 + 816 bits = 1102 B
    QTest::newRow("csr16") << QStringLiteral("{pruning: unstructured, sparsity: 0.9, format: csr, indexBits: 16, rowPointerBits: 16}")
                           << 500LL << 1806LL;
    // Relative index, 5 bits for fc (Han et al. 2016): q = 0.9^32 = 0.034337,
    // entries = 500 / (1 - q) = 517.8 -> 518; 518 values + 518*5 bits (324 B) + 204
    QTest::newRow("rle") << QStringLiteral("{pruning: unstructured, sparsity: 0.9, format: rle}") << 500LL << 1046LL;
    // 2:4 keeps 2500 values, each with a 2-bit position (625 B): 2500 + 625 + 204
    QTest::newRow("2:4") << QStringLiteral("{pruning: nm, nm: \"2:4\"}") << 2500LL << 3329LL;
    // 1:4 keeps 1250 values: 1250 + 1250*2 bits (313 B) + 204
    QTest::newRow("1:4") << QStringLiteral("{pruning: nm, nm: \"1:4\"}") << 1250LL << 1767LL;
    // per-channel scales: 50 x 4 B instead of 4: 5000 + 200 + 200
    QTest::newRow("per-channel") << QStringLiteral("{scales: per-channel}") << 5000LL << 5400LL;
}

void TestCompressEffects::sparseFormats()
{
    QFETCH(QString, settings);
    QFETCH(qlonglong, nonZeros);
    QFETCH(qlonglong, bytes);
    const auto design = designOf(kSmall, "defaults: {weightBits: 8}\nlayers:\n  fc: " + settings.toStdString() + "\n");
    QCOMPARE(design.effects.layers.at(0).nonZeroWeights, nonZeros);
    QCOMPARE(design.effects.layers.at(0).weightBytes, bytes);
}

void TestCompressEffects::relativeIndexFigure2()
{
    // Han et al., ICLR 2016, Fig. 2: non-zeros at indices 1, 4 and 15 of 16,
    // 3-bit relative index: distances 1, 3, then 11 > 8 needs one filler
    // zero (at 12) before the distance 3 to 15: four stored entries.
    std::vector<float> weights(16, 0.0f);
    weights[1] = 3.4f;
    weights[4] = 0.9f;
    weights[15] = 1.7f;
    QCOMPARE(relativeIndexEntries(weights, 3), 4LL);
    // With 4 bits (span 16) no filler is needed.
    QCOMPARE(relativeIndexEntries(weights, 4), 3LL);
}

void TestCompressEffects::relativeIndexExpectation()
{
    // The closed form for random positions against counting real masks:
    // 2^20 weights at density 5%, 4-bit index. Independent Bernoulli draws
    // make the count vary by about sqrt(n) = a few hundred on ~60k entries.
    std::mt19937 random(7);
    std::bernoulli_distribution keep(0.05);
    std::vector<float> weights(std::size_t{1} << 20);
    std::int64_t nonZeros = 0;
    for (float& w : weights)
        if (keep(random)) {
            w = 1.0f;
            ++nonZeros;
        }
    const auto counted = static_cast<double>(relativeIndexEntries(weights, 4));
    const auto expected = static_cast<double>(expectedRelativeIndexEntries(std::int64_t{1} << 20, nonZeros, 4));
    QVERIFY2(std::abs(counted - expected) / expected < 0.01, qPrintable(QString::number(counted)));
}

void TestCompressEffects::macsAndBops()
{
    // fc1 100 -> 50 with ReLU, fc2 50 -> 10. fc1: 5000 MACs at 90% sparsity
    // = 500 effective; BOPs 500 x 8 x 8 = 32,000. fc2: 500 MACs, int4
    // weights reading fc1's int8 output: 500 x 4 x 8 = 16,000 BOPs; its
    // input follows a ReLU, so zero skipping halves it: 250.
    const auto design = designOf(
        "name: m\ninputs: [{name: x, shape: [100]}]\nlayers:\n"
        "  - {name: fc1, op: dense, units: 50, activation: relu}\n"
        "  - {name: fc2, op: dense, units: 10}\n",
        "defaults: {weightBits: 8, activationBits: 8}\nlayers:\n"
        "  fc1: {pruning: unstructured, sparsity: 0.9}\n  fc2: {weightBits: 4, activationBits: 4}\n");
    const auto& fc1 = design.effects.layers.at(0);
    const auto& fc2 = design.effects.layers.at(1);
    QCOMPARE(fc1.denseMacs, 5000LL);
    QCOMPARE(fc1.effectiveMacs, 500LL);
    QCOMPARE(fc1.bops, 32000LL);
    QCOMPARE(fc1.zeroSkipMacs, 500LL);
    QCOMPARE(fc2.effectiveMacs, 500LL);
    QCOMPARE(fc2.bops, 16000LL);
    QCOMPARE(fc2.zeroSkipMacs, 250LL);
    QCOMPARE(fc2.activationBytes, 5LL); // 10 int4 outputs
    QCOMPARE(design.effects.totals.bops, 48000LL);
    QCOMPARE(design.effects.totals.effectiveMacs, 1000LL);
}

void TestCompressEffects::mobileNetV2Int8()
{
    // Issue #4: int8 weights of MobileNetV2 = params bytes + scale bytes.
    // With BatchNorm folded (as deployed), every conv/dense layer holds int8
    // weights, int32 biases and one fp32 scale (per tensor) or one per output
    // channel. The unfolded zoo network has torchvision's 3,504,872 params.
    const Network zoo = loadNetwork("zoo:mobilenetv2-1.0-224");
    QCOMPARE(computeStats(zoo).totals.params, 3504872LL);
    const Network folded(foldBatchNorms(zoo));
    const NetworkStats stats = computeStats(folded);
    std::int64_t weightedLayers = 0, channels = 0;
    for (const LayerStats& layer : stats.layers)
        if (layer.weights > 0) {
            ++weightedLayers;
            channels += layer.op == OpKind::Dense ? layer.outputShapes[0].back() : layer.outputShapes[0][0];
        }
    QCOMPARE(weightedLayers, 53LL); // 52 convolutions + the classifier (Sandler et al. Table 2)
    const std::int64_t paramBytes = stats.totals.weights + 4 * stats.totals.biases;
    const auto perTensor = applyDesign(folded, readDesignConfigYaml("defaults: {weightBits: 8}", "<cfg>"));
    QCOMPARE(perTensor.effects.totals.weightBytes, paramBytes + 4 * weightedLayers);
    const auto perChannel = applyDesign(
        folded, readDesignConfigYaml("defaults: {weightBits: 8, scales: per-channel}", "<cfg>"));
    QCOMPARE(perChannel.effects.totals.weightBytes, paramBytes + 4 * channels);
}

QTEST_APPLESS_MAIN(TestCompressEffects)
#include "tst_compress_effects.moc"
