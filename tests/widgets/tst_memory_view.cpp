// The MCU memory view on the real widget: MobileNetV2 1.0/224
// (zoo:mobilenetv2-1.0-224) on the STM32F746 through a StudioDocument and
// EvaluationRunner. The numbers are worked by hand from the zoo file (int8, one
// byte per activation) or are MCUNet/MCUNetV2's published figures.
#include "widgets/memory_view.h"

#include "models/layer_table_model.h"
#include "models/evaluation_runner.h"
#include "models/studio_document.h"
#include "widgets/plot/scatter_plot.h"
#include "widgets/plot/timeline_plot.h"

#include "core/evaluate/evaluation.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolTip>
#include <QtTest>

#include <algorithm>

using mdse::models::EvaluationRunner;
using mdse::models::StudioDocument;
using mdse::widgets::MemoryView;
using namespace mdse;

namespace {

constexpr double kKiB = 1024.0;
constexpr double kPercentTolerance = 0.005; // the overhead is shown with two decimals

// Hand-worked (int8, tensors at 1 B; EvaluationRunner folds the batchnorms into
// their convs, as the CLI and a deployment converter do):
// stem 32x112x112 -> b1_dw 32x112x112 -> b1_project 16x112x112 -> b2_expand
// 96x112x112 -> b2_dw (stride 2) 96x56x56. The live-set peak is the b2_dw
// step: its input 1,204,224 + its output 301,056 = 1,505,280 B (no scratch:
// CMSIS-NN's 3x3 depthwise with pad 1 needs none), at step 4 (stem is 0).
constexpr qint64 kLiveSetPeak = 1505280;
constexpr int kPeakStep = 4;
// In place, b2_dw needs max(in, out) + one output channel = 1,207,360 B,
// so the peak moves to b2_expand: 200,704 + 1,204,224 = 1,404,928 B =
// 1372 KiB, the 1372 kB peak that MCUNetV2 (Lin et al. NeurIPS 2021)
// reports for MobileNetV2's per-layer inference.
constexpr qint64 kInPlacePeak = 1404928;
// The STM32F746's arena SRAM: DTCM + SRAM1 + SRAM2 = 64 + 240 + 16 KB =
// 327,680 B (RM0385 memory map); TFLM's runtime SRAM 14,264 B (part file).
// Fit: 1,505,280 + 14,264 - 327,680 = -1,191,864 B.
constexpr qint64 kArenaSram = 327680;
// Zoo file: 117 layers, 52 of them batchnorms folded away: 65 steps.
constexpr int kSteps = 65;
// The best patch plan (bench_mcu, tests/bench): split after b4_project on a
// 3x3 grid, peak 326,144 B at +6.02 % MACs.
constexpr qint64 kBestPeak = 326144;
constexpr double kBestOverhead = 6.02;

struct Fixture {
    StudioDocument document;
    EvaluationRunner analysis{&document};
    MemoryView view{&analysis};

    bool open()
    {
        return document.setTargetId(QStringLiteral("stm32f746")).isEmpty()
            && document.openNetwork(QStringLiteral("zoo:mobilenetv2-1.0-224")).isEmpty() && settled();
    }
    bool settled()
    {
        analysis.waitForFinished();
        return analysis.evaluation() != nullptr;
    }
};

QString labelText(const QWidget& widget, const char* name)
{
    const auto* label = widget.findChild<QLabel*>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

// Core's number of curve points for one grid n (0: all).
qsizetype corePoints(const core::Evaluation& evaluation, int grid)
{
    const auto& curve = evaluation.mcu->memory.patch.curve;
    return std::count_if(curve.begin(), curve.end(),
                         [grid](const core::PatchPlan& plan) { return grid == 0 || plan.grid == grid; });
}

// Points on the patch plot other than the best plan's star.
qsizetype plottedCurvePoints(const widgets::ScatterPlot& plot)
{
    qsizetype points = 0;
    for (int i = 0; i < plot.seriesCount(); ++i)
        if (plot.seriesName(i) != MemoryView::tr("best plan"))
            points += plot.seriesX(i).size();
    return points;
}

// Opens the combo's popup with a click and clicks the item showing `text`.
// The popup ignores a release within the double-click interval after it
// opened (QComboBox), so the test waits that long, as a user would.
bool clickComboItem(QComboBox* combo, const QString& text)
{
    QTest::mouseClick(combo, Qt::LeftButton);
    QAbstractItemView* list = combo->view();
    const int row = combo->findText(text);
    if (row < 0 || !QTest::qWaitForWindowExposed(list->window()))
        return false;
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    const QModelIndex index = list->model()->index(row, 0);
    list->scrollTo(index);
    const QPoint center = list->visualRect(index).center();
    QTest::mouseMove(list->viewport(), center);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, center);
    return combo->currentIndex() == row && !list->window()->isVisible();
}

} // namespace

