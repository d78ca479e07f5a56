// The MCU catalogue: every part loads, its figures match the cited sources,
// and malformed part files give errors naming the field.
#include "hwlib/catalogue.h"

#include <QtTest>

#include <cstdio>
#include <fstream>

using namespace mdse::hwlib;

namespace {

// A minimal valid part file; tests break one field at a time.
const char* kValidPart = R"(name: Test part
core: Cortex-M4F
kernelPath: cmsis-nn-dsp
clockHz: 64000000
maxClockHz: 64000000
sramRegions:
  - {name: RAM, bytes: 262144, arena: true}
flashBytes: 1048576
int8MacsPerCycle:
  conv: {value: 0.25, source: s}
  depthwise: {value: 0.15, source: s}
  pointwise: {value: 0.3, source: s}
  fc: {value: 0.2, source: s}
  elementwise: {value: 0.5, source: s}
activePower: {watts: 0.01, estimated: true, source: s}
runtimes:
  tflm: {flashBytes: {value: 1, source: s}, sramBytes: {value: 1, source: s}}
  tinyengine: {flashBytes: {value: 1, source: s}, sramBytes: {value: 1, source: s}}
sources: [s]
)";

std::string replaced(const std::string& from, const std::string& to)
{
    std::string text = kValidPart;
    const std::size_t at = text.find(from);
    if (at == std::string::npos)
        return text;
    return text.replace(at, from.size(), to);
}

} // namespace

class TestMcuCatalogue : public QObject {
    Q_OBJECT
private slots:
    void everyRequiredPartLoads();
    void figuresMatchSources_data();
    void figuresMatchSources();
    void npuPart();
    void malformedFilesNameTheField_data();
    void malformedFilesNameTheField();
    void userFileLoads();
    void memoryBandwidth();
    void measuredPowerOfMlperfParts_data();
    void measuredPowerOfMlperfParts();
    void coreFamilies();
    void engineCalibrationErrorsNameTheField_data();
    void engineCalibrationErrorsNameTheField();
};

void TestMcuCatalogue::everyRequiredPartLoads()
{
    // Issue #5's list of parts, plus one ultra-low-power part (Apollo3).
    const std::vector<std::string> required{"stm32f746", "stm32h743", "stm32f412", "nrf52840",
                                            "esp32s3", "rp2040", "atmega328p", "nrf52833",
                                            "alif_e7_hp", "apollo3",
                                            // Issue #17: the parts MLPerf Tiny v1.0-v1.3 measured on.
                                            "stm32l4r5", "stm32h7a3", "stm32u575", "stm32u385", "ra8d1",
                                            // and two more MLPerf Tiny measured with microTVM and TFLM.
                                            "nrf5340", "ra6m4"};
    const std::vector<McuTarget> all = builtInMcuTargets();
    QVERIFY(all.size() >= required.size());
    for (const std::string& id : required) {
        const McuTarget target = builtInMcuTarget(id);
        QCOMPARE(target.id, id);
        QCOMPARE(target.int8MacsPerCycle.size(), std::size_t(kKernelFamilyCount));
        QVERIFY(!target.sources.empty());
        QVERIFY(!target.activePowerWatts.source.empty());
    }
}

