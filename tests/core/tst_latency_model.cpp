// Latency/energy estimates and flash usage against hand calculations on
// targets with known figures.
#include "core/io/network_yaml.h"
#include "core/memory/flash_usage.h"
#include "core/graph/layer_stats.h"
#include "core/perf/latency_model.h"

#include <QtTest>

using namespace mdse::core;
using mdse::hwlib::McuTarget;
using mdse::hwlib::SourcedValue;

namespace {

constexpr double kRelTolerance = 1e-12;

McuTarget handTarget()
{
    McuTarget target;
    target.id = "hand";
    target.clockHz = 100000000; // 100 MHz
    target.sramBytes = 65536;
    target.flashBytes = 4096;
    target.int8MacsPerCycle = {{0.5, true, "t"}, {0.25, true, "t"}, {1.0, true, "t"},
                               {0.4, true, "t"}, {2.0, true, "t"}};
    target.activePowerWatts = {0.1, true, "t"};
    target.interpreter.flashBytes = {1000, true, "t"};
    target.codegen.flashBytes = {200, true, "t"};
    return target;
}

// [8,32,32] -> 3x3 conv 16 pad 1 (1,179,648 MACs, 1,168 params) -> relu.
Network convNet()
{
    return readNetworkYaml("name: t\ninputs: [{name: x, shape: [8, 32, 32]}]\nlayers:\n"
                           "  - {name: c, op: conv2d, filters: 16, kernel: 3, padding: 1}\n"
                           "  - {name: r, op: relu}\n", "<test>");
}

bool close(double a, double b) { return std::abs(a - b) <= kRelTolerance * std::abs(b); }

} // namespace

class TestLatencyModel : public QObject {
    Q_OBJECT
private slots:
    void cpuLayer();
    void npuOffload();
    void calibrationScales();
    void flashBreakdown();
};

void TestLatencyModel::cpuLayer()
{
    // conv: 1,179,648 MACs / 0.5 MAC/cycle + 1,000 cycles = 2,360,296 cycles
    // at 100 MHz = 23.60296 ms; energy 0.1 W * that = 2.360296 mJ.
    // relu: 16,384 elements / 2 per cycle + 1,000 = 9,192 cycles = 91.92 us.
    const LatencyEstimate estimate = estimateLatency(convNet(), computeStats(convNet()), PrecisionView{}, handTarget());
    QCOMPARE(estimate.layers.size(), std::size_t{2});
    QCOMPARE(estimate.layers[0].family, std::string("conv"));
    QVERIFY(close(estimate.layers[0].seconds, 2360296.0 / 1e8));
    QVERIFY(close(estimate.layers[0].joules, 0.1 * 2360296.0 / 1e8));
    QCOMPARE(estimate.layers[1].family, std::string("elementwise"));
    QVERIFY(close(estimate.layers[1].seconds, 9192.0 / 1e8));
    QVERIFY(close(estimate.summary.totalSeconds, (2360296.0 + 9192.0) / 1e8));
    QVERIFY(close(estimate.summary.highSeconds, 2 * estimate.summary.totalSeconds));
    // int16 halves the rate: 1,179,648 / 0.25 + 1,000 = 4,719,592 cycles.
    PrecisionView int16;
    int16.defaultPrecision = Precision::Int16;
    QVERIFY(close(estimateLatency(convNet(), computeStats(convNet()), int16, handTarget()).layers[0].seconds, 4719592.0 / 1e8));
    // fp16 computes at fp32's rate on a Cortex-M FPU (half precision is only
    // converted): 1,179,648 / (0.5 x 0.25) + 1,000 = 9,438,184 cycles.
    PrecisionView fp16;
    fp16.defaultPrecision = Precision::Fp16;
    QVERIFY(close(estimateLatency(convNet(), computeStats(convNet()), fp16, handTarget()).layers[0].seconds, 9438184.0 / 1e8));
}

void TestLatencyModel::npuOffload()
{
    // NPU 256 MACs/cycle at 50 % utilisation, 400 MHz:
    // 1,179,648 / 128 + 1,000 = 10,216 cycles = 25.54 us.
    McuTarget target = handTarget();
    target.npu = mdse::hwlib::NpuSpec{"U55-256", {256, false, "t"}, 400000000, {0.5, true, "t"}};
    const LatencyEstimate estimate = estimateLatency(convNet(), computeStats(convNet()), PrecisionView{}, target);
    QCOMPARE(estimate.layers[0].unit, std::string("npu"));
    QVERIFY(close(estimate.layers[0].seconds, 10216.0 / 4e8));
    QCOMPARE(estimate.layers[1].unit, std::string("cpu")); // element-wise stays on the CPU
}

void TestLatencyModel::calibrationScales()
{
    McuTarget target = handTarget();
    const double base = estimateLatency(convNet(), computeStats(convNet()), PrecisionView{}, target).summary.totalSeconds;
    target.calibration = 1.5;
    QVERIFY(close(estimateLatency(convNet(), computeStats(convNet()), PrecisionView{}, target).summary.totalSeconds, 1.5 * base));
}

void TestLatencyModel::flashBreakdown()
{
    // TFLite Micro: int8 weights 1,152 B; one fp32 scale per tensor 4 B (the
    // .tflite file's QuantizationParameters); int32 biases 16*4 = 64 B; the
    // per-channel requantisation 16 channels * 8 B = 128 B lives in TFLM's
    // persistent arena, not in flash; runtime 1,000 B: total 2,220 B.
    const McuTarget target = handTarget();
    const Network network = convNet();
    const NetworkStats stats = computeStats(network);
    const FlashBreakdown flash = flashUsage(network, stats, PrecisionView{}, target, McuRuntime::Interpreter);
    QCOMPARE(flash.weightBytes, 1152LL);
    QCOMPARE(flash.scaleBytes, 4LL);
    QCOMPARE(flash.biasBytes, 64LL);
    QCOMPARE(flash.quantParamBytes, 0LL);
    QCOMPARE(flash.persistentRequantBytes, 128LL);
    QCOMPARE(flash.totalBytes, 1152LL + 4 + 64 + 1000);
    // Generated code (TinyEngine-like) keeps the requantisation in flash and
    // no float scales; int4 weights pack two per byte: 576 B.
    PrecisionView int4;
    int4.weights["c"] = Precision::Int4;
    QCOMPARE(flashUsage(network, stats, int4, target, McuRuntime::CodeGenerated).totalBytes, 576LL + 64 + 128 + 200);
    // The design's stored bytes (core/compress) replace the dense figure.
    int4.stored["c"] = StoredWeightBytes{300, 0, 4, 64, 0};
    QCOMPARE(flashUsage(network, stats, int4, target, McuRuntime::CodeGenerated).weightBytes, 300LL);
    const FitVerdict verdict = fitVerdict(flash.totalBytes, target.flashBytes);
    QVERIFY(verdict.fits);
    QCOMPARE(verdict.marginBytes, 4096LL - 2220);
    QVERIFY(!fitVerdict(5000, 4096).fits);
}

QTEST_APPLESS_MAIN(TestLatencyModel)
#include "tst_latency_model.moc"
