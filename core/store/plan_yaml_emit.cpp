#include "core/store/plan_yaml_emit.h"

namespace mdse::core {

void emitTensorPlacements(YAML::Emitter& out, const std::vector<TensorPlacement>& tensors)
{
    out << YAML::Key << "tensors" << YAML::Value << YAML::BeginSeq;
    for (const TensorPlacement& t : tensors)
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "tensor" << YAML::Value << t.tensor << YAML::Key
            << "offsetBytes" << YAML::Value << t.offsetBytes << YAML::Key << "sizeBytes" << YAML::Value
            << t.sizeBytes << YAML::EndMap;
    out << YAML::EndSeq;
}

void emitPatchPlan(YAML::Emitter& out, const std::optional<ExperimentPatchPlan>& patch)
{
    if (!patch)
        return;
    out << YAML::Key << "patch" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "splitLayer" << YAML::Value << patch->splitLayer;
    out << YAML::Key << "grid" << YAML::Value << patch->grid;
    emitOptionalEntry(out, "peakBytes", patch->peakBytes);
    emitOptionalEntry(out, "overheadPercent", patch->overheadPercent);
    out << YAML::EndMap;
}

} // namespace mdse::core