void TestMcuCatalogue::figuresMatchSources_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<qlonglong>("clockHz");
    QTest::addColumn<qlonglong>("arenaSramBytes");
    QTest::addColumn<qlonglong>("flashBytes");
    // PlatformIO board JSON figures (f_cpu, maximum_ram_size, maximum_size) of
    // platformio/platform-ststm32, -nordicnrf52, -espressif32, -raspberrypi, -atmelavr.
    QTest::newRow("F746 disco") << "stm32f746" << 216000000LL << 327680LL << 1048576LL;
    QTest::newRow("H743 nucleo") << "stm32h743" << 400000000LL << 524288LL << 2097152LL;
    QTest::newRow("F412 nucleo") << "stm32f412" << 100000000LL << 262144LL << 1048576LL;
    QTest::newRow("Nano 33 BLE") << "nrf52840" << 64000000LL << 262144LL << 983040LL;
    QTest::newRow("ESP32-S3") << "esp32s3" << 240000000LL << 327680LL << 8388608LL;
    QTest::newRow("Pico") << "rp2040" << 133000000LL << 262144LL << 2097152LL;
    QTest::newRow("Uno") << "atmega328p" << 16000000LL << 2048LL << 32256LL;
    QTest::newRow("micro:bit v2") << "nrf52833" << 64000000LL << 131072LL << 524288LL;
    // Alif SWRM §2.4: RTSS-HP 400 MHz, DTCM 1 MB.
    // Zephyr apollo3_evb board documentation: 384 KB RAM, 1 MB flash (48 MHz nominal: datasheet, recalled).
    QTest::newRow("Apollo3") << "apollo3" << 48000000LL << 393216LL << 1048576LL;
    QTest::newRow("Alif HP") << "alif_e7_hp" << 400000000LL << 1048576LL << 5767168LL;
    // Issue #17 parts. Clocks: the MLPerf Tiny systems/*.json each board was
    // measured at. SRAM/flash: PlatformIO nucleo_l4r5zi.json (655360, 2097152)
    // and nucleo_u575zi_q.json (786432, 2097152); Zephyr stm32h7a3.dtsi AXI
    // SRAM 256+384+384 KB; stm32u385Xg.dtsi 256 KB / 1 MB; ra8x1.dtsi sram0
    // 896 KB and r7fa8d1bhecbd.dtsi flash 2016 KB.
    QTest::newRow("L4R5 nucleo") << "stm32l4r5" << 120000000LL << 655360LL << 2097152LL;
    QTest::newRow("U575 nucleo") << "stm32u575" << 160000000LL << 786432LL << 2097152LL;
    QTest::newRow("U385 nucleo") << "stm32u385" << 96000000LL << 262144LL << 1048576LL;
    QTest::newRow("H7A3 nucleo") << "stm32h7a3" << 280000000LL << 1048576LL << 2097152LL;
    QTest::newRow("EK-RA8D1") << "ra8d1" << 480000000LL << 917504LL << 2064384LL;
    // Zephyr nrf5340_cpuapp_qkaa.dtsi 512 KB / 1 MB; EK-RA6M4 system
    // description 256KB SRAM and Zephyr r7fa6m4af3cfb.dtsi 1 MB flash.
    QTest::newRow("nRF5340 DK") << "nrf5340" << 128000000LL << 524288LL << 1048576LL;
    QTest::newRow("EK-RA6M4") << "ra6m4" << 200000000LL << 262144LL << 1048576LL;
}

void TestMcuCatalogue::figuresMatchSources()
{
    QFETCH(QString, id);
    QFETCH(qlonglong, clockHz);
    QFETCH(qlonglong, arenaSramBytes);
    QFETCH(qlonglong, flashBytes);
    const McuTarget target = builtInMcuTarget(id.toStdString());
    QCOMPARE(target.clockHz, clockHz);
    QCOMPARE(target.sramBytes, arenaSramBytes);
    QCOMPARE(target.flashBytes, flashBytes);
}

void TestMcuCatalogue::npuPart()
{
    // Vela architecture_features.py: Ethos-U55-256 = 256 MACs/cycle.
    const McuTarget alif = builtInMcuTarget("alif_e7_hp");
    QVERIFY(alif.npu.has_value());
    QCOMPARE(alif.npu->macsPerCycle.value, 256.0);
    QVERIFY(!alif.npu->macsPerCycle.estimated);
    QVERIFY(alif.npu->utilization.estimated);
    // H743 total SRAM: 512 + 128 + 288 + 64 + 64 KB (RM0433), arena limit the 512 KB AXI SRAM.
    QCOMPARE(builtInMcuTarget("stm32h743").totalSramBytes(), 1056LL * 1024);
    QVERIFY(!builtInMcuTarget("stm32f746").npu.has_value());
}

