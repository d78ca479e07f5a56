#include "widgets/memory_view.h"

#include "models/layer_table_model.h"
#include "models/evaluation_runner.h"
#include "models/quantity_format.h"
#include "widgets/plot/scatter_plot.h"
#include "widgets/plot/timeline_plot.h"

#include "core/evaluate/evaluation.h"

#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace mdse::widgets {

namespace {

// The evaluation when it has MCU results (an MCU target), else nullptr.
const core::Evaluation* mcuEvaluation(const models::EvaluationRunner* runner)
{
    const core::Evaluation* evaluation = runner->evaluation();
    return evaluation && evaluation->mcu ? evaluation : nullptr;
}


using models::formatExactCount;
using models::formatKibibytes;

constexpr double kBytesPerKib = double(models::kBytesPerKibibyte);
constexpr int kAllGrids = 0; // grid filter item data
constexpr int kMaxGridHue = 300; // grid n colours from red (n = 1) towards magenta
const QColor kLiveSetColor(70, 130, 180);
const QColor kInPlaceColor(230, 120, 0);
const QColor kCapacityColor(180, 0, 0);
const QColor kBestColor(200, 0, 0);
const QColor kPerLayerColor(90, 90, 90);
const QColor kLimitColor(0, 120, 0);
// The patch plot first shows MAC overheads up to this many times the
// overhead limit: the curve reaches thousands of percent at deep splits and
// fine grids, which would squeeze the plans near the limit into one column.
constexpr double kShownLimits = 3.0;
constexpr double kLeftMargin = 0.05; // of the shown x range, left of 0 %

// "1,505,280 B (1,470 KiB)"
QString bytesText(qint64 bytes)
{
    return MemoryView::tr("%1 B (%2)").arg(formatExactCount(bytes), formatKibibytes(bytes));
}

QString percentText(double percent)
{
    return MemoryView::tr("%1 %").arg(QLocale().toString(percent, 'f', 2));
}

QString gridText(int grid)
{
    return MemoryView::tr("%1 × %1 patches").arg(grid);
}

QString sramModelText(core::SramModel model)
{
    switch (model) {
    case core::SramModel::ClosedForm: return MemoryView::tr("closed-form peak");
    case core::SramModel::LiveSet: return MemoryView::tr("live-set peak");
    case core::SramModel::InPlace: return MemoryView::tr("in-place peak");
    case core::SramModel::Patch: return MemoryView::tr("best patch plan");
    case core::SramModel::Arena: break;
    }
    return MemoryView::tr("arena");
}

QColor gridColor(int grid, int maxGrid)
{
    const int hue = maxGrid > 1 ? (grid - 1) * kMaxGridHue / (maxGrid - 1) : 0;
    return QColor::fromHsv(hue, 200, 200);
}

QVector<double> stepKibibytes(const core::LiveSetTimeline& timeline)
{
    QVector<double> values;
    for (const core::TimelineStep& step : timeline.steps)
        values.append(double(step.totalBytes) / kBytesPerKib);
    return values;
}

QString stepToolTip(std::size_t index, const core::TimelineStep& live, const core::TimelineStep* inPlace)
{
    QString tip = MemoryView::tr("Step %1: %2\nLive set: %3 (tensors %4 + scratch %5)")
                      .arg(index)
                      .arg(QString::fromStdString(live.layerName), bytesText(live.totalBytes),
                           bytesText(live.tensorBytes), bytesText(live.scratchBytes));
    if (inPlace)
        tip += MemoryView::tr("\nIn-place depthwise: %1%2")
                   .arg(bytesText(inPlace->totalBytes),
                        inPlace->inPlace ? MemoryView::tr(" (runs in place)") : QString());
    return tip;
}

QString planToolTip(const core::PatchPlan& plan)
{
    return MemoryView::tr("Split after %1, %2\nPeak SRAM %3\nMACs +%4 (%5 extra)")
        .arg(QString::fromStdString(plan.splitLayer), gridText(plan.grid), bytesText(plan.peakBytes),
             percentText(plan.overheadPercent), formatExactCount(plan.extraMacs));
}

ScatterPlot::Series planSeries(const QString& name, const QColor& color)
{
    ScatterPlot::Series series;
    series.name = name;
    series.color = color;
    return series;
}

void addPlan(ScatterPlot::Series& series, const core::PatchPlan& plan)
{
    series.x.append(plan.overheadPercent);
    series.y.append(double(plan.peakBytes) / kBytesPerKib);
    series.toolTips.append(planToolTip(plan));
}

} // namespace

