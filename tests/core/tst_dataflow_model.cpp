// The analytical dataflow model (core/accel/dataflow_model.h): hand-counted
// accesses on a tiny layer, and the qualitative result of Chen, Emer, Sze,
// ISCA 2016, Fig. 10 (dataflow comparison on the CONV layers of AlexNet,
// normalized energy/op): row stationary has the lowest total energy.
#include "core/accel/dataflow_model.h"
#include "hwlib/fpga_catalogue.h"

#include <QtTest>

using namespace mdse::core;
using mdse::hwlib::AcceleratorTemplate;

namespace {

AcceleratorTemplate tinyArray()
{
    AcceleratorTemplate t;
    t.id = "tiny";
    t.peRows = 3;
    t.peCols = 2;
    t.rfBytesPerPe = 52; // 26 words of 16 bits: RS scratchpads 22 / 1 / 2 words
    t.globalBufferBytes = 2000;
    t.dramBytesPerSecond = 1e9;
    t.clockHz = 1e8;
    t.psumBits = 16; // Eyeriss keeps 16-bit psums: every word costs the table's figure
    return t;
}

// AlexNet CONV1-5 with the shapes of ISCA 2016 Table II (C and M per group
// as the paper lists them: CONV2 C=48, CONV4/5 C=192).
std::vector<ConvProblem> alexNetConv()
{
    return {makeConvProblem("conv1", 3, 227, 227, 96, 11, 11, 4, 0),
            makeConvProblem("conv2", 48, 27, 27, 256, 5, 5, 1, 2),
            makeConvProblem("conv3", 256, 13, 13, 384, 3, 3, 1, 1),
            makeConvProblem("conv4", 192, 13, 13, 384, 3, 3, 1, 1),
            makeConvProblem("conv5", 192, 13, 13, 256, 3, 3, 1, 1)};
}

} // namespace

class TestDataflowModel : public QObject {
    Q_OBJECT
private slots:
    void tinyLayerAccesses_data();
    void tinyLayerAccesses();
    void alexNetRowStationaryIsLowest();
    void depthwiseScalesByGroups();
    void latencyIsMaxOfComputeAndMemory();
    void dramRefetchWhenNothingFits();
};

