// SystolicSimulation over the document: the selected layer of zoo:lenet5
// (resources/networks/lenet5.yaml: conv1 5x5 x20 on 1x28x28, pool1, conv2
// 5x5 x50, pool2, flatten, ip1 800->500, ip2 500->10) simulated by core.
#include "models/studio_document.h"
#include "models/systolic_simulation.h"

#include "core/accel/conv_problem.h"
#include "core/accel/systolic_network.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using mdse::models::StudioDocument;
using mdse::models::SystolicSimulation;
using namespace mdse;

namespace {

constexpr int kWaitMs = 20000;

core::ConvProblem problemNamed(const StudioDocument& document, const std::string& name)
{
    for (const core::ConvProblem& p : core::convProblems(document.network()))
        if (p.name == name)
            return p;
    return {};
}

// Waits for the simulation to settle (no run under way).
bool settle(SystolicSimulation& simulation)
{
    QSignalSpy idle(&simulation, &SystolicSimulation::busyChanged);
    return !simulation.isBusy() || idle.wait(kWaitMs);
}

void compareReports(const core::SystolicLayerReport& shown, const core::SystolicLayerReport& expected)
{
    QCOMPARE(shown.name, expected.name);
    QCOMPARE(shown.totalCycles, expected.totalCycles);
    QCOMPARE(shown.stallCycles, expected.stallCycles);
    QCOMPARE(shown.rowFolds, expected.rowFolds);
    QCOMPARE(shown.colFolds, expected.colFolds);
    QCOMPARE(shown.sramIfmapReads, expected.sramIfmapReads);
    QCOMPARE(shown.sramFilterReads, expected.sramFilterReads);
    QCOMPARE(shown.sramOfmapWrites, expected.sramOfmapWrites);
    QCOMPARE(shown.dramIfmapReads, expected.dramIfmapReads);
    QCOMPARE(shown.dramFilterReads, expected.dramFilterReads);
    QCOMPARE(shown.dramOfmapWrites, expected.dramOfmapWrites);
    QCOMPARE(shown.overallUtilizationPercent, expected.overallUtilizationPercent);
    QCOMPARE(shown.mappingEfficiencyPercent, expected.mappingEfficiencyPercent);
}

} // namespace

class TestSystolicSimulation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void noNetwork();
    void firstArrayLayerMatchesCore();
    void changingRowsEmitsOneUpdate();
    void rapidChangesRunTheNewestOnce();
    void nonArrayLayerHasAStatus();
    void selectingAnotherLayer();
    void newNetworkKeepsOrReplacesSelection();
    void configIsRemembered();
};

void TestSystolicSimulation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MicroDSE-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_systolic_simulation"));
}

void TestSystolicSimulation::init()
{
    QSettings().remove(QStringLiteral("systolic"));
}

void TestSystolicSimulation::noNetwork()
{
    StudioDocument document;
    SystolicSimulation simulation(&document);
    QCOMPARE(simulation.status(), SystolicSimulation::Status::NoNetwork);
    QVERIFY(!simulation.result());
    QVERIFY(!simulation.isBusy());
    // SCALE-Sim's configs/scale.cfg: 32 x 32, 64 kB SRAMs, OS.
    QCOMPARE(simulation.config().rows, 32);
    QCOMPARE(simulation.config().cols, 32);
    QCOMPARE(simulation.config().ifmapSramKb, 64);
    QCOMPARE(simulation.config().filterSramKb, 64);
    QCOMPARE(simulation.config().ofmapSramKb, 64);
    QCOMPARE(simulation.config().dataflow, core::SystolicDataflow::OutputStationary);
}

void TestSystolicSimulation::firstArrayLayerMatchesCore()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicSimulation simulation(&document);
    QCOMPARE(simulation.selectedLayer(), QStringLiteral("conv1"));
    QCOMPARE(simulation.status(), SystolicSimulation::Status::Pending);
    QVERIFY(settle(simulation));
    QCOMPARE(simulation.status(), SystolicSimulation::Status::Ready);
    const SystolicSimulation::Result* result = simulation.result();
    QVERIFY(result);
    // conv1: M = 24*24 = 576, K = 5*5*1 = 25, N = 20. OS on 32 x 32:
    // ceil(576/32) = 18 row folds, 1 column fold, each 25 + 32 + 32 - 2 = 87
    // cycles: 18 * 87 - 1 = 1565 cycles (no stalls: 64 kB holds everything).
    QCOMPARE(result->report.m, 576);
    QCOMPARE(result->report.k, 25);
    QCOMPARE(result->report.n, 20);
    QCOMPARE(result->report.totalCycles, 1565);
    compareReports(result->report,
                   core::simulateSystolicProblem(problemNamed(document, "conv1"), simulation.config()));
    // The trace: 1566 cycles in at most kMaxTraceBins bins, the words of the report.
    std::int64_t cycles = 0, ifmap = 0;
    for (const core::SystolicTraceBin& bin : result->trace) {
        cycles += bin.cycles;
        ifmap += bin.ifmapReads;
    }
    QVERIFY(qint64(result->trace.size()) <= SystolicSimulation::kMaxTraceBins);
    QCOMPARE(cycles, 1566);
    QCOMPARE(ifmap, result->report.sramIfmapReads);
}

