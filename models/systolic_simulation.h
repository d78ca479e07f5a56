#pragma once

#include "core/accel/conv_problem.h"
#include "core/accel/systolic_simulator.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace mdse::models {

class StudioDocument;

// The systolic-array simulation of one layer of the document's network:
// the array configuration (remembered in the settings; the first default
// is SCALE-Sim's scale.cfg: 32 x 32, output stationary, 64 kB SRAMs), the
// selected layer (by name), and core's report (simulateSystolicProblem)
// with the per-cycle SRAM trace binned for plotting (binSystolicTrace).
//
// It recomputes when the network, the selection or the configuration
// changes. The simulation runs on the global thread pool (a layer can take
// millions of cycles); while it runs the previous result stays and
// isBusy() is true; requests made meanwhile collapse into one run of the
// newest state, and the outdated run is asked to stop (core's progress
// callback), as is a run still going when the simulation is destroyed. updated() is emitted whenever status() or result()
// changes: once when a configuration change's result arrives; for a newly
// selected layer once for Pending and once for its result; once for a
// status without a result (no network, not an array layer).
class SystolicSimulation : public QObject {
    Q_OBJECT
public:
    enum class Status {
        NoNetwork,     // nothing to simulate
        NoLayer,       // no layer selected, or no layer of that name
        NotArrayLayer, // the layer has no MAC-array work (pooling, add, ...)
        Pending,       // the first result for this layer is on its way
        Ready,         // result() holds a report and a trace
        Failed,        // the simulation threw; statusText() says why
    };
    // Plots show at most this many bins per trace.
    static constexpr qint64 kMaxTraceBins = 2000;

    struct Result {
        core::ConvProblem problem;
        core::SystolicConfig config;
        core::SystolicLayerReport report;
        std::vector<core::SystolicTraceBin> trace;
        QString error; // non-empty: the simulation failed
    };

    explicit SystolicSimulation(const StudioDocument* document, QObject* parent = nullptr);
    ~SystolicSimulation() override;

    const core::SystolicConfig& config() const { return m_config; }
    // Takes rows, columns, SRAM sizes and dataflow (values below 1 become
    // 1) and remembers them as the defaults of the next session.
    void setConfig(const core::SystolicConfig& config);
    // The settings' configuration (defaults: SCALE-Sim's scale.cfg).
    static core::SystolicConfig rememberedConfig();

    const QString& selectedLayer() const { return m_selected; }
    void setSelectedLayer(const QString& name);

    Status status() const { return m_status; }
    QString statusText() const;
    // The result shown for the selected layer (possibly of an earlier
    // configuration while isBusy()); nullptr unless status() is Ready.
    const Result* result() const { return m_status == Status::Ready ? &*m_result : nullptr; }
    bool isBusy() const { return m_running; }

signals:
    void updated();
    void busyChanged(bool busy);
    void configChanged();

private:
    void networkChanged();
    void recompute();
    void requestRun();
    void start();
    void finished();
    const core::ConvProblem* selectedProblem() const;
    bool isLayerName(const QString& name) const;

    const StudioDocument* m_document;
    core::SystolicConfig m_config;
    QString m_selected;
    std::vector<core::ConvProblem> m_problems; // the network's array layers
    Status m_status = Status::NoNetwork;
    std::optional<Result> m_result;
    QFutureWatcher<Result> m_watcher;
    bool m_running = false;
    bool m_needsRun = false;      // the current state still waits for a run
    quint64 m_generation = 0;     // counts state changes
    quint64 m_runGeneration = 0;  // the state the running simulation is of
    std::shared_ptr<std::atomic_bool> m_stopRun; // set: the running simulation should stop
};

} // namespace mdse::models
