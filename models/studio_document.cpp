#include "models/studio_document.h"

#include "core/io/network_loader.h"
#include "core/util/error.h"
#include "hwlib/catalogue.h"

#include <QUndoStack>

#include <exception>
#include <new>

namespace mdse::models {

StudioDocument::StudioDocument(QObject* parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{
}

StudioDocument::~StudioDocument() = default;

QString StudioDocument::openNetwork(const QString& pathOrZooId)
{
    return openNetwork(pathOrZooId, {});
}

QString StudioDocument::openNetwork(const QString& pathOrZooId,
                                    const std::map<std::string, core::Shape>& onnxInputShapes)
{
    try {
        // Load and analyse first, commit after: a failure leaves the
        // document exactly as it was.
        core::OnnxImportOptions options;
        options.inputShapes = onnxInputShapes;
        core::Network network = core::loadNetwork(pathOrZooId.toStdString(), options);
        core::NetworkStats stats = core::computeStats(network);
        m_network.emplace(std::move(network));
        m_stats = std::move(stats);
    } catch (const core::Error& error) {
        return QString::fromStdString(error.what());
    } catch (const std::bad_alloc&) {
        return tr("%1: not enough memory to load this network").arg(pathOrZooId);
    } catch (const std::exception& error) {
        // Not core's documented error type: still the user's file, so
        // report it rather than take the studio down.
        return tr("%1: %2").arg(pathOrZooId, QString::fromStdString(error.what()));
    }
    m_sourceLabel = pathOrZooId;
    m_currentLayer.clear();
    m_undoStack->clear();
    emit networkChanged();
    return {};
}

QString StudioDocument::setTargetId(const QString& id)
{
    try {
        setTarget(hwlib::builtInMcuTarget(id.toStdString()));
    } catch (const hwlib::CatalogueError& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

void StudioDocument::setTarget(const hwlib::McuTarget& target)
{
    core::DesignSpec spec = m_spec;
    spec.target = core::TargetSpec{};
    spec.target.kind = core::TargetKind::Mcu;
    spec.target.mcu = target;
    setSpec(spec);
}

void StudioDocument::setSpec(const core::DesignSpec& spec)
{
    const bool targetDiffers = !(spec.target == m_spec.target);
    m_spec = spec;
    if (targetDiffers)
        emit targetChanged();
    emit specChanged();
}

void StudioDocument::setCurrentLayer(const QString& layer)
{
    if (layer == m_currentLayer)
        return;
    m_currentLayer = layer;
    emit currentLayerChanged(layer);
}

QString StudioDocument::targetName() const
{
    switch (m_spec.target.kind) {
    case core::TargetKind::Mcu: return QString::fromStdString(m_spec.target.mcu.name);
    case core::TargetKind::Fpga: return QString::fromStdString(m_spec.target.device.name);
    case core::TargetKind::None: break;
    }
    return tr("no target");
}

const core::Network& StudioDocument::network() const
{
    Q_ASSERT(m_network);
    return *m_network;
}

QString StudioDocument::networkName() const
{
    return m_network ? QString::fromStdString(m_network->name()) : QString();
}

} // namespace mdse::models
