// Zero skipping (FEIE cycle tables of McGill EPEPS 2019 tutorial), sparsity effects, and
// Winograd / FFT convolution costs against hand calculations.
#include "core/accel/fast_convolution.h"
#include "core/accel/zero_skipping.h"
#include "core/util/error.h"

#include <QtTest>

using namespace mdse::core;

namespace {

// One cycle as written in the McGill EPEPS 2019 tutorial tables: "psum:weight" pairs in the
// order the table lists them (oldest psum first), e.g. "2:3 3:2 4:1".
QString render(const FeieCycle& c)
{
    QStringList parts;
    for (const FeieMac& m : c.macs)
        parts << QStringLiteral("%1:%2").arg(m.psum).arg(m.weight);
    return parts.join(QLatin1Char(' '));
}

std::vector<double> feieInputs(bool withZeros)
{
    std::vector<double> x(16);
    for (int i = 0; i < 16; ++i)
        x[std::size_t(i)] = i + 1; // X1..X16, all nonzero
    if (withZeros)
        for (int i = 6; i <= 11; ++i) // McGill EPEPS 2019 tutorial sparse example: X6..X11 are 0
            x[std::size_t(i - 1)] = 0;
    return x;
}

} // namespace

class TestSparsityFastConv : public QObject {
    Q_OBJECT
private slots:
    void feieDenseTable();
    void feieZeroSkippedTable();
    void feiePeRotation();
    void sparsityEffects_data();
    void sparsityEffects();
    void winogradTiles_data();
    void winogradTiles();
    void winogradLayer();
    void fftLayer();
    void badInputIsAnError();
};

void TestSparsityFastConv::feieDenseTable()
{
    // McGill EPEPS 2019 tutorial, "FEIE" tables: 2 rows of 8 inputs, 3-tap filter, 3 PEs; outputs
    // Psum1..6 (row 1) and Psum7..12 (row 2). Dense: 16 clock cycles.
    const QStringList expected{
        QStringLiteral("1:1"), QStringLiteral("1:2 2:1"), QStringLiteral("1:3 2:2 3:1"),
        QStringLiteral("2:3 3:2 4:1"), QStringLiteral("3:3 4:2 5:1"), QStringLiteral("4:3 5:2 6:1"),
        QStringLiteral("5:3 6:2"), QStringLiteral("6:3"), QStringLiteral("7:1"), QStringLiteral("7:2 8:1"),
        QStringLiteral("7:3 8:2 9:1"), QStringLiteral("8:3 9:2 10:1"), QStringLiteral("9:3 10:2 11:1"),
        QStringLiteral("10:3 11:2 12:1"), QStringLiteral("11:3 12:2"), QStringLiteral("12:3")};
    const auto cycles = feieSchedule(feieInputs(false), 8, 3, true);
    QCOMPARE(int(cycles.size()), 16);
    for (int i = 0; i < 16; ++i) {
        QCOMPARE(cycles[std::size_t(i)].inputIndex, i + 1); // CC #i reads X_i
        QCOMPARE(render(cycles[std::size_t(i)]), expected[i]);
    }
}

void TestSparsityFastConv::feieZeroSkippedTable()
{
    // McGill EPEPS 2019 tutorial, "Skipping Noncontributory Computations in FEIE": X6..X11 = 0;
    // the skipping table has 10 cycles: X1..X5 as before, then X12..X16.
    const QList<int> inputs{1, 2, 3, 4, 5, 12, 13, 14, 15, 16};
    const QStringList expected{
        QStringLiteral("1:1"), QStringLiteral("1:2 2:1"), QStringLiteral("1:3 2:2 3:1"),
        QStringLiteral("2:3 3:2 4:1"), QStringLiteral("3:3 4:2 5:1"), QStringLiteral("8:3 9:2 10:1"),
        QStringLiteral("9:3 10:2 11:1"), QStringLiteral("10:3 11:2 12:1"), QStringLiteral("11:3 12:2"),
        QStringLiteral("12:3")};
    const auto cycles = feieSchedule(feieInputs(true), 8, 3, true);
    QCOMPARE(int(cycles.size()), 10);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(cycles[std::size_t(i)].cycle, i + 1);
        QCOMPARE(cycles[std::size_t(i)].inputIndex, inputs[i]);
        QCOMPARE(render(cycles[std::size_t(i)]), expected[i]);
    }
    // Without skipping, the zeros still take their 16 cycles.
    QCOMPARE(int(feieSchedule(feieInputs(true), 8, 3, false).size()), 16);
}

