#include "core/store/experiment_mcu.h"

#include "hwlib/mcu_part_writer.h"

#include <map>

namespace mdse::core {
namespace {

// The planner whose arena is the one the runtime uses (TFLM greedy for the
// interpreter, first fit for generated code); greedy when both agree.
const ArenaReport& chosenArena(const McuMemoryReport& memory)
{
    return memory.greedy.plan.arenaBytes == memory.arenaBytes ? memory.greedy : memory.firstFit;
}

} // namespace

StoredTarget storedMcuTarget(const hwlib::McuTarget& part)
{
    return {part.id, "mcu", hwlib::writeMcuTargetYaml(part)};
}

void addMcuResults(Experiment& e, const hwlib::McuTarget& target, const McuMemoryReport& memory,
                   const LatencyEstimate& latency)
{
    e.target = storedMcuTarget(target);
    e.metrics.peakSramBytes = static_cast<double>(memory.liveSet.peakBytes);
    e.metrics.flashBytes = static_cast<double>(memory.flash.totalBytes);
    e.metrics.latencySeconds = latency.totalSeconds;
    e.metrics.energyJoules = latency.totalJoules;
    std::map<std::string, const LayerLatency*> byName;
    for (const LayerLatency& layer : latency.layers)
        byName[layer.name] = &layer;
    for (LayerResult& row : e.layers)
        if (const auto found = byName.find(row.name); found != byName.end()) {
            row.latencySeconds = found->second->seconds;
            row.energyJoules = found->second->joules;
        }
    const ArenaReport& arena = chosenArena(memory);
    e.memory.arenaBytes = memory.arenaBytes;
    e.memory.tensors.clear();
    for (std::size_t i = 0; i < arena.buffers.size() && i < arena.plan.offsets.size(); ++i)
        e.memory.tensors.push_back({arena.buffers[i].name, arena.plan.offsets[i], arena.buffers[i].bytes});
    e.patch.reset();
    if (const auto& best = memory.patch.best)
        e.patch = ExperimentPatchPlan{best->splitLayer, best->grid, best->peakBytes, best->overheadPercent};
}

} // namespace mdse::core
