#include "core/perf/mcu_cost_model.h"

#include "core/graph/tensor_bytes.h"
#include "core/graph/window_geometry.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace mdse::core {
namespace {

using hwlib::OpClass;

std::size_t index(OpClass opClass) { return static_cast<std::size_t>(opClass); }

// Elements read by a pooling layer: each output reads its window
// (kernelH x kernelW of one channel); a global pool reads its whole input.
std::int64_t poolingWork(const Layer& layer, const LayerStats& stats)
{
    if (layer.op == OpKind::GlobalAvgPool || stats.inputShapes.front().size() < 3)
        return stats.inputElements;
    const Shape& input = stats.inputShapes.front();
    const Window2D window = resolveWindow(layer.attributes, true, input[input.size() - 2], input.back());
    return stats.outputElements * window.kernelH * window.kernelW;
}

std::int64_t workOf(OpClass opClass, const Layer& layer, const LayerStats& stats)
{
    switch (opClass) {
    case OpClass::Conv:
    case OpClass::Pointwise:
    case OpClass::Depthwise:
    case OpClass::FullyConnected:
        return stats.macs;
    case OpClass::Pooling:
        return poolingWork(layer, stats);
    case OpClass::Elementwise:
        return stats.outputElements;
    }
    return stats.outputElements;
}

// Stored weights + biases: the given bytes, or dense at the weight
// precision with biases at int32 for integer weights (TFLite's int8 scheme)
// and at the weight precision for floating point.
std::int64_t flashBytesOf(const LayerStats& stats, const LayerCostInput& input)
{
    if (stats.weights == 0 && stats.biases == 0)
        return 0;
    if (input.storedWeightBytes >= 0)
        return input.storedWeightBytes;
    const int bits = precisionBits(input.weights);
    const int biasBits = isIntegerPrecision(input.weights) ? 32 : bits;
    return packedBytes(stats.weights, bits) + packedBytes(stats.biases, biasBits);
}

// Inputs at their producer's activation precision (graph inputs at this
// layer's), outputs at this layer's.
std::int64_t sramBytesOf(const Network& network, const Layer& layer, const LayerStats& stats,
                         const std::vector<LayerCostInput>& inputs)
{
    const int ownBits = precisionBits(inputs[stats.layerIndex].activations);
    std::int64_t bytes = packedBytes(stats.outputElements, ownBits);
    for (const std::string& tensor : layer.inputs) {
        const long producer = network.producerOf(tensor);
        const int bits = producer < 0 ? ownBits : precisionBits(inputs[static_cast<std::size_t>(producer)].activations);
        bytes += packedBytes(elementCount(network.tensor(tensor).shape), bits);
    }
    return bytes;
}

// Output positions of a spatial layer ([C, H, W] output), 1 for a fully
// connected one, 0 for element-wise ops.
std::int64_t pixelsOf(OpClass opClass, const LayerStats& stats)
{
    if (opClass == OpClass::Elementwise || stats.outputShapes.empty())
        return 0;
    const Shape& out = stats.outputShapes.front();
    if (opClass == OpClass::FullyConnected || out.size() < 3)
        return 1;
    return out[out.size() - 2] * out.back();
}

std::string percent(double fraction)
{
    std::ostringstream text;
    text.precision(3);
    text << fraction * 100.0 << " %";
    return text.str();
}

} // namespace

std::vector<LayerCostInput> int8LayerCosts(const Network& network)
{
    return std::vector<LayerCostInput>(network.layers().size());
}

hwlib::OpClass opClassOf(const Network& network, const Layer& layer)
{
    switch (layer.op) {
    case OpKind::Conv2D:
    case OpKind::ConvTranspose2D: {
        const std::string variant = convVariant(layer, network.tensor(layer.inputs.front()).shape);
        if (variant == "depthwise")
            return OpClass::Depthwise;
        return variant == "pointwise" ? OpClass::Pointwise : OpClass::Conv;
    }
    case OpKind::Dense:
    case OpKind::MatMul:
    case OpKind::Lstm:
    case OpKind::Gru:
        return OpClass::FullyConnected;
    case OpKind::MaxPool:
    case OpKind::AvgPool:
    case OpKind::GlobalAvgPool:
        return OpClass::Pooling;
    default:
        return OpClass::Elementwise;
    }
}

