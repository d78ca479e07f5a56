#pragma once

#include "core/graph/layer_stats.h"
#include "core/graph/network.h"
#include "hwlib/mcu_target.h"

#include <QObject>
#include <QString>

#include <map>
#include <optional>
#include <string>

class QUndoStack;

namespace mdse::models {

// The studio's current design: the open network with its exact statistics,
// the chosen MCU target, where the network came from, and the undo stack
// that later edits push their commands onto ("modified" = stack not clean).
// Views read it and listen to its signals; they never compute results.
class StudioDocument : public QObject {
    Q_OBJECT
public:
    explicit StudioDocument(QObject* parent = nullptr);
    ~StudioDocument() override;

    // Loads "zoo:<id>" or a YAML or ONNX file. On success replaces the network and
    // emits networkChanged(), returning an empty string. On failure returns
    // the loader's "file:line:column: message" and keeps the current network.
    QString openNetwork(const QString& pathOrZooId);
    // The same; an .onnx file is imported with these full input shapes
    // (batch included, by graph input name), which its symbolic
    // dimensions other than the batch need (see core::listOnnxInputs).
    QString openNetwork(const QString& pathOrZooId, const std::map<std::string, core::Shape>& onnxInputShapes);

    // Chooses a part of the built-in catalogue by id; returns an error
    // message (and keeps the current target) if the id is unknown.
    QString setTargetId(const QString& id);
    void setTarget(const hwlib::McuTarget& target);

    bool hasNetwork() const { return m_network.has_value(); }
    const core::Network& network() const; // precondition: hasNetwork()
    const core::NetworkStats& stats() const { return m_stats; }
    const hwlib::McuTarget& target() const { return m_target; }
    QString networkName() const;
    QString targetName() const { return QString::fromStdString(m_target.name); }
    // What openNetwork() was given for the current network ("zoo:<id>" or a path).
    const QString& sourceLabel() const { return m_sourceLabel; }
    QUndoStack* undoStack() const { return m_undoStack; }

signals:
    void networkChanged();
    void targetChanged();

private:
    std::optional<core::Network> m_network;
    core::NetworkStats m_stats;
    hwlib::McuTarget m_target;
    QString m_sourceLabel;
    QUndoStack* m_undoStack = nullptr;
};

} // namespace mdse::models
