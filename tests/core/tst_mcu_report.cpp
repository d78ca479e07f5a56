// The MCU evaluation as the CLI and studio see it: JSON members of the
// evaluation report, byte formatting, and the design's precision reaching
// the memory analyses.
#include "core/evaluate/evaluate.h"
#include "core/io/design_config_yaml.h"
#include "core/io/design_spec_yaml.h"
#include "core/io/network_yaml.h"
#include "core/report/evaluation_report.h"
#include "core/report/quantity_text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace mdse::core;

namespace {

// eliberis/tflite-tools README CNN (see tst_memory_live_set.cpp).
Network cnn()
{
    return readNetworkYaml("name: t\ninputs: [{name: x, shape: [3, 32, 32]}]\nlayers:\n"
                           "  - {name: c1, op: conv2d, filters: 16, kernel: 3}\n"
                           "  - {name: c2, op: conv2d, filters: 16, kernel: 3}\n"
                           "  - {name: p, op: maxpool, kernel: 2}\n"
                           "  - {name: f, op: flatten}\n"
                           "  - {name: d1, op: dense, units: 128}\n"
                           "  - {name: d2, op: dense, units: 10}\n", "<test>");
}

DesignSpec onF746()
{
    DesignSpec spec;
    spec.target = resolveTarget("stm32f746");
    return spec;
}

QJsonObject reportJson(const Evaluation& evaluation)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(evaluationJson(evaluation))).object();
}

} // namespace

class TestMcuReport : public QObject {
    Q_OBJECT
private slots:
    void jsonMembers();
    void bytesShownBothWays();
    void sramModelSelectsTheFigure();
    void configPrecision();
};

void TestMcuReport::jsonMembers()
{
    const QJsonObject root = reportJson(evaluate(cnn(), onF746()));
    QCOMPARE(root.value(QStringLiteral("schemaVersion")).toInt(), kReportSchemaVersion);
    QVERIFY(root.value(QStringLiteral("provenance")).toObject().contains(QStringLiteral("specHash")));
    const QJsonObject memory = root.value(QStringLiteral("memory")).toObject();
    // README peak 26,944 B; on the F746 (CMSIS-NN DSP) c2 adds its 576 B im2col buffer.
    QCOMPARE(memory.value(QStringLiteral("closedFormPeakBytes")).toInteger(), 26944);
    QCOMPARE(memory.value(QStringLiteral("liveSetPeakBytes")).toInteger(), 26944 + 576);
    QCOMPARE(memory.value(QStringLiteral("peakStep")).toInteger(), 1);
    QCOMPARE(memory.value(QStringLiteral("timeline")).toArray().size(), 6);
    QVERIFY(memory.value(QStringLiteral("arenaBytes")).toInteger() >= 26944 + 576);
    const QJsonObject patch = root.value(QStringLiteral("patch")).toObject();
    const QJsonObject first = patch.value(QStringLiteral("curve")).toArray().first().toObject();
    for (const char* key : {"splitLayer", "grid", "peakBytes", "extraMacs", "overheadPercent"})
        QVERIFY2(first.contains(QString::fromLatin1(key)), key);
    const QJsonObject fits = root.value(QStringLiteral("fits")).toObject();
    QVERIFY(fits.value(QStringLiteral("sram")).toObject().value(QStringLiteral("fits")).toBool());
    QVERIFY(root.value(QStringLiteral("latencySeconds")).toDouble() > 0);
    QVERIFY(root.value(QStringLiteral("energyJoules")).toDouble() > 0);
    // roofline: F746 ceilings int8 CPU 2 x 0.60 MAC/cycle (pointwise, the best
    // family in the part file) x 216 MHz = 259.2 MOPS; flash 2 B/cycle and SRAM
    // 8 B/cycle x 216 MHz (part file estimates).
    const QJsonObject roofline = root.value(QStringLiteral("roofline")).toObject();
    const QJsonObject int8 = roofline.value(QStringLiteral("computeCeilings")).toArray().first().toObject();
    QCOMPARE(int8.value(QStringLiteral("opsPerSecond")).toDouble(), 259.2e6);
    const QJsonArray bandwidth = roofline.value(QStringLiteral("bandwidthCeilings")).toArray();
    QCOMPARE(bandwidth.at(0).toObject().value(QStringLiteral("bytesPerSecond")).toDouble(), 432e6);
    QCOMPARE(bandwidth.at(1).toObject().value(QStringLiteral("ridgeOpsPerByte")).toDouble(), 259.2e6 / 1728e6);
    // Points: flash + SRAM for c1, c2, d1, d2; SRAM for the pool; none for flatten.
    // c1: 16 x 27 int8 weights + 16 int32 biases = 496 B of flash.
    const QJsonArray points = roofline.value(QStringLiteral("points")).toArray();
    QCOMPARE(points.size(), 9);
    const QJsonObject c1 = points.first().toObject();
    QCOMPARE(c1.value(QStringLiteral("level")).toString(), QStringLiteral("flash"));
    QCOMPARE(c1.value(QStringLiteral("bytes")).toDouble(), 496.0);
}

void TestMcuReport::bytesShownBothWays()
{
    // 26,944 / 1024 = 26.3125 KiB; / 1000 = 26.944 kB.
    QCOMPARE(formatBytes(26944), std::string("26,944 B (26.31 KiB, 26.94 kB)"));
    QCOMPARE(formatBytes(1048576), std::string("1,048,576 B (1024.00 KiB, 1048.58 kB)"));
}

void TestMcuReport::sramModelSelectsTheFigure()
{
    // Closed form 26,944 B + the F746 part file's TFLM SRAM overhead 14,264 B
    // = 41,208 B against the 327,680 B arena region.
    DesignSpec spec = onF746();
    spec.sramModel = parseSramModel("closed-form");
    const Evaluation evaluation = evaluate(cnn(), spec);
    QCOMPARE(evaluation.mcu->memory.sramFit.requiredBytes, 41208LL);
    QCOMPARE(evaluation.mcu->memory.sramFit.marginBytes, 327680LL - 41208);
    QVERIFY_THROWS_EXCEPTION(Error, parseSramModel("magic"));
}

void TestMcuReport::configPrecision()
{
    // int4 activations on c1: its 14,400 elements take 7,200 B; weights int4.
    DesignSpec spec = onF746();
    spec.design = readDesignConfigYaml("layers:\n  c1: {activationBits: 4, weightBits: 4}\n", "<cfg>");
    const Evaluation e = evaluate(cnn(), spec);
    const EvaluatedLayer& c1 = *e.layer("c1");
    QCOMPARE(c1.settings.activations, Precision::Int4);
    QCOMPARE(c1.compression.valueBytes, 216LL); // 432 weights at 4 bits
    QCOMPARE(c1.compression.activationBytes, 7200LL);
    // The timeline holds c1's output at 4 bits, and the graph input x at the
    // bits of its first reader (c1): 3 x 32 x 32 / 2 = 1,536 B.
    const TimelineStep& first = e.mcu->memory.liveSet.steps.front();
    QCOMPARE(first.live.at(0).tensor, std::string("x"));
    QCOMPARE(first.live.at(0).bytes, 1536LL);
    QCOMPARE(first.live.at(1).bytes, 7200LL);
    // c2 (no setting) keeps the MCU default int8: 16 x 28 x 28 B.
    QCOMPARE(e.layer("c2")->compression.activationBytes, 12544LL);
}

QTEST_APPLESS_MAIN(TestMcuReport)
#include "tst_mcu_report.moc"