MemoryView::MemoryView(const models::EvaluationRunner* analysis, QWidget* parent)
    : QWidget(parent)
    , m_analysis(analysis)
    , m_pages(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_tabs(new QTabWidget(this))
{
    m_message->setObjectName(QStringLiteral("memoryMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_tabs->setObjectName(QStringLiteral("memoryTabs"));
    m_tabs->addTab(createTimelinePage(), tr("SRAM timeline"));
    m_tabs->addTab(createPatchPage(), tr("Patch inference"));
    m_pages->addWidget(m_message);
    m_pages->addWidget(m_tabs);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_pages);
    connect(m_analysis, &models::EvaluationRunner::updated, this, &MemoryView::showAnalysis);
    showAnalysis();
}

QWidget* MemoryView::createTimelinePage()
{
    auto* page = new QWidget(this);
    m_timelineSummary = new QLabel(page);
    m_timelineSummary->setObjectName(QStringLiteral("memoryTimelineSummary"));
    m_sramFit = new QLabel(page);
    m_sramFit->setObjectName(QStringLiteral("memorySramFit"));
    m_timeline = new TimelinePlot(page);
    m_timeline->setObjectName(QStringLiteral("memoryTimelinePlot"));
    m_timeline->setAxisLabels(tr("execution step"), tr("live SRAM (KiB)"));
    auto* layout = new QVBoxLayout(page);
    for (QLabel* label : {m_timelineSummary, m_sramFit}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(label);
    }
    layout->addWidget(m_timeline, 1);
    return page;
}

QWidget* MemoryView::createPatchPage()
{
    auto* page = new QWidget(this);
    m_gridFilter = new QComboBox(page);
    m_gridFilter->setObjectName(QStringLiteral("memoryGridFilter"));
    connect(m_gridFilter, &QComboBox::currentIndexChanged, this, &MemoryView::showPatchCurve);
    m_patchSummary = new QLabel(page);
    m_patchSummary->setObjectName(QStringLiteral("memoryPatchSummary"));
    m_patchSummary->setWordWrap(true);
    m_patchSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rangeHint = new QLabel(page);
    m_rangeHint->setObjectName(QStringLiteral("memoryPatchRangeHint"));
    m_rangeHint->setWordWrap(true);
    m_patch = new ScatterPlot(page);
    m_patch->setObjectName(QStringLiteral("memoryPatchPlot"));
    m_patch->setAxisLabels(tr("MAC overhead (%)"), tr("peak SRAM (KiB)"));
    auto* filter = new QHBoxLayout;
    filter->addWidget(new QLabel(tr("Grid:"), page));
    filter->addWidget(m_gridFilter);
    filter->addWidget(m_rangeHint, 1);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_patchSummary);
    layout->addLayout(filter);
    layout->addWidget(m_patch, 1);
    return page;
}

QDockWidget* MemoryView::createDock(QWidget* parent)
{
    auto* dock = new QDockWidget(tr("MCU Memory"), parent);
    dock->setObjectName(QStringLiteral("mcuMemoryDock"));
    dock->setWidget(this);
    return dock;
}

void MemoryView::followLayerSelection(QItemSelectionModel* selection)
{
    connect(selection, &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        setHighlightedLayer(current.isValid()
                                ? current.siblingAtColumn(models::LayerTableModel::NameColumn).data().toString()
                                : QString());
    });
}

