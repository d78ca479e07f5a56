#include "models/systolic_simulation.h"

#include "models/setting.h"
#include "models/studio_document.h"

#include "core/accel/systolic_network.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>
#include <memory>

namespace mdse::models {

namespace {

using core::SystolicDataflow;

// The defaults are core::SystolicConfig's, SCALE-Sim's configs/scale.cfg.
const core::SystolicConfig kScaleSimDefault{};
const Setting<qint64> rowsSetting{"systolic/rows", kScaleSimDefault.rows};
const Setting<qint64> colsSetting{"systolic/cols", kScaleSimDefault.cols};
const Setting<qint64> ifmapSramSetting{"systolic/ifmapSramKb", kScaleSimDefault.ifmapSramKb};
const Setting<qint64> filterSramSetting{"systolic/filterSramKb", kScaleSimDefault.filterSramKb};
const Setting<qint64> ofmapSramSetting{"systolic/ofmapSramKb", kScaleSimDefault.ofmapSramKb};
const Setting<QString> dataflowSetting{"systolic/dataflow", QStringLiteral("os")};

QString dataflowKey(SystolicDataflow dataflow)
{
    switch (dataflow) {
    case SystolicDataflow::OutputStationary: return QStringLiteral("os");
    case SystolicDataflow::WeightStationary: return QStringLiteral("ws");
    case SystolicDataflow::InputStationary: return QStringLiteral("is");
    }
    return QStringLiteral("os");
}

SystolicDataflow dataflowOfKey(const QString& key)
{
    if (key == QLatin1String("ws"))
        return SystolicDataflow::WeightStationary;
    if (key == QLatin1String("is"))
        return SystolicDataflow::InputStationary;
    return SystolicDataflow::OutputStationary;
}

core::SystolicConfig sanitized(core::SystolicConfig config)
{
    for (std::int64_t* value :
         {&config.rows, &config.cols, &config.ifmapSramKb, &config.filterSramKb, &config.ofmapSramKb})
        *value = std::max<std::int64_t>(1, *value);
    return config;
}

// Runs on a pool thread: works on its own copies only.
SystolicSimulation::Result simulate(const core::ConvProblem& problem, const core::SystolicConfig& config,
                                    const std::shared_ptr<std::atomic_bool>& stop)
{
    SystolicSimulation::Result result{problem, config, {}, {}, {}};
    const core::ProgressCallback keepGoing = [stop](double) { return !stop->load(); };
    try {
        result.report = core::simulateSystolicProblem(problem, config, keepGoing);
        const core::SystolicWork work = core::systolicWorkOf(problem);
        result.trace = core::binSystolicTrace(work.layer, config, SystolicSimulation::kMaxTraceBins, work.groups,
                                              keepGoing);
    } catch (const std::exception& error) { // core::Error, or Cancelled for an outdated run
        result.error = QString::fromStdString(error.what());
    }
    return result;
}

} // namespace

SystolicSimulation::SystolicSimulation(const StudioDocument* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_config(rememberedConfig())
{
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &SystolicSimulation::finished);
    connect(document, &StudioDocument::networkChanged, this, &SystolicSimulation::networkChanged);
    networkChanged();
}

// A run still under way is asked to stop and ends on its pool thread with
// nobody listening.
SystolicSimulation::~SystolicSimulation()
{
    if (m_stopRun)
        m_stopRun->store(true);
}

core::SystolicConfig SystolicSimulation::rememberedConfig()
{
    core::SystolicConfig config;
    config.rows = rowsSetting.value();
    config.cols = colsSetting.value();
    config.ifmapSramKb = ifmapSramSetting.value();
    config.filterSramKb = filterSramSetting.value();
    config.ofmapSramKb = ofmapSramSetting.value();
    config.dataflow = dataflowOfKey(dataflowSetting.value());
    return sanitized(config);
}

void SystolicSimulation::setConfig(const core::SystolicConfig& config)
{
    const core::SystolicConfig next = sanitized(config);
    if (next.rows == m_config.rows && next.cols == m_config.cols && next.ifmapSramKb == m_config.ifmapSramKb
        && next.filterSramKb == m_config.filterSramKb && next.ofmapSramKb == m_config.ofmapSramKb
        && next.dataflow == m_config.dataflow)
        return;
    m_config.rows = next.rows;
    m_config.cols = next.cols;
    m_config.ifmapSramKb = next.ifmapSramKb;
    m_config.filterSramKb = next.filterSramKb;
    m_config.ofmapSramKb = next.ofmapSramKb;
    m_config.dataflow = next.dataflow;
    rowsSetting.setValue(m_config.rows);
    colsSetting.setValue(m_config.cols);
    ifmapSramSetting.setValue(m_config.ifmapSramKb);
    filterSramSetting.setValue(m_config.filterSramKb);
    ofmapSramSetting.setValue(m_config.ofmapSramKb);
    dataflowSetting.setValue(dataflowKey(m_config.dataflow));
    emit configChanged();
    recompute();
}

void SystolicSimulation::setSelectedLayer(const QString& name)
{
    if (name == m_selected)
        return;
    m_selected = name;
    recompute();
}

// A new network keeps the selected name if it has such a layer, else
// selects its first array layer.
void SystolicSimulation::networkChanged()
{
    m_problems.clear();
    if (m_document->hasNetwork())
        m_problems = core::convProblems(m_document->network());
    if (!isLayerName(m_selected))
        m_selected = m_problems.empty() ? QString() : QString::fromStdString(m_problems.front().name);
    m_result.reset();
    recompute();
}

bool SystolicSimulation::isLayerName(const QString& name) const
{
    if (name.isEmpty() || !m_document->hasNetwork())
        return false;
    const std::string wanted = name.toStdString();
    const auto& layers = m_document->network().layers();
    return std::any_of(layers.begin(), layers.end(), [&](const core::Layer& l) { return l.name == wanted; });
}

const core::ConvProblem* SystolicSimulation::selectedProblem() const
{
    const std::string wanted = m_selected.toStdString();
    const auto it = std::find_if(m_problems.begin(), m_problems.end(),
                                 [&](const core::ConvProblem& p) { return p.name == wanted; });
    return it == m_problems.end() ? nullptr : &*it;
}

void SystolicSimulation::recompute()
{
    ++m_generation;
    if (m_running)
        m_stopRun->store(true); // its result would be dropped anyway
    m_needsRun = false;
    if (!m_document->hasNetwork())
        m_status = Status::NoNetwork;
    else if (!isLayerName(m_selected))
        m_status = Status::NoLayer;
    else if (!selectedProblem())
        m_status = Status::NotArrayLayer;
    else {
        requestRun();
        return;
    }
    m_result.reset();
    emit updated();
}

// The result of the selected layer stays on screen until the new one
// arrives; another layer's result gives way to "Simulating…" at once.
void SystolicSimulation::requestRun()
{
    m_needsRun = true;
    const bool sameLayer = m_result && m_result->problem.name == m_selected.toStdString();
    if (!sameLayer && m_status != Status::Pending) {
        m_status = Status::Pending;
        m_result.reset();
        emit updated();
    }
    if (m_running)
        return; // finished() starts the newest state
    start();
    emit busyChanged(true);
}

void SystolicSimulation::start()
{
    const core::ConvProblem problem = *selectedProblem();
    const core::SystolicConfig config = m_config;
    auto stop = m_stopRun = std::make_shared<std::atomic_bool>(false);
    m_watcher.setFuture(QtConcurrent::run([problem, config, stop] { return simulate(problem, config, stop); }));
    m_running = true;
    m_needsRun = false;
    m_runGeneration = m_generation;
}

void SystolicSimulation::finished()
{
    m_running = false;
    if (m_runGeneration != m_generation) {
        // The network, selection or configuration moved on meanwhile.
        if (m_needsRun)
            start();
        else
            emit busyChanged(false);
        return;
    }
    m_result = m_watcher.result();
    m_status = m_result->error.isEmpty() ? Status::Ready : Status::Failed;
    emit busyChanged(false);
    emit updated();
}

QString SystolicSimulation::statusText() const
{
    switch (m_status) {
    case Status::NoNetwork: return tr("No network");
    case Status::NoLayer:
        return m_selected.isEmpty() ? tr("Select a convolution or dense layer in the layer table")
                                    : tr("No layer named “%1”").arg(m_selected);
    case Status::NotArrayLayer: return tr("%1: not a convolution or dense layer").arg(m_selected);
    case Status::Pending: return tr("Simulating %1…").arg(m_selected);
    case Status::Ready: return QString::fromStdString(m_result->problem.name);
    case Status::Failed: return tr("%1: the simulation failed: %2").arg(m_selected, m_result->error);
    }
    return {};
}

} // namespace mdse::models
