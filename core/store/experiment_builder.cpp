#include "core/store/experiment_builder.h"

#include "core/graph/tensor_bytes.h"
#include "core/io/design_config_yaml.h"
#include "core/io/network_yaml.h"

namespace mdse::core {

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
        row.inputShape = shapesToString(layer.inputShapes);
        row.outputShape = shapesToString(layer.outputShapes);
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

Experiment experimentFromDesign(const CompressedDesign& design, const DesignConfig& config, const std::string& name,
                                const std::string& sourcePath)
{
    Experiment e = experimentFromStats(design.network, design.stats, name, sourcePath);
    e.configYaml = writeDesignConfigYaml(config);
    e.metrics.weightBytes = static_cast<double>(design.effects.totals.weightBytes);
    for (std::size_t i = 0; i < e.layers.size() && i < design.effects.layers.size(); ++i) {
        const LayerEffects& effects = design.effects.layers[i];
        LayerResult& row = e.layers[i];
        row.weightBits = effects.weightBits;
        row.activationBits = effects.activationBits;
        row.sparsity = effects.sparsity;
        row.weightBytes = static_cast<double>(effects.weightBytes);
        if (effects.layerIndex < design.settings.size()) {
            const PruningKind pruning = design.settings[effects.layerIndex].pruning;
            row.pruning = pruning == PruningKind::None ? std::string() : std::string(pruningKindName(pruning));
        }
    }
    return e;
}

} // namespace mdse::core
