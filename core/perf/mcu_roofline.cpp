#include "core/perf/mcu_roofline.h"

#include "core/graph/layer_stats.h"

#include <vector>

namespace mdse::core {

Roofline mcuNetworkRoofline(const Network& network, const NetworkStats& stats, const PrecisionView& precision,
                            const hwlib::McuTarget& target, const LatencyEstimate& latency)
{
    Roofline roofline = mcuRoofline(target);
    const double flashBytesPerSecond = roofline.bandwidth[0].bytesPerSecond;
    const double sramBytesPerSecond = roofline.bandwidth[1].bytesPerSecond;
    std::vector<const LayerStats*> statsOfLayer(network.layers().size(), nullptr);
    for (const LayerStats& layerStats : stats.layers)
        statsOfLayer[layerStats.layerIndex] = &layerStats;
    for (const LayerLatency& row : latency.layers) {
        if (row.family == "view" || row.work <= 0 || row.seconds <= 0)
            continue;
        const double opsPerWork = row.family == "elementwise" ? 1.0 : 2.0;
        const double ops = opsPerWork * double(row.work);
        const double peakOpsPerSecond = opsPerWork * row.workPerSecond;
        const Layer& layer = network.layers()[row.layerIndex];
        const LayerStats& layerStats = *statsOfLayer[row.layerIndex];
        const StoredWeightBytes stored = storedWeightsOf(network, layerStats, precision);
        const std::int64_t flashBytes = stored.values + stored.index + stored.biases;
        std::int64_t sramBytes = 0;
        for (const std::string& tensor : layer.inputs)
            sramBytes += activationBytes(network, precision, tensor);
        for (const std::string& tensor : layer.outputs)
            sramBytes += activationBytes(network, precision, tensor);
        if (flashBytes > 0) {
            RooflinePoint p = rooflinePoint(row.name, ops, double(flashBytes), row.seconds, peakOpsPerSecond,
                                            flashBytesPerSecond);
            p.level = "flash";
            roofline.points.push_back(p);
        }
        RooflinePoint p = rooflinePoint(row.name, ops, double(sramBytes), row.seconds, peakOpsPerSecond,
                                        sramBytesPerSecond);
        p.level = "SRAM";
        roofline.points.push_back(p);
    }
    return roofline;
}

} // namespace mdse::core
