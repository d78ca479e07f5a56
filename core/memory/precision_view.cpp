#include "core/memory/precision_view.h"

#include "core/graph/tensor_bytes.h"

namespace mdse::core {

Precision PrecisionView::activationOf(const std::string& tensor) const
{
    const auto it = activations.find(tensor);
    return it == activations.end() ? defaultPrecision : it->second;
}

Precision PrecisionView::weightsOf(const std::string& layer) const
{
    const auto it = weights.find(layer);
    return it == weights.end() ? defaultPrecision : it->second;
}

std::int64_t activationBytes(const Network& network, const PrecisionView& precision,
                             const std::string& tensor)
{
    return activationBytes(precision, tensor, elementCount(network.tensor(tensor).shape));
}

std::int64_t activationBytes(const PrecisionView& precision, const std::string& tensor,
                             std::int64_t elements)
{
    return packedBytes(elements, precisionBits(precision.activationOf(tensor)));
}

StoredWeightBytes storedWeightsOf(const Network& network, const LayerStats& stats,
                                  const PrecisionView& precision)
{
    const std::string& name = network.layers()[stats.layerIndex].name;
    StoredWeightBytes stored;
    if (const auto it = precision.stored.find(name); it != precision.stored.end()) {
        stored = it->second;
    } else {
        LayerCompression settings;
        settings.weights = precision.weightsOf(name);
        stored = storedWeightBytes(network, stats, settings);
    }
    if (precision.biases)
        stored.biases = packedBytes(stats.biases, precisionBits(*precision.biases));
    return stored;
}

} // namespace mdse::core
