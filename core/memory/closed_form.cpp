#include "core/memory/closed_form.h"

#include "core/graph/layer_stats.h"
#include "core/graph/tensor_bytes.h"

namespace mdse::core {
std::int64_t layerWeightBytes(const Network& network, const PrecisionView& precision, const LayerStats& stats)
{
    const std::string& name = network.layers()[stats.layerIndex].name;
    if (const auto it = precision.weightBytes.find(name); it != precision.weightBytes.end())
        return it->second;
    return packedBytes(stats.weights, precision.weightBitsOf(name));
}

std::int64_t layerBiasBytes(const PrecisionView& precision, const LayerStats& stats)
{
    return packedBytes(stats.biases, precision.biasBits);
}

ClosedFormMemory closedFormMemory(const Network& network, const PrecisionView& precision)
{
    ClosedFormMemory result;
    for (const LayerStats& stats : computeStats(network).layers) {
        const Layer& layer = network.layers()[stats.layerIndex];
        result.parameterBytes += layerWeightBytes(network, precision, stats) + layerBiasBytes(precision, stats);
        if (isViewOp(layer.op))
            continue;
        std::int64_t bytes = 0;
        for (const std::string& tensor : layer.inputs)
            bytes += activationBytes(network, precision, tensor);
        for (const std::string& tensor : layer.outputs)
            bytes += activationBytes(network, precision, tensor);
        if (bytes > result.peakBytes) {
            result.peakBytes = bytes;
            result.peakLayerIndex = stats.layerIndex;
            result.peakLayerName = layer.name;
        }
    }
    return result;
}

} // namespace mdse::core