void TestMcuCatalogue::malformedFilesNameTheField_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("field");
    QTest::newRow("missing clock") << QString::fromStdString(replaced("clockHz: 64000000\n", ""))
                                   << "'clockHz'";
    QTest::newRow("negative flash") << QString::fromStdString(replaced("flashBytes: 1048576", "flashBytes: -1"))
                                    << "'flashBytes'";
    QTest::newRow("bad region bytes") << QString::fromStdString(replaced("bytes: 262144", "bytes: lots"))
                                      << "'sramRegions[0].bytes'";
    QTest::newRow("no arena region") << QString::fromStdString(replaced("arena: true", "arena: false"))
                                     << "'sramRegions'";
    QTest::newRow("missing family") << QString::fromStdString(replaced("  fc: {value: 0.2, source: s}\n", ""))
                                    << "'int8MacsPerCycle.fc'";
    QTest::newRow("unsourced figure") << QString::fromStdString(replaced("conv: {value: 0.25, source: s}", "conv: {value: 0.25}"))
                                      << "'int8MacsPerCycle.conv.source'";
    QTest::newRow("unknown key") << QString::fromStdString(replaced("name: Test part", "name: Test part\nvoltage: 3"))
                                 << "'voltage'";
    QTest::newRow("bad kernel path") << QString::fromStdString(replaced("cmsis-nn-dsp", "magic"))
                                     << "'kernelPath'";
    QTest::newRow("bandwidth without sram") << QString::fromStdString(replaced(
        "activePower:", "memoryBandwidth: {flashBytesPerCycle: {value: 2, source: s}}\nactivePower:"))
                                            << "'memoryBandwidth.sramBytesPerCycle'";
    QTest::newRow("zero bandwidth") << QString::fromStdString(replaced(
        "activePower:", "memoryBandwidth: {flashBytesPerCycle: {value: 0, source: s}, "
                        "sramBytesPerCycle: {value: 4, source: s}}\nactivePower:"))
                                    << "'memoryBandwidth.flashBytesPerCycle.value'";
    QTest::newRow("runtime") << QString::fromStdString(replaced("tinyengine: {flashBytes: {value: 1, source: s}, ", "tinyengine: {"))
                             << "'runtimes.tinyengine.flashBytes'";
}

void TestMcuCatalogue::malformedFilesNameTheField()
{
    QFETCH(QString, yaml);
    QFETCH(QString, field);
    try {
        parseMcuTarget(yaml.toStdString(), "bad", "bad.yaml");
        QFAIL("expected a CatalogueError");
    } catch (const CatalogueError& error) {
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.startsWith(QStringLiteral("bad.yaml")), qPrintable(message));
        QVERIFY2(message.contains(field), qPrintable(message));
    }
}

void TestMcuCatalogue::userFileLoads()
{
    const QString path = QDir::temp().filePath(QStringLiteral("mdse_user_part.yaml"));
    {
        std::ofstream file(path.toStdString());
        file << kValidPart;
    }
    const McuTarget target = resolveMcuTarget(path.toStdString());
    QCOMPARE(target.id, std::string("mdse_user_part"));
    QCOMPARE(target.sramBytes, 262144LL);
    std::remove(path.toStdString().c_str());
    QVERIFY_THROWS_EXCEPTION(CatalogueError, loadMcuTargetFile("/nonexistent/part.yaml"));
}

void TestMcuCatalogue::memoryBandwidth()
{
    // Catalogue figures (estimates, see the part files): STM32F746 flash
    // 16 B per 8 cycles at 7 wait states; one 64-bit load per cycle from SRAM.
    const McuTarget f746 = builtInMcuTarget("stm32f746");
    QCOMPARE(f746.memoryBandwidth.flashBytesPerCycle.value, 2.0);
    QCOMPARE(f746.memoryBandwidth.sramBytesPerCycle.value, 8.0);
    QVERIFY(f746.memoryBandwidth.flashBytesPerCycle.estimated);
    // ATmega328P: LPM 3 cycles per flash byte, LD 2 cycles per SRAM byte.
    const McuTarget uno = builtInMcuTarget("atmega328p");
    QCOMPARE(uno.memoryBandwidth.flashBytesPerCycle.value, 0.33);
    QCOMPARE(uno.memoryBandwidth.sramBytesPerCycle.value, 0.5);
    // A file without the section (e.g. one saved before it existed) gets the
    // documented default: a 32-bit word per cycle, marked estimated.
    const McuTarget plain = parseMcuTarget(kValidPart, "plain", "plain.yaml");
    QCOMPARE(plain.memoryBandwidth.sramBytesPerCycle.value, 4.0);
    QVERIFY(plain.memoryBandwidth.flashBytesPerCycle.estimated);
    QVERIFY(QString::fromStdString(plain.memoryBandwidth.flashBytesPerCycle.source).startsWith(QStringLiteral("default")));
    const McuTarget given = parseMcuTarget(replaced("activePower:", "memoryBandwidth:\n"
        "  flashBytesPerCycle: {value: 1.5, source: measured}\n"
        "  sramBytesPerCycle: {value: 3, estimated: true, source: guess}\nactivePower:"), "given", "given.yaml");
    QCOMPARE(given.memoryBandwidth.flashBytesPerCycle.value, 1.5);
    QVERIFY(!given.memoryBandwidth.flashBytesPerCycle.estimated);
    QCOMPARE(given.memoryBandwidth.sramBytesPerCycle.source, std::string("guess"));
}

