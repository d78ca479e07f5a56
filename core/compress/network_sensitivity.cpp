#include "core/compress/network_sensitivity.h"

#include "core/util/error.h"

#include <map>
#include <memory>

namespace mdse::core {

std::vector<LayerSensitivity> analyzeNetworkWeights(const Network& network, const SensitivityOptions& options)
{
    std::vector<LayerSensitivity> result;
    const WeightStore* store = network.weights();
    if (!store)
        return result;
    for (std::size_t index : network.executionOrder()) {
        const Layer& layer = network.layers()[index];
        const WeightTensor* tensor = layer.weightTensor.empty() ? nullptr : store->find(layer.weightTensor);
        if (!tensor || tensor->elementCount() == 0)
            continue;
        const std::vector<float> values = tensor->toFloats();
        result.push_back({index, layer.name, analyzeTensor(values, options)});
    }
    return result;
}

double measuredRelativeNoise(const TensorSensitivity& sensitivity, int bits)
{
    if (bits == 32 || sensitivity.meanSquare <= 0.0)
        return 0.0;
    if (bits == 1)
        return sensitivity.binaryMse / sensitivity.meanSquare;
    for (const BitWidthError& entry : sensitivity.bitWidths)
        if (entry.bits == bits)
            return entry.mseClipMse / sensitivity.meanSquare;
    throw Error("no measured quantization error at " + std::to_string(bits) + " bits");
}

RelativeNoise measuredNoiseModel(const Network& network, const std::vector<int>& bits)
{
    SensitivityOptions options;
    options.bits.clear();
    options.sparsities.clear();
    for (int width : bits)
        if (width >= 2 && width <= 16)
            options.bits.push_back(width);
    auto table = std::make_shared<std::map<std::string, TensorSensitivity>>();
    for (LayerSensitivity& layer : analyzeNetworkWeights(network, options))
        (*table)[layer.name] = std::move(layer.sensitivity);
    if (table->empty())
        return {};
    return [table](const Layer& layer, int width) {
        const auto it = table->find(layer.name);
        return it == table->end() ? gaussianProxyNoise(width) : measuredRelativeNoise(it->second, width);
    };
}

} // namespace mdse::core
