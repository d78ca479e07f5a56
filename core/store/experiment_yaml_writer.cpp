#include "core/store/experiment_yaml.h"
#include "core/store/plan_yaml_emit.h"

#include <yaml-cpp/yaml.h>

namespace mdse::core {
namespace {

void writeText(YAML::Emitter& out, const char* key, const std::string& text)
{
    // A literal block (|) keeps exactly one final newline and cannot start
    // with a space; other multi-line texts are written double-quoted.
    out << YAML::Key << key << YAML::Value;
    const bool literal = text.size() > 1 && text.back() == '\n' && text[text.size() - 2] != '\n'
        && text.front() != ' ' && text.find_first_of("\r\t") == std::string::npos;
    if (literal)
        out << YAML::Literal;
    else if (text.find('\n') != std::string::npos)
        out << YAML::DoubleQuoted;
    out << text;
}

void writeLayer(YAML::Emitter& out, const LayerResult& l)
{
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << l.name << YAML::Key << "op" << YAML::Value << l.op;
    out << YAML::Key << "inputShape" << YAML::Value << l.inputShape;
    out << YAML::Key << "outputShape" << YAML::Value << l.outputShape;
    out << YAML::Key << "weights" << YAML::Value << l.weights << YAML::Key << "biases" << YAML::Value << l.biases;
    out << YAML::Key << "params" << YAML::Value << l.params << YAML::Key << "macs" << YAML::Value << l.macs;
    out << YAML::Key << "inputElements" << YAML::Value << l.inputElements;
    out << YAML::Key << "outputElements" << YAML::Value << l.outputElements;
    emitOptionalEntry(out, "weightBits", l.weightBits);
    emitOptionalEntry(out, "activationBits", l.activationBits);
    if (!l.pruning.empty())
        out << YAML::Key << "pruning" << YAML::Value << l.pruning;
    emitOptionalEntry(out, "sparsity", l.sparsity);
    emitOptionalEntry(out, "weightBytes", l.weightBytes);
    emitOptionalEntry(out, "latencySeconds", l.latencySeconds);
    emitOptionalEntry(out, "energyJoules", l.energyJoules);
    out << YAML::EndMap;
}

void writePlans(YAML::Emitter& out, const Experiment& e)
{
    if (e.memory.arenaBytes || !e.memory.tensors.empty()) {
        out << YAML::Key << "memory" << YAML::Value << YAML::BeginMap;
        emitOptionalEntry(out, "arenaBytes", e.memory.arenaBytes);
        emitTensorPlacements(out, e.memory.tensors);
        out << YAML::EndMap;
    }
    emitPatchPlan(out, e.patch);
}

void writeExperiment(YAML::Emitter& out, const Experiment& e)
{
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << e.name;
    writeText(out, "notes", e.notes);
    out << YAML::Key << "tags" << YAML::Value << YAML::Flow << e.tags;
    out << YAML::Key << "created" << YAML::Value << e.createdSeconds;
    out << YAML::Key << "modified" << YAML::Value << e.modifiedSeconds;
    out << YAML::Key << "network" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << e.network.name;
    out << YAML::Key << "sourcePath" << YAML::Value << e.network.sourcePath;
    writeText(out, "yaml", e.network.yaml);
    out << YAML::EndMap;
    if (e.target) {
        out << YAML::Key << "target" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "id" << YAML::Value << e.target->id;
        out << YAML::Key << "kind" << YAML::Value << e.target->kind;
        writeText(out, "description", e.target->description);
        out << YAML::EndMap;
    }
    writeText(out, "config", e.configYaml);
    writeText(out, "spec", e.specYaml);
    out << YAML::Key << "metrics" << YAML::Value << YAML::BeginMap;
    for (const std::string& metric : metricNames())
        emitOptionalEntry(out, metric.c_str(), metricValue(e.metrics, metric));
    out << YAML::EndMap;
    writePlans(out, e);
    out << YAML::Key << "layers" << YAML::Value << YAML::BeginSeq;
    for (const LayerResult& layer : e.layers)
        writeLayer(out, layer);
    out << YAML::EndSeq;
    out << YAML::Key << "measurements" << YAML::Value << YAML::BeginSeq;
    for (const Measurement& m : e.measurements) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "key" << YAML::Value << m.key;
        emitOptionalEntry(out, "value", m.value);
        if (!m.text.empty())
            out << YAML::Key << "text" << YAML::Value << m.text;
        out << YAML::Key << "measuredAt" << YAML::Value << m.measuredAtSeconds << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
}

} // namespace

std::string writeExperimentsYaml(const std::vector<Experiment>& experiments)
{
    YAML::Emitter out;
    out.SetDoublePrecision(17);
    out << YAML::BeginMap;
    out << YAML::Key << "format" << YAML::Value << "microdse-experiments";
    out << YAML::Key << "version" << YAML::Value << 1;
    out << YAML::Key << "experiments" << YAML::Value << YAML::BeginSeq;
    for (const Experiment& experiment : experiments)
        writeExperiment(out, experiment);
    out << YAML::EndSeq << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace mdse::core
