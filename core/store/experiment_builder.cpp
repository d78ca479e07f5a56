#include "core/store/experiment_builder.h"

#include "core/graph/tensor_bytes.h"
#include "core/io/network_yaml.h"

namespace mdse::core {
namespace {

std::string shapesText(const std::vector<Shape>& shapes)
{
    std::string text;
    for (const Shape& shape : shapes)
        text += (text.empty() ? "" : " ") + shapeToString(shape);
    return text;
}

} // namespace

Experiment experimentFromStats(const Network& network, const NetworkStats& stats, const std::string& name,
                               const std::string& sourcePath)
{
    Experiment e;
    e.name = name;
    e.network = {network.name(), sourcePath, writeNetworkYaml(network.definition()), {}};
    e.metrics.params = static_cast<double>(stats.totals.params);
    e.metrics.macs = static_cast<double>(stats.totals.macs);
    e.metrics.weightBytes = static_cast<double>(packedBytes(stats.totals.params, 32));
    for (const LayerStats& layer : stats.layers) {
        LayerResult row;
        row.name = layer.name;
        row.op = std::string(opName(layer.op));
        row.inputShape = shapesText(layer.inputShapes);
        row.outputShape = shapesText(layer.outputShapes);
        row.weights = layer.weights;
        row.biases = layer.biases;
        row.params = layer.params;
        row.macs = layer.macs;
        row.inputElements = layer.inputElements;
        row.outputElements = layer.outputElements;
        row.weightBits = 32;
        row.activationBits = 32;
        row.weightBytes = static_cast<double>(packedBytes(layer.params, 32));
        e.layers.push_back(std::move(row));
    }
    return e;
}

} // namespace mdse::core
