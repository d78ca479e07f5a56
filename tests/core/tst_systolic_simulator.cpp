// The systolic simulator against SCALE-Sim v2 (commit 22f88b1 of
// github.com/scalesim-project/scale-sim-v2), run locally with Debian's
// python3 + numpy + tqdm:
//   cd scale-sim-v2 && PYTHONPATH=. python3 scalesim/scale.py -c <cfg> -t <csv> -p runs
// Configs: configs/scale.cfg (64 kB SRAMs, CALC bandwidth) with Dataflow
// os/ws/is, and ArrayHeight/ArrayWidth 8 ("8x8") or 32 ("32x32").
// Topologies (SCALE-Sim's CSV columns):
//   tiny.csv: conv_a 10,10,3,3,4,12,1; conv_b 9,9,3,3,8,20,2; fc_c 1,1,1,1,70,10,1
//   mid.csv:  pw 14,14,1,1,128,128,1;  c3 16,16,3,3,32,64,1
// Expected values are SCALE-Sim's COMPUTE_REPORT.csv and
// DETAILED_ACCESS_REPORT.csv of those runs.
#include "core/accel/systolic_simulator.h"
#include "core/io/scalesim_files.h"
#include "core/util/error.h"

#include <QtTest>

using namespace mdse::core;

Q_DECLARE_METATYPE(QList<qlonglong>)

class TestSystolicSimulator : public QObject {
    Q_OBJECT
private slots:
    void matchesScaleSim_data();
    void matchesScaleSim();
    void traceAddsUpToTheReport_data();
    void traceAddsUpToTheReport();
    void overflowingBuffersMatchScaleSim_data();
    void overflowingBuffersMatchScaleSim();
    void userBandwidthMatchesScaleSim_data();
    void userBandwidthMatchesScaleSim();
    void ceilOutputAndOverflowQuirks();
    void overflowingIfmapIsReadPerColumnFold();
    void batchStacksImagesInTheGemmView();
    void absurdLayerIsRefusedByName();
    void progressAndCancel();
    void readsScaleSimFiles();
    void badFilesNameTheLine_data();
    void badFilesNameTheLine();
};

namespace {

SystolicLayer layerNamed(const QString& name)
{
    if (name == QStringLiteral("conv_a")) return {"conv_a", 10, 10, 3, 3, 4, 12, 1};
    if (name == QStringLiteral("conv_b")) return {"conv_b", 9, 9, 3, 3, 8, 20, 2};
    if (name == QStringLiteral("fc_c")) return {"fc_c", 1, 1, 1, 1, 70, 10, 1};
    if (name == QStringLiteral("pw")) return {"pw", 14, 14, 1, 1, 128, 128, 1};
    return {"c3", 16, 16, 3, 3, 32, 64, 1};
}

SystolicDataflow dataflowNamed(const QString& df)
{
    if (df == QStringLiteral("os")) return SystolicDataflow::OutputStationary;
    if (df == QStringLiteral("ws")) return SystolicDataflow::WeightStationary;
    return SystolicDataflow::InputStationary;
}

} // namespace

