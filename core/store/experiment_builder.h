#pragma once

#include "core/compress/compressed_design.h"
#include "core/graph/layer_stats.h"
#include "core/store/experiment.h"

#include <string>

namespace mdse::core {

// An experiment holding what `microdse analyze` computed for a network:
// the network as YAML, per-layer analyze fields, params and MACs as
// summary metrics, and weight bytes at the default precision (fp32, the
// DesignConfig default). Callers that evaluated compression, memory or
// performance fill in the remaining fields.
Experiment experimentFromStats(const Network& network, const NetworkStats& stats, const std::string& name,
                               const std::string& sourcePath);

// The same for a design with compression applied (core/compress): the
// config as YAML (writeDesignConfigYaml), per-layer bit widths, pruning,
// sparsity and stored weight bytes, total weight bytes as the metric.
Experiment experimentFromDesign(const CompressedDesign& design, const DesignConfig& config, const std::string& name,
                                const std::string& sourcePath);

} // namespace mdse::core
