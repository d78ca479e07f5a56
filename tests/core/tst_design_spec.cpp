// The DesignSpec (core/evaluate/design_spec.h) and its YAML form
// (core/io/design_spec_yaml.h): every field round-trips, every field
// changes the identity hash, bad files are located errors, and evaluate()
// follows the documented order (resolve on the network as loaded, fold,
// default precision per target).
#include "core/evaluate/evaluate.h"
#include "core/evaluate/spec_hash.h"
#include "core/io/design_config_yaml.h"
#include "core/io/design_spec_yaml.h"
#include "core/io/network_loader.h"
#include "core/io/network_yaml.h"

#include <QtTest>

#include <functional>

using namespace mdse::core;

namespace {

// A spec with every field away from its default.
DesignSpec everyFieldSet()
{
    DesignSpec s;
    s.design = readDesignConfigYaml("defaults: {weightBits: 8}\nrules:\n  - {match: {op: depthwise}, set: {weightBits: 4}}\n"
                                    "layers:\n  conv1: {pruning: unstructured, sparsity: 0.5, format: csr}\n",
                                    "<design>");
    s.target = resolveTarget("stm32h743");
    s.target.mcu.calibration = 1.25;
    s.foldBatchNorms = BatchNormFolding::Yes;
    s.runtime = McuRuntime::CodeGenerated;
    s.kernels = KernelPath::CmsisNnMve;
    s.sramModel = SramModel::Patch;
    s.patch.maxGrid = 4;
    s.patch.maxOverheadPercent = 12.5;
    s.patch.inputResident = false;
    s.exactReorderLimit = 10;
    s.latency.perLayerOverheadCycles = 500;
    s.latency.useNpu = false;
    s.latency.lowFactor = 0.75;
    s.latency.highFactor = 1.5;
    s.accelerator.dataflow = Dataflow::WeightStationary;
    s.accelerator.fastConvolution = FastConvolution::Winograd;
    s.accelerator.sparsity = SparsityOptions{};
    s.accelerator.sparsity->weightDensity = 0.5;
    s.accelerator.measuredResources.dsps = 100;
    s.systolic = SystolicConfig{};
    s.systolic->rows = 16;
    s.systolic->dataflow = SystolicDataflow::InputStationary;
    return s;
}

} // namespace

class TestDesignSpec : public QObject {
    Q_OBJECT
private slots:
    void yamlRoundTripKeepsEveryField();
    void everyFieldChangesTheHash_data();
    void everyFieldChangesTheHash();
    void fpgaTargetRoundTrips();
    void malformedSpecsAreLocated_data();
    void malformedSpecsAreLocated();
    void flagsOfAnotherTargetAreRefused();
    void defaultPrecisionPerTarget();
    void resolutionIsTheSameWithAndWithoutTarget();
    void ruleMatchingNothingWarns();
};

void TestDesignSpec::yamlRoundTripKeepsEveryField()
{
    const DesignSpec spec = everyFieldSet();
    const std::string text = writeDesignSpecYaml(spec);
    const DesignSpec back = readDesignSpecYaml(text, "<written>");
    QVERIFY2(back == spec, text.c_str());
    QCOMPARE(specHash(back), specHash(spec));
    QCOMPARE(writeDesignSpecYaml(back), text); // the writer is a fixed point
    QVERIFY(readDesignSpecYaml("", "<empty>") == DesignSpec{});
}