void TestDataflowModel::tinyLayerAccesses_data()
{
    QTest::addColumn<QString>("dataflow");
    QTest::addColumn<qlonglong>("batch");
    QTest::addColumn<QList<qlonglong>>("inputs");  // GLB, array, RF
    QTest::addColumn<QList<qlonglong>>("weights");
    QTest::addColumn<QList<qlonglong>>("psums");
    QTest::addColumn<double>("utilization");
    // Layer: C=2, M=2, 4x4 input, 3x3 filter, 2x2 output, stride 1; array 3x2.
    // MACs = 2*2*3*3*2*2 = 144, I = 32, Wt = 36, O = 8.
    // WS: K = 18 on 3 rows -> 6 K-folds, M = 2 on 2 cols -> 1 M-fold, all PEs busy.
    //  inputs streamed once (32), hop into every PE per MAC (144);
    //  weights loaded once (36/36), read per MAC from the PE register (144);
    //  psums pass down per MAC (144); GLB: 8 written by fold 1, 5 folds x 8 x (read+write) = 88.
    QTest::newRow("ws") << "ws" << 1LL << QList<qlonglong>{32, 144, 0} << QList<qlonglong>{36, 36, 144}
                        << QList<qlonglong>{88, 144, 0} << 1.0;
    // OS: 2x2 output tile on 3x2 PEs -> 4/6 busy. Inputs re-read per filter (2 x 32);
    //  weights broadcast once per tile (36) and delivered per MAC (144); psums RMW in RF (288), 8 written.
    QTest::newRow("os") << "os" << 1LL << QList<qlonglong>{64, 144, 0} << QList<qlonglong>{36, 144, 0}
                        << QList<qlonglong>{8, 0, 288} << 4.0 / 6.0;
    // NLR: C = 2 on rows, M = 2 on cols -> 4/6 busy. Every weight use from GLB (144);
    //  one input read feeds both filters (72); psums: 8 outputs x 9 taps x 1 C-fold,
    //  read+write minus the first read: 2*8*9 - 8 = 136 GLB, 144 through the adder tree.
    QTest::newRow("nlr") << "nlr" << 1LL << QList<qlonglong>{72, 144, 0} << QList<qlonglong>{144, 144, 0}
                         << QList<qlonglong>{136, 144, 0} << 4.0 / 6.0;
    // RS: PE set R=3 x E=2 fills the 3x2 array; RF 26 words -> q = 1 channel, p = 2 filters.
    //  weights: each filter row goes to the E=2 PEs of its row: 36 x 2 = 72 deliveries, one GLB read each (multicast);
    //  inputs: PE (r,e) gets input row e+r: 3x2 PEs x 4 words x 2 channels = 48 deliveries; p=2 covers M -> GLB 32;
    //  psums: RMW in RF (288); vertical sums 8 outputs x 3 rows x 2 channel blocks = 48; GLB 8 x (2*2-1) = 24.
    QTest::newRow("rs") << "rs" << 1LL << QList<qlonglong>{32, 48, 144} << QList<qlonglong>{36, 72, 144}
                        << QList<qlonglong>{24, 48, 288} << 1.0;
    // The same layer at batch N = 2 (the two images run back to back in each fold):
    // MACs = 288, I = 64, Wt = 36, O = 16.
    // WS: the weights stay in the PEs for both images (GLB 36, array 36, RF 288);
    //  inputs streamed once (64), per MAC (288); psums per MAC (288), GLB 16 + 5 x 16 x 2 = 176.
    QTest::newRow("ws n2") << "ws" << 2LL << QList<qlonglong>{64, 288, 0} << QList<qlonglong>{36, 36, 288}
                           << QList<qlonglong>{176, 288, 0} << 1.0;
    // OS: inputs re-read per filter (2 x 64); the weights are broadcast again for the
    //  second image (36 x 2 = 72), per MAC (288); psums RMW 576, 16 written.
    QTest::newRow("os n2") << "os" << 2LL << QList<qlonglong>{128, 288, 0} << QList<qlonglong>{72, 288, 0}
                           << QList<qlonglong>{16, 0, 576} << 4.0 / 6.0;
    // NLR: no reuse across images either: weights 288 from the GLB; inputs 288 / 2 filters = 144;
    //  psums 2 x 16 x 9 - 16 = 272, 288 through the adder tree.
    QTest::newRow("nlr n2") << "nlr" << 2LL << QList<qlonglong>{144, 288, 0} << QList<qlonglong>{288, 288, 0}
                            << QList<qlonglong>{272, 288, 0} << 4.0 / 6.0;
    // RS: the filter rows stay in the RFs for both images: 72 deliveries, 36 GLB reads, 288 RF;
    //  inputs: each image's rows again, 2 x 48 = 96 deliveries, GLB 64; psums 2 x (48 array, 24 GLB), RF 576.
    QTest::newRow("rs n2") << "rs" << 2LL << QList<qlonglong>{64, 96, 288} << QList<qlonglong>{36, 72, 288}
                           << QList<qlonglong>{48, 96, 576} << 1.0;
}

void TestDataflowModel::tinyLayerAccesses()
{
    QFETCH(QString, dataflow);
    QFETCH(qlonglong, batch);
    QFETCH(QList<qlonglong>, inputs);
    QFETCH(QList<qlonglong>, weights);
    QFETCH(QList<qlonglong>, psums);
    QFETCH(double, utilization);
    ConvProblem layer = makeConvProblem("tiny", 2, 4, 4, 2, 3, 3, 1);
    layer.batch = batch;
    QCOMPARE(layer.macs(), 144 * batch);
    const auto r = evaluateDataflowLayer(layer, tinyArray(), *parseDataflow(dataflow.toStdString()),
                                         mdse::hwlib::builtInEnergyCostTable(mdse::hwlib::kEyerissEnergyId));
    const auto check = [](const LevelAccesses& a, const QList<qlonglong>& expected) {
        QCOMPARE(a.globalBuffer, expected[0]);
        QCOMPARE(a.array, expected[1]);
        QCOMPARE(a.registerFile, expected[2]);
    };
    check(r.accesses.inputs, inputs);
    check(r.accesses.weights, weights);
    check(r.accesses.psums, psums);
    QCOMPARE(r.mapping.utilization, utilization);
    // Everything fits in the 1000-word buffer: DRAM moves each datum once
    // (inputs and outputs per image, weights once for the batch).
    QCOMPARE(r.accesses.inputs.dram, 32 * batch);
    QCOMPARE(r.accesses.weights.dram, 36);
    QCOMPARE(r.accesses.psums.dram, 8 * batch);
    // Normalized energy (Eyeriss, 16-bit words): MAC + 1 x RF + 2 x array + 6 x GLB + 200 x DRAM.
    const LevelAccesses t = r.accesses.total();
    const double expected = 144.0 * batch + t.registerFile + 2.0 * t.array + 6.0 * t.globalBuffer
        + 200.0 * (40 * batch + 36);
    QCOMPARE(r.energy.total(), expected);
}

