// Patch-based inference (MCUNetV2) and execution reordering on graphs
// worked by hand.
#include "core/graph/receptive_field.h"
#include "core/io/network_yaml.h"
#include "core/memory/execution_reorder.h"
#include "core/memory/patch_inference.h"

#include <QtTest>

using namespace mdse::core;

namespace {

// x [1,8,8] -> conv1 3x3 s1 p1, 4 filters [4,8,8] -> conv2 3x3 s2 p1, 8
// filters [8,4,4] -> global pool -> flatten -> dense 2.
Network twoLayer()
{
    return readNetworkYaml("name: t\ninputs: [{name: x, shape: [1, 8, 8]}]\nlayers:\n"
                           "  - {name: conv1, op: conv2d, filters: 4, kernel: 3, padding: 1}\n"
                           "  - {name: conv2, op: conv2d, filters: 8, kernel: 3, stride: 2, padding: 1}\n"
                           "  - {name: gap, op: global_avgpool}\n"
                           "  - {name: flat, op: flatten}\n"
                           "  - {name: fc, op: dense, units: 2}\n",
                           "<test>");
}

PatchOptions options(bool inputResident)
{
    PatchOptions result;
    result.kernelPath = KernelPath::None;
    result.inputResident = inputResident;
    return result;
}

} // namespace

class TestPatchInference : public QObject {
    Q_OBJECT
private slots:
    void receptiveFieldStep_data();
    void receptiveFieldStep();
    void twoLayerRegions();
    void twoLayerPlan();
    void curveAndBest();
    void invalidSplits();
    void reorderBranches();
};

void TestPatchInference::receptiveFieldStep_data()
{
    QTest::addColumn<qlonglong>("outLength");
    QTest::addColumn<qlonglong>("kernel");
    QTest::addColumn<qlonglong>("stride");
    QTest::addColumn<qlonglong>("dilation");
    QTest::addColumn<qlonglong>("inLength");
    // Unclipped (interior, no padding): stride 1: r + k - 1; stride 2:
    // 2(r - 1) + k (MCUNetV2); dilation d: (r-1)s + d(k-1) + 1.
    QTest::newRow("s1 k3") << 4LL << 3LL << 1LL << 1LL << 6LL;
    QTest::newRow("s2 k3") << 4LL << 3LL << 2LL << 1LL << 9LL;
    QTest::newRow("s2 k5") << 3LL << 5LL << 2LL << 1LL << 9LL;
    QTest::newRow("s3 k3") << 2LL << 3LL << 3LL << 1LL << 6LL;
    QTest::newRow("s1 k3 d2") << 4LL << 3LL << 1LL << 2LL << 8LL;
}

void TestPatchInference::receptiveFieldStep()
{
    QFETCH(qlonglong, outLength);
    QFETCH(qlonglong, kernel);
    QFETCH(qlonglong, stride);
    QFETCH(qlonglong, dilation);
    QFETCH(qlonglong, inLength);
    const Interval in = windowInputInterval({10, 10 + outLength}, kernel, stride, dilation, 0, 1000);
    QCOMPARE(in.length(), inLength);
    QCOMPARE(in.begin, 10 * stride);
}

void TestPatchInference::twoLayerRegions()
{
    // Grid 2 on conv2's 4x4 output: tiles [0,2) and [2,4).
    // conv2 (k3 s2 pad 1): [0,2) -> [0*2-1, (2-1)*2-1+3) = [-1,4) clipped [0,4);
    //                      [2,4) -> [3, 8) (end 3*2-1+3 = 8).
    // conv1 (k3 s1 pad 1): [0,4) -> [-1,5) clipped [0,5); [3,8) -> [2,9) clipped [2,8).
    // conv1's two regions overlap on row 3: the halo.
    const Network network = twoLayer();
    const PatchPlanner planner(network, computeStats(network), PrecisionView{}, options(true));
    const auto top = planner.regionsForTile(1, 1, {0, 2});
    const auto bottom = planner.regionsForTile(1, 1, {2, 4});
    // buffers in order: x, conv1, conv2, ...
    QCOMPARE(top[1], (Interval{0, 4}));
    QCOMPARE(bottom[1], (Interval{3, 8}));
    QCOMPARE(top[0], (Interval{0, 5}));
    QCOMPARE(bottom[0], (Interval{2, 8}));
}

void TestPatchInference::twoLayerPlan()
{
    const Network network = twoLayer();
    // Extra MACs: conv1 has 4*1*9 = 36 MACs per output pixel; its patch rows
    // sum to 4 + 5 = 9 (same for columns), so the patches compute 36*9*9 =
    // 2,916 MACs instead of 36*64 = 2,304: 612 extra. conv2's tiles do not
    // overlap: 0 extra. Network MACs 2,304 + 4,608 + 16 = 6,928 -> 8.834 %.
    // Peak, input resident (int8): worst patch (bottom-right) at conv1:
    // x 64 + conv1 region 4*5*5 = 100 + whole conv2 output 128 = 292.
    // Rest of the network: gap step 128 + 8 = 136. Per-layer peak 256 + 128 = 384.
    const PatchPlan plan = PatchPlanner(network, computeStats(network), PrecisionView{}, options(true)).evaluate(1, 2);
    QCOMPARE(plan.extraMacs, 612LL);
    QCOMPARE(plan.stageMacs, 2304LL + 4608);
    QVERIFY(qAbs(plan.overheadPercent - 100.0 * 612 / 6928) < 1e-9);
    QCOMPARE(plan.patchStagePeakBytes, 292LL);
    QCOMPARE(plan.restPeakBytes, 136LL);
    QCOMPARE(plan.peakBytes, 292LL);
    // Streamed input: x contributes its patch region [2,8)x[2,8) = 36 B: 36 + 100 + 128 = 264.
    QCOMPARE(PatchPlanner(network, computeStats(network), PrecisionView{}, options(false)).evaluate(1, 2).peakBytes, 264LL);
    // n = 1: one patch is the whole stage: 64 + 256 + 128 = 448, no extra MACs.
    const PatchPlan single = PatchPlanner(network, computeStats(network), PrecisionView{}, options(true)).evaluate(1, 1);
    QCOMPARE(single.peakBytes, 448LL);
    QCOMPARE(single.extraMacs, 0LL);
}