class TestMemoryView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void noNetworkShowsMessage();
    void timelineShowsTheLiveSet();
    void summaryShowsPeaksAndFit();
    void patchCurveShowsBestPlan();
    void gridFilterClicksChangeThePoints();
    void highlightedLayerMarksItsStep();
    void layerSelectionHighlights();
    void hoverShowsTheLayer();
    void followsTheTarget();
    void contributesDock();
};

void TestMemoryView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestMemoryView::noNetworkShowsMessage()
{
    StudioDocument document;
    QVERIFY(document.setTargetId(QStringLiteral("stm32f746")).isEmpty());
    EvaluationRunner analysis(&document);
    analysis.waitForFinished();
    MemoryView view(&analysis);
    const auto* pages = view.findChild<QStackedWidget*>();
    QVERIFY(pages);
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("memoryMessage"));
    QVERIFY(labelText(view, "memoryMessage").startsWith(QStringLiteral("No MCU analysis")));
    QCOMPARE(view.timelinePlot()->stepCount(), 0);
    // Opening a network switches to the plots (updated() is re-read).
    QVERIFY(document.openNetwork(QStringLiteral("zoo:mobilenetv2-1.0-224")).isEmpty());
    analysis.waitForFinished();
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("memoryTabs"));
    QVERIFY(view.timelinePlot()->stepCount() > 0);
}

void TestMemoryView::timelineShowsTheLiveSet()
{
    Fixture f;
    QVERIFY(f.open());
    const core::McuMemoryReport& memory = f.analysis.evaluation()->mcu->memory;
    QCOMPARE(memory.liveSet.peakBytes, kLiveSetPeak);
    QCOMPARE(memory.inPlace.peakBytes, kInPlacePeak);
    QCOMPARE(memory.liveSet.steps.size(), std::size_t(kSteps));

    const widgets::TimelinePlot& plot = *f.view.timelinePlot();
    QCOMPARE(plot.seriesCount(), 2);
    QCOMPARE(plot.stepCount(), kSteps);
    const QVector<double> live = plot.seriesValues(0), inPlace = plot.seriesValues(1);
    QCOMPARE(live.size(), kSteps); // one value per execution step
    QCOMPARE(inPlace.size(), kSteps);
    QCOMPARE(live[kPeakStep], kLiveSetPeak / kKiB); // 1470 KiB
    QCOMPARE(*std::max_element(live.begin(), live.end()), kLiveSetPeak / kKiB);
    QCOMPARE(*std::max_element(inPlace.begin(), inPlace.end()), 1372.0);
    // Step 3 (b2_expand) is the same in both: 200,704 + 1,204,224 B.
    QCOMPARE(live[3], 1372.0);
    QCOMPARE(inPlace[3], 1372.0);
    // In place, b2_dw holds 1,204,224 + 3,136 = 1,207,360 B = 1179.0625 KiB.
    QCOMPARE(inPlace[kPeakStep], 1207360 / kKiB);
    QCOMPARE(plot.markedStep(), kPeakStep);
    QCOMPARE(plot.markedLabel(), QStringLiteral("peak: b2_dw"));
    QVERIFY(plot.hasReferenceLine());
    QCOMPARE(plot.referenceValue(), 320.0);
    QCOMPARE(plot.referenceLabel(), QStringLiteral("arena SRAM of stm32f746: 320 KiB"));
    QVERIFY(plot.stepToolTip(kPeakStep).startsWith(QStringLiteral("Step 4: b2_dw\nLive set: 1,505,280 B (1,470 KiB)")));
}

void TestMemoryView::summaryShowsPeaksAndFit()
{
    Fixture f;
    QVERIFY(f.open());
    // TFLM's greedy arena equals the live-set peak here (bench_mcu: no fragmentation).
    QCOMPARE(labelText(f.view, "memoryTimelineSummary"),
             QStringLiteral("Peak 1,505,280 B (1,470 KiB) at b2_dw (step 4) · in-place depthwise peak "
                            "1,404,928 B (1,372 KiB) · arena (TFLM greedy) 1,505,280 B (1,470 KiB)"));
    QCOMPARE(f.analysis.evaluation()->spec.target.mcu.sramBytes, kArenaSram);
    QCOMPARE(labelText(f.view, "memorySramFit"),
             QStringLiteral("SRAM fit (arena + runtime 14,264 B (13.93 KiB) = 1,519,544 B (1,483.93 KiB) of "
                            "327,680 B (320 KiB)): does not fit, margin -1,191,864 B (-1,163.93 KiB)"));
}

