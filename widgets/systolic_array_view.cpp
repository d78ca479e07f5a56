#include "widgets/systolic_array_view.h"

#include "models/layer_table_model.h"
#include "models/quantity_format.h"
#include "models/systolic_simulation.h"
#include "widgets/plot/step_plot.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace mdse::widgets {

namespace {

using core::SystolicDataflow;
using models::formatExactCount;

constexpr int kMaxArraySide = 4096;
constexpr int kMaxSramKb = 1 << 20; // 1 GB

QString percentText(double percent)
{
    return SystolicArrayView::tr("%1 %").arg(QLocale().toString(percent, 'f', 2));
}

QString kindText(const std::string& kind)
{
    if (kind == "depthwise")
        return SystolicArrayView::tr("depthwise convolution");
    if (kind == "dense")
        return SystolicArrayView::tr("dense");
    return SystolicArrayView::tr("convolution");
}

StepPlot::Series perCycleSeries(const QString& name, const QColor& color,
                                const std::vector<core::SystolicTraceBin>& bins,
                                std::int64_t core::SystolicTraceBin::*words)
{
    StepPlot::Series series{name, color, {}, {}, 0};
    for (const core::SystolicTraceBin& bin : bins) {
        series.x.append(double(bin.firstCycle));
        series.y.append(double(bin.*words) / double(bin.cycles));
    }
    if (!bins.empty())
        series.end = double(bins.back().firstCycle + bins.back().cycles);
    return series;
}

} // namespace

SystolicArrayView::SystolicArrayView(models::StudioDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_simulation(new models::SystolicSimulation(document, this))
    , m_layer(new QLabel(this))
    , m_plot(new StepPlot(this))
{
    m_layer->setObjectName(QStringLiteral("systolicLayer"));
    m_layer->setWordWrap(true);
    m_plot->setObjectName(QStringLiteral("systolicTracePlot"));
    m_plot->setAxisLabels(tr("cycle"), tr("SRAM words per cycle"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_layer);
    layout->addWidget(createConfigForm());
    layout->addWidget(createReportForm());
    layout->addWidget(m_plot, 1);

    connect(m_simulation, &models::SystolicSimulation::configChanged, this, &SystolicArrayView::showConfig);
    connect(m_simulation, &models::SystolicSimulation::updated, this, &SystolicArrayView::showResult);
    connect(m_simulation, &models::SystolicSimulation::busyChanged, this, &SystolicArrayView::showResult);
    showConfig();
    showResult();
}

QSpinBox* SystolicArrayView::addSpinBox(const char* objectName, int maximum, const QString& suffix)
{
    auto* box = new QSpinBox(this);
    box->setObjectName(QString::fromLatin1(objectName));
    box->setRange(1, maximum);
    box->setSuffix(suffix);
    box->setKeyboardTracking(false); // simulate once the number is typed (Enter or focus out)
    box->setAccelerated(true);
    connect(box, &QSpinBox::valueChanged, this, &SystolicArrayView::applyConfig);
    return box;
}

QWidget* SystolicArrayView::createConfigForm()
{
    auto* group = new QGroupBox(tr("Array"), this);
    auto* form = new QFormLayout(group);
    m_rows = addSpinBox("systolicRows", kMaxArraySide, QString());
    m_cols = addSpinBox("systolicCols", kMaxArraySide, QString());
    auto* size = new QHBoxLayout;
    size->addWidget(m_rows);
    size->addWidget(new QLabel(tr("×"), group));
    size->addWidget(m_cols);
    form->addRow(tr("Rows × columns:"), size);
    m_dataflow = new QComboBox(group);
    m_dataflow->setObjectName(QStringLiteral("systolicDataflow"));
    m_dataflow->addItem(tr("Output stationary (OS)"), int(SystolicDataflow::OutputStationary));
    m_dataflow->addItem(tr("Weight stationary (WS)"), int(SystolicDataflow::WeightStationary));
    m_dataflow->addItem(tr("Input stationary (IS)"), int(SystolicDataflow::InputStationary));
    connect(m_dataflow, &QComboBox::currentIndexChanged, this, &SystolicArrayView::applyConfig);
    form->addRow(tr("Dataflow:"), m_dataflow);
    m_ifmapSram = addSpinBox("systolicIfmapSram", kMaxSramKb, tr(" kB"));
    form->addRow(tr("Ifmap SRAM:"), m_ifmapSram);
    m_filterSram = addSpinBox("systolicFilterSram", kMaxSramKb, tr(" kB"));
    form->addRow(tr("Filter SRAM:"), m_filterSram);
    m_ofmapSram = addSpinBox("systolicOfmapSram", kMaxSramKb, tr(" kB"));
    form->addRow(tr("Ofmap SRAM:"), m_ofmapSram);
    return group;
}

QLabel* SystolicArrayView::addValueLabel(QFormLayout* form, const QString& label, const char* objectName)
{
    auto* value = new QLabel(this);
    value->setObjectName(QString::fromLatin1(objectName));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, value);
    m_values.append(value);
    return value;
}

QWidget* SystolicArrayView::createReportForm()
{
    auto* group = new QGroupBox(tr("Report"), this);
    auto* form = new QFormLayout(group);
    m_gemm = addValueLabel(form, tr("GEMM:"), "systolicGemm");
    m_folds = addValueLabel(form, tr("Folds (rows × columns):"), "systolicFolds");
    m_totalCycles = addValueLabel(form, tr("Total cycles:"), "systolicTotalCycles");
    m_stallCycles = addValueLabel(form, tr("Stall cycles:"), "systolicStallCycles");
    m_utilization = addValueLabel(form, tr("Utilization:"), "systolicUtilization");
    m_mappingEfficiency = addValueLabel(form, tr("Mapping efficiency:"), "systolicMappingEfficiency");
    m_sramReads = addValueLabel(form, tr("SRAM reads:"), "systolicSramReads");
    m_sramWrites = addValueLabel(form, tr("SRAM writes:"), "systolicSramWrites");
    m_dramReads = addValueLabel(form, tr("DRAM reads:"), "systolicDramReads");
    m_dramWrites = addValueLabel(form, tr("DRAM writes:"), "systolicDramWrites");
    return group;
}

QDockWidget* SystolicArrayView::createDock(QWidget* parent)
{
    auto* dock = new QDockWidget(tr("Systolic Array"), parent);
    dock->setObjectName(QStringLiteral("systolicDock"));
    dock->setWidget(this);
    return dock;
}

void SystolicArrayView::followLayerSelection(QItemSelectionModel* selection)
{
    connect(selection, &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (current.isValid())
            m_simulation->setSelectedLayer(
                current.siblingAtColumn(models::LayerTableModel::NameColumn).data().toString());
    });
}

