// Reader and writer of the design-config YAML; see docs/design-config.md.
#include "core/io/design_config_yaml.h"

#include "core/io/network_loader.h"
#include "core/io/yaml_nodes.h"
#include "core/io/yaml_reader.h"

#include <cmath>

namespace mdse::core {
namespace {

constexpr std::size_t kMaxConfigBytes = 4u * 1024u * 1024u;
constexpr std::size_t kMaxPatternLength = 256;

const char* const kSettingKeys =
    "weightBits, activationBits, weightPrecision, activationPrecision, scales, pruning, sparsity, "
    "format, indexBits, rowPointerBits, ratio, nm, activationSparsity";

class ConfigReader : public YamlReader {
public:
    using YamlReader::YamlReader;

    DesignConfig read(const YAML::Node& root) const;

private:
    Precision bitsValue(const YAML::Node& node, const std::string& what) const;
    std::pair<int, int> nmValue(const YAML::Node& node) const;
    void readSetting(const std::string& key, const YAML::Node& value, CompressionPatch& patch) const;
    CompressionPatch readPatch(const YAML::Node& node, const std::string& what) const;
    LayerMatch readMatch(const YAML::Node& node) const;
    DesignRule readRule(const YAML::Node& node) const;

};

Precision ConfigReader::bitsValue(const YAML::Node& node, const std::string& what) const
{
    const auto precision = precisionFromBits(number<int>(node, what));
    if (!precision)
        fail(node, what + " must be 32 (fp32) or 1 to 31 (int<N>); fp16, bf16 and uint<N>: use weightPrecision/activationPrecision");
    return *precision;
}

std::pair<int, int> ConfigReader::nmValue(const YAML::Node& node) const
{
    const std::string text = scalar(node, "nm");
    const auto colon = text.find(':');
    try {
        if (colon != std::string::npos)
            return {std::stoi(text.substr(0, colon)), std::stoi(text.substr(colon + 1))};
    } catch (const std::exception&) {
    }
    fail(node, "nm must be written N:M, e.g. \"2:4\", found '" + text + "'");
}

void ConfigReader::readSetting(const std::string& key, const YAML::Node& value,
                               CompressionPatch& patch) const
{
    const char* precisions = "fp32, fp16, bf16, int<N> or uint<N> with N from 1 to 32";
    if (key == "weightBits")
        patch.weights = bitsValue(value, key);
    else if (key == "activationBits")
        patch.activations = bitsValue(value, key);
    else if (key == "weightPrecision")
        patch.weights = choice(value, "precision", parsePrecision, precisions);
    else if (key == "activationPrecision")
        patch.activations = choice(value, "precision", parsePrecision, precisions);
    else if (key == "scales")
        patch.scales = choice(value, "scales", parseScaleGranularity, "per-tensor, per-channel");
    else if (key == "pruning")
        patch.pruning = choice(value, "pruning", parsePruningKind, "none, unstructured, structured, nm");
    else if (key == "sparsity")
        patch.sparsity = number<double>(value, key);
    else if (key == "format")
        patch.format = choice(value, "format", parseSparseFormat, "dense, bitmap, csr, rle");
    else if (key == "indexBits")
        patch.indexBits = number<int>(value, key);
    else if (key == "rowPointerBits")
        patch.rowPointerBits = number<int>(value, key);
    else if (key == "ratio")
        patch.structuredRatio = number<double>(value, key);
    else if (key == "nm")
        patch.nm = nmValue(value);
    else if (key == "activationSparsity")
        patch.activationSparsity = number<double>(value, key);
    else
        throw Error("unknown setting '" + key + "' (allowed: " + std::string(kSettingKeys) + ")");
}

CompressionPatch ConfigReader::readPatch(const YAML::Node& node, const std::string& what) const
{
    if (node.IsNull())
        return {};
    if (!node.IsMap())
        fail(node, what + " must be a mapping of settings");
    CompressionPatch patch;
    for (const auto& entry : node) {
        const std::string key = scalar(entry.first, "a setting name");
        try {
            readSetting(key, entry.second, patch);
        } catch (const Error& error) {
            if (error.location().line == 0)
                fail(entry.first, error.message());
            throw;
        }
    }
    validatePatch(patch, at(node));
    return patch;
}

LayerMatch ConfigReader::readMatch(const YAML::Node& node) const
{
    LayerMatch match;
    if (node.IsScalar()) {
        const std::string text = node.Scalar();
        if (text != "first" && text != "last" && text != "all")
            fail(node, "match must be a mapping, 'all', 'first' or 'last'");
        if (text != "all")
            match.position = text;
        return match;
    }
    if (!node.IsMap())
        fail(node, "match must be a mapping (op, name, layers)");
    for (const auto& entry : node) {
        const std::string key = scalar(entry.first, "a match key");
        const YAML::Node& value = entry.second;
        if (key == "op") {
            const std::string op = scalar(value, "op");
            if (!parseOpKind(op) && op != "depthwise" && op != "pointwise" && op != "standard")
                fail(value, "unknown op '" + op + "' (an op name such as conv2d or dense, or "
                                                  "depthwise, pointwise, standard)");
            match.op = op;
        } else if (key == "name") {
            match.namePattern = scalar(value, "name pattern");
            if (match.namePattern->size() > kMaxPatternLength) // std::regex compiles recursively
                fail(value, "name pattern longer than 256 characters");
        } else if (key == "layers" && value.IsScalar()) {
            const std::string text = value.Scalar();
            if (text != "first" && text != "last")
                fail(value, "layers must be [from, to], 'first' or 'last'");
            match.position = text;
            match.layerRange.reset(); // a later `layers` replaces an earlier one
        } else if (key == "layers") {
            if (!value.IsSequence() || value.size() != 2)
                fail(value, "layers must be [from, to] (execution-order indices, inclusive)");
            const long from = number<long>(value[0], "layer index");
            const long to = number<long>(value[1], "layer index");
            if (from < 0 || to < from)
                fail(value, "layers [from, to] needs 0 <= from <= to");
            match.layerRange = {{from, to}};
            match.position.reset();
        } else {
            fail(entry.first, "unknown match key '" + key + "' (allowed: op, name, layers)");
        }
    }
    return match;
}

DesignRule ConfigReader::readRule(const YAML::Node& node) const
{
    if (!node.IsMap())
        fail(node, "a rule must be a mapping with 'match' and 'set'");
    DesignRule rule;
    rule.origin = at(node);
    for (const auto& entry : node) {
        const std::string key = scalar(entry.first, "a rule key");
        if (key == "match")
            rule.match = readMatch(entry.second);
        else if (key == "set")
            rule.set = readPatch(entry.second, "set");
        else
            fail(entry.first, "unknown rule key '" + key + "' (allowed: match, set)");
    }
    if (!node["match"] || !node["set"])
        fail(node, "a rule needs both 'match' and 'set'");
    return rule;
}

DesignConfig ConfigReader::read(const YAML::Node& root) const
{
    DesignConfig config;
    config.origin = {file(), 0, 0};
    if (!root.IsDefined() || root.IsNull())
        return config;
    if (!root.IsMap())
        fail(root, "a design config must be a mapping (defaults, rules, layers)");
    for (const auto& entry : root) {
        const std::string key = scalar(entry.first, "a key");
        const YAML::Node& value = entry.second;
        if (key == "defaults") {
            config.defaults.mergeFrom(readPatch(value, "defaults"));
        } else if (key == "rules") {
            if (!value.IsSequence() && !value.IsNull())
                fail(value, "rules must be a list");
            for (const YAML::Node& rule : value)
                config.rules.push_back(readRule(rule));
        } else if (key == "layers") {
            if (!value.IsMap() && !value.IsNull())
                fail(value, "layers must map layer names to settings");
            for (const auto& layer : value)
                config.layers.push_back({scalar(layer.first, "a layer name"),
                                         readPatch(layer.second, "layer settings"), at(layer.first)});
        } else {
            fail(entry.first, "unknown key '" + key + "' (allowed: defaults, rules, layers)");
        }
    }
    return config;
}

void emitPatch(YAML::Emitter& out, const CompressionPatch& patch)
{
    out << YAML::Flow << YAML::BeginMap;
    if (patch.weights) out << YAML::Key << "weightPrecision" << YAML::Value << precisionName(*patch.weights);
    if (patch.activations) out << YAML::Key << "activationPrecision" << YAML::Value << precisionName(*patch.activations);
    if (patch.scales) out << YAML::Key << "scales" << YAML::Value << std::string(scaleGranularityName(*patch.scales));
    if (patch.pruning) out << YAML::Key << "pruning" << YAML::Value << std::string(pruningKindName(*patch.pruning));
    if (patch.sparsity) out << YAML::Key << "sparsity" << YAML::Value << *patch.sparsity;
    if (patch.format) out << YAML::Key << "format" << YAML::Value << std::string(sparseFormatName(*patch.format));
    if (patch.indexBits) out << YAML::Key << "indexBits" << YAML::Value << *patch.indexBits;
    if (patch.rowPointerBits) out << YAML::Key << "rowPointerBits" << YAML::Value << *patch.rowPointerBits;
    if (patch.structuredRatio) out << YAML::Key << "ratio" << YAML::Value << *patch.structuredRatio;
    if (patch.nm) out << YAML::Key << "nm" << YAML::Value << std::to_string(patch.nm->first) + ":" + std::to_string(patch.nm->second);
    if (patch.activationSparsity) out << YAML::Key << "activationSparsity" << YAML::Value << *patch.activationSparsity;
    out << YAML::EndMap;
}

void emitMatch(YAML::Emitter& out, const LayerMatch& match)
{
    out << YAML::Flow << YAML::BeginMap;
    if (match.op) out << YAML::Key << "op" << YAML::Value << *match.op;
    if (match.namePattern) out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << *match.namePattern;
    if (match.layerRange)
        out << YAML::Key << "layers" << YAML::Value << YAML::Flow << YAML::BeginSeq
            << match.layerRange->first << match.layerRange->second << YAML::EndSeq;
    else if (match.position)
        out << YAML::Key << "layers" << YAML::Value << *match.position;
    out << YAML::EndMap;
}

} // namespace

DesignConfig readDesignConfigYaml(std::string_view text, const std::string& fileLabel)
{
    if (text.size() > kMaxConfigBytes)
        throw Error("the file is larger than 4 MiB; design configs are limited to 4 MiB", {fileLabel, 0, 0});
    return readDesignConfigNode(YamlReader::loadDocument(text, fileLabel), fileLabel);
}

DesignConfig readDesignConfigNode(const YAML::Node& root, const std::string& fileLabel)
{
    return ConfigReader(fileLabel).read(root);
}

DesignConfig loadDesignConfig(const std::string& path)
{
    return readDesignConfigYaml(readTextFile(path, kMaxConfigBytes), path);
}

std::string writeDesignConfigYaml(const DesignConfig& config)
{
    YAML::Emitter out;
    out.SetDoublePrecision(17);
    out << YAML::BeginMap << YAML::Key << "defaults" << YAML::Value;
    emitPatch(out, config.defaults);
    out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
    for (const DesignRule& rule : config.rules) {
        out << YAML::BeginMap << YAML::Key << "match" << YAML::Value;
        if (rule.match.position && !rule.match.op && !rule.match.namePattern && !rule.match.layerRange)
            out << *rule.match.position;
        else
            emitMatch(out, rule.match);
        out << YAML::Key << "set" << YAML::Value;
        emitPatch(out, rule.set);
        out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::Key << "layers" << YAML::Value << YAML::BeginMap;
    for (const LayerOverride& entry : config.layers) {
        out << YAML::Key << entry.layerName << YAML::Value;
        emitPatch(out, entry.set);
    }
    out << YAML::EndMap << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace mdse::core
