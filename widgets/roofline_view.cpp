#include "widgets/roofline_view.h"

#include "models/evaluation_runner.h"
#include "widgets/plot/roofline_plot.h"

#include "core/perf/roofline.h"

#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace mdse::widgets {

namespace {

// The evaluation when it has MCU results (an MCU target), else nullptr.
const core::Evaluation* mcuEvaluation(const models::EvaluationRunner* runner)
{
    const core::Evaluation* evaluation = runner->evaluation();
    return evaluation && evaluation->mcu ? evaluation : nullptr;
}


QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

// The plot's picture of core's roofline, the points limited to one level ("" = all).
RooflinePlot::Data plotData(const core::Roofline& roofline, const QString& level)
{
    RooflinePlot::Data data;
    for (const core::ComputeCeiling& c : roofline.compute)
        data.compute.append({qs(c.name), c.opsPerSecond});
    for (const core::BandwidthCeiling& b : roofline.bandwidth)
        data.bandwidth.append({qs(b.name), b.bytesPerSecond});
    for (const core::RooflinePoint& p : roofline.points)
        if (level.isEmpty() || qs(p.level) == level)
            data.points.append({qs(p.name), qs(p.level), p.arithmeticIntensity, p.attainedOpsPerSecond,
                                p.bound == "memory"});
    return data;
}

} // namespace

RooflineView::RooflineView(const models::EvaluationRunner* analysis, QWidget* parent)
    : QWidget(parent)
    , m_analysis(analysis)
    , m_level(new QComboBox(this))
    , m_message(new QLabel(this))
    , m_plot(new RooflinePlot(this))
    , m_summary(new QLabel(this))
{
    m_level->setObjectName(QStringLiteral("rooflineLevel"));
    m_level->addItem(tr("flash and SRAM"), QString());
    m_level->addItem(tr("flash"), QStringLiteral("flash"));
    m_level->addItem(tr("SRAM"), QStringLiteral("SRAM"));
    m_message->setObjectName(QStringLiteral("rooflineMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_summary->setObjectName(QStringLiteral("rooflineSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* filterRow = new QHBoxLayout;
    auto* levelLabel = new QLabel(tr("&Points:"), this);
    levelLabel->setBuddy(m_level);
    filterRow->addWidget(levelLabel);
    filterRow->addWidget(m_level);
    filterRow->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addWidget(m_message);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_summary);

    connect(m_level, &QComboBox::currentIndexChanged, this, &RooflineView::refresh);
    connect(m_plot, &RooflinePlot::pointClicked, this, &RooflineView::layerClicked);
    connect(m_analysis, &models::EvaluationRunner::updated, this, &RooflineView::refresh);
    refresh();
}

QDockWidget* RooflineView::createDock(QWidget* parent)
{
    auto* dock = new QDockWidget(tr("Roofline"), parent);
    dock->setObjectName(QStringLiteral("rooflineDock"));
    dock->setWidget(this);
    return dock;
}

void RooflineView::setHighlightedLayer(const QString& layer)
{
    m_highlightedLayer = m_analysis->deployedLayer(layer); // a folded batchnorm shows its producer
    m_plot->setHighlightedLayer(layer);
}

void RooflineView::refresh()
{
    const core::Evaluation* evaluation = mcuEvaluation(m_analysis);
    if (!evaluation) {
        showMessage(m_analysis->errorText().isEmpty() ? tr("Open a network to see its roofline on the MCU target.")
                                                      : m_analysis->errorText());
        return;
    }
    m_message->hide();
    m_plot->show();
    m_summary->show();
    m_level->setEnabled(true);
    m_plot->setData(plotData(evaluation->mcu->roofline, m_level->currentData().toString()));
    m_plot->setHighlightedLayer(m_highlightedLayer);
    m_summary->setText(summary());
}

void RooflineView::showMessage(const QString& text)
{
    m_plot->clear();
    m_plot->hide();
    m_summary->clear();
    m_summary->hide();
    m_level->setEnabled(false);
    m_message->setText(text);
    m_message->show();
}

// One line per bandwidth ceiling (core's summary), over all points whatever
// the filter shows.
QString RooflineView::summary() const
{
    const core::Roofline& roofline = mcuEvaluation(m_analysis)->mcu->roofline;
    const core::ComputeCeiling* peak = core::peakCeiling(roofline);
    if (!peak)
        return {};
    QStringList lines;
    for (const core::RooflineLevelSummary& level : core::summarizeRooflineLevels(roofline))
        lines.append(tr("%1: ridge %2 op/B under %3; %4 of %5 layers memory-bound")
                         .arg(qs(level.level), QLocale().toString(level.ridgeOpsPerByte, 'g', 3), qs(peak->name),
                              QLocale().toString(level.memoryBoundPoints), QLocale().toString(level.points)));
    return lines.join(QLatin1Char('\n'));
}

} // namespace mdse::widgets
