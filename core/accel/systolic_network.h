#pragma once

#include "core/accel/conv_problem.h"
#include "core/accel/systolic_simulator.h"

#include <vector>

namespace mdse::core {

// A network layer as SCALE-Sim sees it: the padded input (SCALE-Sim has no
// padding, so its valid convolution then yields our output size), one
// group's channels and filters. `groups` copies run one after another
// (SCALE-Sim's "DP" rows expand a depthwise layer the same way).
struct SystolicWork {
    SystolicLayer layer;
    std::int64_t groups = 1;
};

SystolicWork systolicWorkOf(const ConvProblem& problem);

// The whole layer: one group's report with cycles and access counts
// multiplied by the group count (utilization and efficiency unchanged).
SystolicLayerReport simulateSystolicProblem(const ConvProblem& problem, const SystolicConfig& config,
                                            const ProgressCallback& progress = {});

} // namespace mdse::core
