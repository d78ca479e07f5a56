// Deployment config as YAML and JSON (docs/experiments.md).
#include "core/report/deployment_export.h"

#include "core/report/json.h"
#include "core/report/report_schema.h"
#include "core/store/plan_yaml_emit.h"

#include <yaml-cpp/yaml.h>

namespace mdse::core {
namespace {

void yamlLayers(YAML::Emitter& out, const Experiment& e)
{
    out << YAML::Key << "layers" << YAML::Value << YAML::BeginSeq;
    for (const LayerResult& l : e.layers) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << l.name;
        out << YAML::Key << "op" << YAML::Value << l.op;
        out << YAML::Key << "weightBits" << YAML::Value << l.weightBits.value_or(0);
        out << YAML::Key << "activationBits" << YAML::Value << l.activationBits.value_or(0);
        out << YAML::Key << "pruning" << YAML::Value << (l.pruning.empty() ? std::string("none") : l.pruning);
        emitOptionalEntry(out, "sparsity", l.sparsity);
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

void yamlPlans(YAML::Emitter& out, const Experiment& e)
{
    out << YAML::Key << "memory" << YAML::Value << YAML::BeginMap;
    emitOptionalEntry(out, "arenaBytes", e.memory.arenaBytes);
    emitOptionalEntry(out, "peakSramBytes", e.metrics.peakSramBytes);
    emitTensorPlacements(out, e.memory.tensors);
    out << YAML::EndMap;
    emitPatchPlan(out, e.patch);
}

} // namespace

std::string deploymentYaml(const Experiment& e)
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "format" << YAML::Value << "microdse-deployment";
    out << YAML::Key << "version" << YAML::Value << 1;
    out << YAML::Key << "experiment" << YAML::Value << e.name;
    out << YAML::Key << "network" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "name"
        << YAML::Value << e.network.name << YAML::Key << "contentHash" << YAML::Value
        << networkContentHash(e.network) << YAML::EndMap;
    if (e.target)
        out << YAML::Key << "target" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "id"
            << YAML::Value << e.target->id << YAML::Key << "kind" << YAML::Value << e.target->kind
            << YAML::EndMap;
    yamlLayers(out, e);
    yamlPlans(out, e);
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

std::string deploymentJson(const Experiment& e)
{
    using report::Json;
    const auto optional = [](Json& object, const char* key, const auto& value) {
        if (value)
            object[key] = *value;
    };
    Json d;
    d["format"] = "microdse-deployment";
    d["version"] = 1;
    d["schemaVersion"] = kReportSchemaVersion;
    d["experiment"] = e.name;
    d["network"] = {{"name", e.network.name}, {"contentHash", networkContentHash(e.network)}};
    if (e.target)
        d["target"] = {{"id", e.target->id}, {"kind", e.target->kind}};
    Json layers = Json::array();
    for (const LayerResult& l : e.layers) {
        Json layer = {{"name", l.name},
                      {"op", l.op},
                      {"weightBits", l.weightBits.value_or(0)},
                      {"activationBits", l.activationBits.value_or(0)},
                      {"pruning", l.pruning.empty() ? std::string("none") : l.pruning}};
        optional(layer, "sparsity", l.sparsity);
        layers.push_back(std::move(layer));
    }
    d["layers"] = std::move(layers);
    Json memory = Json::object();
    optional(memory, "arenaBytes", e.memory.arenaBytes);
    optional(memory, "peakSramBytes", e.metrics.peakSramBytes);
    memory["tensors"] = Json::array();
    for (const TensorPlacement& t : e.memory.tensors)
        memory["tensors"].push_back({{"tensor", t.tensor}, {"offsetBytes", t.offsetBytes}, {"sizeBytes", t.sizeBytes}});
    d["memory"] = std::move(memory);
    if (e.patch) {
        Json patch = {{"splitLayer", e.patch->splitLayer}, {"grid", e.patch->grid}};
        optional(patch, "peakBytes", e.patch->peakBytes);
        optional(patch, "overheadPercent", e.patch->overheadPercent);
        d["patch"] = std::move(patch);
    }
    return report::dump(d);
}

} // namespace mdse::core