void MemoryView::setHighlightedLayer(const QString& layer)
{
    m_highlightedLayer = m_analysis->deployedLayer(layer); // a folded batchnorm shows its producer
    applyHighlight();
}

void MemoryView::applyHighlight()
{
    int step = -1;
    if (const core::Evaluation* evaluation = mcuEvaluation(m_analysis)) {
        const std::string name = m_highlightedLayer.toStdString();
        const auto& steps = evaluation->mcu->memory.liveSet.steps;
        for (std::size_t i = 0; i < steps.size() && step < 0 && !name.empty(); ++i)
            if (steps[i].layerName == name)
                step = int(i);
    }
    m_timeline->setHighlightedStep(step);
}

void MemoryView::showAnalysis()
{
    const core::Evaluation* evaluation = mcuEvaluation(m_analysis);
    if (!evaluation) {
        m_message->setText(m_analysis->errorText().isEmpty()
                               ? tr("No MCU analysis: open a network to see its SRAM timeline and "
                                    "patch-based inference on the target.")
                               : m_analysis->errorText());
        m_pages->setCurrentWidget(m_message);
        m_timeline->clear();
        m_patch->clear();
        m_gridFilter->clear();
        m_rangeHint->clear();
        return;
    }
    m_pages->setCurrentWidget(m_tabs);
    showTimeline(*evaluation);
    showTimelineSummary(*evaluation);
    fillGridFilter(*evaluation); // shows the curve
    showPatchSummary(*evaluation);
}

void MemoryView::showTimeline(const core::Evaluation& evaluation)
{
    const core::LiveSetTimeline& live = evaluation.mcu->memory.liveSet;
    const core::LiveSetTimeline& inPlace = evaluation.mcu->memory.inPlace;
    QStringList tips;
    for (std::size_t i = 0; i < live.steps.size(); ++i)
        tips.append(stepToolTip(i, live.steps[i], i < inPlace.steps.size() ? &inPlace.steps[i] : nullptr));
    m_timeline->setSeries({{tr("live set"), kLiveSetColor, TimelinePlot::Style::Bars, stepKibibytes(live)},
                           {tr("in-place depthwise"), kInPlaceColor, TimelinePlot::Style::Steps,
                            stepKibibytes(inPlace)}},
                          tips);
    const qint64 sram = evaluation.spec.target.mcu.sramBytes;
    m_timeline->setReferenceLine(double(sram) / kBytesPerKib,
                                 tr("arena SRAM of %1: %2")
                                     .arg(QString::fromStdString(evaluation.spec.target.mcu.id), formatKibibytes(sram)),
                                 kCapacityColor);
    if (!live.steps.empty())
        m_timeline->setMarkedStep(int(live.peakStep),
                                  tr("peak: %1").arg(QString::fromStdString(live.steps[live.peakStep].layerName)));
    applyHighlight();
}

void MemoryView::showTimelineSummary(const core::Evaluation& evaluation)
{
    const core::McuMemoryReport& memory = evaluation.mcu->memory;
    const QString peakLayer =
        memory.liveSet.steps.empty() ? QString()
                                     : QString::fromStdString(memory.liveSet.steps[memory.liveSet.peakStep].layerName);
    m_timelineSummary->setText(tr("Peak %1 at %2 (step %3) · in-place depthwise peak %4 · arena (TFLM greedy) %5")
                                   .arg(bytesText(memory.liveSet.peakBytes), peakLayer)
                                   .arg(memory.liveSet.peakStep)
                                   .arg(bytesText(memory.inPlace.peakBytes),
                                        bytesText(memory.greedy.plan.arenaBytes)));
    const core::FitVerdict& fit = memory.sramFit;
    m_sramFit->setText(tr("SRAM fit (%1 + runtime %2 = %3 of %4): %5, margin %6")
                           .arg(sramModelText(memory.sramModel), bytesText(memory.runtimeSramBytes),
                                bytesText(fit.requiredBytes), bytesText(fit.availableBytes),
                                fit.fits ? tr("fits") : tr("does not fit"), bytesText(fit.marginBytes)));
}

