// The accelerator CLI: `microdse systolic` JSON fields (issue #6 contract)
// with SCALE-Sim 2.0's figures, and `microdse analyze --target <fpga-id>`.
#include "app/cli/cli.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

using namespace mdse::app;

class TestAccelCli : public QObject {
    Q_OBJECT
private slots:
    void systolicJsonHasScaleSimFields();
    void systolicUsageErrors();
    void analyzeFpgaTarget();
    void analyzeLeavesOtherTargetsAlone();
    void analyzeFpgaTargetSavesAnExperiment();
    void analyzeBatchScalesTheAcceleratorProblem();
};

namespace {

int runSystolic(std::vector<std::string> arguments, std::ostream& out, std::ostream& err)
{
    arguments.insert(arguments.begin(), "systolic");
    return runCli(arguments, out, err);
}

int runAnalyze(std::vector<std::string> arguments, std::ostream& out, std::ostream& err)
{
    arguments.insert(arguments.begin(), "analyze");
    return runCli(arguments, out, err);
}

int runExperiments(std::vector<std::string> arguments, std::ostream& out, std::ostream& err)
{
    arguments.insert(arguments.begin(), "experiments");
    return runCli(arguments, out, err);
}

QJsonObject parse(const std::string& text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("%s", qPrintable(error.errorString()));
    return doc.object();
}

} // namespace

void TestAccelCli::systolicJsonHasScaleSimFields()
{
    QTemporaryDir dir;
    const std::string cfg = dir.filePath(QStringLiteral("a.cfg")).toStdString();
    const std::string csv = dir.filePath(QStringLiteral("t.csv")).toStdString();
    std::ofstream(cfg) << "[general]\nrun_name = tiny\n[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\n"
                          "IfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\nDataflow : os\n"
                          "[run_presets]\nInterfaceBandwidth: CALC\n";
    std::ofstream(csv) << "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"
                          "conv_a, 10, 10, 3, 3, 4, 12, 1,\n";
    std::ostringstream out, err;
    QCOMPARE(runSystolic({"--config", cfg, "--topology", csv, "--format", "json"}, out, err), 0);
    const QJsonObject layer = parse(out.str())[QStringLiteral("layers")].toArray().at(0).toObject();
    // SCALE-Sim 2.0 on the same files (see tests/core/tst_systolic_simulator.cpp).
    QCOMPARE(layer[QStringLiteral("name")].toString(), QStringLiteral("conv_a"));
    QCOMPARE(layer[QStringLiteral("totalCycles")].toInteger(), 799);
    QCOMPARE(layer[QStringLiteral("stallCycles")].toInteger(), 0);
    QVERIFY(qAbs(layer[QStringLiteral("overallUtilizationPercent")].toDouble() - 54.06758448060075) < 1e-9);
    QCOMPARE(layer[QStringLiteral("mappingEfficiencyPercent")].toDouble(), 75.0);
    QVERIFY(qAbs(layer[QStringLiteral("computeUtilizationPercent")].toDouble() - 54.0) < 1e-9);
    QCOMPARE(layer[QStringLiteral("sramIfmapReads")].toInteger(), 4608);
    QCOMPARE(layer[QStringLiteral("sramFilterReads")].toInteger(), 3456);
    QCOMPARE(layer[QStringLiteral("sramOfmapWrites")].toInteger(), 1024);
    QCOMPARE(layer[QStringLiteral("dramIfmapReads")].toInteger(), 400);
    QCOMPARE(layer[QStringLiteral("dramFilterReads")].toInteger(), 432);
    QCOMPARE(layer[QStringLiteral("dramOfmapWrites")].toInteger(), 768);
    QCOMPARE(layer.size(), 12); // exactly the fields
}

void TestAccelCli::systolicUsageErrors()
{
    std::ostringstream out, err;
    QCOMPARE(runSystolic({"--config", "x.cfg"}, out, err), 2);
    QCOMPARE(runSystolic({"--config", "/nonexistent.cfg", "--topology", "t"}, out, err), 1); // a file that does not open
}

