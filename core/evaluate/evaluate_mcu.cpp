// evaluate() step 6 for MCU targets: memory analyses, latency, roofline.
#include "core/evaluate/evaluate_stages.h"

#include "core/perf/mcu_roofline.h"
#include "core/util/error.h"

namespace mdse::core::stages {
namespace {

// Per-layer rows from the network-wide timelines and the latency estimate,
// which all walk the execution order as the rows do (checked).
void fillRows(Evaluation& e, const McuMemoryReport& memory, std::vector<LayerLatency>& latency)
{
    if (memory.liveSet.steps.size() != e.layers.size() || latency.size() != e.layers.size())
        throw Error("internal: the MCU analyses do not walk the evaluated layers");
    for (std::size_t r = 0; r < e.layers.size(); ++r) {
        EvaluatedLayer& row = e.layers[r];
        const TimelineStep& step = memory.liveSet.steps[r];
        if (step.layerIndex != row.layerIndex || latency[r].layerIndex != row.layerIndex)
            throw Error("internal: the MCU analyses walk the layers in another order");
        LayerMemory m;
        m.step = r;
        m.outputBytes = row.compression.activationBytes;
        m.liveBytes = step.totalBytes;
        m.inPlaceLiveBytes = memory.inPlace.steps[r].totalBytes;
        m.scratchBytes = step.scratchBytes;
        row.memory = m;
        row.latency = std::move(latency[r]);
    }
}

} // namespace

void evaluateMcu(Evaluation& e, const NetworkStats& stats, const PrecisionView& precision)
{
    const DesignSpec& spec = e.spec;
    const hwlib::McuTarget& target = spec.target.mcu;
    McuMemoryOptions options;
    options.runtime = spec.runtime;
    options.sramModel = spec.sramModel;
    options.exactReorderLimit = spec.exactReorderLimit;
    options.patch = spec.patch;
    options.kernels = kernelsOf(spec);
    McuResults results;
    results.kernels = *options.kernels;
    results.memory = analyzeMcuMemory(e.network, stats, precision, target, options);
    LatencyEstimate latency = estimateLatency(e.network, stats, precision, target, spec.latency);
    results.roofline = mcuNetworkRoofline(e.network, stats, precision, target, latency);
    results.latency = latency.summary;
    fillRows(e, results.memory, latency.layers);
    e.mcu = std::move(results);
}

} // namespace mdse::core::stages
