#include "core/compress/compressed_design.h"

#include "core/compress/structured_pruning.h"
#include "core/config/design_resolution.h"

namespace mdse::core {

CompressedDesign applyDesign(const Network& network, const DesignConfig& config)
{
    std::vector<LayerCompression> settings = resolve(config, network);
    std::vector<double> ratios(settings.size(), 0.0);
    bool anyStructured = false;
    for (std::size_t i = 0; i < settings.size(); ++i)
        if (settings[i].pruning == PruningKind::Structured && settings[i].structuredRatio > 0.0) {
            ratios[i] = settings[i].structuredRatio;
            anyStructured = true;
        }
    Network pruned = anyStructured ? pruneChannels(network, ratios) : network;
    NetworkStats stats = computeStats(pruned);
    const std::int64_t referenceParams = anyStructured ? computeStats(network).totals.params
                                                       : stats.totals.params;
    CompressionEffects effects = computeEffects(pruned, stats, settings, referenceParams);
    return {std::move(pruned), std::move(settings), std::move(stats), std::move(effects)};
}

} // namespace mdse::core
