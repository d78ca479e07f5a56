#pragma once

#include "core/evaluate/evaluation.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

template <typename T>
class QFutureWatcher;

namespace mdse::models {

class StudioDocument;

// Keeps core::evaluate() of the document's (network, DesignSpec) current, off
// the GUI thread: every change of the network or the spec requests a run on
// QtConcurrent. The newest request wins: a run that a newer request made
// outdated is asked to stop (through evaluate()'s progress callback) and its
// result is dropped, so results arrive in request order and the last one
// shown is the newest. Views read evaluation() on updated(); they never
// evaluate themselves.
class EvaluationRunner : public QObject {
    Q_OBJECT
public:
    explicit EvaluationRunner(const StudioDocument* document, QObject* parent = nullptr);
    ~EvaluationRunner() override;

    // The newest finished evaluation; nullptr without a network, or when it
    // failed (errorText() says why).
    const core::Evaluation* evaluation() const { return m_evaluation.get(); }
    std::shared_ptr<const core::Evaluation> sharedEvaluation() const { return m_evaluation; }
    const QString& errorText() const { return m_error; }
    bool isRunning() const;
    // The evaluated layer that carries `layer` of the document's network: the
    // producer a batchnorm was folded into, else the layer itself.
    QString deployedLayer(const QString& layer) const;

    // Blocks until the runs requested so far have finished and delivers the
    // newest (tests, benchmarks, golden cases).
    void waitForFinished();

public slots:
    void request();

signals:
    void started();
    void updated();

private:
    struct Result;
    void startRun();
    void finished();

    const StudioDocument* m_document;
    QFutureWatcher<std::shared_ptr<Result>>* m_watcher;
    std::shared_ptr<std::atomic<quint64>> m_newest; // shared with runs, so an outdated one stops
    quint64 m_running = 0;
    bool m_pending = false;
    std::shared_ptr<const core::Evaluation> m_evaluation;
    QString m_error;
};

} // namespace mdse::models