void TestAccelCli::analyzeFpgaTarget()
{
    std::ostringstream out, err;
    QCOMPARE(runAnalyze({"zoo:lenet5", "--target", "xc7z020", "--dataflow", "ws", "--format", "json",
                                    "--fast-conv", "winograd", "--activation-density", "0.5", "--skip-zeros",
                                    "activations"},
                                   out, err),
             0);
    const QJsonObject report = parse(out.str());
    const QJsonObject conv1 = report[QStringLiteral("layers")].toArray().at(0).toObject();
    // LeNet-5 conv1: 20 filters 5x5 over 1x28x28 -> 24x24: 20*24*24*25 = 288,000 MACs.
    QCOMPARE(conv1[QStringLiteral("macs")].toInteger(), 288000);
    for (const char* key : {"dataflow", "energyPicojoules", "cycles", "utilization", "sparsity", "fastConvolution"})
        QVERIFY2(conv1.contains(QLatin1String(key)), key);
    // WS weights: each of the 500 weights loaded once from the GLB.
    QCOMPARE(conv1[QStringLiteral("dataflow")].toObject()[QStringLiteral("weights")].toObject()
                 [QStringLiteral("globalBuffer")].toInteger(), 500);
    // 5x5 kernel: Winograd F(2x2,3x3) does not apply.
    QVERIFY(!conv1[QStringLiteral("fastConvolution")].toObject()[QStringLiteral("applicable")].toBool());
    QCOMPARE(conv1[QStringLiteral("sparsity")].toObject()[QStringLiteral("cycleFactor")].toDouble(), 0.5);
    // Eyeriss-like on the XC7Z020: 168 DSPs (int16, one per MAC).
    QCOMPARE(report[QStringLiteral("resources")].toObject()[QStringLiteral("dsp")].toInteger(), 168);
    QVERIFY(report[QStringLiteral("roofline")].toObject()[QStringLiteral("points")].toArray().size() > 0);
    QCOMPARE(runAnalyze({"zoo:lenet5", "--target", "xc7z020", "--dataflow", "xyz"}, out, err), 2);
    // A measured build replaces the estimate: 200 DSPs measured -> 200 reported.
    std::ostringstream calibrated;
    QCOMPARE(runAnalyze({"zoo:lenet5", "--target", "xc7z020", "--format", "json", "--measured", "dsp=200"},
                                   calibrated, err),
             0);
    QCOMPARE(parse(calibrated.str())[QStringLiteral("resources")].toObject()[QStringLiteral("dsp")].toInteger(), 200);
    QCOMPARE(runAnalyze({"zoo:lenet5", "--target", "xc7z020", "--measured", "dsp=x"}, out, err), 2);
}

void TestAccelCli::analyzeLeavesOtherTargetsAlone()
{
    // One analyze for every target kind: the accelerator members appear only
    // for an FPGA target, the MCU members only for an MCU target.
    std::ostringstream plain, mcu, err;
    QCOMPARE(runAnalyze({"zoo:lenet5", "--format", "json"}, plain, err), 0);
    QCOMPARE(runAnalyze({"zoo:lenet5", "--target", "stm32f746", "--format", "json"}, mcu, err), 0);
    QVERIFY(!parse(plain.str()).contains(QStringLiteral("resources")));
    QVERIFY(!parse(plain.str()).contains(QStringLiteral("memory")));
    QVERIFY(parse(mcu.str()).contains(QStringLiteral("memory")));
    QVERIFY(!parse(mcu.str()).contains(QStringLiteral("resources")));
}