void TestMemoryView::patchCurveShowsBestPlan()
{
    Fixture f;
    QVERIFY(f.open());
    const core::PatchAnalysis& patch = f.analysis.evaluation()->mcu->memory.patch;
    QVERIFY(patch.best);
    QCOMPARE(patch.best->splitLayer, std::string("b4_project"));
    QCOMPARE(patch.best->grid, 3);
    QCOMPARE(patch.best->peakBytes, kBestPeak);
    QVERIFY(qAbs(patch.best->overheadPercent - kBestOverhead) < kPercentTolerance);
    QCOMPARE(patch.perLayerPeakBytes, kLiveSetPeak);

    const widgets::ScatterPlot& plot = *f.view.patchPlot();
    const int bestSeries = plot.seriesCount() - 1;
    QCOMPARE(plot.seriesName(bestSeries), QStringLiteral("best plan"));
    QCOMPARE(plot.seriesY(bestSeries), QVector<double>{kBestPeak / kKiB}); // 318.5 KiB
    QVERIFY(qAbs(plot.seriesX(bestSeries).value(0) - kBestOverhead) < kPercentTolerance);
    QCOMPARE(plot.referenceValue(), kLiveSetPeak / kKiB);
    QCOMPARE(plottedCurvePoints(plot), corePoints(*f.analysis.evaluation(), 0));
    QCOMPARE(labelText(f.view, "memoryPatchSummary"),
             QStringLiteral("Best plan (at most 20.00 % extra MACs): split after b4_project, 3 × 3 patches: "
                            "peak 326,144 B (318.5 KiB) at +6.02 % MACs; per-layer peak 1,505,280 B (1,470 KiB)"));
    QVERIFY(plot.pointToolTip(bestSeries, 0).startsWith(QStringLiteral("Split after b4_project, 3 × 3 patches")));
    // The overhead limit (default 20 %) as a line; the plot first shows up to
    // three times it and names how many of core's plans lie further right.
    QVERIFY(plot.hasLimitLine());
    QCOMPARE(plot.limitValue(), 20.0);
    QCOMPARE(plot.xRangeUpper(), 60.0);
    const auto& curve = patch.curve;
    const auto beyond = std::count_if(curve.begin(), curve.end(),
                                      [](const core::PatchPlan& plan) { return plan.overheadPercent > 60.0; });
    QVERIFY(beyond > 0);
    QCOMPARE(labelText(f.view, "memoryPatchRangeHint"),
             QStringLiteral("%1 plan(s) beyond 60.00 % MAC overhead: turn the wheel over the plot to zoom out.")
                 .arg(beyond));
}

void TestMemoryView::gridFilterClicksChangeThePoints()
{
    Fixture f;
    QVERIFY(f.open());
    f.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    auto* tabs = f.view.findChild<QTabWidget*>(QStringLiteral("memoryTabs"));
    tabs->setCurrentIndex(1);
    auto* filter = f.view.findChild<QComboBox*>(QStringLiteral("memoryGridFilter"));
    QVERIFY(filter);
    QVERIFY(filter->isVisible());
    const core::Evaluation& evaluation = *f.analysis.evaluation();
    const widgets::ScatterPlot& plot = *f.view.patchPlot();
    QCOMPARE(filter->count(), 9); // all, n = 1..8 (maxGrid 8)
    QVERIFY(clickComboItem(filter, QStringLiteral("3 × 3")));
    QCOMPARE(plot.seriesCount(), 2); // n = 3 and the best plan
    QCOMPARE(plot.seriesName(0), QStringLiteral("3 × 3 patches"));
    QVERIFY(corePoints(evaluation, 3) > 0);
    QCOMPARE(plottedCurvePoints(plot), corePoints(evaluation, 3));
    QVERIFY(clickComboItem(filter, QStringLiteral("8 × 8")));
    QCOMPARE(plottedCurvePoints(plot), corePoints(evaluation, 8));
    QVERIFY(corePoints(evaluation, 8) < corePoints(evaluation, 3)); // n = 8 needs >= 8x8 split outputs
    QVERIFY(clickComboItem(filter, QStringLiteral("All grids")));
    QCOMPARE(plottedCurvePoints(plot), corePoints(evaluation, 0));
    QCOMPARE(plot.seriesCount(), 9);
}

