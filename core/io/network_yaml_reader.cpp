// Reader of the YAML network format; see docs/yaml-network-format.md.
#include "core/io/network_yaml.h"

#include "core/io/yaml_text_check.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <type_traits>

namespace mdse::core {
namespace {

class Reader {
public:
    explicit Reader(std::string fileLabel) : m_file(std::move(fileLabel)) {}

    NetworkDefinition read(const YAML::Node& root);

private:
    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const
    {
        const YAML::Mark mark = node.Mark();
        throw Error(message, {m_file, mark.line + 1, mark.column + 1});
    }

    void expectMap(const YAML::Node& node, const std::string& what) const
    {
        if (!node.IsMap())
            fail(node, what + " must be a mapping (key: value)");
    }

    std::string scalar(const YAML::Node& node, const std::string& what) const
    {
        if (!node.IsScalar())
            fail(node, what + " must be a single value");
        return node.Scalar();
    }

    template <typename T>
    T number(const YAML::Node& node, const std::string& what) const
    {
        if (!node.IsScalar())
            fail(node, what + " must be a number");
        const char* expected = std::is_same_v<T, bool> ? "true or false"
            : std::is_integral_v<T>                    ? "an integer within range"
                                                       : "a finite number";
        T value{};
        if (!YAML::convert<T>::decode(node, value))
            fail(node, what + " must be " + expected + ", found '" + node.Scalar() + "'");
        if constexpr (std::is_floating_point_v<T>)
            if (!std::isfinite(value))
                fail(node, what + " must be " + expected + ", found '" + node.Scalar() + "'");
        return value;
    }

    std::vector<std::int64_t> integers(const YAML::Node& node, const std::string& what) const
    {
        if (node.IsScalar())
            return {number<std::int64_t>(node, what)};
        if (!node.IsSequence())
            fail(node, what + " must be an integer or a list of integers");
        std::vector<std::int64_t> values;
        for (const YAML::Node& item : node)
            values.push_back(number<std::int64_t>(item, what + " entries"));
        return values;
    }

    std::vector<std::string> names(const YAML::Node& node, const std::string& what) const
    {
        if (node.IsScalar())
            return {node.Scalar()};
        if (!node.IsSequence())
            fail(node, what + " must be a name or a list of names");
        std::vector<std::string> result;
        for (const YAML::Node& item : node)
            result.push_back(scalar(item, what + " entries"));
        if (result.empty())
            fail(node, what + " must name at least one tensor");
        return result;
    }

    TensorInfo readInput(const YAML::Node& node) const;
    Layer readLayer(const YAML::Node& node, const std::string& defaultInput) const;
    AttributeValue readAttribute(const YAML::Node& node, const AttributeSpec& spec,
                                 const std::string& layerName) const;