void TestMcuCatalogue::measuredPowerOfMlperfParts_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("watts");
    // Energy / latency of one MLPerf Tiny image-classification row each
    // (closed/STMicroelectronics/results/<board>/ic/{energy,performance}/results.txt):
    // v1.2 L4R5 6,919.375 uJ / 165.13 ms = 41.9 mW; v1.2 U575 2,578.969 uJ /
    // 111.07 ms = 23.2 mW; v1.3 U385 965.58 uJ / 182.45 ms = 5.29 mW;
    // v1.2 H7A3 5,090.283 uJ / 40.84 ms = 124.6 mW.
    QTest::newRow("L4R5") << "stm32l4r5" << 0.0419;
    QTest::newRow("U575") << "stm32u575" << 0.0232;
    QTest::newRow("U385") << "stm32u385" << 0.00529;
    QTest::newRow("H7A3") << "stm32h7a3" << 0.1246;
    // v0.7 Renesas EK-RA6M4 ic: 17,723.829 uJ / 246.18 ms = 72.0 mW at 3.0 V.
    QTest::newRow("RA6M4") << "ra6m4" << 0.0720;
}

void TestMcuCatalogue::measuredPowerOfMlperfParts()
{
    QFETCH(QString, id);
    QFETCH(double, watts);
    const McuTarget part = builtInMcuTarget(id.toStdString());
    QCOMPARE(part.activePowerWatts.value, watts);
    QVERIFY(!part.activePowerWatts.estimated);
    QVERIFY(QString::fromStdString(part.activePowerWatts.source).contains(QStringLiteral("MLPerf Tiny")));
    // The RA8D1 was never energy-measured: its power is marked estimated.
    QVERIFY(builtInMcuTarget("ra8d1").activePowerWatts.estimated);
}

void TestMcuCatalogue::coreFamilies()
{
    QCOMPARE(coreFamilyOf("Cortex-M4F"), std::string("Cortex-M4"));
    QCOMPARE(coreFamilyOf("Cortex-M0+ (dual)"), std::string("Cortex-M0+"));
    QCOMPARE(coreFamilyOf("Cortex-M33"), std::string("Cortex-M33"));
    QCOMPARE(coreFamilyOf("Xtensa LX7 (dual)"), std::string("Xtensa LX7"));
    QCOMPARE(coreFamilyOf(builtInMcuTarget("stm32l4r5").core), std::string("Cortex-M4"));
}

void TestMcuCatalogue::engineCalibrationErrorsNameTheField_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("field");
    const QString rates = QStringLiteral("{conv: 0.5, pointwise: 0.6, depthwise: 0.3, fc: 0.4, pooling: 1, elementwise: 1}");
    QTest::newRow("missing class") << QStringLiteral("{engine: e, workPerCycle: {conv: 0.5}, basis: b}")
                                   << "'engineCalibrations[0].workPerCycle.pointwise'";
    QTest::newRow("zero rate") << QStringLiteral("{engine: e, workPerCycle: {conv: 0, pointwise: 0.6, depthwise: 0.3, "
                                                 "fc: 0.4, pooling: 1, elementwise: 1}, basis: b}")
                               << "'engineCalibrations[0].workPerCycle.conv'";
    QTest::newRow("no basis") << QStringLiteral("{engine: e, workPerCycle: %1}").arg(rates)
                              << "'engineCalibrations[0].basis'";
    QTest::newRow("unknown key") << QStringLiteral("{engine: e, workPerCycle: %1, basis: b, clock: 3}").arg(rates)
                                 << "'engineCalibrations[0].clock'";
    QTest::newRow("repeated engine") << QStringLiteral("{engine: e, workPerCycle: %1, basis: b}\n  - "
                                                       "{engine: e, workPerCycle: %1, basis: b}").arg(rates)
                                     << "'engineCalibrations[1].engine'";
}

void TestMcuCatalogue::engineCalibrationErrorsNameTheField()
{
    QFETCH(QString, entry);
    QFETCH(QString, field);
    const std::string yaml = replaced("sources: [s]", "engineCalibrations:\n  - " + entry.toStdString() + "\nsources: [s]");
    try {
        parseMcuTarget(yaml, "bad", "bad.yaml");
        QFAIL("expected a CatalogueError");
    } catch (const CatalogueError& error) {
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.startsWith(QStringLiteral("bad.yaml:")), qPrintable(message));
        QVERIFY2(message.contains(field), qPrintable(message));
    }
}

QTEST_APPLESS_MAIN(TestMcuCatalogue)
#include "tst_mcu_catalogue.moc"
