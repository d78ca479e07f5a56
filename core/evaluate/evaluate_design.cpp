// evaluate() steps 3-5: resolve the design on the network as loaded, fold
// batchnorms, apply structured pruning (docs/design-spec.md, "Order").
#include "core/evaluate/evaluate_stages.h"

#include "core/compress/structured_pruning.h"
#include "core/config/design_resolution.h"
#include "core/graph/batchnorm_folding.h"

#include <algorithm>
#include <unordered_map>

namespace mdse::core::stages {
namespace {

// Overrides naming a batchnorm that folding removed cannot apply: say so.
void warnFoldedOverrides(const DesignConfig& design, const std::vector<FoldedLayer>& folded, Warnings& warnings)
{
    for (const LayerOverride& entry : design.layers)
        for (const FoldedLayer& layer : folded)
            if (entry.layerName == layer.name)
                warnings.push_back({"layer '" + layer.name + "' is a batchnorm folded into '" + layer.into
                                        + "': its settings do not apply (set them on '" + layer.into + "')",
                                    entry.origin});
}

std::vector<FoldedLayer> foldedLayers(const Network& source, const Network& folded, const BatchNormFoldReport& report,
                                      const std::unordered_map<std::string, std::size_t>& foldedIndex)
{
    std::vector<FoldedLayer> result;
    for (const std::string& name : report.folded) {
        std::size_t sourceIndex = 0;
        while (source.layers()[sourceIndex].name != name)
            ++sourceIndex;
        const Layer& norm = source.layers()[sourceIndex];
        const long producer = source.producerOf(norm.inputs.front());
        const std::string& into = source.layers()[static_cast<std::size_t>(producer)].name;
        result.push_back({sourceIndex, name, foldedIndex.at(into), into});
    }
    (void)folded;
    return result;
}

} // namespace

PreparedDesign prepareDesign(const Network& source, const DesignSpec& spec, const LayerCompression& base,
                             Warnings& warnings)
{
    const std::vector<LayerCompression> resolved = resolve(spec.design, source, base, &warnings);
    BatchNormFoldReport report;
    Network network = foldsBatchNorms(spec) ? Network(foldBatchNorms(source, &report)) : source;
    std::unordered_map<std::string, std::size_t> sourceIndexOf, indexOf;
    for (std::size_t i = 0; i < source.layers().size(); ++i)
        sourceIndexOf.emplace(source.layers()[i].name, i);
    for (std::size_t i = 0; i < network.layers().size(); ++i)
        indexOf.emplace(network.layers()[i].name, i);
    std::vector<LayerCompression> settings;
    std::vector<std::size_t> sourceIndex;
    for (const Layer& layer : network.layers()) {
        sourceIndex.push_back(sourceIndexOf.at(layer.name));
        settings.push_back(resolved[sourceIndex.back()]);
    }
    std::vector<FoldedLayer> folded = foldedLayers(source, network, report, indexOf);
    warnFoldedOverrides(spec.design, folded, warnings);
    std::vector<double> ratios(settings.size(), 0.0);
    for (std::size_t i = 0; i < settings.size(); ++i)
        if (settings[i].pruning == PruningKind::Structured)
            ratios[i] = settings[i].structuredRatio;
    const bool structured = std::any_of(ratios.begin(), ratios.end(), [](double r) { return r > 0.0; });
    std::int64_t referenceParams = 0;
    if (structured) {
        referenceParams = computeStats(network).totals.params;
        network = pruneChannels(network, ratios);
    }
    return {std::move(network), std::move(settings), std::move(sourceIndex), std::move(folded), referenceParams};
}

} // namespace mdse::core::stages