double precisionThroughputScale(Precision weights, Precision activations)
{
    const bool integer = isIntegerPrecision(weights) && isIntegerPrecision(activations);
    const int bits = std::max(precisionBits(weights), precisionBits(activations));
    if (!integer || bits > 16)
        return 0.25;
    return bits <= 8 ? 1.0 : 0.5;
}

std::vector<LayerWork> mcuLayerWork(const Network& network, const NetworkStats& stats,
                                    const std::vector<LayerCostInput>& inputs)
{
    if (inputs.size() != network.layers().size())
        throw Error("cost model: " + std::to_string(inputs.size()) + " layer inputs for a network of "
                    + std::to_string(network.layers().size()) + " layers");
    std::vector<LayerWork> result;
    for (const LayerStats& layerStats : stats.layers) {
        const Layer& layer = network.layers()[layerStats.layerIndex];
        const LayerCostInput& input = inputs[layerStats.layerIndex];
        LayerWork row;
        row.layerIndex = layerStats.layerIndex;
        row.name = layer.name;
        row.executed = !isViewOp(layer.op);
        row.opClass = opClassOf(network, layer);
        if (row.executed) {
            row.work = workOf(row.opClass, layer, layerStats);
            row.pixels = pixelsOf(row.opClass, layerStats);
            const Precision kernelWeights = layerStats.weights > 0 ? input.weights : input.activations;
            row.precisionScale = precisionThroughputScale(kernelWeights, input.activations);
            row.flashBytes = flashBytesOf(layerStats, input);
            row.sramBytes = sramBytesOf(network, layer, layerStats, inputs);
        }
        result.push_back(row);
    }
    return result;
}

const char* rateOriginName(RateOrigin origin)
{
    switch (origin) {
    case RateOrigin::PartCalibration: return "part-calibration";
    case RateOrigin::Calibrated: return "calibrated";
    case RateOrigin::Transferred: return "transferred";
    case RateOrigin::Uncalibrated: return "uncalibrated";
    }
    return "uncalibrated";
}

CostRates uncalibratedRates(const hwlib::McuTarget& part, const hwlib::InferenceEngine& engine)
{
    using hwlib::KernelFamily;
    CostRates rates;
    const double speed = engine.speedVsPartRates.value;
    rates.workPerCycle[index(OpClass::Conv)] = part.macsPerCycle(KernelFamily::Conv).value * speed;
    rates.workPerCycle[index(OpClass::Pointwise)] = part.macsPerCycle(KernelFamily::Pointwise).value * speed;
    rates.workPerCycle[index(OpClass::Depthwise)] = part.macsPerCycle(KernelFamily::Depthwise).value * speed;
    rates.workPerCycle[index(OpClass::FullyConnected)] = part.macsPerCycle(KernelFamily::FullyConnected).value * speed;
    rates.workPerCycle[index(OpClass::Pooling)] = part.macsPerCycle(KernelFamily::Elementwise).value * speed;
    rates.workPerCycle[index(OpClass::Elementwise)] = part.macsPerCycle(KernelFamily::Elementwise).value * speed;
    rates.perInferenceOverheadCycles = engine.perInferenceOverheadCycles.value;
    rates.perLayerOverheadCycles = engine.perLayerOverheadCycles.value;
    rates.flashBytesPerCycle = part.memoryBandwidth.flashBytesPerCycle.value;
    rates.sramBytesPerCycle = part.memoryBandwidth.sramBytesPerCycle.value;
    rates.origin = RateOrigin::Uncalibrated;
    rates.provenance = "uncalibrated default: " + part.id + " int8MacsPerCycle x " + engine.id
        + " speedVsPartRates " + std::to_string(speed) + " (estimates), range [0.5x, 2x]";
    return rates;
}

