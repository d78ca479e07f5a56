// The MCU roofline (core/perf/mcu_roofline.h) against hand calculations on
// a target with round figures.
#include "core/io/network_yaml.h"
#include "core/perf/mcu_roofline.h"

#include <QtTest>

using namespace mdse::core;
using mdse::hwlib::McuTarget;
using mdse::hwlib::NpuSpec;

namespace {

constexpr double kRelTolerance = 1e-12;

bool close(double a, double b) { return std::abs(a - b) <= kRelTolerance * std::abs(b); }

// 100 MHz; int8 MACs/cycle conv 0.5, depthwise 0.25, pointwise 1.0, fc 0.4,
// element-wise 2.0 elements/cycle; flash 1 B/cycle, SRAM 2 B/cycle.
McuTarget handTarget()
{
    McuTarget target;
    target.id = "hand";
    target.clockHz = 100000000;
    target.sramBytes = 65536;
    target.flashBytes = 65536;
    target.int8MacsPerCycle = {{0.5, true, "t"}, {0.25, true, "t"}, {1.0, true, "t"},
                               {0.4, true, "t"}, {2.0, true, "t"}};
    target.memoryBandwidth = {{1.0, true, "t"}, {2.0, true, "t"}};
    target.activePowerWatts = {0.1, true, "t"};
    return target;
}

// [8,32,32] -> 3x3 conv 16 pad 1 (1,179,648 MACs, 1,152 weights, 16 biases) -> relu -> flatten.
Network convNet()
{
    return readNetworkYaml("name: t\ninputs: [{name: x, shape: [8, 32, 32]}]\nlayers:\n"
                           "  - {name: c, op: conv2d, filters: 16, kernel: 3, padding: 1}\n"
                           "  - {name: r, op: relu}\n"
                           "  - {name: f, op: flatten}\n", "<test>");
}

Roofline rooflineOf(const Network& network, const McuTarget& target)
{
    const PrecisionView int8; // int8 weights and activations, int32 biases
    const NetworkStats stats = computeStats(network);
    return mcuNetworkRoofline(network, stats, int8, target, estimateLatency(network, stats, int8, target));
}

} // namespace

class TestMcuRoofline : public QObject {
    Q_OBJECT
private slots:
    void ceilings();
    void convPointsPerLevel();
    void elementwisePointIsMemoryBound();
    void npuCeilingAndPoint();
};

void TestMcuRoofline::ceilings()
{
    const Roofline r = mcuRoofline(handTarget());
    // Best MAC family: pointwise 1.0 MAC/cycle -> 2 ops x 1.0 x 100 MHz = 200 MOPS
    // at int8, half at int16, a quarter at fp32 (the latency model's scale).
    QCOMPARE(r.compute.size(), std::size_t{3});
    QCOMPARE(r.compute[0].opsPerSecond, 2e8);
    QCOMPARE(r.compute[1].opsPerSecond, 1e8);
    QCOMPARE(r.compute[2].opsPerSecond, 5e7);
    // flash 1 B/cycle, SRAM 2 B/cycle at 100 MHz; ridges 2 and 1 op/B.
    QCOMPARE(r.bandwidth[0].name, std::string("flash"));
    QCOMPARE(r.bandwidth[0].bytesPerSecond, 1e8);
    QCOMPARE(r.bandwidth[1].bytesPerSecond, 2e8);
    QCOMPARE(ridgePoint(r.compute[0].opsPerSecond, r.bandwidth[0].bytesPerSecond), 2.0);
    QCOMPARE(ridgePoint(r.compute[0].opsPerSecond, r.bandwidth[1].bytesPerSecond), 1.0);
}

