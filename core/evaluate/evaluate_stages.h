#pragma once

// Stages of evaluate() (evaluate.cpp), one file each; internal to the room.

#include "core/evaluate/evaluation.h"
#include "core/memory/precision_view.h"
#include "core/util/progress.h"

#include <vector>

namespace mdse::core::stages {

// The network as evaluated with each layer's resolved settings.
struct PreparedDesign {
    Network network;
    std::vector<LayerCompression> settings;   // indexed like network.layers()
    std::vector<std::size_t> sourceIndex;     // network layer -> layer of the network as loaded
    std::vector<FoldedLayer> folded;
    std::int64_t referenceParams = 0;         // before structured pruning (the compression ratio's base)
};

// Steps 3 to 5 of evaluate(): resolve, fold, prune.
PreparedDesign prepareDesign(const Network& source, const DesignSpec& spec, const LayerCompression& base,
                             Warnings& warnings);

// Each layer's output and weights at its resolved precision, graph inputs at
// their first reader's activation precision, and the stored bytes of
// every layer with weights as compression computed them.
PrecisionView precisionViewOf(const Network& network, const std::vector<LayerCompression>& settings,
                              const CompressionEffects& effects);

void evaluateMcu(Evaluation& evaluation, const NetworkStats& stats, const PrecisionView& precision);
// The accelerator sees each layer's own precision and pruning: weights and
// outputs as resolved, inputs at their tensor's precision in `precision`.
void evaluateAccelerator(Evaluation& evaluation, const PrecisionView& precision);
void evaluateSystolic(Evaluation& evaluation, const ProgressCallback& progress);

} // namespace mdse::core::stages
