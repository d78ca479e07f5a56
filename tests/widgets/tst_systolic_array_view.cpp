// The systolic-array view: typing into its real spin boxes and combo box
// changes the simulated array, and the numbers shown are core's numbers for
// conv1 of zoo:lenet5 (5x5 x20 on 1x28x28: GEMM M = 576, K = 25, N = 20).
#include "widgets/systolic_array_view.h"

#include "models/quantity_format.h"
#include "models/studio_document.h"
#include "models/systolic_simulation.h"
#include "widgets/plot/step_plot.h"

#include "core/accel/conv_problem.h"
#include "core/accel/systolic_network.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtTest>

#include <algorithm>
#include <numeric>

using mdse::models::StudioDocument;
using mdse::models::SystolicSimulation;
using mdse::widgets::SystolicArrayView;
using namespace mdse;

namespace {

constexpr int kWaitMs = 20000;

QString labelText(const QWidget& widget, const char* name)
{
    const auto* label = widget.findChild<QLabel*>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

core::SystolicLayerReport coreReport(const StudioDocument& document, const std::string& layer,
                                     const core::SystolicConfig& config)
{
    for (const core::ConvProblem& p : core::convProblems(document.network()))
        if (p.name == layer)
            return core::simulateSystolicProblem(p, config);
    return {};
}

bool settle(SystolicArrayView& view)
{
    QSignalSpy idle(view.simulation(), &SystolicSimulation::busyChanged);
    return !view.simulation()->isBusy() || idle.wait(kWaitMs);
}

// Selects the spin box's text, types `text` and presses Enter, as a user would.
void typeInto(QSpinBox* box, const QString& text)
{
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

} // namespace

class TestSystolicArrayView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void showsCoreNumbers();
    void typedRowsChangeTheCycles();
    void dataflowComboChangesTheCycles();
    void smallSramShowsCoreDramCounts();
    void plotShowsTheBinnedTrace();
    void nonArrayLayerShowsStatus();
    void contributesDock();
};

void TestSystolicArrayView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MicroDSE-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_systolic_array_view"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestSystolicArrayView::init()
{
    QSettings().remove(QStringLiteral("systolic"));
}

void TestSystolicArrayView::showsCoreNumbers()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicArrayView view(&document);
    QVERIFY(settle(view));
    const auto* rows = view.findChild<QSpinBox*>(QStringLiteral("systolicRows"));
    QVERIFY(rows);
    QCOMPARE(rows->value(), 32); // SCALE-Sim's scale.cfg
    const core::SystolicLayerReport r = coreReport(document, "conv1", view.simulation()->config());
    // 18 row folds of 25 + 32 + 32 - 2 = 87 cycles: 18 * 87 - 1 = 1565.
    QCOMPARE(r.totalCycles, 1565);
    QCOMPARE(labelText(view, "systolicTotalCycles"), QStringLiteral("1,565"));
    QCOMPARE(labelText(view, "systolicStallCycles"), QStringLiteral("0"));
    QCOMPARE(labelText(view, "systolicGemm"), QStringLiteral("M 576 × K 25 × N 20"));
    QCOMPARE(labelText(view, "systolicFolds"), QStringLiteral("18 × 1"));
    // Mapping efficiency: 576 x 20 PEs used of 18 folds x 1024: 11520 / 18432 = 62.50 %.
    QCOMPARE(labelText(view, "systolicMappingEfficiency"), QStringLiteral("62.50 %"));
    // Utilization: M*N*K / (cycles x R x C) = 288000 / (1565 * 1024) = 17.97 %.
    QCOMPARE(labelText(view, "systolicUtilization"), QStringLiteral("17.97 %"));
    // OS SRAM reads: ifmap colFolds*M*K = 14,400, filter rowFolds*K*N = 9,000.
    QCOMPARE(labelText(view, "systolicSramReads"), QStringLiteral("ifmap 14,400 · filter 9,000"));
    QCOMPARE(labelText(view, "systolicSramWrites"),
             QStringLiteral("ofmap %1").arg(models::formatExactCount(r.sramOfmapWrites)));
    QCOMPARE(labelText(view, "systolicDramReads"),
             QStringLiteral("ifmap %1 · filter %2")
                 .arg(models::formatExactCount(r.dramIfmapReads), models::formatExactCount(r.dramFilterReads)));
    QVERIFY(labelText(view, "systolicLayer").startsWith(QStringLiteral("conv1 (convolution)")));
}

void TestSystolicArrayView::typedRowsChangeTheCycles()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicArrayView view(&document);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(settle(view));
    auto* rows = view.findChild<QSpinBox*>(QStringLiteral("systolicRows"));
    QSignalSpy updated(view.simulation(), &SystolicSimulation::updated);
    typeInto(rows, QStringLiteral("16"));
    QCOMPARE(rows->value(), 16);
    QCOMPARE(view.simulation()->config().rows, 16); // one change, on Enter
    QVERIFY(updated.wait(kWaitMs));
    QVERIFY(settle(view));
    // 36 row folds of 25 + 16 + 32 - 2 = 71 cycles: 36 * 71 - 1 = 2555.
    QCOMPARE(coreReport(document, "conv1", view.simulation()->config()).totalCycles, 2555);
    QCOMPARE(labelText(view, "systolicTotalCycles"), QStringLiteral("2,555"));
    QCOMPARE(labelText(view, "systolicFolds"), QStringLiteral("36 × 1"));
    // The arrow key steps the columns: 33 columns, still one column fold.
    auto* cols = view.findChild<QSpinBox*>(QStringLiteral("systolicCols"));
    cols->setFocus();
    QTest::keyClick(cols, Qt::Key_Up);
    QCOMPARE(view.simulation()->config().cols, 33);
    QVERIFY(settle(view));
    // 36 row folds of 25 + 16 + 33 - 2 = 72 cycles: 36 * 72 - 1 = 2591.
    QCOMPARE(labelText(view, "systolicTotalCycles"), QStringLiteral("2,591"));
}