std::optional<CostRates> partCalibrationRates(const hwlib::McuTarget& part, const hwlib::InferenceEngine& engine)
{
    const hwlib::EngineCalibration* calibration = part.engineCalibration(engine.id);
    if (!calibration || calibration->workPerCycle.size() != static_cast<std::size_t>(hwlib::kOpClassCount))
        return std::nullopt;
    CostRates rates = uncalibratedRates(part, engine);
    std::copy(calibration->workPerCycle.begin(), calibration->workPerCycle.end(), rates.workPerCycle.begin());
    if (calibration->cyclesPerPixel.size() == rates.cyclesPerPixel.size())
        std::copy(calibration->cyclesPerPixel.begin(), calibration->cyclesPerPixel.end(), rates.cyclesPerPixel.begin());
    const double spread = std::max(calibration->worstErrorPercent / 100.0, 0.10);
    rates.lowFactor = 1.0 / (1.0 + spread);
    rates.highFactor = 1.0 + spread;
    rates.origin = RateOrigin::PartCalibration;
    rates.provenance = "calibrated to this part's measurements with " + engine.id + ": " + calibration->basis
        + ", range +-" + percent(spread);
    return rates;
}

double computeCycles(const LayerWork& layer, const CostRates& rates)
{
    const std::size_t c = index(layer.opClass);
    return static_cast<double>(layer.work) / (rates.workPerCycle[c] * layer.precisionScale)
        + static_cast<double>(layer.pixels) * rates.cyclesPerPixel[c];
}

double memoryCycles(const LayerWork& layer, const CostRates& rates)
{
    return static_cast<double>(layer.flashBytes) / rates.flashBytesPerCycle
        + static_cast<double>(layer.sramBytes) / rates.sramBytesPerCycle;
}

double inferenceCycles(const std::vector<LayerWork>& layers, const CostRates& rates)
{
    double cycles = rates.perInferenceOverheadCycles;
    for (const LayerWork& layer : layers)
        if (layer.executed)
            cycles += std::max(computeCycles(layer, rates), memoryCycles(layer, rates)) + rates.perLayerOverheadCycles;
    return cycles;
}

PowerFigure partPower(const hwlib::McuTarget& part)
{
    return {part.activePowerWatts.value, !part.activePowerWatts.estimated,
            part.id + " activePower: " + part.activePowerWatts.source};
}

McuCostEstimate estimateMcuCost(const std::vector<LayerWork>& layers, const hwlib::McuTarget& part,
                                const hwlib::InferenceEngine& engine, const CostRates& rates,
                                const PowerFigure& power)
{
    McuCostEstimate estimate;
    const double clock = static_cast<double>(part.clockHz);
    for (const LayerWork& layer : layers) {
        if (!layer.executed)
            continue;
        LayerCost cost;
        cost.layerIndex = layer.layerIndex;
        cost.name = layer.name;
        cost.opClass = layer.opClass;
        cost.work = layer.work;
        cost.computeCycles = computeCycles(layer, rates);
        cost.memoryCycles = memoryCycles(layer, rates);
        cost.memoryBound = cost.memoryCycles > cost.computeCycles;
        cost.cycles = std::max(cost.computeCycles, cost.memoryCycles) + rates.perLayerOverheadCycles;
        cost.seconds = cost.cycles / clock;
        estimate.layers.push_back(cost);
    }
    estimate.cycles = inferenceCycles(layers, rates);
    estimate.seconds = estimate.cycles / clock;
    estimate.lowSeconds = estimate.seconds * rates.lowFactor;
    estimate.highSeconds = estimate.seconds * rates.highFactor;
    estimate.power = power;
    estimate.joules = power.watts * estimate.seconds;
    estimate.lowJoules = power.watts * estimate.lowSeconds;
    estimate.highJoules = power.watts * estimate.highSeconds;
    estimate.origin = rates.origin;
    estimate.provenance = rates.provenance;
    estimate.engine = engine.id;
    estimate.model = "cycles = perInference + sum(max(work / rate[op class] / precision scale + pixels x "
                     "cycles per pixel[op class], flash bytes / "
                     "flash B/cycle + SRAM bytes / SRAM B/cycle) + perLayer); seconds = cycles / clock; "
                     "energy = power x seconds";
    return estimate;
}

} // namespace mdse::core
