#include "core/store/experiment_from_evaluation.h"

#include "core/evaluate/evaluate.h"
#include "core/io/design_config_yaml.h"
#include "core/io/design_spec_yaml.h"
#include "core/io/network_yaml.h"
#include "hwlib/fpga_writer.h"
#include "hwlib/mcu_part_writer.h"

namespace mdse::core {
namespace {

LayerResult layerResult(const Evaluation& e, const EvaluatedLayer& row)
{
    const LayerStats& s = row.stats;
    LayerResult r;
    r.name = s.name;
    r.op = std::string(opName(s.op));
    r.inputShape = shapesToString(s.inputShapes);
    r.outputShape = shapesToString(s.outputShapes);
    r.weights = s.weights;
    r.biases = s.biases;
    r.params = s.params;
    r.macs = s.macs;
    r.inputElements = s.inputElements;
    r.outputElements = s.outputElements;
    r.weightBits = row.settings.weights.bits();
    r.activationBits = row.settings.activations.bits();
    r.pruning = row.settings.pruning == PruningKind::None ? std::string() : std::string(pruningKindName(row.settings.pruning));
    r.sparsity = row.compression.sparsity;
    r.weightBytes = static_cast<double>(row.compression.weightBytes);
    if (row.latency) {
        r.latencySeconds = row.latency->seconds;
        r.energyJoules = row.latency->joules;
    } else if (row.accelerator) {
        r.latencySeconds = row.accelerator->dataflow.seconds;
        r.energyJoules = row.accelerator->dataflow.energy.total() * 1e-12; // picojoules -> joules
    }
    (void)e;
    return r;
}

// The planner whose arena the runtime uses: TFLM's greedy-by-size, or the
// TinyEngine-like first fit.
const ArenaReport& runtimeArena(const Evaluation& e)
{
    const McuMemoryReport& m = e.mcu->memory;
    return e.spec.runtime == McuRuntime::Interpreter ? m.greedy : m.firstFit;
}

void addMcuResults(Experiment& x, const Evaluation& e)
{
    const McuMemoryReport& m = e.mcu->memory;
    x.metrics.peakSramBytes = static_cast<double>(m.runtimePeakBytes);
    x.metrics.flashBytes = static_cast<double>(m.flash.totalBytes);
    x.metrics.latencySeconds = e.mcu->latency.totalSeconds;
    x.metrics.energyJoules = e.mcu->latency.totalJoules;
    const ArenaReport& arena = runtimeArena(e);
    x.memory.arenaBytes = m.arenaBytes;
    for (std::size_t i = 0; i < arena.buffers.size() && i < arena.plan.offsets.size(); ++i)
        x.memory.tensors.push_back({arena.buffers[i].name, arena.plan.offsets[i], arena.buffers[i].bytes});
    if (const auto& best = m.patch.best)
        x.patch = ExperimentPatchPlan{best->splitLayer, best->grid, best->peakBytes, best->overheadPercent};
}

} // namespace

std::optional<StoredTarget> storedTarget(const TargetSpec& target)
{
    if (target.kind == TargetKind::Mcu)
        return StoredTarget{target.mcu.id, "mcu", hwlib::writeMcuTargetYaml(target.mcu)};
    if (target.kind == TargetKind::Fpga)
        return StoredTarget{target.device.id, "fpga",
                            "# device\n" + hwlib::writeFpgaDeviceYaml(target.device) + "# accelerator "
                                + target.accelerator.id + "\n" + hwlib::writeAcceleratorTemplateYaml(target.accelerator)};
    return std::nullopt;
}

Experiment experimentFromEvaluation(const Network& source, const std::string& sourcePath, const Evaluation& e,
                                    const std::string& name)
{
    Experiment x;
    x.name = name;
    x.network = {source.name(), sourcePath, writeNetworkYaml(source.definition()), {}};
    x.target = storedTarget(e.spec.target);
    x.configYaml = writeDesignConfigYaml(e.spec.design);
    x.specYaml = writeDesignSpecYaml(e.spec);
    x.metrics.params = static_cast<double>(e.totals.params);
    x.metrics.macs = static_cast<double>(e.totals.macs);
    x.metrics.weightBytes = static_cast<double>(e.compression.weightBytes);
    for (const EvaluatedLayer& row : e.layers)
        x.layers.push_back(layerResult(e, row));
    if (e.mcu)
        addMcuResults(x, e);
    if (e.accelerator) {
        x.metrics.latencySeconds = e.accelerator->totals.seconds;
        x.metrics.energyJoules = e.accelerator->totals.energy.total() * 1e-12; // picojoules -> joules
    }
    return x;
}

Evaluation reevaluate(const Experiment& experiment)
{
    if (experiment.specYaml.empty())
        throw Error("experiment '" + experiment.name
                    + "' was saved before design specs were stored (schema version < 4); analyze its network again");
    const Network network = readNetworkYaml(experiment.network.yaml, "experiment '" + experiment.name + "' network");
    const DesignSpec spec = readDesignSpecYaml(experiment.specYaml, "experiment '" + experiment.name + "' spec");
    return evaluate(network, spec);
}

} // namespace mdse::core