void SystolicArrayView::applyConfig()
{
    core::SystolicConfig config = m_simulation->config();
    config.rows = m_rows->value();
    config.cols = m_cols->value();
    config.dataflow = static_cast<SystolicDataflow>(m_dataflow->currentData().toInt());
    config.ifmapSramKb = m_ifmapSram->value();
    config.filterSramKb = m_filterSram->value();
    config.ofmapSramKb = m_ofmapSram->value();
    m_simulation->setConfig(config);
}

void SystolicArrayView::showConfig()
{
    const core::SystolicConfig& config = m_simulation->config();
    const auto set = [](QSpinBox* box, std::int64_t value) {
        const QSignalBlocker blocker(box);
        box->setValue(int(std::min<std::int64_t>(value, box->maximum())));
    };
    set(m_rows, config.rows);
    set(m_cols, config.cols);
    set(m_ifmapSram, config.ifmapSramKb);
    set(m_filterSram, config.filterSramKb);
    set(m_ofmapSram, config.ofmapSramKb);
    const QSignalBlocker blocker(m_dataflow);
    m_dataflow->setCurrentIndex(m_dataflow->findData(int(config.dataflow)));
}

void SystolicArrayView::clearReport()
{
    for (QLabel* value : std::as_const(m_values))
        value->clear();
    m_plot->clear();
}

void SystolicArrayView::showResult()
{
    const models::SystolicSimulation::Result* result = m_simulation->result();
    const QString busy = m_simulation->isBusy() ? tr(" — simulating…") : QString();
    if (!result) {
        m_layer->setText(m_simulation->statusText() + busy);
        clearReport();
        return;
    }
    const core::ConvProblem& p = result->problem;
    const QString layer = p.groups > 1 ? tr("%1 (%2, %3 groups)").arg(m_simulation->statusText(), kindText(p.kind),
                                                                      formatExactCount(p.groups))
                                       : tr("%1 (%2)").arg(m_simulation->statusText(), kindText(p.kind));
    m_layer->setText(layer + busy);
    const core::SystolicLayerReport& r = result->report;
    m_gemm->setText(tr("M %1 × K %2 × N %3").arg(formatExactCount(r.m), formatExactCount(r.k), formatExactCount(r.n)));
    m_folds->setText(tr("%1 × %2").arg(formatExactCount(r.rowFolds), formatExactCount(r.colFolds)));
    m_totalCycles->setText(formatExactCount(r.totalCycles));
    m_stallCycles->setText(formatExactCount(r.stallCycles));
    m_utilization->setText(percentText(r.overallUtilizationPercent));
    m_mappingEfficiency->setText(percentText(r.mappingEfficiencyPercent));
    m_sramReads->setText(tr("ifmap %1 · filter %2").arg(formatExactCount(r.sramIfmapReads),
                                                         formatExactCount(r.sramFilterReads)));
    m_sramWrites->setText(tr("ofmap %1").arg(formatExactCount(r.sramOfmapWrites)));
    m_dramReads->setText(tr("ifmap %1 · filter %2").arg(formatExactCount(r.dramIfmapReads),
                                                         formatExactCount(r.dramFilterReads)));
    m_dramWrites->setText(tr("ofmap %1").arg(formatExactCount(r.dramOfmapWrites)));
    showTrace();
}

void SystolicArrayView::showTrace()
{
    const std::vector<core::SystolicTraceBin>& bins = m_simulation->result()->trace;
    using Bin = core::SystolicTraceBin;
    m_plot->setSeries({perCycleSeries(tr("ifmap reads"), QColor(31, 119, 180), bins, &Bin::ifmapReads),
                       perCycleSeries(tr("filter reads"), QColor(255, 127, 14), bins, &Bin::filterReads),
                       perCycleSeries(tr("ofmap writes"), QColor(44, 160, 44), bins, &Bin::ofmapWrites)});
    const qint64 width = bins.empty() ? 0 : bins.front().cycles;
    m_plot->setToolTip(tr("SRAM words per cycle, averaged over bins of %1 cycles, without stalls")
                           .arg(formatExactCount(width)));
}

} // namespace mdse::widgets
