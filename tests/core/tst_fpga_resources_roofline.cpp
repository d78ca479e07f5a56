// FPGA resource rules (UG479/UG579 DSP48E1/E2, WP486 int8 packing, FINN/hls4ml LUT multipliers,
// UG473 BRAM shapes) and roofline ridge points (hand-derived from DS190/DS891/DS962 and the boards' DRAM, see below
// examples).
#include "core/accel/fpga_resources.h"
#include "core/perf/roofline.h"
#include "hwlib/fpga_catalogue.h"

#include <QtTest>

using namespace mdse::core;

class TestFpgaResourcesRoofline : public QObject {
    Q_OBJECT
private slots:
    void macPacking_data();
    void macPacking();
    void bramShapes_data();
    void bramShapes();
    void eyerissOnPynq();
    void calibration();
    void ridgePoints_data();
    void ridgePoints();
    void layerPoint();
};

void TestFpgaResourcesRoofline::macPacking_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<QString>("dsp");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<double>("macsPerDsp");
    QTest::newRow("int16 E2") << 16 << "DSP48E2" << "DSP" << 1.0;
    QTest::newRow("int8 E2 shared operand (WP486)") << 8 << "DSP48E2" << "DSP" << 2.0;
    QTest::newRow("int8 E1") << 8 << "DSP48E1" << "DSP" << 1.0;
    QTest::newRow("int4 (FINN mvu_4sx4u)") << 4 << "DSP48E2" << "DSP" << 4.0;
    QTest::newRow("binary in LUTs") << 1 << "DSP48E2" << "LUT" << 0.0;
    QTest::newRow("int32: 2x2 DSPs (ceil(32/18)*ceil(32/27))") << 32 << "DSP48E2" << "DSP" << 0.25;
}

void TestFpgaResourcesRoofline::macPacking()
{
    QFETCH(int, bits);
    QFETCH(QString, dsp);
    QFETCH(QString, resource);
    QFETCH(double, macsPerDsp);
    const MacMapping m = macMapping(bits, bits, dsp.toStdString());
    QCOMPARE(QString::fromStdString(m.resource), resource);
    QCOMPARE(m.macsPerDsp, macsPerDsp);
    if (resource == QStringLiteral("LUT"))
        QCOMPARE(m.lutsPerMac, 2.0); // FINN: (2*ceil(2/6) - 1) * 2 = 2 LUTs per binary lane
}

void TestFpgaResourcesRoofline::bramShapes_data()
{
    QTest::addColumn<qlonglong>("depth");
    QTest::addColumn<qlonglong>("width");
    QTest::addColumn<qlonglong>("bram18");
    QTest::newRow("512x36 fills one") << 512LL << 36LL << 1LL;
    QTest::newRow("1Kx18 fills one") << 1024LL << 18LL << 1LL;
    QTest::newRow("1Kx36 needs two") << 1024LL << 36LL << 2LL;
    QTest::newRow("16Kx1 fills one") << 16384LL << 1LL << 1LL;
    QTest::newRow("64 wide x 100 deep: 2 x 512x36") << 100LL << 64LL << 2LL;
    QTest::newRow("2Kx16: 2Kx9 x 2") << 2048LL << 16LL << 2LL;
}

void TestFpgaResourcesRoofline::bramShapes()
{
    QFETCH(qlonglong, depth);
    QFETCH(qlonglong, width);
    QFETCH(qlonglong, bram18);
    QCOMPARE(bram18ForBuffer(depth, width), bram18);
}

void TestFpgaResourcesRoofline::eyerissOnPynq()
{
    // 168 int16 PEs: 168 DSPs (1 per MAC) of 220 on the XC7Z020 = 76.4 %.
    // Global buffer 108 kB through a 16 x 14 = 224-bit port: depth
    // 884,736 / 224 = 3,950 words -> best shape 512x36: ceil(3950/512) * ceil(224/36) = 8 * 7 = 56;
    // 1Kx18: 4 * 13 = 52; 2Kx9: 2 * 25 = 50; 4Kx4: 1 * 56 = 56 -> 50 BRAM18.
    // RF 512 B = 4096 bits per PE > 2048: BRAM per PE, 256 x 16 bits -> 1 each: 168. Total 218 of 280.
    const auto e = estimateFpgaResources(mdse::hwlib::builtInAcceleratorTemplate("eyeriss-like"),
                                         mdse::hwlib::builtInFpgaDevice("xc7z020"));
    QCOMPARE(e.dsps, 168);
    QCOMPARE(e.bram18, 50 + 168);
    QVERIFY(qAbs(e.dspPercent - 76.36) < 0.01);
    QVERIFY(e.fits);
    // The TPU-like 256x256 array cannot fit: 65,536 int8 lanes on 220 DSP48E1.
    const auto tpu = estimateFpgaResources(mdse::hwlib::builtInAcceleratorTemplate("tpu-like"),
                                           mdse::hwlib::builtInFpgaDevice("xc7z020"));
    QVERIFY(!tpu.fits);
    QVERIFY(QString::fromStdString(tpu.verdict).contains(QStringLiteral("DSP")));
}

