#pragma once

#include "core/memory/kernel_scratch.h"
#include "core/memory/precision_view.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

// The topological order with the lowest live-set peak (tensors + kernel
// scratch, no in-place) for branchy graphs, and what it saves against the
// network's default order.
struct ReorderResult {
    std::vector<std::size_t> order;
    std::int64_t peakBytes = 0;
    std::int64_t defaultPeakBytes = 0;
    std::int64_t savingBytes = 0;
    bool exact = false;
    std::string method; // "exact DP over subsets" or "greedy: smallest step peak"
};

// Up to `exactLayerLimit` (at most 20) layers: exact dynamic programming over the
// downward-closed sets of executed layers (best[S] = lowest peak reaching S;
// step cost = bytes live after S + outputs and scratch of the next layer),
// O(2^n * n). Beyond it: a greedy heuristic that always runs the ready layer
// with the smallest step peak, ties broken by the lower resulting live bytes
// and then by the default order.
ReorderResult optimizeExecutionOrder(const Network& network, const PrecisionView& precision,
                                     KernelPath kernelPath, std::size_t exactLayerLimit = 20,
                                     const ScratchByLayer* scratchByLayer = nullptr);

} // namespace mdse::core
