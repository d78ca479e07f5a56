#pragma once

#include "core/graph/network.h"

#include <vector>

namespace mdse::core {

// Structured filter/channel pruning as a graph transformation. For every
// layer i with ratios[i] > 0 (indexed like network.layers()):
//  - conv2d (not depthwise), conv_transpose2d and dense keep
//    F - floor(F * ratio) output channels (at least one; grouped convs keep
//    a multiple of their groups);
//  - depthwise convs cannot be pruned on their own: they follow their
//    input, so when their input loses channels their groups and filters
//    shrink with it (channel multiplier kept);
//  - every consumer's input channels shrink by shape inference (conv and
//    dense weights, BatchNorm, Concat sums its inputs);
//  - a residual Add needs equal channels on every input: pruning that
//    reaches an Add with unequal inputs is rejected (core::Error naming the
//    Add) — prune all branches of a residual by the same ratio.
// Other ops ignore their ratio. Returns the pruned, validated network.
Network pruneChannels(const Network& network, const std::vector<double>& ratios);

// Output channels left after pruning `filters` by `ratio` (groups >= 1).
std::int64_t keptChannels(std::int64_t filters, double ratio, std::int64_t groups);

} // namespace mdse::core