void TestSystolicSimulator::matchesScaleSim_data()
{
    QTest::addColumn<QString>("layer");
    QTest::addColumn<QString>("dataflow");
    QTest::addColumn<qlonglong>("array");
    QTest::addColumn<qlonglong>("totalCycles");
    QTest::addColumn<double>("overallUtil");
    QTest::addColumn<double>("mappingEff");
    QTest::addColumn<double>("computeUtil");
    // SRAM ifmap, filter, ofmap; DRAM ifmap, filter, ofmap
    QTest::addColumn<QList<qlonglong>>("accesses");
    using L = QList<qlonglong>;
    QTest::newRow("8x8 os conv_a") << "conv_a" << "os" << 8LL << 799LL << 54.06758448060075 << 75.0 << 54.0
                                   << L{4608, 3456, 1024, 400, 432, 768};
    QTest::newRow("8x8 os conv_b") << "conv_b" << "os" << 8LL << 515LL << 69.90291262135922 << 83.33333333333334
                                   << 69.76744186046511 << L{3456, 2880, 416, 648, 1440, 320};
    QTest::newRow("8x8 os fc_c") << "fc_c" << "os" << 8LL << 167LL << 6.549401197604791 << 7.8125
                                 << 6.510416666666667 << L{140, 700, 42, 70, 700, 10};
    QTest::newRow("8x8 ws conv_a") << "conv_a" << "ws" << 8LL << 859LL << 50.29103608847497 << 67.5
                                   << 46.45161290322581 << L{4608, 432, 3840, 400, 432, 3840};
    QTest::newRow("8x8 ws conv_b") << "conv_b" << "ws" << 8LL << 1025LL << 35.1219512195122 << 83.33333333333334
                                   << 29.629629629629626 << L{3456, 1440, 2880, 648, 1440, 2880};
    QTest::newRow("8x8 ws fc_c") << "fc_c" << "ws" << 8LL << 413LL << 2.6483050847457625 << 60.763888888888886
                                 << 2.025462962962964 << L{140, 700, 90, 70, 700, 90};
    QTest::newRow("8x8 is conv_a") << "conv_a" << "is" << 8LL << 1359LL << 31.788079470198674 << 90.0
                                   << 26.34146341463416 << L{2304, 3456, 3840, 400, 432, 3840};
    QTest::newRow("8x8 is conv_b") << "conv_b" << "is" << 8LL << 755LL << 47.682119205298015 << 100.0
                                   << 40.81632653061223 << L{1152, 2880, 2880, 648, 1440, 2880};
    QTest::newRow("8x8 is fc_c") << "fc_c" << "is" << 8LL << 287LL << 3.8109756097560976 << 12.152777777777777
                                 << 3.1160968660968664 << L{70, 700, 90, 70, 700, 90};
    QTest::newRow("32x32 os pw") << "pw" << "os" << 32LL << 5319LL << 58.95845083662343 << 87.5
                                 << 58.94736842105265 << L{100352, 114688, 26880, 25088, 16384, 25088};
    QTest::newRow("32x32 os c3") << "c3" << "os" << 32LL << 4899LL << 72.01469687691366 << 87.5
                                 << 71.99999999999999 << L{112896, 129024, 13440, 8192, 18432, 12544};
    QTest::newRow("32x32 ws pw") << "pw" << "ws" << 32LL << 4639LL << 67.60077602931666 << 100.0
                                 << 61.05919003115263 << L{100352, 16384, 100352, 25088, 16384, 100383};
    QTest::newRow("32x32 ws c3") << "c3" << "ws" << 32LL << 5219LL << 67.5991569266143 << 100.0
                                 << 61.05919003115263 << L{112896, 18432, 112896, 8192, 18432, 112927};
    QTest::newRow("32x32 is pw") << "pw" << "is" << 32LL << 6215LL << 50.458567980691875 << 87.5
                                 << 44.26877470355732 << L{25088, 114688, 100352, 25088, 16384, 100383};
    QTest::newRow("32x32 is c3") << "c3" << "is" << 32LL << 9953LL << 35.44659901537225 << 87.5
                                 << 29.629629629629612 << L{56448, 129024, 112896, 8192, 18432, 112927};
}

void TestSystolicSimulator::matchesScaleSim()
{
    QFETCH(QString, layer);
    QFETCH(QString, dataflow);
    QFETCH(qlonglong, array);
    QFETCH(qlonglong, totalCycles);
    QFETCH(double, overallUtil);
    QFETCH(double, mappingEff);
    QFETCH(double, computeUtil);
    QFETCH(QList<qlonglong>, accesses);
    SystolicConfig config;
    config.rows = config.cols = array;
    config.dataflow = dataflowNamed(dataflow);
    const SystolicLayerReport r = simulateSystolicLayer(layerNamed(layer), config);
    QCOMPARE(r.totalCycles, totalCycles);
    QCOMPARE(r.stallCycles, 0); // CALC mode: SCALE-Sim reports no stalls
    constexpr double kPercentTolerance = 1e-9; // SCALE-Sim prints full double precision
    QVERIFY(std::abs(r.overallUtilizationPercent - overallUtil) < kPercentTolerance);
    QVERIFY(std::abs(r.mappingEfficiencyPercent - mappingEff) < kPercentTolerance);
    QVERIFY(std::abs(r.computeUtilizationPercent - computeUtil) < kPercentTolerance);
    QCOMPARE(r.sramIfmapReads, accesses[0]);
    QCOMPARE(r.sramFilterReads, accesses[1]);
    QCOMPARE(r.sramOfmapWrites, accesses[2]);
    QCOMPARE(r.dramIfmapReads, accesses[3]);
    QCOMPARE(r.dramFilterReads, accesses[4]);
    QCOMPARE(r.dramOfmapWrites, accesses[5]);
}

void TestSystolicSimulator::traceAddsUpToTheReport_data()
{
    QTest::addColumn<QString>("dataflow");
    QTest::newRow("os") << "os";
    QTest::newRow("ws") << "ws";
    QTest::newRow("is") << "is";
}

void TestSystolicSimulator::traceAddsUpToTheReport()
{
    QFETCH(QString, dataflow);
    SystolicConfig config;
    config.rows = config.cols = 8;
    config.dataflow = dataflowNamed(dataflow);
    const SystolicLayer layer = layerNamed(QStringLiteral("conv_b"));
    const SystolicLayerReport r = simulateSystolicLayer(layer, config);
    std::int64_t cycles = 0, ifmap = 0, filter = 0, ofmap = 0, peakIfmap = 0;
    traceSystolicLayer(layer, config, [&](const SystolicCycle& c) {
        ++cycles;
        ifmap += c.ifmapReads;
        filter += c.filterReads;
        ofmap += c.ofmapWrites;
        peakIfmap = std::max(peakIfmap, c.ifmapReads);
        QVERIFY(c.ifmapReads <= 8 && c.filterReads <= 8 && c.ofmapWrites <= 8); // one port per row/column
    });
    QCOMPARE(cycles, r.totalCycles + 1); // the report counts from cycle 0
    QCOMPARE(ifmap, r.sramIfmapReads);
    QCOMPARE(filter, r.sramFilterReads);
    // OS: SCALE-Sim adds R + C per fold to its write count; the trace has the real words.
    const std::int64_t folds = r.rowFolds * r.colFolds;
    QCOMPARE(ofmap, config.dataflow == SystolicDataflow::OutputStationary ? r.sramOfmapWrites - folds * 16
                                                                           : r.sramOfmapWrites);
    QVERIFY(peakIfmap > 0);
}