void TestSparsityFastConv::feiePeRotation()
{
    // "The first partial sum is ready after 3 clock cycles"; at most 3 MACs
    // (one per PE) per cycle, each PE busy once per cycle.
    const auto cycles = feieSchedule(feieInputs(false), 8, 3, false);
    for (const FeieCycle& c : cycles) {
        QVERIFY(c.macs.size() <= 3);
        QSet<qint64> pes;
        for (const FeieMac& m : c.macs)
            pes.insert(m.pe);
        QCOMPARE(pes.size(), qsizetype(c.macs.size()));
    }
    QCOMPARE(cycles[2].macs.front().psum, 1); // Psum1 completes (W3) in CC #3
    QCOMPARE(cycles[2].macs.front().weight, 3);
}

void TestSparsityFastConv::sparsityEffects_data()
{
    QTest::addColumn<bool>("structured");
    QTest::addColumn<bool>("skipWeights");
    QTest::addColumn<bool>("skipActivations");
    QTest::addColumn<double>("cycleFactor");
    QTest::addColumn<double>("storageBits");
    // 1000 MACs, 100 int8 weights, weight density 0.25, activation density 10/16.
    // structured: a dense layer of 25 weights: 25 x 8 = 200 bits, cycles x 0.25.
    QTest::newRow("structured") << true << false << false << 0.25 << 200.0;
    // unstructured, dense array: all 100 x 8 = 800 bits stored, no cycle saved.
    QTest::newRow("unstructured dense array") << false << false << false << 1.0 << 800.0;
    // EIE-style: 25 nonzeros x (8 + 4 index bits) = 300 bits, cycles x 0.25.
    QTest::newRow("skip zero weights") << false << true << false << 0.25 << 300.0;
    // FEIE-style activation skipping: 10/16 of the cycles (16 -> 10 in McGill EPEPS 2019 tutorial).
    QTest::newRow("skip zero activations") << false << false << true << 0.625 << 800.0;
}

void TestSparsityFastConv::sparsityEffects()
{
    QFETCH(bool, structured);
    QFETCH(bool, skipWeights);
    QFETCH(bool, skipActivations);
    QFETCH(double, cycleFactor);
    QFETCH(double, storageBits);
    SparsityOptions o;
    o.weightDensity = structured || skipWeights ? 0.25 : 1.0;
    o.activationDensity = skipActivations ? 10.0 / 16.0 : 1.0;
    o.structuredWeights = structured;
    o.skipZeroWeights = skipWeights;
    o.skipZeroActivations = skipActivations;
    if (!structured && !skipWeights && !skipActivations)
        o.weightDensity = 0.25; // zeros present but not exploited
    const SparsityEffect e = sparsityEffect(1000, 100, o);
    QCOMPARE(e.cycleFactor, cycleFactor);
    QCOMPARE(e.weightStorageBits, storageBits);
}

