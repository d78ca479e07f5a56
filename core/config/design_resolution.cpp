#include "core/config/design_resolution.h"

#include "core/graph/layer_stats.h"

#include <regex>

namespace mdse::core {
namespace {

bool hasWeights(const Layer& layer)
{
    switch (layer.op) {
    case OpKind::Conv2D:
    case OpKind::ConvTranspose2D:
    case OpKind::Dense:
    case OpKind::BatchNorm:
    case OpKind::Lstm:
    case OpKind::Gru: return true;
    default: return false;
    }
}

bool isReluActivation(const Layer& layer)
{
    if (layer.op == OpKind::Relu || layer.op == OpKind::Relu6)
        return true;
    if (!layer.attributes.holdsString("activation"))
        return false;
    const std::string activation = layer.attributes.getString("activation", "none");
    return activation == "relu" || activation == "relu6";
}

bool opMatches(const std::string& wanted, const Network& network, const Layer& layer)
{
    if (wanted == opName(layer.op))
        return true;
    if (layer.inputs.empty())
        return false;
    return wanted == convVariant(layer, network.tensor(layer.inputs.front()).shape);
}

bool nameMatches(const std::string& pattern, const std::string& name, const SourceLocation& where)
{
    try {
        return std::regex_match(name, std::regex(pattern, std::regex::ECMAScript));
    } catch (const std::regex_error& error) {
        throw Error("invalid name pattern '" + pattern + "': " + error.what(), where);
    }
}

} // namespace

bool inputIsRelu(const Network& network, std::size_t layerIndex)
{
    const Layer& layer = network.layers()[layerIndex];
    if (layer.inputs.empty())
        return false;
    const long producer = network.producerOf(layer.inputs.front());
    return producer >= 0 && isReluActivation(network.layers()[static_cast<std::size_t>(producer)]);
}

bool matchesLayer(const LayerMatch& match, const Network& network, std::size_t layerIndex,
                  long positionIndex, long firstWeighted, long lastWeighted)
{
    const Layer& layer = network.layers()[layerIndex];
    if (match.op && !opMatches(*match.op, network, layer))
        return false;
    if (match.namePattern && !nameMatches(*match.namePattern, layer.name, {}))
        return false;
    if (match.layerRange
        && (positionIndex < match.layerRange->first || positionIndex > match.layerRange->second))
        return false;
    if (match.position == std::optional<std::string>("first") && positionIndex != firstWeighted)
        return false;
    if (match.position == std::optional<std::string>("last") && positionIndex != lastWeighted)
        return false;
    return true;
}

namespace {

std::string describeMatch(const LayerMatch& match)
{
    std::string text;
    const auto add = [&text](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
    if (match.op)
        add("op: " + *match.op);
    if (match.namePattern)
        add("name: \"" + *match.namePattern + "\"");
    if (match.layerRange)
        add("layers: [" + std::to_string(match.layerRange->first) + ", " + std::to_string(match.layerRange->second) + "]");
    if (match.position)
        add("layers: " + *match.position);
    return text.empty() ? "all" : "{" + text + "}";
}

void startFromFile(const Network& network, std::vector<LayerCompression>& settings)
{
    for (std::size_t i = 0; i < settings.size(); ++i) {
        const Layer& layer = network.layers()[i];
        if (layer.weightType && *layer.weightType != Precision::Fp32)
            settings[i].weights = *layer.weightType;
        // The file's activation type (TFLite: the output tensor's type), so
        // an int8 model is designed as int8 until an edit says otherwise.
        if (layer.activationType && *layer.activationType != Precision::Fp32)
            settings[i].activations = *layer.activationType;
    }
}

} // namespace

std::vector<LayerCompression> resolve(const DesignConfig& config, const Network& network,
                                      const LayerCompression& base, Warnings* warnings)
{
    const std::vector<std::size_t>& order = network.executionOrder();
    long firstWeighted = -1, lastWeighted = -1;
    for (std::size_t p = 0; p < order.size(); ++p)
        if (hasWeights(network.layers()[order[p]])) {
            if (firstWeighted < 0)
                firstWeighted = static_cast<long>(p);
            lastWeighted = static_cast<long>(p);
        }
    std::vector<LayerCompression> settings(network.layers().size(), base);
    startFromFile(network, settings);
    for (LayerCompression& layer : settings)
        config.defaults.applyTo(layer);
    for (std::size_t r = 0; r < config.rules.size(); ++r) {
        const DesignRule& rule = config.rules[r];
        if (rule.match.namePattern)
            nameMatches(*rule.match.namePattern, "", rule.origin); // reports a bad regex
        if (rule.match.layerRange && rule.match.layerRange->second >= static_cast<long>(order.size()))
            throw Error("layer range [" + std::to_string(rule.match.layerRange->first) + ", "
                            + std::to_string(rule.match.layerRange->second) + "] goes past the last layer ("
                            + std::to_string(order.size() - 1) + ") of '" + network.name() + "'",
                        rule.origin);
        std::size_t matched = 0;
        for (std::size_t p = 0; p < order.size(); ++p)
            if (matchesLayer(rule.match, network, order[p], static_cast<long>(p), firstWeighted,
                             lastWeighted)) {
                rule.set.applyTo(settings[order[p]]);
                ++matched;
            }
        if (matched == 0 && warnings)
            warnings->push_back({"rule " + std::to_string(r + 1) + " (match " + describeMatch(rule.match)
                                     + ") matches no layer of '" + network.name() + "'",
                                 rule.origin});
    }
    for (const LayerOverride& entry : config.layers) {
        std::size_t index = 0;
        while (index < network.layers().size() && network.layers()[index].name != entry.layerName)
            ++index;
        if (index == network.layers().size())
            throw Error("unknown layer '" + entry.layerName + "' (network '" + network.name()
                            + "' has no layer of that name)",
                        entry.origin);
        entry.set.applyTo(settings[index]);
    }
    for (std::size_t i = 0; i < settings.size(); ++i)
        if (!settings[i].activationSparsity)
            settings[i].activationSparsity = inputIsRelu(network, i) ? kReluActivationSparsity : 0.0;
    return settings;
}

} // namespace mdse::core