void TestSystolicSimulator::overflowingBuffersMatchScaleSim_data()
{
    // SCALE-Sim 2.0 (CALC mode) on tiny.csv + mid.csv with SRAMs small enough
    // that operands overflow: 8x8 with 1 kB ifmap/filter/ofmap SRAMs, and
    // 32x32 with 4 kB ifmap, 2 kB filter, 3 kB ofmap; dataflows os/ws/is.
    // Expected: COMPUTE_REPORT total cycles (stalls 0) and
    // DETAILED_ACCESS_REPORT DRAM IFMAP reads, filter reads, OFMAP writes.
    QTest::addColumn<QString>("layer");
    QTest::addColumn<QString>("dataflow");
    QTest::addColumn<qlonglong>("array");
    QTest::addColumn<qlonglong>("totalCycles");
    QTest::addColumn<QList<qlonglong>>("dram");
    using L = QList<qlonglong>;
    QTest::newRow("8x8 1/1/1 kB os conv_a") << "conv_a" << "os" << 8LL << 799LL
        << L{400, 432, 775};
    QTest::newRow("8x8 1/1/1 kB os conv_b") << "conv_b" << "os" << 8LL << 515LL
        << L{2283, 2788, 320};
    QTest::newRow("8x8 1/1/1 kB os fc_c") << "fc_c" << "os" << 8LL << 167LL
        << L{70, 700, 10};
    QTest::newRow("8x8 1/1/1 kB os pw") << "pw" << "os" << 8LL << 56799LL
        << L{401408, 409600, 25095};
    QTest::newRow("8x8 1/1/1 kB os c3") << "c3" << "os" << 8LL << 60399LL
        << L{291878, 460800, 12551};
    QTest::newRow("8x8 1/1/1 kB ws conv_a") << "conv_a" << "ws" << 8LL << 859LL
        << L{400, 432, 3847};
    QTest::newRow("8x8 1/1/1 kB ws conv_b") << "conv_b" << "ws" << 8LL << 1025LL
        << L{2664, 1440, 2887};
    QTest::newRow("8x8 1/1/1 kB ws fc_c") << "fc_c" << "ws" << 8LL << 413LL
        << L{70, 700, 90};
    QTest::newRow("8x8 1/1/1 kB ws pw") << "pw" << "ws" << 8LL << 55807LL
        << L{401408, 16384, 401415};
    QTest::newRow("8x8 1/1/1 kB ws c3") << "c3" << "ws" << 8LL << 62783LL
        << L{451584, 18432, 451591};
    QTest::newRow("8x8 1/1/1 kB is conv_a") << "conv_a" << "is" << 8LL << 1359LL
        << L{400, 432, 3847};
    QTest::newRow("8x8 1/1/1 kB is conv_b") << "conv_b" << "is" << 8LL << 755LL
        << L{768, 2880, 2887};
    QTest::newRow("8x8 1/1/1 kB is fc_c") << "fc_c" << "is" << 8LL << 287LL
        << L{70, 700, 90};
    QTest::newRow("8x8 1/1/1 kB is pw") << "pw" << "is" << 8LL << 59999LL
        << L{25088, 409600, 401415};
    QTest::newRow("8x8 1/1/1 kB is c3") << "c3" << "is" << 8LL << 77399LL
        << L{36380, 460800, 451591};
    QTest::newRow("32x32 4/2/3 kB os conv_a") << "conv_a" << "os" << 32LL << 195LL
        << L{400, 432, 768};
    QTest::newRow("32x32 4/2/3 kB os conv_b") << "conv_b" << "os" << 32LL << 133LL
        << L{648, 1440, 320};
    QTest::newRow("32x32 4/2/3 kB os fc_c") << "fc_c" << "os" << 32LL << 131LL
        << L{70, 700, 10};
    QTest::newRow("32x32 4/2/3 kB os pw") << "pw" << "os" << 32LL << 5319LL
        << L{100352, 114688, 25119};
    QTest::newRow("32x32 4/2/3 kB os c3") << "c3" << "os" << 32LL << 4899LL
        << L{27251, 129024, 12575};
    QTest::newRow("32x32 4/2/3 kB ws conv_a") << "conv_a" << "ws" << 32LL << 315LL
        << L{400, 432, 1536};
    QTest::newRow("32x32 4/2/3 kB ws conv_b") << "conv_b" << "ws" << 32LL << 329LL
        << L{648, 1440, 960};
    QTest::newRow("32x32 4/2/3 kB ws fc_c") << "fc_c" << "ws" << 32LL << 284LL
        << L{70, 700, 30};
    QTest::newRow("32x32 4/2/3 kB ws pw") << "pw" << "ws" << 32LL << 4639LL
        << L{100352, 16384, 100383};
    QTest::newRow("32x32 4/2/3 kB ws c3") << "c3" << "ws" << 32LL << 5219LL
        << L{112896, 18432, 112927};
    QTest::newRow("32x32 4/2/3 kB is conv_a") << "conv_a" << "is" << 32LL << 423LL
        << L{400, 432, 1536};
    QTest::newRow("32x32 4/2/3 kB is conv_b") << "conv_b" << "is" << 32LL << 341LL
        << L{648, 1440, 960};
    QTest::newRow("32x32 4/2/3 kB is fc_c") << "fc_c" << "is" << 32LL << 311LL
        << L{70, 700, 30};
    QTest::newRow("32x32 4/2/3 kB is pw") << "pw" << "is" << 32LL << 6215LL
        << L{25088, 114688, 100383};
    QTest::newRow("32x32 4/2/3 kB is c3") << "c3" << "is" << 32LL << 9953LL
        << L{13305, 129024, 112927};
}