void TestAccelCli::analyzeFpgaTargetSavesAnExperiment()
{
    // Issue #7: `analyze ... --save NAME` also for FPGA targets, so the design
    // can be compared and exported as an hls4ml configuration.
    QTemporaryDir dir;
    const std::string db = dir.filePath(QStringLiteral("x.sqlite")).toStdString();
    std::ostringstream analysis, err;
    QCOMPARE(runAnalyze({"zoo:lenet5", "--target", "xc7z020", "--dataflow", "rs", "--format", "json",
                                    "--save", "l5-pynq", "--db", db},
                                   analysis, err),
             0);
    const QJsonObject totals = parse(analysis.str())[QStringLiteral("totals")].toObject();
    std::ostringstream shown;
    QCOMPARE(runExperiments({"show", "l5-pynq", "--db", db, "--format", "json"}, shown, err), 0);
    const QJsonObject experiment = parse(shown.str());
    const QJsonObject target = experiment[QStringLiteral("target")].toObject();
    QCOMPARE(target[QStringLiteral("id")].toString(), QStringLiteral("xc7z020"));
    QCOMPARE(target[QStringLiteral("kind")].toString(), QStringLiteral("fpga"));
    // The stored latency is the dataflow model's total seconds of the same run,
    // and the design uses the Eyeriss-like template's 16-bit words (int16).
    const QJsonObject metrics = experiment[QStringLiteral("metrics")].toObject();
    QCOMPARE(metrics[QStringLiteral("latencySeconds")].toDouble(), totals[QStringLiteral("seconds")].toDouble());
    QCOMPARE(experiment[QStringLiteral("layers")].toArray().at(0).toObject()[QStringLiteral("weightBits")].toInteger(), 16);
    QVERIFY(experiment[QStringLiteral("spec")].toString().contains(QStringLiteral("fpga:")));
    std::ostringstream hls;
    QCOMPARE(runExperiments({"export", "l5-pynq", "--format", "hls4ml", "--db", db}, hls, err), 0);
    // LeNet-5's first layer is conv1 (Caffe lenet.prototxt); 16-bit weights -> ap_fixed<16,...>.
    QVERIFY2(hls.str().find("conv1:") != std::string::npos, hls.str().c_str());
    QVERIFY2(hls.str().find("Part: xc7z020") != std::string::npos, hls.str().c_str());
}

void TestAccelCli::analyzeBatchScalesTheAcceleratorProblem()
{
    // Batch N is the N of Chen, Emer, Sze (ISCA 2016, Table I): every layer's
    // MACs and input/psum traffic scale by N, the weights are fetched once.
    std::ostringstream one, sixteen, err;
    QCOMPARE(runAnalyze({"zoo:alexnet", "--target", "xc7z020", "--format", "json"}, one, err), 0);
    QCOMPARE(runAnalyze({"zoo:alexnet", "--target", "xc7z020", "--batch", "16", "--format", "json"}, sixteen, err), 0);
    const QJsonObject single = parse(one.str());
    const QJsonObject batched = parse(sixteen.str());
    QCOMPARE(batched[QStringLiteral("design")].toObject()[QStringLiteral("batch")].toInteger(), 16);
    // torchvision AlexNet: 714,188,480 MACs per image (zoo pinned figure), x16.
    QCOMPARE(single[QStringLiteral("totals")].toObject()[QStringLiteral("acceleratorMacs")].toInteger(), 714188480);
    QCOMPARE(batched[QStringLiteral("totals")].toObject()[QStringLiteral("acceleratorMacs")].toInteger(),
             qint64{16} * 714188480);
    const QJsonObject conv1 = batched[QStringLiteral("layers")].toArray().at(0).toObject()
                                  [QStringLiteral("dataflow")].toObject();
    // conv1 under RS: its 64x3x11x11 = 23,232 weights leave DRAM once for all
    // 16 images; the 3x224x224 = 150,528-element input once per image.
    QCOMPARE(conv1[QStringLiteral("weights")].toObject()[QStringLiteral("dram")].toInteger(), 23232);
    QCOMPARE(conv1[QStringLiteral("inputs")].toObject()[QStringLiteral("dram")].toInteger(), qint64{16} * 150528);
    // An MCU runtime runs one input per inference: batch 2 is refused, exit 1.
    std::ostringstream mcu, mcuErr;
    QCOMPARE(runAnalyze({"zoo:lenet5", "--target", "stm32f746", "--batch", "2"}, mcu, mcuErr), 1);
    QVERIFY2(mcuErr.str().find("batch 2") != std::string::npos, mcuErr.str().c_str());
    std::ostringstream plain, plainErr;
    QCOMPARE(runAnalyze({"zoo:lenet5", "--batch", "2"}, plain, plainErr), 1);
}

QTEST_APPLESS_MAIN(TestAccelCli)
#include "tst_accel_cli.moc"