void TestDataflowModel::alexNetRowStationaryIsLowest()
{
    const auto accel = mdse::hwlib::builtInAcceleratorTemplate("eyeriss-like");
    for (const char* table : {"eyeriss-65nm-normalized", "horowitz-45nm"}) {
        const auto costs = mdse::hwlib::builtInEnergyCostTable(table);
        const double rs = evaluateDataflow(alexNetConv(), accel, Dataflow::RowStationary, costs).totals.energy.total();
        for (Dataflow other : {Dataflow::WeightStationary, Dataflow::OutputStationary, Dataflow::NoLocalReuse}) {
            const double e = evaluateDataflow(alexNetConv(), accel, other, costs).totals.energy.total();
            QVERIFY2(rs < e, qPrintable(QStringLiteral("%1: rs %2 vs %3 %4").arg(QString::fromLatin1(table))
                                            .arg(rs).arg(QString::fromLatin1(dataflowId(other).data())).arg(e)));
        }
        // ISCA 2016 Fig. 10 also shows NLR as the most expensive on-chip (all data from the GLB).
        const double nlr = evaluateDataflow(alexNetConv(), accel, Dataflow::NoLocalReuse, costs).totals.energy.total();
        const double ws = evaluateDataflow(alexNetConv(), accel, Dataflow::WeightStationary, costs).totals.energy.total();
        QVERIFY(nlr > ws);
    }
}

void TestDataflowModel::depthwiseScalesByGroups()
{
    // A depthwise layer of 8 channels = 8 independent C = M = 1 problems.
    ConvProblem dw = makeConvProblem("dw", 1, 8, 8, 1, 3, 3, 1, 1);
    dw.groups = 8;
    ConvProblem one = dw;
    one.groups = 1;
    const auto costs = mdse::hwlib::builtInEnergyCostTable(mdse::hwlib::kEyerissEnergyId);
    const auto a = evaluateDataflowLayer(dw, tinyArray(), Dataflow::RowStationary, costs);
    const auto b = evaluateDataflowLayer(one, tinyArray(), Dataflow::RowStationary, costs);
    QCOMPARE(a.macs, 8 * 64 * 9); // 8 channels x 8x8 outputs x 9 taps
    QCOMPARE(a.accesses.inputs.registerFile, 8 * b.accesses.inputs.registerFile);
    QCOMPARE(a.energy.total(), 8 * b.energy.total());
}

void TestDataflowModel::latencyIsMaxOfComputeAndMemory()
{
    // WS on the tiny layer: 144 MACs on 6 PEs at utilization 1 -> 24 compute cycles.
    // DRAM bytes (16-bit words): (32 + 36 + 8) x 2 = 152 B at 1e9/1e8 = 10 B/cycle -> 16 cycles.
    const auto costs = mdse::hwlib::builtInEnergyCostTable(mdse::hwlib::kEyerissEnergyId);
    auto accel = tinyArray();
    auto r = evaluateDataflowLayer(makeConvProblem("t", 2, 4, 4, 2, 3, 3, 1), accel, Dataflow::WeightStationary, costs);
    QCOMPARE(r.computeCycles, 24);
    QCOMPARE(r.memoryCycles, 16);
    QCOMPARE(r.cycles, 24);
    accel.dramBytesPerSecond = 2e8; // 2 B/cycle -> 76 cycles: memory bound
    r = evaluateDataflowLayer(makeConvProblem("t", 2, 4, 4, 2, 3, 3, 1), accel, Dataflow::WeightStationary, costs);
    QCOMPARE(r.cycles, 76);
}

void TestDataflowModel::dramRefetchWhenNothingFits()
{
    // Tiny layer I = 32, Wt = 36, O = 8 words of 16 bits.
    const auto costs = mdse::hwlib::builtInEnergyCostTable(mdse::hwlib::kEyerissEnergyId);
    const ConvProblem layer = makeConvProblem("t", 2, 4, 4, 2, 3, 3, 1);
    auto accel = tinyArray();
    accel.globalBufferBytes = 80; // 40 words, half = 20: neither I nor Wt fits
    // WS keeps weight tiles of 20 words: inputs re-read ceil(36/20) = 2 times -> 64.
    QCOMPARE(evaluateDataflowLayer(layer, accel, Dataflow::WeightStationary, costs).accesses.inputs.dram, 64);
    // OS keeps output tiles: weights re-read ceil(8/20) = 1 time -> 36.
    QCOMPARE(evaluateDataflowLayer(layer, accel, Dataflow::OutputStationary, costs).accesses.weights.dram, 36);
    accel.globalBufferBytes = 140; // 70 words, half = 35 >= I = 32: inputs stay resident
    QCOMPARE(evaluateDataflowLayer(layer, accel, Dataflow::WeightStationary, costs).accesses.inputs.dram, 32);
}

QTEST_APPLESS_MAIN(TestDataflowModel)
#include "tst_dataflow_model.moc"
