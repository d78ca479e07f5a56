// Deployment config as YAML and JSON (docs/experiments.md).
#include "core/io/deployment_export.h"

#include "core/io/json_writer.h"
#include "core/io/plan_yaml_emit.h"

#include <yaml-cpp/yaml.h>

namespace mdse::core {
namespace {

template <typename T>
void optionalMember(JsonWriter& json, const char* key, const std::optional<T>& value)
{
    if (value)
        json.key(key).value(*value);
}

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
    JsonWriter json;
    json.beginObject();
    json.key("format").value("microdse-deployment");
    json.key("version").value(std::int64_t(1));
    json.key("experiment").value(e.name);
    json.key("network").beginObject().key("name").value(e.network.name);
    json.key("contentHash").value(networkContentHash(e.network)).endObject();
    if (e.target)
        json.key("target").beginObject().key("id").value(e.target->id).key("kind").value(e.target->kind).endObject();
    json.key("layers").beginArray();
    for (const LayerResult& l : e.layers) {
        json.beginObject().key("name").value(l.name).key("op").value(l.op);
        json.key("weightBits").value(l.weightBits.value_or(0));
        json.key("activationBits").value(l.activationBits.value_or(0));
        json.key("pruning").value(l.pruning.empty() ? std::string("none") : l.pruning);
        optionalMember(json, "sparsity", l.sparsity);
        json.endObject();
    }
    json.endArray();
    json.key("memory").beginObject();
    optionalMember(json, "arenaBytes", e.memory.arenaBytes);
    optionalMember(json, "peakSramBytes", e.metrics.peakSramBytes);
    json.key("tensors").beginArray();
    for (const TensorPlacement& t : e.memory.tensors)
        json.beginObject().key("tensor").value(t.tensor).key("offsetBytes").value(t.offsetBytes)
            .key("sizeBytes").value(t.sizeBytes).endObject();
    json.endArray().endObject();
    if (e.patch) {
        json.key("patch").beginObject().key("splitLayer").value(e.patch->splitLayer);
        json.key("grid").value(e.patch->grid);
        optionalMember(json, "peakBytes", e.patch->peakBytes);
        optionalMember(json, "overheadPercent", e.patch->overheadPercent);
        json.endObject();
    }
    json.endObject();
    return json.str();
}

} // namespace mdse::core
