#include "core/compress/structured_pruning.h"

#include "core/graph/layer_stats.h"
#include "core/graph/shape_inference.h"

#include <cmath>
#include <map>

namespace mdse::core {
namespace {

bool isDepthwise(const Network& network, const Layer& layer)
{
    return !layer.inputs.empty()
        && convVariant(layer, network.tensor(layer.inputs.front()).shape) == "depthwise";
}

void pruneOutputs(const Network& network, Layer& layer, double ratio)
{
    if (ratio <= 0.0)
        return;
    const Shape& out = network.tensor(layer.outputs.front()).shape;
    if (layer.op == OpKind::Dense) {
        layer.attributes.set("units", keptChannels(out.back(), ratio, 1));
    } else if ((layer.op == OpKind::Conv2D && !isDepthwise(network, layer))
               || layer.op == OpKind::ConvTranspose2D) {
        const std::int64_t groups = layer.attributes.getInt("groups", 1);
        layer.attributes.set("filters", keptChannels(out.front(), ratio, groups));
    }
}

void checkResidualAdd(const Layer& layer, const std::vector<TensorInfo>& inputs)
{
    const Shape& first = inputs.front().shape;
    for (const TensorInfo& input : inputs)
        if (input.shape.size() == first.size() && input.shape.front() != first.front()
            && input.shape.front() != 1 && first.front() != 1)
            throw Error("structured pruning reaches add layer '" + layer.name + "' with inputs of "
                            + std::to_string(inputs.front().shape.front()) + " and "
                            + std::to_string(input.shape.front())
                            + " channels: prune every branch of a residual Add by the same ratio",
                        layer.origin);
}

} // namespace

std::int64_t keptChannels(std::int64_t filters, double ratio, std::int64_t groups)
{
    const auto removed = static_cast<std::int64_t>(std::floor(static_cast<double>(filters) * ratio));
    std::int64_t kept = filters - removed;
    kept -= kept % groups;
    return kept < groups ? groups : kept;
}

Network pruneChannels(const Network& network, const std::vector<double>& ratios)
{
    NetworkDefinition definition = network.definition();
    for (std::size_t i = 0; i < definition.layers.size() && i < ratios.size(); ++i)
        pruneOutputs(network, definition.layers[i], ratios[i]);
    std::map<std::string, TensorInfo> tensors;
    for (const TensorInfo& input : definition.inputs)
        tensors[input.name] = input;
    for (std::size_t index : network.executionOrder()) {
        Layer& layer = definition.layers[index];
        std::vector<TensorInfo> inputs;
        for (const std::string& name : layer.inputs)
            inputs.push_back(tensors.at(name));
        const Layer& original = network.layers()[index];
        const std::int64_t oldChannels = network.tensor(original.inputs.front()).shape.front();
        const std::int64_t newChannels = inputs.front().shape.front();
        if (isDepthwise(network, original) && newChannels != oldChannels) {
            const std::int64_t multiplier = original.attributes.getInt("filters", oldChannels) / oldChannels;
            layer.attributes.set("groups", newChannels);
            layer.attributes.set("filters", newChannels * multiplier);
        }
        if (layer.op == OpKind::Add)
            checkResidualAdd(layer, inputs);
        std::vector<Shape> shapes;
        try {
            shapes = inferOutputShapes(layer, inputs);
        } catch (const Error& error) {
            throw Error("structured pruning breaks layer '" + layer.name + "': " + error.message(),
                        layer.origin);
        }
        for (std::size_t o = 0; o < layer.outputs.size(); ++o)
            tensors[layer.outputs[o]] = {layer.outputs[o], shapes.at(o), inputs.front().type};
    }
    return Network(std::move(definition));
}

} // namespace mdse::core