void TestFpgaResourcesRoofline::calibration()
{
    const auto accel = mdse::hwlib::builtInAcceleratorTemplate("nvdla-small-like");
    const auto device = mdse::hwlib::builtInFpgaDevice("xczu3eg");
    const auto raw = estimateFpgaResources(accel, device);
    QCOMPARE(raw.dsps, 32); // 64 int8 lanes at 2 per DSP48E2
    MeasuredResources measured;
    measured.dsps = 48;
    measured.luts = raw.luts * 3;
    const auto c = calibrateResources(raw, measured);
    QCOMPARE(c.dsp, 1.5);
    QCOMPARE(c.lut, 3.0);
    QCOMPARE(c.bram, 1.0);
    const auto calibrated = estimateFpgaResources(accel, device, c);
    QCOMPARE(calibrated.dsps, 48);
    QCOMPARE(calibrated.luts, raw.luts * 3);
}

void TestFpgaResourcesRoofline::ridgePoints_data()
{
    QTest::addColumn<double>("peakOps");
    QTest::addColumn<double>("bandwidth");
    QTest::addColumn<double>("ridge");
    // Ridge points derived by hand (DSPs x ops per DSP x clock over board DRAM bandwidth):
    // PYNQ-Z2, int16, 220 DSPs x 1 MAC x 2 ops x 200 MHz = 88 GOPS / 2.1 GB/s ~ 42 op/B.
    const auto pynq = mdse::hwlib::builtInFpgaDevice("xc7z020");
    QTest::newRow("PYNQ-Z2 int16") << fpgaDeviceRoofline(pynq, 200e6).compute[0].opsPerSecond
                                   << pynq.dramBytesPerSecond << 42.0;
    // ZCU104, 2 x DPU B4096 (4096 ops/cycle each) at 300 MHz = 2,458 GOPS / 19.2 GB/s ~ 128 op/B.
    mdse::hwlib::AcceleratorTemplate dpu;
    dpu.peRows = 2;
    dpu.peCols = 2048; // 2 cores x 2048 MACs (4096 ops) per cycle
    dpu.clockHz = 300e6;
    dpu.dramBytesPerSecond = mdse::hwlib::builtInFpgaDevice("xczu7ev").dramBytesPerSecond;
    const Roofline r = acceleratorRoofline(dpu);
    QTest::newRow("ZCU104 2xB4096") << r.compute[0].opsPerSecond << r.bandwidth[0].bytesPerSecond << 128.0;
    // U250, 12,288 DSPs x 2 int8 MACs x 2 ops x 300 MHz = 14.7 TOPS / 77 GB/s ~ 190 op/B.
    const auto u250 = mdse::hwlib::builtInFpgaDevice("u250");
    QTest::newRow("U250 int8") << fpgaDeviceRoofline(u250, 300e6).compute[1].opsPerSecond
                               << u250.dramBytesPerSecond << 190.0;
}

void TestFpgaResourcesRoofline::ridgePoints()
{
    QFETCH(double, peakOps);
    QFETCH(double, bandwidth);
    QFETCH(double, ridge);
    constexpr double kWorkedExampleTolerance = 0.01; // the worked examples are rounded ("~")
    const double got = ridgePoint(peakOps, bandwidth);
    QVERIFY2(qAbs(got - ridge) / ridge < kWorkedExampleTolerance, qPrintable(QString::number(got)));
}

void TestFpgaResourcesRoofline::layerPoint()
{
    // 1 GOP moved with 100 MB: AI = 10 op/B; peak 88 GOPS, 2.1 GB/s -> roof 21 GOPS, memory bound.
    const RooflinePoint p = rooflinePoint("l", 1e9, 1e8, 0.1, 88e9, 2.1e9);
    QCOMPARE(p.arithmeticIntensity, 10.0);
    QCOMPARE(p.roofOpsPerSecond, 21e9);
    QCOMPARE(p.attainedOpsPerSecond, 1e10);
    QCOMPARE(QString::fromStdString(p.bound), QStringLiteral("memory"));
}

QTEST_APPLESS_MAIN(TestFpgaResourcesRoofline)
#include "tst_fpga_resources_roofline.moc"
