#pragma once

#include "core/graph/network.h"

#include <string>
#include <vector>

namespace mdse::core {

struct BatchNormFoldReport {
    std::vector<std::string> folded; // BatchNorm layers merged into their producer
    std::vector<std::string> kept;   // BatchNorm layers that could not be folded
};

// Folds every BatchNorm whose input comes straight from a conv2d,
// conv_transpose2d or dense layer that has no fused activation and no other
// consumer: gamma/sqrt(var+eps) scales the producer's weights, beta and the
// mean move into its bias (so the producer gains a bias), the BatchNorm's
// fused activation moves to the producer, and the BatchNorm disappears.
// Parameter counts change exactly by the BatchNorm's 2C minus any new bias.
NetworkDefinition foldBatchNorms(const Network& network, BatchNormFoldReport* report = nullptr);

} // namespace mdse::core