void TestSparsityFastConv::winogradTiles_data()
{
    QTest::addColumn<qlonglong>("m");
    QTest::addColumn<qlonglong>("r");
    QTest::addColumn<qlonglong>("winograd");
    QTest::addColumn<qlonglong>("direct");
    QTest::addColumn<double>("reduction");
    // Lavin & Gray 2016: F(2x2,3x3) uses 16 multiplications instead of 36: 2.25x.
    QTest::newRow("F(2x2,3x3)") << 2LL << 3LL << 16LL << 36LL << 2.25;
    // Mazumder et al., JETCAS 2021: F(3x3,2x2): 3^2 x 2^2 = 36 direct vs (3+2-1)^2 = 16.
    QTest::newRow("F(3x3,2x2)") << 3LL << 2LL << 16LL << 36LL << 2.25;
    // F(4x4,3x3): 6^2 = 36 vs 16 x 9 = 144: 4x.
    QTest::newRow("F(4x4,3x3)") << 4LL << 3LL << 36LL << 144LL << 4.0;
}

void TestSparsityFastConv::winogradTiles()
{
    QFETCH(qlonglong, m);
    QFETCH(qlonglong, r);
    QFETCH(qlonglong, winograd);
    QFETCH(qlonglong, direct);
    QFETCH(double, reduction);
    const WinogradTileCost c = winogradTile(m, r);
    QCOMPARE(c.winogradMultiplications, winograd);
    QCOMPARE(c.directMultiplications, direct);
    QCOMPARE(c.reduction, reduction);
}

void TestSparsityFastConv::winogradLayer()
{
    // 3x3 conv, C = 4, M = 8, 8x8 input, pad 1 -> 8x8 output; F(2x2,3x3):
    // 16 tiles; products 16 x 4 x 8 x 16 = 8192 vs direct 64 x 9 x 32 = 18432 (2.25x).
    // Input transform 16 tiles x 4 ch x 2 x 64 = 8192; output 16 x 8 x (2x16 + 4x4) = 6144.
    const FastConvCost c = winogradLayerCost(makeConvProblem("c", 4, 8, 8, 8, 3, 3, 1, 1), 2);
    QCOMPARE(c.directMultiplications, 18432);
    QCOMPARE(c.elementwiseMultiplications, 8192);
    QCOMPARE(c.inputTransformOps, 8192);
    QCOMPARE(c.outputTransformOps, 6144);
    QCOMPARE(c.filterTransformOps, 32 * (4 * 9 + 16 * 3));
    QVERIFY_THROWS_EXCEPTION(Error, winogradLayerCost(makeConvProblem("s", 4, 8, 8, 8, 3, 3, 2, 1), 2));
}

void TestSparsityFastConv::fftLayer()
{
    // Mazumder et al., JETCAS 2021: direct is O(N^2 K^2), FFT O(N^2 log N): FFT loses for small kernels, wins for large.
    // 3x3, C = M = 64, 32x32: n = 64 (>= 34); direct 30*30*9*64*64 = 33,177,600;
    // pointwise 4*64*64*4096 = 67,108,864 already exceeds it.
    const FastConvCost small = fftLayerCost(makeConvProblem("s", 64, 32, 32, 64, 3, 3, 1));
    QCOMPARE(small.directMultiplications, 33177600);
    QCOMPARE(small.elementwiseMultiplications, 67108864);
    QVERIFY(small.totalOnlineOps() > small.directMultiplications);
    // 11x11 on 54x54: n = 64; direct 44*44*121*4096 = 959,512,576; FFT online
    // 4*(64*4096*6) + 67,108,864 + 4*(64*4096*6) = 79,691,776: about 12x cheaper.
    const FastConvCost large = fftLayerCost(makeConvProblem("l", 64, 54, 54, 64, 11, 11, 1));
    QCOMPARE(large.directMultiplications, 959512576);
    QCOMPARE(large.totalOnlineOps(), 79691776);
}

void TestSparsityFastConv::badInputIsAnError()
{
    QVERIFY_THROWS_EXCEPTION(Error, feieSchedule({1, 2, 3}, 2, 3, false));
    QVERIFY_THROWS_EXCEPTION(Error, sparsityEffect(10, 10, SparsityOptions{0, 1}));
    QVERIFY_THROWS_EXCEPTION(Error, winogradTile(0, 3));
}

QTEST_APPLESS_MAIN(TestSparsityFastConv)
#include "tst_sparsity_fast_conv.moc"