void TestSystolicSimulator::overflowingBuffersMatchScaleSim()
{
    QFETCH(QString, layer);
    QFETCH(QString, dataflow);
    QFETCH(qlonglong, array);
    QFETCH(qlonglong, totalCycles);
    QFETCH(QList<qlonglong>, dram);
    SystolicConfig config;
    config.rows = config.cols = array;
    config.dataflow = dataflowNamed(dataflow);
    if (array == 8) {
        config.ifmapSramKb = config.filterSramKb = config.ofmapSramKb = 1;
    } else {
        config.ifmapSramKb = 4;
        config.filterSramKb = 2;
        config.ofmapSramKb = 3;
    }
    const SystolicLayerReport r = simulateSystolicLayer(layerNamed(layer), config);
    QCOMPARE(r.totalCycles, totalCycles);
    QCOMPARE(r.stallCycles, 0);
    QCOMPARE(r.dramIfmapReads, dram[0]);
    QCOMPARE(r.dramFilterReads, dram[1]);
    QCOMPARE(r.dramOfmapWrites, dram[2]);
}

void TestSystolicSimulator::userBandwidthMatchesScaleSim_data()
{
    // SCALE-Sim 2.0 with InterfaceBandwidth: USER (its prefetching read
    // buffers, stalls when a fetch is late): tiny.csv on 8x8 with 64 kB SRAMs
    // at 1 and 4 words/cycle; tiny.csv + mid.csv on 8x8 with 1 kB SRAMs at 4
    // words/cycle and on 32x32 with 4/2/3 kB at 10 words/cycle. Expected:
    // COMPUTE_REPORT total and stall cycles, DETAILED_ACCESS_REPORT DRAM IFMAP
    // reads, filter reads, OFMAP writes. (DRAM reads count whole fetch rows,
    // padding included, as SCALE-Sim does.)
    QTest::addColumn<QString>("layer");
    QTest::addColumn<QString>("dataflow");
    QTest::addColumn<qlonglong>("array");
    QTest::addColumn<QList<qlonglong>>("memory"); // ifmap, filter, ofmap kB; words/cycle
    QTest::addColumn<QList<qlonglong>>("expected"); // total, stalls, DRAM ifmap, filter, ofmap
    using L = QList<qlonglong>;
    QTest::newRow("8x8 64/64/64 kB 1 w/c os conv_a") << "conv_a" << "os" << 8LL << L{64, 64, 64, 1}
        << L{799, 0, 2304, 576, 768};
    QTest::newRow("8x8 64/64/64 kB 1 w/c os conv_b") << "conv_b" << "os" << 8LL << L{64, 64, 64, 1}
        << L{515, 0, 1152, 1728, 320};
    QTest::newRow("8x8 64/64/64 kB 1 w/c os fc_c") << "fc_c" << "os" << 8LL << L{64, 64, 64, 1}
        << L{167, 0, 560, 1120, 10};
    QTest::newRow("8x8 64/64/64 kB 1 w/c ws conv_a") << "conv_a" << "ws" << 8LL << L{64, 64, 64, 1}
        << L{859, 0, 2560, 576, 3840};
    QTest::newRow("8x8 64/64/64 kB 1 w/c ws conv_b") << "conv_b" << "ws" << 8LL << L{64, 64, 64, 1}
        << L{1025, 0, 1152, 1728, 2880};
    QTest::newRow("8x8 64/64/64 kB 1 w/c ws fc_c") << "fc_c" << "ws" << 8LL << L{64, 64, 64, 1}
        << L{413, 0, 72, 1120, 90};
    QTest::newRow("8x8 64/64/64 kB 1 w/c is conv_a") << "conv_a" << "is" << 8LL << L{64, 64, 64, 1}
        << L{1359, 0, 2304, 480, 3840};
    QTest::newRow("8x8 64/64/64 kB 1 w/c is conv_b") << "conv_b" << "is" << 8LL << L{64, 64, 64, 1}
        << L{755, 0, 1152, 1440, 2880};
    QTest::newRow("8x8 64/64/64 kB 1 w/c is fc_c") << "fc_c" << "is" << 8LL << L{64, 64, 64, 1}
        << L{287, 0, 560, 720, 90};
    QTest::newRow("8x8 64/64/64 kB 4 w/c os conv_a") << "conv_a" << "os" << 8LL << L{64, 64, 64, 4}
        << L{799, 0, 2304, 576, 768};
    QTest::newRow("8x8 64/64/64 kB 4 w/c os conv_b") << "conv_b" << "os" << 8LL << L{64, 64, 64, 4}
        << L{515, 0, 1152, 1728, 320};
    QTest::newRow("8x8 64/64/64 kB 4 w/c os fc_c") << "fc_c" << "os" << 8LL << L{64, 64, 64, 4}
        << L{167, 0, 560, 1120, 10};
    QTest::newRow("8x8 64/64/64 kB 4 w/c ws conv_a") << "conv_a" << "ws" << 8LL << L{64, 64, 64, 4}
        << L{859, 0, 2560, 576, 3840};
    QTest::newRow("8x8 64/64/64 kB 4 w/c ws conv_b") << "conv_b" << "ws" << 8LL << L{64, 64, 64, 4}
        << L{1025, 0, 1152, 1728, 2880};
    QTest::newRow("8x8 64/64/64 kB 4 w/c ws fc_c") << "fc_c" << "ws" << 8LL << L{64, 64, 64, 4}
        << L{413, 0, 72, 1120, 90};
    QTest::newRow("8x8 64/64/64 kB 4 w/c is conv_a") << "conv_a" << "is" << 8LL << L{64, 64, 64, 4}
        << L{1359, 0, 2304, 480, 3840};
    QTest::newRow("8x8 64/64/64 kB 4 w/c is conv_b") << "conv_b" << "is" << 8LL << L{64, 64, 64, 4}
        << L{755, 0, 1152, 1440, 2880};
    QTest::newRow("8x8 64/64/64 kB 4 w/c is fc_c") << "fc_c" << "is" << 8LL << L{64, 64, 64, 4}
        << L{287, 0, 560, 720, 90};
    QTest::newRow("8x8 1/1/1 kB 4 w/c os conv_a") << "conv_a" << "os" << 8LL << L{1, 1, 1, 4}
        << L{2266, 1467, 9216, 512, 771};
    QTest::newRow("8x8 1/1/1 kB 4 w/c os conv_b") << "conv_b" << "os" << 8LL << L{1, 1, 1, 4}
        << L{1448, 933, 3584, 6144, 320};
    QTest::newRow("8x8 1/1/1 kB 4 w/c os fc_c") << "fc_c" << "os" << 8LL << L{1, 1, 1, 4}
        << L{226, 59, 512, 1024, 10};
    QTest::newRow("8x8 1/1/1 kB 4 w/c os pw") << "pw" << "os" << 8LL << L{1, 1, 1, 4}
        << L{1586735, 1529936, 770560, 6298112, 25091};
    QTest::newRow("8x8 1/1/1 kB 4 w/c os c3") << "c3" << "os" << 8LL << L{1, 1, 1, 4}
        << L{892362, 831963, 2292224, 3542016, 12547};
    QTest::newRow("8x8 1/1/1 kB 4 w/c ws conv_a") << "conv_a" << "ws" << 8LL << L{1, 1, 1, 4}
        << L{1737, 878, 7168, 512, 3847};
    QTest::newRow("8x8 1/1/1 kB 4 w/c ws conv_b") << "conv_b" << "ws" << 8LL << L{1, 1, 1, 4}
        << L{3554, 2529, 4608, 14336, 2883};
    QTest::newRow("8x8 1/1/1 kB 4 w/c ws fc_c") << "fc_c" << "ws" << 8LL << L{1, 1, 1, 4}
        << L{413, 0, 72, 1024, 90};
    QTest::newRow("8x8 1/1/1 kB 4 w/c ws pw") << "pw" << "ws" << 8LL << L{1, 1, 1, 4}
        << L{429705, 373898, 869888, 1704448, 401411};
    QTest::newRow("8x8 1/1/1 kB 4 w/c ws c3") << "c3" << "ws" << 8LL << L{1, 1, 1, 4}
        << L{474843, 412060, 1118208, 1880576, 451587};
    QTest::newRow("8x8 1/1/1 kB 4 w/c is conv_a") << "conv_a" << "is" << 8LL << L{1, 1, 1, 4}
        << L{1359, 0, 2560, 480, 3843};
    QTest::newRow("8x8 1/1/1 kB 4 w/c is conv_b") << "conv_b" << "is" << 8LL << L{1, 1, 1, 4}
        << L{1436, 681, 3584, 6144, 2883};
    QTest::newRow("8x8 1/1/1 kB 4 w/c is fc_c") << "fc_c" << "is" << 8LL << L{1, 1, 1, 4}
        << L{287, 0, 512, 1024, 90};
    QTest::newRow("8x8 1/1/1 kB 4 w/c is pw") << "pw" << "is" << 8LL << L{1, 1, 1, 4}
        << L{645488, 585489, 2559488, 584704, 401415};
    QTest::newRow("8x8 1/1/1 kB 4 w/c is c3") << "c3" << "is" << 8LL << L{1, 1, 1, 4}
        << L{1902399, 1825000, 7547392, 694272, 451595};
    QTest::newRow("32x32 4/2/3 kB 10 w/c os conv_a") << "conv_a" << "os" << 32LL << L{4, 2, 3, 10}
        << L{257, 62, 4100, 1030, 768};
    QTest::newRow("32x32 4/2/3 kB 10 w/c os conv_b") << "conv_b" << "os" << 32LL << L{4, 2, 3, 10}
        << L{175, 42, 2050, 2060, 320};
    QTest::newRow("32x32 4/2/3 kB 10 w/c os fc_c") << "fc_c" << "os" << 32LL << L{4, 2, 3, 10}
        << L{131, 0, 2050, 1030, 10};
    QTest::newRow("32x32 4/2/3 kB 10 w/c os pw") << "pw" << "os" << 32LL << L{4, 2, 3, 10}
        << L{46436, 41117, 200900, 460410, 25088};
    QTest::newRow("32x32 4/2/3 kB 10 w/c os c3") << "c3" << "os" << 32LL << L{4, 2, 3, 10}
        << L{56891, 51992, 565800, 258530, 12544};
    QTest::newRow("32x32 4/2/3 kB 10 w/c ws conv_a") << "conv_a" << "ws" << 32LL << L{4, 2, 3, 10}
        << L{404, 89, 4100, 1030, 1536};
    QTest::newRow("32x32 4/2/3 kB 10 w/c ws conv_b") << "conv_b" << "ws" << 32LL << L{4, 2, 3, 10}
        << L{329, 0, 1540, 2060, 960};
    QTest::newRow("32x32 4/2/3 kB 10 w/c ws fc_c") << "fc_c" << "ws" << 32LL << L{4, 2, 3, 10}
        << L{284, 0, 100, 1030, 30};
    QTest::newRow("32x32 4/2/3 kB 10 w/c ws pw") << "pw" << "ws" << 32LL << L{4, 2, 3, 10}
        << L{26956, 22317, 176300, 262650, 100529};
    QTest::newRow("32x32 4/2/3 kB 10 w/c ws c3") << "c3" << "ws" << 32LL << L{4, 2, 3, 10}
        << L{35790, 30571, 282900, 350200, 113083};
    QTest::newRow("32x32 4/2/3 kB 10 w/c is conv_a") << "conv_a" << "is" << 32LL << L{4, 2, 3, 10}
        << L{423, 0, 4100, 770, 1536};
    QTest::newRow("32x32 4/2/3 kB 10 w/c is conv_b") << "conv_b" << "is" << 32LL << L{4, 2, 3, 10}
        << L{677, 336, 2050, 6180, 960};
    QTest::newRow("32x32 4/2/3 kB 10 w/c is fc_c") << "fc_c" << "is" << 32LL << L{4, 2, 3, 10}
        << L{311, 0, 2050, 960, 30};
    QTest::newRow("32x32 4/2/3 kB 10 w/c is pw") << "pw" << "is" << 32LL << L{4, 2, 3, 10}
        << L{114439, 108224, 1129550, 427450, 100605};
    QTest::newRow("32x32 4/2/3 kB 10 w/c is c3") << "c3" << "is" << 32LL << L{4, 2, 3, 10}
        << L{279243, 269290, 2767500, 1089740, 113089};
}