void TestDesignSpec::everyFieldChangesTheHash_data()
{
    using Edit = std::function<void(DesignSpec&)>;
    QTest::addColumn<Edit>("edit");
    QTest::newRow("design default") << Edit([](DesignSpec& s) { s.design.defaults.weights = Precision::Int4; });
    QTest::newRow("design rule") << Edit([](DesignSpec& s) { s.design.rules.clear(); });
    QTest::newRow("design override") << Edit([](DesignSpec& s) { s.design.layers[0].set.sparsity = 0.6; });
    QTest::newRow("target part") << Edit([](DesignSpec& s) { s.target.mcu.clockHz += 1; });
    QTest::newRow("target calibration") << Edit([](DesignSpec& s) { s.target.mcu.calibration = 1.5; });
    QTest::newRow("target kind") << Edit([](DesignSpec& s) { s.target = TargetSpec{}; });
    QTest::newRow("fold") << Edit([](DesignSpec& s) { s.foldBatchNorms = BatchNormFolding::No; });
    QTest::newRow("runtime") << Edit([](DesignSpec& s) { s.runtime = McuRuntime::Interpreter; });
    QTest::newRow("kernels") << Edit([](DesignSpec& s) { s.kernels.reset(); });
    QTest::newRow("sram model") << Edit([](DesignSpec& s) { s.sramModel = SramModel::Arena; });
    QTest::newRow("patch grid") << Edit([](DesignSpec& s) { s.patch.maxGrid = 5; });
    QTest::newRow("patch overhead") << Edit([](DesignSpec& s) { s.patch.maxOverheadPercent = 12.0; });
    QTest::newRow("patch input") << Edit([](DesignSpec& s) { s.patch.inputResident = true; });
    QTest::newRow("reorder") << Edit([](DesignSpec& s) { s.exactReorderLimit = 11; });
    QTest::newRow("latency overhead") << Edit([](DesignSpec& s) { s.latency.perLayerOverheadCycles = 501; });
    QTest::newRow("latency npu") << Edit([](DesignSpec& s) { s.latency.useNpu = true; });
    QTest::newRow("latency range") << Edit([](DesignSpec& s) { s.latency.highFactor = 2.5; });
    QTest::newRow("dataflow") << Edit([](DesignSpec& s) { s.accelerator.dataflow = Dataflow::RowStationary; });
    QTest::newRow("fast conv") << Edit([](DesignSpec& s) { s.accelerator.fastConvolution = FastConvolution::Fft; });
    QTest::newRow("sparsity") << Edit([](DesignSpec& s) { s.accelerator.sparsity->weightDensity = 0.25; });
    QTest::newRow("measured") << Edit([](DesignSpec& s) { s.accelerator.measuredResources.luts = 1; });
    QTest::newRow("systolic rows") << Edit([](DesignSpec& s) { s.systolic->cols = 8; });
    QTest::newRow("systolic off") << Edit([](DesignSpec& s) { s.systolic.reset(); });
    QTest::newRow("batch") << Edit([](DesignSpec& s) { s.batch = 2; });
}

void TestDesignSpec::everyFieldChangesTheHash()
{
    // Merge keeps designs that differ in any spec field: their hashes differ
    // (and the YAML form carries the change).
    QFETCH(std::function<void(DesignSpec&)>, edit);
    const DesignSpec base = everyFieldSet();
    DesignSpec changed = base;
    edit(changed);
    QVERIFY(!(changed == base));
    QVERIFY(specHash(changed) != specHash(base));
    QVERIFY(writeDesignSpecYaml(changed) != writeDesignSpecYaml(base));
}

void TestDesignSpec::fpgaTargetRoundTrips()
{
    const DesignSpec spec = readDesignSpecYaml("target: {fpga: xc7z020, accelerator: nvdla-small-like}\n"
                                               "accelerator: {dataflow: os, measured: {dsp: 64, lut: 9000}}\n",
                                               "<fpga>");
    QCOMPARE(spec.target.kind, TargetKind::Fpga);
    QCOMPARE(spec.target.device.dsps, 220LL); // DS190 Table 1: Z-7020 has 220 DSP48E1 slices
    QCOMPARE(spec.target.accelerator.weightBits, 8);
    QVERIFY(readDesignSpecYaml(writeDesignSpecYaml(spec), "<written>") == spec);
}

void TestDesignSpec::malformedSpecsAreLocated_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArray>("fragment");
    QTest::newRow("unknown key") << QByteArray("runtime: tflm\ncolour: red\n") << 2 << QByteArray("unknown key 'colour'");
    QTest::newRow("bad runtime") << QByteArray("target: stm32f746\nruntime: tvm\n") << 2 << QByteArray("unknown runtime 'tvm'");
    QTest::newRow("unknown part") << QByteArray("target: stm32f999\n") << 0 << QByteArray("unknown");
    QTest::newRow("bad grid") << QByteArray("patch: {maxGrid: many}\n") << 1 << QByteArray("patch.maxGrid must be");
    QTest::newRow("grid out of range") << QByteArray("patch: {maxGrid: 0}\n") << 0 << QByteArray("maxGrid must be 1 to 64");
    QTest::newRow("inline part missing field") << QByteArray("target:\n  mcu:\n    id: mine\n    name: x\n") << 3
                                               << QByteArray("missing field");
    QTest::newRow("mcu and fpga") << QByteArray("target: {mcu: stm32f746, fpga: xc7z020}\n") << 1 << QByteArray("not both");
    QTest::newRow("bad dataflow") << QByteArray("accelerator: {dataflow: xy}\n") << 1 << QByteArray("unknown dataflow 'xy'");
    QTest::newRow("calibration without MCU") << QByteArray("latency: {calibration: 2}\n") << 1
                                             << QByteArray("latency.calibration needs an MCU target");
    QTest::newRow("bad design") << QByteArray("design:\n  defaults: {weightBits: 33}\n") << 2
                                << QByteArray("must be 32 (fp32) or 1 to 31");
    QTest::newRow("batch") << QByteArray("batch: 0\n") << 0 << QByteArray("batch must be");
    QTest::newRow("syntax") << QByteArray("target: [stm32f746\n") << 2 << QByteArray("YAML syntax error");
    QTest::newRow("binary") << QByteArray("runtime: tflm\n\x00\x01", 16) << 2 << QByteArray("");
}