void TestPatchInference::curveAndBest()
{
    const Network network = twoLayer();
    PatchOptions limited = options(true);
    limited.maxOverheadPercent = 5.0; // excludes the 2x2 split at conv2 (8.8 %)
    const PatchAnalysis analysis = PatchPlanner(network, computeStats(network), PrecisionView{}, limited).analyze();
    QCOMPARE(analysis.perLayerPeakBytes, 384LL);
    // Valid splits: conv1 (8x8 output: n = 1..8) and conv2 (4x4: n = 1..4).
    QCOMPARE(analysis.curve.size(), std::size_t{12});
    QVERIFY(analysis.best.has_value());
    QVERIFY(analysis.best->overheadPercent <= 5.0);
    for (const PatchPlan& plan : analysis.curve)
        if (plan.overheadPercent <= 5.0)
            QVERIFY(analysis.best->peakBytes <= plan.peakBytes);
}

void TestPatchInference::invalidSplits()
{
    const Network network = twoLayer();
    const PatchPlanner planner(network, computeStats(network), PrecisionView{}, options(true));
    QVERIFY(planner.isValidSplit(0));
    QVERIFY(!planner.isValidSplit(2)); // global pooling has no spatial locality
    QVERIFY_THROWS_EXCEPTION(Error, planner.evaluate(1, 5)); // 5 > 4 rows
    // A residual whose skip crosses the split cannot be split inside it.
    const Network residual = readNetworkYaml(
        "name: r\ninputs: [{name: x, shape: [4, 8, 8]}]\nlayers:\n"
        "  - {name: a, op: conv2d, filters: 4, kernel: 3, padding: 1}\n"
        "  - {name: b, op: conv2d, filters: 4, kernel: 3, padding: 1}\n"
        "  - {name: r, op: add, inputs: [b, a]}\n", "<test>");
    const PatchPlanner residualPlanner(residual, computeStats(residual), PrecisionView{}, options(true));
    QVERIFY(!residualPlanner.isValidSplit(1)); // a is still needed by r
    QVERIFY(residualPlanner.isValidSplit(2));
    // A channel concat is spatially local: a fire-module-like split is valid,
    // and each branch needs its own receptive field (1x1: the tile itself;
    // 3x3 pad 1: one more row each side, clipped at the border).
    const Network fire = readNetworkYaml(
        "name: f\ninputs: [{name: x, shape: [4, 8, 8]}]\nlayers:\n"
        "  - {name: e1, op: conv2d, filters: 4, kernel: 1, inputs: [x]}\n"
        "  - {name: e3, op: conv2d, filters: 4, kernel: 3, padding: 1, inputs: [x]}\n"
        "  - {name: cat, op: concat, inputs: [e1, e3]}\n", "<test>");
    const PatchPlanner firePlanner(fire, computeStats(fire), PrecisionView{}, options(true));
    QVERIFY(firePlanner.isValidSplit(2));
    // x's region for tile rows [0,4): hull of [0,4) (e1) and [0,5) (e3) = [0,5).
    QCOMPARE(firePlanner.regionsForTile(2, 1, {0, 4})[0], (Interval{0, 5}));
}

void TestPatchInference::reorderBranches()
{
    // x [1,10,10] = 100 B; p, q: 1x1 convs to 10 channels (1,000 B each);
    // p2, q2: 1x1 convs back to 1 channel (100 B); concat (200 B).
    // File order p, q, p2, q2: at q, x + p + q = 2,100 B (peak).
    // Best order p, p2, q, q2: every step <= 1,200 B. Saving 900 B.
    const Network network = readNetworkYaml(
        "name: b\ninputs: [{name: x, shape: [1, 10, 10]}]\nlayers:\n"
        "  - {name: p, op: conv2d, filters: 10, kernel: 1, inputs: [x]}\n"
        "  - {name: q, op: conv2d, filters: 10, kernel: 1, inputs: [x]}\n"
        "  - {name: p2, op: conv2d, filters: 1, kernel: 1, inputs: [p]}\n"
        "  - {name: q2, op: conv2d, filters: 1, kernel: 1, inputs: [q]}\n"
        "  - {name: c, op: concat, inputs: [p2, q2]}\n", "<test>");
    const ReorderResult exact = optimizeExecutionOrder(network, PrecisionView{}, KernelPath::None);
    QVERIFY(exact.exact);
    QCOMPARE(exact.defaultPeakBytes, 2100LL);
    QCOMPARE(exact.peakBytes, 1200LL);
    QCOMPARE(exact.savingBytes, 900LL);
    QCOMPARE(network.layers()[exact.order[1]].name, std::string("p2"));
    const ReorderResult greedy = optimizeExecutionOrder(network, PrecisionView{}, KernelPath::None, 0);
    QVERIFY(!greedy.exact);
    QCOMPARE(greedy.peakBytes, 1200LL);
}

QTEST_APPLESS_MAIN(TestPatchInference)
#include "tst_patch_inference.moc"
