// Quantization sensitivity of weight tensors (issue #4) against hand
// calculations and the uniform-quantizer noise formula.
#include "core/compress/quantization_sensitivity.h"
#include "core/util/error.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace mdse::core;

class TestSensitivity : public QObject {
    Q_OBJECT
private slots:
    void quantizerByHand_data();
    void quantizerByHand();
    void uniformNoiseFormula();
    void mseClipMatchesGridSearch();
    void magnitudeThresholds();
    void ternaryAndBinary();
    void badInput();
};

void TestSensitivity::quantizerByHand_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<double>("mse");
    // w = {-1, -0.5, 0.2, 0.26, 1}, wmax = 1 (seed 003's formula).
    // 2 bits: s = 1/(2^1 - 1) = 1, Q = {-1, 0 (tie to even), 0, 0, 1};
    // squared errors 0 + 0.25 + 0.04 + 0.0676 + 0 = 0.3576, mean 0.07152.
    QTest::newRow("2 bits") << 2 << 0.07152;
    // 3 bits: s = 1/3; w/s = {-3, -1.5, 0.6, 0.78, 3} -> {-3, -2, 1, 1, 3};
    // errors^2 = 0 + (1/6)^2 + (2/15)^2 + (0.26 - 1/3)^2 + 0 = 0.0509333; mean 0.0101867.
    QTest::newRow("3 bits") << 3 << 0.0101867;
}

void TestSensitivity::quantizerByHand()
{
    QFETCH(int, bits);
    QFETCH(double, mse);
    const std::vector<float> w{-1.0f, -0.5f, 0.2f, 0.26f, 1.0f};
    QVERIFY(std::abs(quantizationMse(w, bits, 1.0) - mse) < 1e-6);
}

void TestSensitivity::uniformNoiseFormula()
{
    // Uniform weights on (-1, 1), max-abs clip ~ 1: the quantization error
    // is uniform with variance s^2/12 (Bennett 1948; Widrow & Kollar,
    // "Quantization Noise", 2008), so SQNR = 10 log10((1/3) / (s^2/12))
    // with s = 1/(2^(b-1) - 1): 48.13 dB at 8 bits, 23.52 dB at 4 bits.
    std::mt19937 random(1);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    std::vector<float> w(1 << 18);
    for (float& x : w)
        x = uniform(random);
    SensitivityOptions options;
    options.bits = {4, 8};
    const TensorSensitivity result = analyzeTensor(w, options);
    for (const BitWidthError& entry : result.bitWidths) {
        const double s = 1.0 / ((1 << (entry.bits - 1)) - 1);
        const double expected = 10.0 * std::log10((1.0 / 3.0) / (s * s / 12.0));
        QVERIFY2(std::abs(entry.maxAbsSqnrDb - expected) < 0.1, qPrintable(QString::number(entry.maxAbsSqnrDb)));
    }
}

void TestSensitivity::mseClipMatchesGridSearch()
{
    // Gaussian weights: clipping below max|w| lowers the error at low
    // widths. The golden-section result must come within 2% of the best of
    // 400 clips tried exhaustively on the whole tensor.
    std::mt19937 random(3);
    std::normal_distribution<float> normal(0.0f, 0.05f);
    std::vector<float> w(1 << 16);
    for (float& x : w)
        x = normal(random);
    SensitivityOptions options;
    options.bits = {3, 4, 6};
    const TensorSensitivity result = analyzeTensor(w, options);
    for (const BitWidthError& entry : result.bitWidths) {
        double best = 1e30;
        for (int step = 1; step <= 400; ++step)
            best = std::min(best, quantizationMse(w, entry.bits, entry.maxAbsClip * step / 400.0));
        QVERIFY2(entry.mseClipMse <= best * 1.02, qPrintable(QString::number(entry.bits)));
        QVERIFY(entry.mseClipMse <= entry.maxAbsMse);
        QVERIFY(entry.mseClip < entry.maxAbsClip);
    }
}

void TestSensitivity::magnitudeThresholds()
{
    // |w| = 1..100 with alternating signs: 50% sparsity cuts at 50, 90% at
    // 90. Zeroing 1..50 removes sum k^2 = 42,925 of 338,350:
    // SQNR = 10 log10(338350 / 42925) = 8.9665 dB.
    std::vector<float> w;
    for (int k = 100; k >= 1; --k)
        w.push_back(static_cast<float>(k % 2 ? k : -k));
    SensitivityOptions options;
    options.bits = {8};
    options.sparsities = {0.9, 0.5};
    const TensorSensitivity result = analyzeTensor(w, options);
    QCOMPARE(result.thresholds.size(), std::size_t{2});
    QCOMPARE(result.thresholds[0].sparsity, 0.9); // in the order asked
    QCOMPARE(result.thresholds[0].threshold, 90.0);
    QCOMPARE(result.thresholds[1].threshold, 50.0);
    QVERIFY(std::abs(result.thresholds[1].sqnrDb - 8.9665) < 1e-3);
}

void TestSensitivity::ternaryAndBinary()
{
    // {-1, 1, -3, 3}: mean|w| = 2. Binary 2*sign(w): errors 1, 1, 1, 1 -> MSE 1.
    // Ternary: threshold 0.7 * 2 = 1.4 keeps +-3 with scale 3, zeroes +-1:
    // errors 1, 1, 0, 0 -> MSE 0.5. Mean square 5: SQNR 6.99 dB and 10 dB.
    const std::vector<float> w{-1.0f, 1.0f, -3.0f, 3.0f};
    const TensorSensitivity result = analyzeTensor(w);
    QCOMPARE(result.binaryMse, 1.0);
    QCOMPARE(result.ternaryMse, 0.5);
    QVERIFY(std::abs(result.ternarySqnrDb - 10.0) < 1e-9);
}

void TestSensitivity::badInput()
{
    QVERIFY_THROWS_EXCEPTION(Error, analyzeTensor(std::vector<float>{}));
    SensitivityOptions options;
    options.bits = {1};
    QVERIFY_THROWS_EXCEPTION(Error, analyzeTensor(std::vector<float>{1.0f}, options));
}

QTEST_APPLESS_MAIN(TestSensitivity)
#include "tst_compress_sensitivity.moc"
