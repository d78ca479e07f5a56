#pragma once

#include "core/accel/conv_problem.h"
#include "core/accel/dataflow.h"
#include "core/accel/layer_operands.h"
#include "core/accel/loop_nest.h"
#include "core/util/progress.h"
#include "hwlib/accelerator_template.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdse::core {

// What the mapper minimizes per layer: energy, latency (cycles), or their
// product (energy-delay product).
enum class MapperObjective { Energy, Latency, EnergyDelay };
std::string_view mapperObjectiveId(MapperObjective objective); // "energy", "latency", "edp"
std::optional<MapperObjective> parseMapperObjective(std::string_view id);

struct MapperOptions {
    MapperObjective objective = MapperObjective::Energy;
    std::uint64_t seed = 1;
    // Mappings evaluated per layer and dataflow at most (about): a space
    // this small is searched exhaustively; a larger one is pruned
    // (dominance) and, where still larger, sampled with `seed`.
    std::int64_t maxEvaluations = 60000;
    int threads = 0; // 0: oneTBB's default; the result does not depend on it
};

// The best mapping found for one layer under one dataflow.
struct MappedLayer {
    std::string name;
    std::string kind;
    Dataflow dataflow = Dataflow::RowStationary;
    bool feasible = false;
    std::string reason;  // why no mapping is legal, when none is
    LoopNest nest;       // one group
    LoopNestCounts perGroup;
    std::int64_t macs = 0;      // whole layer
    DataflowAccesses accesses;  // whole layer, all levels
    LevelEnergy energy;         // in the cost table's unit
    double dramBytes = 0;
    std::int64_t computeCycles = 0, memoryCycles = 0, cycles = 0;
    double utilization = 0; // MACs / (PEs x compute cycles)
    std::int64_t mappingsEvaluated = 0;
    double spaceSize = 0;   // mappings in the searched (pruned) space; estimated when inner choices were sampled
    std::string search;     // "exhaustive", "pruned" or "pruned, sampled"
};

// Searches the mappings the dataflow allows (mapping_space.h) on the
// template's array, RF and global buffer at the layer's operand widths and
// keeps the best under the objective (ties: the first in enumeration
// order). Deterministic for a seed, whatever the thread count.
MappedLayer mapLayer(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel, Dataflow dataflow,
                     const hwlib::EnergyCostTable& costs, const LayerOperands& operands,
                     const MapperOptions& options = {});

// Every layer (one LayerOperands per problem; core::Error when the sizes
// differ). Reports progress after each layer (Cancelled when asked to stop).
std::vector<MappedLayer> mapLayers(const std::vector<ConvProblem>& problems, const hwlib::AcceleratorTemplate& accel,
                                   Dataflow dataflow, const hwlib::EnergyCostTable& costs,
                                   const std::vector<LayerOperands>& operands, const MapperOptions& options = {},
                                   const ProgressCallback& progress = {});

// Energy, latency and DRAM traffic of one given mapping (the mapper's own
// evaluation), for callers that fix the loop nest themselves.
MappedLayer evaluateMapping(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel, Dataflow dataflow,
                            const hwlib::EnergyCostTable& costs, const LayerOperands& operands, const LoopNest& nest);

// The chosen mapping as a loop nest with its RF partition and search
// statistics, for reports.
std::string describeMapping(const MappedLayer& layer);

} // namespace mdse::core