void TestMemoryView::highlightedLayerMarksItsStep()
{
    Fixture f;
    QVERIFY(f.open());
    f.view.setHighlightedLayer(QStringLiteral("b2_dw"));
    QCOMPARE(f.view.timelinePlot()->highlightedStep(), kPeakStep);
    f.view.setHighlightedLayer(QStringLiteral("stem"));
    QCOMPARE(f.view.timelinePlot()->highlightedStep(), 0);
    // A folded batchnorm marks the step of the conv it was folded into.
    f.view.setHighlightedLayer(QStringLiteral("stem_bn"));
    QCOMPARE(f.view.highlightedLayer(), QStringLiteral("stem"));
    QCOMPARE(f.view.timelinePlot()->highlightedStep(), 0);
    // A name without a step clears the mark.
    f.view.setHighlightedLayer(QStringLiteral("no_such_layer"));
    QCOMPARE(f.view.timelinePlot()->highlightedStep(), -1);
    // The highlight survives a re-evaluation.
    f.view.setHighlightedLayer(QStringLiteral("b2_dw"));
    QVERIFY(f.document.setTargetId(QStringLiteral("stm32h743")).isEmpty());
    f.analysis.waitForFinished();
    QCOMPARE(f.view.timelinePlot()->highlightedStep(), kPeakStep);
    f.view.setHighlightedLayer(QString());
    QCOMPARE(f.view.timelinePlot()->highlightedStep(), -1);
}

void TestMemoryView::layerSelectionHighlights()
{
    Fixture f;
    QVERIFY(f.open());
    models::LayerTableModel model(&f.document);
    QItemSelectionModel selection(&model);
    f.view.followLayerSelection(&selection);
    const QModelIndexList b2dw = model.match(model.index(0, models::LayerTableModel::NameColumn), Qt::DisplayRole,
                                             QStringLiteral("b2_dw"), 1, Qt::MatchExactly);
    QCOMPARE(b2dw.size(), 1);
    selection.setCurrentIndex(b2dw.front(), QItemSelectionModel::ClearAndSelect);
    QCOMPARE(f.view.highlightedLayer(), QStringLiteral("b2_dw"));
    QCOMPARE(f.view.timelinePlot()->highlightedStep(), kPeakStep);
}

void TestMemoryView::hoverShowsTheLayer()
{
    Fixture f;
    QVERIFY(f.open());
    f.view.resize(900, 600);
    f.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    widgets::TimelinePlot* plot = f.view.timelinePlot();
    auto* canvas = plot->findChild<QWidget*>(QStringLiteral("plotCanvas"));
    QVERIFY(canvas);
    QCoreApplication::processEvents(); // the canvas lays out its axes on the queued replot
    const QPoint at = plot->stepPosition(kPeakStep);
    QCOMPARE(plot->stepAt(at), kPeakStep);
    QTest::mouseMove(canvas, at);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), plot->stepToolTip(kPeakStep));
    QVERIFY(QToolTip::text().startsWith(QStringLiteral("Step 4: b2_dw")));
}

void TestMemoryView::followsTheTarget()
{
    Fixture f;
    QVERIFY(f.open());
    // The STM32H743's largest arena region: AXI SRAM 512 KB = 524,288 B (RM0433).
    QVERIFY(f.document.setTargetId(QStringLiteral("stm32h743")).isEmpty());
    f.analysis.waitForFinished();
    QCOMPARE(f.view.timelinePlot()->referenceValue(), 512.0);
    QCOMPARE(f.view.timelinePlot()->referenceLabel(), QStringLiteral("arena SRAM of stm32h743: 512 KiB"));
    QVERIFY(labelText(f.view, "memorySramFit").endsWith(QStringLiteral("does not fit, margin -995,256 B (-971.93 KiB)")));
}

void TestMemoryView::contributesDock()
{
    StudioDocument document;
    EvaluationRunner analysis(&document);
    QWidget window;
    auto* view = new MemoryView(&analysis);
    QDockWidget* dock = view->createDock(&window);
    QCOMPARE(dock->widget(), view);
    QCOMPARE(dock->objectName(), QStringLiteral("mcuMemoryDock"));
    QCOMPARE(dock->windowTitle(), QStringLiteral("MCU Memory"));
}

QTEST_MAIN(TestMemoryView)
#include "tst_memory_view.moc"