void TestSystolicSimulator::userBandwidthMatchesScaleSim()
{
    QFETCH(QString, layer);
    QFETCH(QString, dataflow);
    QFETCH(qlonglong, array);
    QFETCH(QList<qlonglong>, memory);
    QFETCH(QList<qlonglong>, expected);
    SystolicConfig config;
    config.rows = config.cols = array;
    config.dataflow = dataflowNamed(dataflow);
    config.ifmapSramKb = memory[0];
    config.filterSramKb = memory[1];
    config.ofmapSramKb = memory[2];
    config.userBandwidth = true;
    config.bandwidthWordsPerCycle = memory[3];
    const SystolicLayerReport r = simulateSystolicLayer(layerNamed(layer), config);
    QCOMPARE(r.totalCycles, expected[0]);
    QCOMPARE(r.stallCycles, expected[1]);
    QCOMPARE(r.dramIfmapReads, expected[2]);
    QCOMPARE(r.dramFilterReads, expected[3]);
    QCOMPARE(r.dramOfmapWrites, expected[4]);
}

void TestSystolicSimulator::ceilOutputAndOverflowQuirks()
{
    // SCALE-Sim 2.0, configs/scale.cfg (32x32 OS, 64 kB, CALC), topology row
    // "stem, 226, 226, 3, 3, 3, 32, 2," (MobileNetV2's stem with its padding):
    // ofmap = ceil((226 - 3 + 2) / 2) = 113, not floor's 112.
    SystolicConfig config;
    const SystolicLayer stem{"stem", 226, 226, 3, 3, 3, 32, 2};
    QCOMPARE(stem.ofmapH(), 113);
    const SystolicLayerReport r = simulateSystolicLayer(stem, config);
    QCOMPARE(r.totalCycles, 35599);
    constexpr double kPercentTolerance = 1e-9;
    QVERIFY(std::abs(r.overallUtilizationPercent - 30.264456164499002) < kPercentTolerance);
    QVERIFY(std::abs(r.mappingEfficiencyPercent - 99.7578125) < kPercentTolerance);
    QVERIFY(std::abs(r.computeUtilizationPercent - 30.26360603932563) < kPercentTolerance);
    QCOMPARE(r.sramIfmapReads, 344763);
    QCOMPARE(r.sramFilterReads, 345600);
    QCOMPARE(r.sramOfmapWrites, 434208);
    QCOMPARE(r.dramFilterReads, 864);
    // 113*113*32 = 408,608 words overflow the ofmap buffer; a line closed in the
    // middle of a drain counts as full: SCALE-Sim reported 408,639 (+31).
    QCOMPARE(r.dramOfmapWrites, 408639);
    // 226*226*3 = 153,228 distinct ifmap words overflow the 32,750-word block
    // of the read buffer; words re-requested after their block retired are
    // fetched again: SCALE-Sim reported 155,697.
    QCOMPARE(r.dramIfmapReads, 155697);
}

