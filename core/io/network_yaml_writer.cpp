// Writer of the YAML network format: one flow-style line per layer.
#include "core/io/network_yaml.h"

#include <yaml-cpp/yaml.h>

namespace mdse::core {
namespace {

// The network format spells the float types f32 and f16 (docs/yaml-network-format.md).
std::string tensorTypeName(Precision type)
{
    if (type == Precision::Fp32)
        return "f32";
    return type == Precision::Fp16 ? "f16" : precisionName(type);
}

} // namespace

namespace {

void emitAttribute(YAML::Emitter& out, const std::string& name, const AttributeValue& value,
                   const AttributeSpec* spec)
{
    out << YAML::Key << name << YAML::Value;
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        if (spec && spec->kind == AttributeKind::Bool)
            out << (*integer != 0);
        else
            out << *integer;
    } else if (const auto* real = std::get_if<double>(&value)) {
        out << *real;
    } else if (const auto* text = std::get_if<std::string>(&value)) {
        out << *text;
    } else {
        out << YAML::Flow << std::get<std::vector<std::int64_t>>(value);
    }
}

void emitLayer(YAML::Emitter& out, const Layer& layer, const std::string& defaultInput)
{
    out << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << layer.name;
    out << YAML::Key << "op" << YAML::Value << std::string(opName(layer.op));
    if (layer.inputs != std::vector<std::string>{defaultInput})
        out << YAML::Key << "inputs" << YAML::Value << YAML::Flow << layer.inputs;
    if (layer.outputs != std::vector<std::string>{layer.name})
        out << YAML::Key << "outputs" << YAML::Value << YAML::Flow << layer.outputs;
    const OpSpec& spec = opSpec(layer.op);
    for (const auto& [name, value] : layer.attributes.values())
        emitAttribute(out, name, value, findAttribute(spec, name));
    // The precision a model file stores the weights in, when it is not fp32
    // (a quantized import): the design starts from it (design_resolution.h).
    if (layer.weightType && *layer.weightType != Precision::Fp32)
        out << YAML::Key << "weightPrecision" << YAML::Value << tensorTypeName(*layer.weightType);
    out << YAML::EndMap;
}

} // namespace

std::string writeNetworkYaml(const NetworkDefinition& definition)
{
    YAML::Emitter out;
    out.SetDoublePrecision(17);
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << definition.name;
    if (!definition.source.empty())
        out << YAML::Key << "source" << YAML::Value << definition.source;
    if (!definition.description.empty())
        out << YAML::Key << "description" << YAML::Value << definition.description;
    out << YAML::Key << "inputs" << YAML::Value << YAML::BeginSeq;
    for (const TensorInfo& input : definition.inputs) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << input.name;
        out << YAML::Key << "shape" << YAML::Value << YAML::Flow << input.shape;
        out << YAML::Key << "type" << YAML::Value << tensorTypeName(input.type);
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    if (!definition.outputs.empty())
        out << YAML::Key << "outputs" << YAML::Value << YAML::Flow << definition.outputs;
    out << YAML::Key << "layers" << YAML::Value << YAML::BeginSeq;
    std::string previous = definition.inputs.empty() ? std::string() : definition.inputs.front().name;
    for (const Layer& layer : definition.layers) {
        emitLayer(out, layer, previous);
        previous = layer.outputs.empty() ? std::string() : layer.outputs.front();
    }
    out << YAML::EndSeq << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace mdse::core