void TestSystolicSimulation::changingRowsEmitsOneUpdate()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicSimulation simulation(&document);
    QVERIFY(settle(simulation));
    QSignalSpy updated(&simulation, &SystolicSimulation::updated);
    QSignalSpy configChanged(&simulation, &SystolicSimulation::configChanged);
    core::SystolicConfig config = simulation.config();
    config.rows = 16;
    simulation.setConfig(config);
    QCOMPARE(configChanged.count(), 1);
    QVERIFY(simulation.isBusy());
    QCOMPARE(simulation.result()->report.totalCycles, 1565); // the old result stays meanwhile
    QVERIFY(updated.wait(kWaitMs));
    QTest::qWait(50); // nothing else arrives
    QCOMPARE(updated.count(), 1);
    QVERIFY(!simulation.isBusy());
    // 16 rows: ceil(576/16) = 36 row folds of 25 + 16 + 32 - 2 = 71 cycles: 36 * 71 - 1 = 2555.
    QCOMPARE(simulation.result()->report.totalCycles, 2555);
    QCOMPARE(simulation.result()->config.rows, 16);
    compareReports(simulation.result()->report,
                   core::simulateSystolicProblem(problemNamed(document, "conv1"), config));
    // The same configuration again changes nothing.
    simulation.setConfig(config);
    QCOMPARE(configChanged.count(), 1);
    QVERIFY(!simulation.isBusy());
}

void TestSystolicSimulation::rapidChangesRunTheNewestOnce()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicSimulation simulation(&document);
    QVERIFY(settle(simulation));
    QSignalSpy updated(&simulation, &SystolicSimulation::updated);
    QSignalSpy busy(&simulation, &SystolicSimulation::busyChanged);
    core::SystolicConfig config = simulation.config();
    for (std::int64_t rows : {1, 2, 8}) {
        config.rows = rows;
        simulation.setConfig(config);
    }
    QVERIFY(updated.wait(kWaitMs));
    QTest::qWait(50);
    QCOMPARE(updated.count(), 1);       // the runs for 1 and 2 rows are dropped
    QCOMPARE(busy.count(), 2);          // busy once, idle once
    // 8 rows: 72 row folds of 25 + 8 + 32 - 2 = 63 cycles: 72 * 63 - 1 = 4535.
    QCOMPARE(simulation.result()->report.totalCycles, 4535);
}

void TestSystolicSimulation::nonArrayLayerHasAStatus()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicSimulation simulation(&document);
    QVERIFY(settle(simulation));
    QSignalSpy updated(&simulation, &SystolicSimulation::updated);
    simulation.setSelectedLayer(QStringLiteral("pool1"));
    QCOMPARE(updated.count(), 1); // at once, nothing to run
    QCOMPARE(simulation.status(), SystolicSimulation::Status::NotArrayLayer);
    QVERIFY(!simulation.result());
    QCOMPARE(simulation.statusText(), QStringLiteral("pool1: not a convolution or dense layer"));
    simulation.setSelectedLayer(QStringLiteral("nonesuch"));
    QCOMPARE(simulation.status(), SystolicSimulation::Status::NoLayer);
    QVERIFY(simulation.statusText().contains(QStringLiteral("nonesuch")));
}

void TestSystolicSimulation::selectingAnotherLayer()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicSimulation simulation(&document);
    QVERIFY(settle(simulation));
    QSignalSpy updated(&simulation, &SystolicSimulation::updated);
    simulation.setSelectedLayer(QStringLiteral("ip1"));
    QCOMPARE(updated.count(), 1); // conv1's numbers give way at once
    QCOMPARE(simulation.status(), SystolicSimulation::Status::Pending);
    QVERIFY(!simulation.result());
    QVERIFY(updated.wait(kWaitMs));
    QCOMPARE(simulation.status(), SystolicSimulation::Status::Ready);
    // ip1, dense 800 -> 500: M = 1, K = 800, N = 500; OS: 1 row fold,
    // ceil(500/32) = 16 column folds of 800 + 32 + 32 - 2 = 862 cycles: 16 * 862 - 1 = 13791.
    QCOMPARE(simulation.result()->report.totalCycles, 13791);
    compareReports(simulation.result()->report,
                   core::simulateSystolicProblem(problemNamed(document, "ip1"), simulation.config()));
}

void TestSystolicSimulation::newNetworkKeepsOrReplacesSelection()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicSimulation simulation(&document);
    simulation.setSelectedLayer(QStringLiteral("conv2"));
    QVERIFY(settle(simulation));
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    QCOMPARE(simulation.selectedLayer(), QStringLiteral("conv2")); // still a layer of the network
    QVERIFY(settle(simulation));
    QCOMPARE(simulation.result()->problem.name, std::string("conv2"));
    // LeNet-300-100 has no conv2: its first array layer, fc1, is selected.
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet-300-100")), QString());
    QCOMPARE(simulation.selectedLayer(), QStringLiteral("fc1"));
    QVERIFY(settle(simulation));
    QCOMPARE(simulation.result()->problem.name, std::string("fc1"));
}

void TestSystolicSimulation::configIsRemembered()
{
    StudioDocument document;
    {
        SystolicSimulation simulation(&document);
        core::SystolicConfig config = simulation.config();
        config.rows = 8;
        config.cols = 0; // below 1: taken as 1
        config.filterSramKb = 2;
        config.dataflow = core::SystolicDataflow::InputStationary;
        simulation.setConfig(config);
        QCOMPARE(simulation.config().cols, 1);
    }
    const core::SystolicConfig remembered = SystolicSimulation::rememberedConfig();
    QCOMPARE(remembered.rows, 8);
    QCOMPARE(remembered.cols, 1);
    QCOMPARE(remembered.ifmapSramKb, 64);
    QCOMPARE(remembered.filterSramKb, 2);
    QCOMPARE(remembered.dataflow, core::SystolicDataflow::InputStationary);
    SystolicSimulation next(&document);
    QCOMPARE(next.config().rows, 8);
}

QTEST_GUILESS_MAIN(TestSystolicSimulation)
#include "tst_systolic_simulation.moc"