void TestDesignSpec::malformedSpecsAreLocated()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QByteArray, fragment);
    try {
        readDesignSpecYaml(std::string_view(text.constData(), std::size_t(text.size())), "spec.yaml");
        QFAIL("a malformed spec was read");
    } catch (const Error& error) {
        const std::string what = error.what();
        QVERIFY2(what.find("spec.yaml") != std::string::npos, error.what());
        QVERIFY2(what.find(fragment.toStdString()) != std::string::npos, error.what());
        if (line > 0)
            QCOMPARE(error.location().line, line);
    }
}

void TestDesignSpec::flagsOfAnotherTargetAreRefused()
{
    // validateSpec refuses values out of range whatever their source.
    DesignSpec spec;
    spec.latency.lowFactor = 2;
    QVERIFY_THROWS_EXCEPTION(Error, validateSpec(spec));
    spec = DesignSpec{};
    spec.target = resolveTarget("stm32f746");
    spec.target.mcu.clockHz = 0;
    QVERIFY_THROWS_EXCEPTION(Error, evaluate(loadNetwork("zoo:lenet5"), spec));
}

void TestDesignSpec::defaultPrecisionPerTarget()
{
    // docs/design-spec.md: no target fp32, MCU int8, FPGA the template's widths.
    const Network lenet = loadNetwork("zoo:lenet5");
    QCOMPARE(evaluate(lenet, {}).layers[0].settings.weights, Precision::Fp32);
    DesignSpec mcu;
    mcu.target = resolveTarget("nrf52840");
    QCOMPARE(evaluate(lenet, mcu).layers[0].settings.weights, Precision::Int8);
    DesignSpec fpga = readDesignSpecYaml("target: {fpga: xc7z020, accelerator: eyeriss-like}\n", "<fpga>");
    QCOMPARE(evaluate(lenet, fpga).layers[0].settings.weights, Precision::Int16); // Eyeriss: 16-bit words
    // The design overrides the rule; the file's own precision (a quantized
    // import) comes before the design and after the rule.
    mcu.design.defaults.weights = Precision::Int4;
    QCOMPARE(evaluate(lenet, mcu).layers[0].settings.weights, Precision::Int4);
}

void TestDesignSpec::resolutionIsTheSameWithAndWithoutTarget()
{
    // A rule over execution positions [1, 2] selects the same layers whether
    // batchnorms are folded (MCU target) or not: the design resolves on the
    // network as loaded. Positions 1 and 2 of this network are bn and conv2.
    const Network network = readNetworkYaml(
        "name: n\ninputs: [{name: x, shape: [3, 8, 8]}]\nlayers:\n"
        "  - {name: conv1, op: conv2d, filters: 4, kernel: 3, padding: 1}\n"
        "  - {name: bn, op: batchnorm}\n"
        "  - {name: conv2, op: conv2d, filters: 4, kernel: 3, padding: 1}\n"
        "  - {name: conv3, op: conv2d, filters: 4, kernel: 3, padding: 1}\n",
        "<net>");
    DesignSpec spec;
    spec.design = readDesignConfigYaml("defaults: {weightBits: 8}\nrules:\n  - {match: {layers: [1, 2]}, set: {weightBits: 4}}\n",
                                       "<cfg>");
    const Evaluation plain = evaluate(network, spec);
    spec.target = resolveTarget("stm32f746");
    const Evaluation deployed = evaluate(network, spec);
    QCOMPARE(plain.layer("conv2")->settings.weights, Precision::Int4);
    QCOMPARE(deployed.layer("conv2")->settings.weights, Precision::Int4);
    QCOMPARE(plain.layer("conv3")->settings.weights, Precision::Int8);
    QCOMPARE(deployed.layer("conv3")->settings.weights, Precision::Int8);
    QCOMPARE(deployed.folded.size(), std::size_t(1)); // bn folded into conv1
    QCOMPARE(deployed.folded[0].into, std::string("conv1"));
    QCOMPARE(deployed.layer("bn"), deployed.layer("conv1"));
}

void TestDesignSpec::ruleMatchingNothingWarns()
{
    DesignSpec spec;
    spec.design = readDesignConfigYaml("rules:\n  - {match: {op: depthwise}, set: {weightBits: 4}}\n", "design.yaml");
    const Evaluation e = evaluate(loadNetwork("zoo:lenet5"), spec); // LeNet-5 has no depthwise conv
    QCOMPARE(e.warnings.size(), std::size_t(1));
    QVERIFY2(e.warnings[0].message.find("matches no layer") != std::string::npos, e.warnings[0].message.c_str());
    QCOMPARE(e.warnings[0].where.file, std::string("design.yaml"));
    QCOMPARE(e.warnings[0].where.line, 2);
}

QTEST_APPLESS_MAIN(TestDesignSpec)
#include "tst_design_spec.moc"