void TestMcuRoofline::convPointsPerLevel()
{
    const Roofline r = rooflineOf(convNet(), handTarget());
    // conv: flash + SRAM points; relu: SRAM only (no weights); flatten: none (view).
    QCOMPARE(r.points.size(), std::size_t{3});
    const RooflinePoint& flash = r.points[0];
    const RooflinePoint& sram = r.points[1];
    QCOMPARE(flash.name, std::string("c"));
    QCOMPARE(flash.level, std::string("flash"));
    QCOMPARE(sram.level, std::string("SRAM"));
    // ops = 2 x 1,179,648 MACs; flash = 1,152 int8 weights + 16 x 4 B biases = 1,216 B;
    // SRAM = 8x32x32 input + 16x32x32 output bytes = 24,576 B.
    QCOMPARE(flash.ops, 2359296.0);
    QCOMPARE(flash.bytes, 1216.0);
    QCOMPARE(sram.bytes, 24576.0);
    QVERIFY(close(sram.arithmeticIntensity, 96.0));
    // seconds = (1,179,648 / 0.5 + 1,000 overhead cycles) / 100 MHz = 0.02360296 s.
    QVERIFY(close(flash.attainedOpsPerSecond, 2359296.0 / 0.02360296));
    // The conv kernel's ceiling: 2 x 0.5 x 100 MHz = 100 MOPS; AI 1,940 and 96
    // op/B are far right of the ridges (1 and 0.5 op/B): compute bound.
    QCOMPARE(flash.roofOpsPerSecond, 1e8);
    QCOMPARE(sram.roofOpsPerSecond, 1e8);
    QCOMPARE(flash.bound, std::string("compute"));
    QCOMPARE(sram.bound, std::string("compute"));
}

void TestMcuRoofline::elementwisePointIsMemoryBound()
{
    const Roofline r = rooflineOf(convNet(), handTarget());
    const RooflinePoint& relu = r.points[2];
    QCOMPARE(relu.name, std::string("r"));
    QCOMPARE(relu.level, std::string("SRAM"));
    // 16,384 elements (1 op each) over 16,384 B in + 16,384 B out: AI 0.5 op/B;
    // kernel ceiling 2 elements/cycle x 100 MHz = 200 MOPS, ridge 200/200 = 1 op/B:
    // memory bound at 0.5 x 200 MB/s = 100 MOPS.
    QCOMPARE(relu.arithmeticIntensity, 0.5);
    QCOMPARE(relu.roofOpsPerSecond, 1e8);
    QCOMPARE(relu.bound, std::string("memory"));
    // The latency model has no memory term: (16,384 / 2 + 1,000) cycles at
    // 100 MHz = 91.92 us, i.e. 178 MOPS, above the memory roof.
    QVERIFY(close(relu.attainedOpsPerSecond, 16384.0 / 91.92e-6));
    QVERIFY(relu.attainedOpsPerSecond > relu.roofOpsPerSecond);
    // Summary: peak int8 CPU 200 MOPS; flash ridge 2 op/B over 1 point (the
    // conv), none memory-bound; SRAM ridge 1 op/B over 2 points, the relu memory-bound.
    QCOMPARE(peakCeiling(r)->name, std::string("int8 CPU"));
    const std::vector<RooflineLevelSummary> levels = summarizeRooflineLevels(r);
    QCOMPARE(levels.size(), std::size_t{2});
    QCOMPARE(levels[0].level, std::string("flash"));
    QCOMPARE(levels[0].ridgeOpsPerByte, 2.0);
    QCOMPARE(levels[0].points, 1);
    QCOMPARE(levels[0].memoryBoundPoints, 0);
    QCOMPARE(levels[1].ridgeOpsPerByte, 1.0);
    QCOMPARE(levels[1].points, 2);
    QCOMPARE(levels[1].memoryBoundPoints, 1);
}

void TestMcuRoofline::npuCeilingAndPoint()
{
    McuTarget target = handTarget();
    target.npu = NpuSpec{"U55-128", {128, false, "Vela"}, 200000000, {0.5, true, "t"}};
    const Roofline r = rooflineOf(convNet(), target);
    // NPU peak 2 x 128 MACs x 200 MHz = 51.2 GOPS after the three CPU ceilings.
    QCOMPARE(r.compute.size(), std::size_t{4});
    QCOMPARE(r.compute[3].name, std::string("int8 NPU (U55-128)"));
    QCOMPARE(r.compute[3].opsPerSecond, 5.12e10);
    // The int8 conv runs on the NPU, its ceiling the sustained rate
    // 2 x 128 x 0.5 MACs x 200 MHz = 25.6 GOPS. Flash: AI 1,940.2 op/B x 100 MB/s
    // = 194 GOPS > 25.6: compute bound. SRAM: AI 96 x 200 MB/s = 19.2 GOPS < 25.6:
    // on the NPU the same layer becomes SRAM-bandwidth bound.
    QCOMPARE(r.points[0].roofOpsPerSecond, 2.56e10);
    QCOMPARE(r.points[0].bound, std::string("compute"));
    QVERIFY(close(r.points[1].roofOpsPerSecond, 1.92e10));
    QCOMPARE(r.points[1].bound, std::string("memory"));
}

QTEST_APPLESS_MAIN(TestMcuRoofline)
#include "tst_mcu_roofline.moc"
