#include "models/evaluation_runner.h"

#include "models/studio_document.h"

#include "core/evaluate/evaluate.h"
#include "core/util/error.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace mdse::models {

struct EvaluationRunner::Result {
    quint64 generation = 0;
    std::shared_ptr<const core::Evaluation> evaluation;
    QString error;
};

EvaluationRunner::EvaluationRunner(const StudioDocument* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_watcher(new QFutureWatcher<std::shared_ptr<Result>>(this))
    , m_newest(std::make_shared<std::atomic<quint64>>(0))
{
    connect(m_watcher, &QFutureWatcher<std::shared_ptr<Result>>::finished, this, &EvaluationRunner::finished);
    connect(document, &StudioDocument::networkChanged, this, &EvaluationRunner::request);
    connect(document, &StudioDocument::specChanged, this, &EvaluationRunner::request);
    request();
}

EvaluationRunner::~EvaluationRunner()
{
    m_newest->fetch_add(1); // the running evaluation stops at its next progress report
    m_watcher->waitForFinished();
}

bool EvaluationRunner::isRunning() const { return m_running != 0; }

void EvaluationRunner::request()
{
    m_newest->fetch_add(1);
    if (isRunning()) {
        m_pending = true; // started when the outdated run has stopped
        return;
    }
    startRun();
}

void EvaluationRunner::startRun()
{
    m_pending = false;
    if (!m_document->hasNetwork()) {
        m_evaluation.reset();
        m_error.clear();
        emit updated();
        return;
    }
    const quint64 generation = m_newest->load();
    m_running = generation;
    emit started();
    m_watcher->setFuture(QtConcurrent::run(
        [network = m_document->network(), spec = m_document->spec(), generation, newest = m_newest] {
            auto result = std::make_shared<Result>();
            result->generation = generation;
            try {
                result->evaluation = std::make_shared<const core::Evaluation>(
                    core::evaluate(network, spec, [&](double) { return newest->load() == generation; }));
            } catch (const core::Cancelled&) {
            } catch (const std::exception& error) { // core::Error: a design the network cannot take
                result->error = QCoreApplication::translate("mdse::models::EvaluationRunner",
                                                            "The design could not be evaluated: %1")
                                    .arg(QString::fromStdString(error.what()));
            }
            return result;
        }));
}

void EvaluationRunner::finished()
{
    const std::shared_ptr<Result> result = m_watcher->result();
    m_running = 0;
    if (m_pending || result->generation != m_newest->load()) {
        startRun(); // outdated: the newest request runs now
        return;
    }
    m_evaluation = result->evaluation;
    m_error = result->error;
    emit updated();
}

void EvaluationRunner::waitForFinished()
{
    while (isRunning()) {
        m_watcher->waitForFinished();
        QCoreApplication::sendPostedEvents(m_watcher);
        QCoreApplication::processEvents();
    }
}

QString EvaluationRunner::deployedLayer(const QString& layer) const
{
    if (m_evaluation)
        for (const core::FoldedLayer& folded : m_evaluation->folded)
            if (QString::fromStdString(folded.name) == layer)
                return QString::fromStdString(folded.into);
    return layer;
}

} // namespace mdse::models
