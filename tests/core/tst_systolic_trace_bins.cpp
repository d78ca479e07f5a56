// binSystolicTrace: the per-cycle SRAM trace of the systolic array summed
// into at most N bins, against hand-computed tiny cases and the report.
#include "core/accel/conv_problem.h"
#include "core/accel/systolic_network.h"
#include "core/accel/systolic_simulator.h"

#include <QtTest>

#include <vector>

using namespace mdse::core;

namespace {

SystolicConfig tinyArray(SystolicDataflow dataflow)
{
    SystolicConfig config;
    config.rows = config.cols = 2;
    config.dataflow = dataflow;
    return config;
}

// A 1x1 convolution on a 1x2 map, 3 channels, 2 filters: GEMM M = 2 (output
// pixels), K = 3 (channels), N = 2 (filters).
const SystolicLayer kTiny{"tiny", 1, 2, 1, 1, 3, 2, 1};

using Row = std::vector<qlonglong>; // firstCycle, cycles, ifmap, filter, ofmap

std::vector<Row> rowsOf(const std::vector<SystolicTraceBin>& bins)
{
    std::vector<Row> rows;
    for (const SystolicTraceBin& b : bins)
        rows.push_back({b.firstCycle, b.cycles, b.ifmapReads, b.filterReads, b.ofmapWrites});
    return rows;
}

SystolicDataflow dataflowNamed(const QString& name)
{
    if (name == QStringLiteral("os")) return SystolicDataflow::OutputStationary;
    if (name == QStringLiteral("ws")) return SystolicDataflow::WeightStationary;
    return SystolicDataflow::InputStationary;
}

} // namespace

class TestSystolicTraceBins : public QObject {
    Q_OBJECT
private slots:
    void tinyOutputStationaryByHand();
    void tinyWeightStationaryByHand();
    void binsMatchTheReport_data();
    void binsMatchTheReport();
    void enoughBinsGiveThePerCycleTrace();
    void groupsRepeatTheTrace();
    void degenerateBinCounts();
};

void TestSystolicTraceBins::tinyOutputStationaryByHand()
{
    // OS on 2x2: Sr = M = 2, Sc = N = 2, T = K = 3: one fold of
    // T + R + C - 2 = 3 + 2 + 2 - 2 = 5 cycles (report: 5 - 1 = 4).
    // ifmap lane j reads at t in [j, j+3): t0..t4 = 1, 2, 2, 1, 0 (sum 6 = M*K)
    // filter lane j, the same:               1, 2, 2, 1, 0 (sum 6 = K*N)
    // ofmap lane j writes at t in [2+j, 4+j) (offset T-1+R-r = 2, r = 2 results):
    //                                          0, 0, 1, 2, 1 (sum 4 = M*N)
    const SystolicConfig config = tinyArray(SystolicDataflow::OutputStationary);
    QCOMPARE(systolicTraceCycles(kTiny, config), 5);
    QCOMPARE(simulateSystolicLayer(kTiny, config).totalCycles, 4);
    const std::vector<Row> perCycle{{0, 1, 1, 1, 0}, {1, 1, 2, 2, 0}, {2, 1, 2, 2, 1}, {3, 1, 1, 1, 2},
                                    {4, 1, 0, 0, 1}};
    QCOMPARE(rowsOf(binSystolicTrace(kTiny, config, 5)), perCycle);
    // Two bins of ceil(5 / 2) = 3 cycles, the last one 2 cycles:
    // cycles 0-2: ifmap 1+2+2 = 5, filter 5, ofmap 0+0+1 = 1; cycles 3-4: 1, 1, 3.
    const std::vector<Row> two{{0, 3, 5, 5, 1}, {3, 2, 1, 1, 3}};
    QCOMPARE(rowsOf(binSystolicTrace(kTiny, config, 2)), two);
}

void TestSystolicTraceBins::tinyWeightStationaryByHand()
{
    // WS on 2x2: Sr = K = 3, Sc = N = 2, T = M = 2: rowFolds 2 (r = 2, then 1),
    // fold length T + 2R + C - 2 = 6, 12 cycles (report: 11).
    // Fold 0 (r = 2, c = 2): filter preload t in [R-r, R) = [0, 2), c words:
    //   2,2,0,0,0,0; ifmap lane j at [R+j, R+j+T) = [2+j, 4+j): 0,0,1,2,1,0;
    //   ofmap lane j at [2R-1+j, 2R-1+j+T) = [3+j, 5+j): 0,0,0,1,2,1.
    // Fold 1 (r = 1, c = 2): filter preload t in [1, 2): 0,2,0,0,0,0;
    //   ifmap lane 0 at [2, 4): 0,0,1,1,0,0; ofmap as in fold 0: 0,0,0,1,2,1.
    // Three bins of 4 cycles:
    //   cycles 0-3  (fold 0 t0-t3):        ifmap 0+0+1+2 = 3, filter 2+2 = 4, ofmap 1
    //   cycles 4-7  (fold 0 t4-5, 1 t0-1): ifmap 1,            filter 2,       ofmap 2+1 = 3
    //   cycles 8-11 (fold 1 t2-t5):        ifmap 1+1 = 2,      filter 0,       ofmap 1+2+1 = 4
    // Sums: ifmap 6 = colFolds*M*K, filter 6 = K*N, ofmap 8 = rowFolds*M*N.
    const SystolicConfig config = tinyArray(SystolicDataflow::WeightStationary);
    QCOMPARE(simulateSystolicLayer(kTiny, config).totalCycles, 11);
    const std::vector<Row> three{{0, 4, 3, 4, 1}, {4, 4, 1, 2, 3}, {8, 4, 2, 0, 4}};
    QCOMPARE(rowsOf(binSystolicTrace(kTiny, config, 3)), three);
}