void TestSystolicSimulator::overflowingIfmapIsReadPerColumnFold()
{
    // SCALE-Sim 2.0, 32x32 OS, 64 kB, CALC; row "b3_expand, 56, 56, 1, 1, 24, 144, 1,"
    // (MobileNetV2 block 3 expand): DRAM IFMAP reads 376,320 = 75,264 x 5 column folds.
    const SystolicLayerReport r = simulateSystolicLayer({"b3_expand", 56, 56, 1, 1, 24, 144, 1}, SystolicConfig{});
    QCOMPARE(r.dramIfmapReads, 376320);
}

void TestSystolicSimulator::batchStacksImagesInTheGemmView()
{
    // conv_a at batch 2 on 8x8 OS, 64 kB SRAMs (CALC), by SCALE-Sim's formulas
    // (systolic_simulator.cpp): M = 2 x 8 x 8 = 128, K = 36, N = 12;
    // 16 row folds x 2 column folds of 36 + 8 + 8 - 2 = 50 cycles -> 1,599;
    // SRAM ifmap 2 x 128 x 36 = 9,216, filter 16 x 36 x 12 = 6,912,
    // ofmap 128 x 12 + 32 x 16 = 2,048; DRAM each distinct word once:
    // 2 x 400 ifmap, 432 filter, 2 x 768 ofmap; mapping efficiency as at batch 1.
    SystolicLayer layer = layerNamed(QStringLiteral("conv_a"));
    layer.batch = 2;
    SystolicConfig config;
    config.rows = config.cols = 8;
    const SystolicLayerReport r = simulateSystolicLayer(layer, config);
    QCOMPARE(r.m, 128);
    QCOMPARE(r.totalCycles, 1599);
    QCOMPARE(r.sramIfmapReads, 9216);
    QCOMPARE(r.sramFilterReads, 6912);
    QCOMPARE(r.sramOfmapWrites, 2048);
    QCOMPARE(r.dramIfmapReads, 800);
    QCOMPARE(r.dramFilterReads, 432);
    QCOMPARE(r.dramOfmapWrites, 1536);
    QCOMPARE(r.mappingEfficiencyPercent, 75.0);
    // A 1x1 convolution of two stacked 14x14 images addresses its ifmap
    // exactly as one 28x14 image (image n's words follow image n-1's), so
    // every count, overflow and stall included, equals that layer's (USER mode, 1 kB SRAMs).
    config.ifmapSramKb = config.filterSramKb = config.ofmapSramKb = 1;
    config.userBandwidth = true;
    config.bandwidthWordsPerCycle = 4;
    SystolicLayer pair{"pw", 14, 14, 1, 1, 16, 24, 1};
    pair.batch = 2;
    const SystolicLayerReport a = simulateSystolicLayer(pair, config);
    const SystolicLayerReport b = simulateSystolicLayer({"pw", 28, 14, 1, 1, 16, 24, 1}, config);
    QCOMPARE(a.totalCycles, b.totalCycles);
    QCOMPARE(a.stallCycles, b.stallCycles);
    QCOMPARE(a.dramIfmapReads, b.dramIfmapReads);
    QCOMPARE(a.dramFilterReads, b.dramFilterReads);
    QCOMPARE(a.dramOfmapWrites, b.dramOfmapWrites);
    QVERIFY(a.stallCycles > 0); // the case exercises the overflow paths
}