void TestSystolicArrayView::dataflowComboChangesTheCycles()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicArrayView view(&document);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(settle(view));
    auto* dataflow = view.findChild<QComboBox*>(QStringLiteral("systolicDataflow"));
    QVERIFY(dataflow);
    dataflow->setFocus();
    QTest::keyClick(dataflow, Qt::Key_Down); // output -> weight stationary
    QCOMPARE(view.simulation()->config().dataflow, core::SystolicDataflow::WeightStationary);
    QVERIFY(settle(view));
    // WS: Sr = K = 25, Sc = N = 20, T = M = 576 on 32 x 32: one fold of
    // 576 + 2*32 + 32 - 2 = 670 cycles, report 669.
    QCOMPARE(coreReport(document, "conv1", view.simulation()->config()).totalCycles, 669);
    QCOMPARE(labelText(view, "systolicTotalCycles"), QStringLiteral("669"));
}

void TestSystolicArrayView::smallSramShowsCoreDramCounts()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicArrayView view(&document);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(settle(view));
    const QString before = labelText(view, "systolicDramReads");
    // conv2 reads a 20 x 12 x 12 ifmap (2,880 words): 1 kB ifmap SRAM overflows.
    view.simulation()->setSelectedLayer(QStringLiteral("conv2"));
    QVERIFY(settle(view));
    const QString conv2Fits = labelText(view, "systolicDramReads");
    typeInto(view.findChild<QSpinBox*>(QStringLiteral("systolicIfmapSram")), QStringLiteral("1"));
    QCOMPARE(view.simulation()->config().ifmapSramKb, 1);
    QVERIFY(settle(view));
    const core::SystolicLayerReport r = coreReport(document, "conv2", view.simulation()->config());
    QVERIFY(r.dramIfmapReads > 2880); // words fetched again after their block retired
    QCOMPARE(labelText(view, "systolicDramReads"),
             QStringLiteral("ifmap %1 · filter %2")
                 .arg(models::formatExactCount(r.dramIfmapReads), models::formatExactCount(r.dramFilterReads)));
    QVERIFY(labelText(view, "systolicDramReads") != conv2Fits);
    QVERIFY(before != conv2Fits);
}

void TestSystolicArrayView::plotShowsTheBinnedTrace()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicArrayView view(&document);
    QVERIFY(settle(view));
    mdse::widgets::StepPlot* plot = view.plot();
    QCOMPARE(plot->seriesCount(), 3);
    QCOMPARE(plot->seriesName(0), QStringLiteral("ifmap reads"));
    QCOMPARE(plot->seriesName(1), QStringLiteral("filter reads"));
    QCOMPARE(plot->seriesName(2), QStringLiteral("ofmap writes"));
    // conv1 on 32 x 32 OS has 18 * 87 = 1566 trace cycles, fewer than the
    // 2000 bins: one cycle per bin, so the plotted values are the words of
    // each cycle and add up to the report's SRAM reads (14,400 and 9,000).
    const QVector<double> ifmap = plot->seriesValues(0);
    const QVector<double> filter = plot->seriesValues(1);
    QCOMPARE(ifmap.size(), 1566);
    QCOMPARE(std::accumulate(ifmap.begin(), ifmap.end(), 0.0), 14400.0);
    QCOMPARE(std::accumulate(filter.begin(), filter.end(), 0.0), 9000.0);
    QCOMPARE(*std::max_element(ifmap.begin(), ifmap.end()), 25.0); // lane j streams K = 25 cycles from cycle j: at most 25 of 32 at once
    // On a 2 x 2 array conv1 has more cycles than bins.
    core::SystolicConfig config = view.simulation()->config();
    config.rows = config.cols = 2;
    view.simulation()->setConfig(config);
    QVERIFY(settle(view));
    // 288 row folds x 10 column folds of 25 + 2 + 2 - 2 = 27 cycles = 77,760
    // cycles in bins of ceil(77760 / 2000) = 39: 1994 bins.
    QCOMPARE(plot->seriesValues(0).size(), 1994);
}

void TestSystolicArrayView::nonArrayLayerShowsStatus()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    SystolicArrayView view(&document);
    QVERIFY(settle(view));
    view.simulation()->setSelectedLayer(QStringLiteral("pool1"));
    QCOMPARE(labelText(view, "systolicLayer"), QStringLiteral("pool1: not a convolution or dense layer"));
    QCOMPARE(labelText(view, "systolicTotalCycles"), QString());
    QCOMPARE(view.plot()->seriesCount(), 0);
}

void TestSystolicArrayView::contributesDock()
{
    StudioDocument document;
    auto* view = new SystolicArrayView(&document);
    QCOMPARE(labelText(*view, "systolicLayer"), QStringLiteral("No network"));
    QWidget parent;
    QDockWidget* dock = view->createDock(&parent);
    QCOMPARE(dock->objectName(), QStringLiteral("systolicDock"));
    QCOMPARE(dock->widget(), view);
    QCOMPARE(dock->windowTitle(), QStringLiteral("Systolic Array"));
}

QTEST_MAIN(TestSystolicArrayView)
#include "tst_systolic_array_view.moc"
