#include "core/perf/latency_model.h"

#include "core/graph/layer_stats.h"

namespace mdse::core {

hwlib::KernelFamily kernelFamilyOf(const Network& network, const Layer& layer)
{
    using hwlib::KernelFamily;
    switch (layer.op) {
    case OpKind::Conv2D:
    case OpKind::ConvTranspose2D: {
        const std::string variant = convVariant(layer, network.tensor(layer.inputs.front()).shape);
        if (variant == "depthwise")
            return KernelFamily::Depthwise;
        return variant == "pointwise" ? KernelFamily::Pointwise : KernelFamily::Conv;
    }
    case OpKind::Dense:
    case OpKind::MatMul:
    case OpKind::Lstm:
    case OpKind::Gru:
        return KernelFamily::FullyConnected;
    default:
        return KernelFamily::Elementwise;
    }
}

double cpuPrecisionScale(Precision precision)
{
    if (!precision.isInteger() || precision.bits() > 16)
        return 0.25;
    return precision.bits() <= 8 ? 1.0 : 0.5;
}

Precision kernelPrecision(Precision output, std::optional<Precision> weights)
{
    if (!weights || *weights == output)
        return output;
    if (output.isFloat() != weights->isFloat())
        return output.isFloat() ? output : *weights;
    return weights->bits() > output.bits() ? *weights : output;
}

LatencyEstimate estimateLatency(const Network& network, const NetworkStats& networkStats, const PrecisionView& precision,
                                const hwlib::McuTarget& target, const LatencyOptions& options)
{
    LatencyEstimate estimate;
    LatencySummary& summary = estimate.summary;
    summary.calibration = target.calibration;
    summary.powerEstimated = target.activePowerWatts.estimated;
    summary.model = "seconds = calibration * (MACs / (MACs/cycle of the kernel family at the precision) "
                     "+ per-layer overhead cycles) / clock; energy = active power * seconds; estimate, "
                     "range [" + std::to_string(options.lowFactor) + "x, " + std::to_string(options.highFactor) + "x]";
    const double clock = static_cast<double>(target.clockHz);
    for (const LayerStats& stats : networkStats.layers) {
        const Layer& layer = network.layers()[stats.layerIndex];
        LayerLatency row;
        row.layerIndex = stats.layerIndex;
        row.name = layer.name;
        if (isViewOp(layer.op)) {
            row.family = "view";
            row.unit = "cpu";
            estimate.layers.push_back(row);
            continue;
        }
        const hwlib::KernelFamily family = kernelFamilyOf(network, layer);
        row.family = hwlib::kernelFamilyName(family);
        row.precision = kernelPrecision(precision.activationOf(layer.outputs.front()),
                                        stats.weights > 0 ? std::optional(precision.weightsOf(layer.name)) : std::nullopt);
        row.work = family == hwlib::KernelFamily::Elementwise ? stats.outputElements : stats.macs;
        const bool npu = options.useNpu && target.npu && family != hwlib::KernelFamily::Elementwise
            && row.precision.isInteger() && row.precision.bits() <= 8;
        if (npu) {
            row.unit = "npu";
            const double rate = target.npu->macsPerCycle.value * target.npu->utilization.value;
            row.workPerSecond = rate * static_cast<double>(target.npu->clockHz);
            row.seconds = (static_cast<double>(row.work) / rate + options.perLayerOverheadCycles)
                / static_cast<double>(target.npu->clockHz);
        } else {
            row.unit = "cpu";
            const double rate = target.macsPerCycle(family).value * cpuPrecisionScale(row.precision);
            row.workPerSecond = rate * clock;
            row.seconds = (static_cast<double>(row.work) / rate + options.perLayerOverheadCycles) / clock;
        }
        row.seconds *= target.calibration;
        row.joules = row.seconds * target.activePowerWatts.value;
        summary.totalSeconds += row.seconds;
        summary.totalJoules += row.joules;
        estimate.layers.push_back(row);
    }
    summary.lowSeconds = summary.totalSeconds * options.lowFactor;
    summary.highSeconds = summary.totalSeconds * options.highFactor;
    return estimate;
}

} // namespace mdse::core