void TestSystolicSimulator::absurdLayerIsRefusedByName()
{
    // 60,000 x 60,000 x 3 = 1.08e10 ifmap words (> 2^28): refused before any
    // allocation, with the layer's name; a 1x1 conv on 1x1 is fine.
    const SystolicLayer huge{"huge", 60000, 60000, 1, 1, 3, 4, 1};
    try {
        simulateSystolicLayer(huge, SystolicConfig{});
        QFAIL("expected an error");
    } catch (const Error& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("'huge' is too large to simulate")), e.what());
    }
    QCOMPARE(simulateSystolicLayer({"tiny", 1, 1, 1, 1, 1, 1, 1}, SystolicConfig{}).sramIfmapReads, 1);
}

void TestSystolicSimulator::progressAndCancel()
{
    // 64x64x16 -> 3x3x64 on 8x8 OS: M = 62*62 = 3,844, K = 144, N = 64;
    // 481 x 8 folds of 144 + 8 + 8 - 2 = 158 cycles = 607,984 cycles: progress
    // is reported every 65,536 cycles, 9 times, at increasing fractions < 1.
    const SystolicLayer layer{"big", 64, 64, 3, 3, 16, 64, 1};
    SystolicConfig config;
    config.rows = config.cols = 8;
    std::vector<double> fractions;
    const SystolicLayerReport r = simulateSystolicLayer(layer, config, [&](double f) {
        fractions.push_back(f);
        return true;
    });
    QCOMPARE(r.computeCycles + 1, 607984);
    QCOMPARE(fractions.size(), std::size_t{9});
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()) && fractions.back() < 1.0);
    QCOMPARE(fractions.front(), 65536.0 / 607984.0);
    // Asked to stop at the third report: the simulation and the trace binning throw Cancelled.
    int calls = 0;
    const auto stopAtThird = [&](double) { return ++calls < 3; };
    QVERIFY_THROWS_EXCEPTION(Cancelled, simulateSystolicLayer(layer, config, stopAtThird));
    QCOMPARE(calls, 3);
    calls = 0;
    QVERIFY_THROWS_EXCEPTION(Cancelled, binSystolicTrace(layer, config, 100, 1, stopAtThird));
    QCOMPARE(calls, 3);
}