void TestSystolicTraceBins::binsMatchTheReport_data()
{
    QTest::addColumn<QString>("dataflow");
    QTest::addColumn<qlonglong>("maxBins");
    for (const char* df : {"os", "ws", "is"})
        for (qlonglong bins : {1LL, 7LL, 500LL, 1000000000LL})
            QTest::addRow("%s %lld bins", df, bins) << QString::fromLatin1(df) << bins;
}

void TestSystolicTraceBins::binsMatchTheReport()
{
    QFETCH(QString, dataflow);
    QFETCH(qlonglong, maxBins);
    SystolicConfig config;
    config.rows = config.cols = 8;
    config.dataflow = dataflowNamed(dataflow);
    const SystolicLayer layer{"conv_b", 9, 9, 3, 3, 8, 20, 2}; // M 16, K 72, N 20
    const SystolicLayerReport report = simulateSystolicLayer(layer, config);
    QCOMPARE(report.stallCycles, 0); // 64 kB SRAMs: nothing overflows
    const std::vector<SystolicTraceBin> bins = binSystolicTrace(layer, config, maxBins);
    QVERIFY(!bins.empty());
    QVERIFY(qlonglong(bins.size()) <= maxBins);
    std::int64_t next = 0, ifmap = 0, filter = 0, ofmap = 0;
    for (const SystolicTraceBin& bin : bins) {
        QCOMPARE(bin.firstCycle, next); // contiguous, no gaps
        QVERIFY(bin.cycles > 0 && bin.cycles <= bins.front().cycles);
        next += bin.cycles;
        ifmap += bin.ifmapReads;
        filter += bin.filterReads;
        ofmap += bin.ofmapWrites;
    }
    QCOMPARE(next, report.totalCycles + 1); // the report counts from cycle 0
    QCOMPARE(ifmap, report.sramIfmapReads);
    QCOMPARE(filter, report.sramFilterReads);
    // OS: SCALE-Sim's write count adds R + C = 16 per fold; the trace has the real words.
    const std::int64_t padding = config.dataflow == SystolicDataflow::OutputStationary
                                     ? report.rowFolds * report.colFolds * 16 : 0;
    QCOMPARE(ofmap, report.sramOfmapWrites - padding);
}

void TestSystolicTraceBins::enoughBinsGiveThePerCycleTrace()
{
    SystolicConfig config;
    config.rows = 4;
    config.cols = 3;
    config.dataflow = SystolicDataflow::InputStationary;
    const SystolicLayer layer{"conv_a", 10, 10, 3, 3, 4, 12, 1};
    std::vector<Row> perCycle;
    traceSystolicLayer(layer, config, [&](const SystolicCycle& c) {
        perCycle.push_back({c.cycle, 1, c.ifmapReads, c.filterReads, c.ofmapWrites});
    });
    QCOMPARE(qlonglong(perCycle.size()), qlonglong(systolicTraceCycles(layer, config)));
    QCOMPARE(rowsOf(binSystolicTrace(layer, config, qlonglong(perCycle.size()))), perCycle);
    QCOMPARE(rowsOf(binSystolicTrace(layer, config, qlonglong(perCycle.size()) + 100)), perCycle);
}

void TestSystolicTraceBins::groupsRepeatTheTrace()
{
    // A depthwise 3x3 layer, 4 channels on 6x6 (padding 1): per group M = 36,
    // K = 9, N = 1. simulateSystolicProblem multiplies one group's counts by 4.
    ConvProblem dw = makeConvProblem("dw", 1, 6, 6, 1, 3, 3, 1, 1);
    dw.groups = 4;
    SystolicConfig config;
    config.rows = config.cols = 4;
    const SystolicLayerReport report = simulateSystolicProblem(dw, config);
    const SystolicWork work = systolicWorkOf(dw);
    // OS: rowFolds ceil(36/4) = 9, one column fold, fold length 9+4+4-2 = 15:
    // 135 cycles per group, 540 for the four.
    QCOMPARE(systolicTraceCycles(work.layer, config), 135);
    const std::vector<SystolicTraceBin> bins = binSystolicTrace(work.layer, config, 4, work.groups);
    QCOMPARE(bins.size(), std::size_t(4)); // one bin of 135 cycles per group
    for (const SystolicTraceBin& bin : bins) {
        QCOMPARE(bin.cycles, 135);
        QCOMPARE(bin.ifmapReads, 36 * 9);   // M*K of one group
        QCOMPARE(bin.filterReads, 9 * 9);   // rowFolds*K*N
        QCOMPARE(bin.ofmapWrites, 36);      // M*N
    }
    QCOMPARE(report.totalCycles, 4 * (135 - 1));
    QCOMPARE(report.sramIfmapReads, 4 * 36 * 9);
}

void TestSystolicTraceBins::degenerateBinCounts()
{
    const SystolicConfig config = tinyArray(SystolicDataflow::OutputStationary);
    // Below 1 counts as 1: everything in one bin (5 cycles, sums 6, 6, 4).
    const std::vector<Row> one{{0, 5, 6, 6, 4}};
    QCOMPARE(rowsOf(binSystolicTrace(kTiny, config, 0)), one);
    QCOMPARE(rowsOf(binSystolicTrace(kTiny, config, -3, 0)), one);
}

QTEST_APPLESS_MAIN(TestSystolicTraceBins)
#include "tst_systolic_trace_bins.moc"