void MemoryView::fillGridFilter(const core::Evaluation& evaluation)
{
    std::set<int> grids;
    for (const core::PatchPlan& plan : evaluation.mcu->memory.patch.curve)
        grids.insert(plan.grid);
    const int chosen = m_gridFilter->currentData().toInt();
    {
        const QSignalBlocker blocker(m_gridFilter);
        m_gridFilter->clear();
        m_gridFilter->addItem(tr("All grids"), kAllGrids);
        for (int grid : grids)
            m_gridFilter->addItem(tr("%1 × %1").arg(grid), grid);
        m_gridFilter->setCurrentIndex(std::max(0, m_gridFilter->findData(chosen)));
    }
    showPatchCurve();
}

void MemoryView::showPatchCurve()
{
    const core::Evaluation* evaluation = mcuEvaluation(m_analysis);
    if (!evaluation)
        return;
    const core::PatchAnalysis& patch = evaluation->mcu->memory.patch;
    const int shown = m_gridFilter->currentData().toInt();
    const int maxGrid = evaluation->spec.patch.maxGrid;
    QList<ScatterPlot::Series> series;
    for (int grid = 1; grid <= maxGrid; ++grid) {
        if (shown != kAllGrids && grid != shown)
            continue;
        ScatterPlot::Series points = planSeries(gridText(grid), gridColor(grid, maxGrid));
        for (const core::PatchPlan& plan : patch.curve)
            if (plan.grid == grid)
                addPlan(points, plan);
        if (!points.x.isEmpty())
            series.append(points);
    }
    if (patch.best) {
        ScatterPlot::Series best = planSeries(tr("best plan"), kBestColor);
        best.marker = ScatterPlot::Marker::Star;
        best.size = 16;
        addPlan(best, *patch.best);
        series.append(best);
    }
    m_patch->setSeries(series);
    m_patch->setReferenceLine(double(patch.perLayerPeakBytes) / kBytesPerKib,
                              tr("per-layer peak (no patches): %1").arg(formatKibibytes(patch.perLayerPeakBytes)),
                              kPerLayerColor);
    limitPatchRange(*evaluation, shown);
}

void MemoryView::limitPatchRange(const core::Evaluation& evaluation, int shownGrid)
{
    const double limit = evaluation.spec.patch.maxOverheadPercent;
    m_patch->setLimitLine(limit, tr("overhead limit %1").arg(percentText(limit)), kLimitColor);
    const double right = kShownLimits * limit;
    int beyond = 0;
    for (const core::PatchPlan& plan : evaluation.mcu->memory.patch.curve)
        if ((shownGrid == kAllGrids || plan.grid == shownGrid) && plan.overheadPercent > right)
            ++beyond;
    m_rangeHint->setText(beyond > 0 ? tr("%n plan(s) beyond %1 MAC overhead: turn the wheel over the plot to "
                                         "zoom out.", nullptr, beyond)
                                          .arg(percentText(right))
                                    : QString());
    if (beyond > 0)
        m_patch->setXRange(-kLeftMargin * right, right);
}

void MemoryView::showPatchSummary(const core::Evaluation& evaluation)
{
    const core::PatchAnalysis& patch = evaluation.mcu->memory.patch;
    const QString limit = percentText(evaluation.spec.patch.maxOverheadPercent);
    if (!patch.best) {
        m_patchSummary->setText(tr("No patch plan within %1 extra MACs; per-layer peak %2")
                                    .arg(limit, bytesText(patch.perLayerPeakBytes)));
        return;
    }
    const core::PatchPlan& best = *patch.best;
    m_patchSummary->setText(tr("Best plan (at most %1 extra MACs): split after %2, %3: peak %4 at +%5 MACs; "
                               "per-layer peak %6")
                                .arg(limit, QString::fromStdString(best.splitLayer), gridText(best.grid),
                                     bytesText(best.peakBytes), percentText(best.overheadPercent),
                                     bytesText(patch.perLayerPeakBytes)));
}

} // namespace mdse::widgets
