#pragma once

#include "core/evaluate/design_spec.h"
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

// The studio's current design: the open network (as loaded) with its exact
// statistics, where it came from, the DesignSpec (target, per-layer design,
// options) evaluate() takes, and the undo stack edits push their commands
// onto ("modified" = stack not clean). Views read it and listen to its
// signals; they never compute results (models::EvaluationRunner evaluates).
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
    // Replaces the whole design point; emits specChanged() (and
    // targetChanged() when the target differs).
    void setSpec(const core::DesignSpec& spec);

    bool hasNetwork() const { return m_network.has_value(); }
    const core::Network& network() const; // precondition: hasNetwork()
    const core::NetworkStats& stats() const { return m_stats; }
    const core::DesignSpec& spec() const { return m_spec; }
    // The MCU part of the spec's target (an empty part without an MCU target).
    const hwlib::McuTarget& target() const { return m_spec.target.mcu; }
    QString networkName() const;
    QString targetName() const;
    // The one current layer every view shares (a name of the network as
    // loaded; "" for none). Views set it on selection and follow
    // currentLayerChanged(); a folded batchnorm stays itself here (views map
    // it to its producer with EvaluationRunner::deployedLayer).
    const QString& currentLayer() const { return m_currentLayer; }
    void setCurrentLayer(const QString& layer);
    // What openNetwork() was given for the current network ("zoo:<id>" or a path).
    const QString& sourceLabel() const { return m_sourceLabel; }
    QUndoStack* undoStack() const { return m_undoStack; }

signals:
    void networkChanged();
    void targetChanged();
    void specChanged(); // any field of the spec, the target included
    void currentLayerChanged(const QString& layer);

private:
    std::optional<core::Network> m_network;
    core::NetworkStats m_stats;
    core::DesignSpec m_spec;
    QString m_sourceLabel;
    QString m_currentLayer;
    QUndoStack* m_undoStack = nullptr;
};

} // namespace mdse::models
