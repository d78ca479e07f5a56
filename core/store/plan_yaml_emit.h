#pragma once

// YAML emitters shared by the experiment file writer and the deployment
// export, so a memory or patch plan is written the same way in both.

#include "core/store/experiment.h"

#include <yaml-cpp/yaml.h>

#include <optional>

namespace mdse::core {

// `key: value` when the value is known; nothing otherwise.
template <typename T>
void emitOptionalEntry(YAML::Emitter& out, const char* key, const std::optional<T>& value)
{
    if (value)
        out << YAML::Key << key << YAML::Value << *value;
}

// `tensors: [{tensor, offsetBytes, sizeBytes}, ...]` (one flow map per line).
void emitTensorPlacements(YAML::Emitter& out, const std::vector<TensorPlacement>& tensors);

// `patch: {splitLayer, grid, peakBytes?, overheadPercent?}` when there is a plan.
void emitPatchPlan(YAML::Emitter& out, const std::optional<ExperimentPatchPlan>& patch);

} // namespace mdse::core