    std::string m_file;
};

TensorInfo Reader::readInput(const YAML::Node& node) const
{
    expectMap(node, "an input");
    TensorInfo input;
    bool hasName = false, hasShape = false;
    for (const auto& entry : node) {
        const std::string key = scalar(entry.first, "a key");
        if (key == "name") {
            input.name = scalar(entry.second, "input name");
            hasName = true;
        } else if (key == "shape") {
            input.shape = integers(entry.second, "input shape");
            hasShape = true;
        } else if (key == "type") {
            const auto type = parsePrecision(scalar(entry.second, "input type"));
            if (!type)
                fail(entry.second, "unknown element type '" + entry.second.Scalar()
                                       + "' (use f32, f16, bf16, int<N> or uint<N> with N from 1 to 32)");
            input.type = *type;
        } else {
            fail(entry.first, "unknown key '" + key + "' in an input (allowed: name, shape, type)");
        }
    }
    if (!hasName || !hasShape)
        fail(node, "an input needs both 'name' and 'shape'");
    for (std::int64_t dim : input.shape)
        if (dim <= 0)
            fail(node, "input '" + input.name + "' has shape " + shapeToString(input.shape)
                           + ": every dimension must be positive");
    try {
        elementCount(input.shape); // at most 2^40 elements
    } catch (const Error& error) {
        fail(node, "input '" + input.name + "': " + error.message());
    }
    return input;
}

AttributeValue Reader::readAttribute(const YAML::Node& node, const AttributeSpec& spec,
                                     const std::string& layerName) const
{
    const std::string what = "attribute '" + std::string(spec.name) + "' of layer '" + layerName + "'";
    auto checkedChoice = [&](const std::string& value) -> AttributeValue {
        if (!spec.choices.empty()
            && std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
            std::string allowed;
            for (std::string_view choice : spec.choices)
                allowed += (allowed.empty() ? "" : ", ") + std::string(choice);
            fail(node, what + " must be one of " + allowed + ", found '" + value + "'");
        }
        return value;
    };
    switch (spec.kind) {
    case AttributeKind::Int: return number<std::int64_t>(node, what);
    case AttributeKind::Bool: return std::int64_t{number<bool>(node, what) ? 1 : 0};
    case AttributeKind::Float: return number<double>(node, what);
    case AttributeKind::String: return checkedChoice(scalar(node, what));
    case AttributeKind::Ints: return integers(node, what);
    case AttributeKind::IntsOrString: {
        std::int64_t ignored = 0;
        if (node.IsScalar() && !YAML::convert<std::int64_t>::decode(node, ignored))
            return checkedChoice(node.Scalar());
        return integers(node, what);
    }
    }
    fail(node, what + " has an unsupported kind");
}

Layer Reader::readLayer(const YAML::Node& node, const std::string& defaultInput) const
{
    expectMap(node, "a layer");
    Layer layer;
    layer.origin = {m_file, node.Mark().line + 1, node.Mark().column + 1};
    if (!node["name"])
        fail(node, "a layer needs a 'name'");
    layer.name = scalar(node["name"], "layer name");
    if (layer.name.empty())
        fail(node["name"], "a layer name must not be empty");
    if (!node["op"])
        fail(node, "layer '" + layer.name + "' needs an 'op'");
    const std::string opText = scalar(node["op"], "op");
    const auto op = parseOpKind(opText);
    if (!op)
        fail(node["op"], "layer '" + layer.name + "': unknown op '" + opText
                             + "' (see docs/yaml-network-format.md for the list)");
    layer.op = *op;
    const OpSpec& spec = opSpec(*op);
    std::set<std::string> seen;
    for (const auto& entry : node) {
        const std::string key = scalar(entry.first, "a key");
        if (!seen.insert(key).second)
            fail(entry.first, "key '" + key + "' appears twice in layer '" + layer.name + "'");
        if (key == "name" || key == "op")
            continue;
        if (key == "inputs") {
            layer.inputs = names(entry.second, "inputs");
        } else if (key == "outputs") {
            layer.outputs = names(entry.second, "outputs");
        } else if (key == "weightPrecision") {
            const auto precision = parsePrecision(scalar(entry.second, "weightPrecision"));
            if (!precision)
                fail(entry.second, "unknown weight precision '" + entry.second.Scalar()
                                       + "' (use f32, f16, bf16, int<N> or uint<N>)");
            layer.weightType = *precision;
        } else if (const AttributeSpec* attribute = findAttribute(spec, key)) {
            layer.attributes.set(key, readAttribute(entry.second, *attribute, layer.name));
        } else {
            fail(entry.first, "unknown key '" + key + "' for op " + opText + " in layer '"
                                  + layer.name + "'");
        }
    }
    for (const AttributeSpec& attribute : spec.attributes)
        if (attribute.required && !layer.attributes.has(std::string(attribute.name)))
            fail(node, "layer '" + layer.name + "' (" + opText + ") needs attribute '"
                           + std::string(attribute.name) + "'");
    if (!node["inputs"])
        layer.inputs = {defaultInput};
    if (!node["outputs"])
        layer.outputs = {layer.name};
    return layer;
}

NetworkDefinition Reader::read(const YAML::Node& root)
{
    if (!root.IsDefined() || root.IsNull())
        throw Error("the file is empty", {m_file, 1, 1});
    expectMap(root, "a network file");
    NetworkDefinition definition;
    definition.origin = {m_file, 0, 0};
    for (const auto& entry : root) {
        const std::string key = scalar(entry.first, "a key");
        if (key != "name" && key != "source" && key != "description" && key != "inputs"
            && key != "outputs" && key != "layers")
            fail(entry.first, "unknown key '" + key
                                  + "' (allowed: name, source, description, inputs, outputs, layers)");
    }
    for (const char* required : {"name", "inputs", "layers"})
        if (!root[required])
            fail(root, std::string("missing required key '") + required + "'");
    definition.name = scalar(root["name"], "name");
    if (root["source"])
        definition.source = scalar(root["source"], "source");
    if (root["description"])
        definition.description = scalar(root["description"], "description");
    if (!root["inputs"].IsSequence() || root["inputs"].size() == 0)
        fail(root["inputs"], "'inputs' must be a non-empty list");
    std::set<std::string> inputNames;
    for (const YAML::Node& input : root["inputs"]) {
        definition.inputs.push_back(readInput(input));
        if (!inputNames.insert(definition.inputs.back().name).second)
            fail(input, "graph input '" + definition.inputs.back().name + "' is declared twice");
    }
    if (root["outputs"])
        definition.outputs = names(root["outputs"], "outputs");
    if (!root["layers"].IsSequence() || root["layers"].size() == 0)
        fail(root["layers"], "'layers' must be a non-empty list");
    std::string previous = definition.inputs.front().name;
    for (const YAML::Node& node : root["layers"]) {
        definition.layers.push_back(readLayer(node, previous));
        previous = definition.layers.back().outputs.front();
    }
    return definition;
}

} // namespace

NetworkDefinition parseNetworkYaml(std::string_view text, const std::string& fileLabel)
{
    if (text.size() > kMaxNetworkYamlBytes)
        throw Error("the file is " + std::to_string(text.size() / (1024 * 1024))
                        + " MiB; network files are limited to 16 MiB",
                    {fileLabel, 0, 0});
    checkYamlText(text, fileLabel);
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& error) {
        // yaml-cpp 0.7 reports its recursion limit (DepthGuard<500> in its
        // single-document parser) as "bad file"; say what it means.
        if (error.msg == "bad file")
            throw Error("the YAML nests too deeply (the parser stops at 500 levels); a network"
                        " file needs only a few",
                        {fileLabel, error.mark.line + 1, error.mark.column + 1});
        throw Error("YAML syntax error: " + error.msg,
                    {fileLabel, error.mark.line + 1, error.mark.column + 1});
    }
    return Reader(fileLabel).read(root);
}

Network readNetworkYaml(std::string_view text, const std::string& fileLabel)
{
    return Network(parseNetworkYaml(text, fileLabel));
}

} // namespace mdse::core
