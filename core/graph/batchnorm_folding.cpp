#include "core/graph/batchnorm_folding.h"

#include <algorithm>

namespace mdse::core {
namespace {

bool isFoldTarget(const Layer& producer)
{
    const bool linear = producer.op == OpKind::Conv2D || producer.op == OpKind::ConvTranspose2D
        || producer.op == OpKind::Dense;
    return linear && producer.attributes.getString("activation", "none") == "none";
}

bool isGraphOutput(const Network& network, const std::string& tensor)
{
    const auto& outputs = network.outputs();
    return std::find(outputs.begin(), outputs.end(), tensor) != outputs.end();
}

} // namespace

NetworkDefinition foldBatchNorms(const Network& network, BatchNormFoldReport* report)
{
    NetworkDefinition folded = network.definition();
    std::vector<bool> removed(folded.layers.size(), false);
    for (std::size_t i = 0; i < folded.layers.size(); ++i) {
        const Layer& norm = folded.layers[i];
        if (norm.op != OpKind::BatchNorm)
            continue;
        const std::string& input = norm.inputs.front();
        const long producerIndex = network.producerOf(input);
        const bool foldable = producerIndex >= 0
            && isFoldTarget(folded.layers[static_cast<std::size_t>(producerIndex)])
            && network.consumersOf(input).size() == 1 && !isGraphOutput(network, input);
        if (!foldable) {
            if (report)
                report->kept.push_back(norm.name);
            continue;
        }
        Layer& producer = folded.layers[static_cast<std::size_t>(producerIndex)];
        producer.attributes.set("bias", std::int64_t{1});
        const std::string activation = norm.attributes.getString("activation", "none");
        if (activation != "none")
            producer.attributes.set("activation", activation);
        producer.outputs = norm.outputs;
        removed[i] = true;
        if (report)
            report->folded.push_back(norm.name);
    }
    std::vector<Layer> kept;
    for (std::size_t i = 0; i < folded.layers.size(); ++i)
        if (!removed[i])
            kept.push_back(std::move(folded.layers[i]));
    folded.layers = std::move(kept);
    return folded;
}

} // namespace mdse::core
