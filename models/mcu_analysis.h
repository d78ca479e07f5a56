#pragma once

#include "core/graph/batchnorm_folding.h"
#include "core/perf/mcu_evaluation.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <optional>

namespace mdse::models {

class StudioDocument;

// Core's whole MCU evaluation (core::evaluateMcu: memory analyses, SRAM
// timeline, patch curve, flash, latency, roofline) of the document's network
// on its MCU target, kept current: it re-evaluates when the network or the
// target changes and emits updated(). The evaluation is a pure function of
// (network with batchnorms folded, as the CLI's, int8 precision, target,
// default options) taking a few ms for the
// zoo's networks, so it runs synchronously. Views read it; they never
// evaluate themselves.
class McuAnalysis : public QObject {
    Q_OBJECT
public:
    explicit McuAnalysis(const StudioDocument* document, QObject* parent = nullptr);

    // nullptr without a network, without a target, or when the evaluation
    // failed (errorText() says why in the last two cases).
    const core::McuEvaluation* evaluation() const { return m_evaluation ? &*m_evaluation : nullptr; }
    const QString& errorText() const { return m_error; }
    // The evaluated layer that carries `layer` of the document's network: the
    // producer a batchnorm was folded into, else the layer itself.
    QString deployedLayer(const QString& layer) const { return m_foldedInto.value(layer, layer); }

signals:
    void updated();

private:
    void evaluate();
    void rememberFolds(const core::BatchNormFoldReport& folds);

    const StudioDocument* m_document;
    std::optional<core::McuEvaluation> m_evaluation;
    QString m_error;
    QHash<QString, QString> m_foldedInto; // folded batchnorm -> its producer
};

} // namespace mdse::models