void TestSystolicSimulator::readsScaleSimFiles()
{
    const SystolicConfig c = parseScaleSimConfig(
        "[general]\nrun_name = x\n\n[architecture_presets]\nArrayHeight:    16\nArrayWidth:     8\n"
        "IfmapSramSzkB:   64 \nFilterSramSzkB:  32\nOfmapSramSzkB:  16\nIfmapOffset:    0\nBandwidth : 10\n"
        "Dataflow : ws\nMemoryBanks:   1\n\n[run_presets]\nInterfaceBandwidth: USER\n",
        "a.cfg");
    QCOMPARE(c.runName, std::string("x"));
    QCOMPARE(c.rows, 16);
    QCOMPARE(c.cols, 8);
    QCOMPARE(c.filterSramKb, 32);
    QVERIFY(c.dataflow == SystolicDataflow::WeightStationary);
    QVERIFY(c.userBandwidth);
    QCOMPARE(c.bandwidthWordsPerCycle, 10);
    const auto layers = parseScaleSimTopology(
        "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"
        "Conv1, 10, 10, 3, 3, 4, 12, 1,\nconv_DP, 8, 8, 3, 3, 3, 1, 1,\n",
        "t.csv");
    QCOMPARE(layers.size(), std::size_t{4}); // the DP layer expands to 3 channels
    QCOMPARE(layers[0].ofmapH(), 8);
    QCOMPARE(layers[3].name, std::string("conv_DPChannel_2"));
    QCOMPARE(layers[3].channels, 1);
}

void TestSystolicSimulator::badFilesNameTheLine_data()
{
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("expected");
    QTest::newRow("short") << "h\nc, 1, 2,\n" << "t.csv:2:1: expected 8 fields";
    QTest::newRow("zero") << "h\nc, 4, 4, 3, 3, 0, 1, 1,\n" << "t.csv:2:1: channels must be a positive integer";
    QTest::newRow("text") << "h\nc, 4, x, 3, 3, 1, 1, 1,\n" << "IFMAP width must be a positive integer, got 'x'";
    QTest::newRow("filter too big") << "h\nc, 2, 2, 3, 3, 1, 1, 1,\n" << "filter larger than the IFMAP";
    QTest::newRow("empty") << "h\n" << "no layers";
}

void TestSystolicSimulator::badFilesNameTheLine()
{
    QFETCH(QString, csv);
    QFETCH(QString, expected);
    try {
        parseScaleSimTopology(csv.toStdString(), "t.csv");
        QFAIL("expected an error");
    } catch (const Error& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(expected), e.what());
    }
}

QTEST_APPLESS_MAIN(TestSystolicSimulator)
#include "tst_systolic_simulator.moc"
