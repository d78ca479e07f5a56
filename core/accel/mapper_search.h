#pragma once

// Internal to core/accel: the mapper's search (mapper.cpp has the public
// API). The state of one search and the search itself; see
// mapper_search.cpp for the algorithm.

#include "core/accel/layer_operands.h"
#include "core/accel/mapper.h"
#include "core/accel/mapping_space.h"

#include <array>
#include <cstdint>
#include <limits>
#include <string>

namespace mdse::core::mapper_detail {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// One layer under one dataflow on one template: what every evaluation needs.
struct Context {
    ConvProblem problem; // pruned (structured pruning applied)
    const hwlib::AcceleratorTemplate* accel;
    Dataflow dataflow;
    const hwlib::EnergyCostTable* costs;
    LayerOperands operands;
    MapperObjective objective;
    DataflowSpace space;
    MappingLimits limits;
    LoopOrderClasses orders;
    std::uint64_t seed;
};

// The objective of a mapping (the figures of mapper.cpp's evaluation).
double scoreOf(const Context& c, const LoopNest& nest);

struct SearchOutcome {
    bool found = false;
    LoopNest nest;
    std::int64_t evaluated = 0;
    double spaceSize = 0;
    std::string search; // "exhaustive", "pruned" or "pruned, sampled"
};

SearchOutcome searchMappings(const Context& c, std::int64_t budget, int threads);

} // namespace mdse::core::mapper_detail
