#pragma once

#include "core/evaluate/evaluation.h"
#include "core/store/experiment.h"

#include <string>

namespace mdse::core {

// An experiment recording one Evaluation (docs/experiments.md):
//   network         the network as loaded (`source`, before folding and
//                   pruning), as YAML, and where it came from
//   target          the target as used (part file text; FPGA device and
//                   accelerator template), kind "mcu" or "fpga"
//   configYaml, specYaml  the design's config and the whole DesignSpec
//   metrics         params, MACs, weight bytes; MCU: peak SRAM (the live-set
//                   peak under the runtime's in-place rule), flash, latency,
//                   energy; FPGA: the dataflow model's latency and energy
//   layers          one row per evaluated layer (bits, pruning, stored bytes,
//                   latency, energy)
//   memory, patch   the runtime's arena plan and the best patch plan (MCU)
Experiment experimentFromEvaluation(const Network& source, const std::string& sourcePath,
                                    const Evaluation& evaluation, const std::string& name);

// The target of a spec as stored with an experiment; nullopt without one.
std::optional<StoredTarget> storedTarget(const TargetSpec& target);

// Evaluates a stored experiment again from what it stores: its network YAML
// and its spec YAML. Equal to the evaluation it was saved from. Throws
// core::Error for an experiment saved before design specs were stored
// (schema version < 4: no spec).
Evaluation reevaluate(const Experiment& experiment);

} // namespace mdse::core
