#include "core/memory/closed_form.h"

#include "core/graph/layer_stats.h"
#include "core/graph/tensor_bytes.h"

namespace mdse::core {

ClosedFormMemory closedFormMemory(const Network& network, const NetworkStats& stats, const PrecisionView& precision)
{
    ClosedFormMemory result;
    for (const LayerStats& layerStats : stats.layers) {
        const Layer& layer = network.layers()[layerStats.layerIndex];
        const StoredWeightBytes stored = storedWeightsOf(network, layerStats, precision);
        result.parameterBytes += stored.values + stored.index + stored.biases;
        if (isViewOp(layer.op))
            continue;
        std::int64_t bytes = 0;
        for (const std::string& tensor : layer.inputs)
            bytes += activationBytes(network, precision, tensor);
        for (const std::string& tensor : layer.outputs)
            bytes += activationBytes(network, precision, tensor);
        if (bytes > result.peakBytes) {
            result.peakBytes = bytes;
            result.peakLayerIndex = layerStats.layerIndex;
            result.peakLayerName = layer.name;
        }
    }
    return result;
}

} // namespace mdse::core
