#pragma once

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

} // namespace mdse::core
