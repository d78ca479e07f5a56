#include "core/memory/flash_usage.h"

#include "core/graph/layer_stats.h"
#include "core/util/error.h"

#include <cmath>

namespace mdse::core {

const char* mcuRuntimeName(McuRuntime runtime)
{
    return runtime == McuRuntime::Interpreter ? "tflm" : "tinyengine";
}

McuRuntime parseMcuRuntime(const std::string& name)
{
    if (name == "tflm")
        return McuRuntime::Interpreter;
    if (name == "tinyengine")
        return McuRuntime::CodeGenerated;
    throw Error("unknown runtime '" + name + "' (use tflm or tinyengine)");
}

std::int64_t requantisationBytes(const Network& network, const LayerStats& stats, const PrecisionView& precision)
{
    const Layer& layer = network.layers()[stats.layerIndex];
    const bool linear = layer.op == OpKind::Conv2D || layer.op == OpKind::Dense || layer.op == OpKind::ConvTranspose2D;
    if (!linear || stats.weights == 0 || !isIntegerPrecision(precision.weightsOf(layer.name)))
        return 0;
    constexpr std::int64_t kMultiplierAndShiftBytes = 8; // int32 + int32
    return kMultiplierAndShiftBytes * outputChannels(network, stats);
}

FlashBreakdown flashUsage(const Network& network, const NetworkStats& stats, const PrecisionView& precision,
                          const hwlib::McuTarget& target, McuRuntime runtime)
{
    FlashBreakdown flash;
    flash.runtime = mcuRuntimeName(runtime);
    const bool interpreter = runtime == McuRuntime::Interpreter;
    for (const LayerStats& layer : stats.layers) {
        const StoredWeightBytes stored = storedWeightsOf(network, layer, precision);
        flash.weightBytes += stored.values + stored.index;
        flash.biasBytes += stored.biases;
        const std::int64_t requant = requantisationBytes(network, layer, precision);
        if (interpreter) {
            flash.scaleBytes += stored.scales;
            flash.persistentRequantBytes += requant;
        } else {
            flash.quantParamBytes += requant;
        }
    }
    const hwlib::RuntimeOverhead& overhead = interpreter ? target.interpreter : target.codegen;
    flash.runtimeBytes = std::llround(overhead.flashBytes.value);
    flash.runtimeEstimated = overhead.flashBytes.estimated;
    flash.totalBytes = flash.weightBytes + flash.scaleBytes + flash.biasBytes + flash.quantParamBytes + flash.runtimeBytes;
    return flash;
}

FitVerdict fitVerdict(std::int64_t requiredBytes, std::int64_t availableBytes)
{
    return {requiredBytes, availableBytes, availableBytes - requiredBytes, requiredBytes <= availableBytes};
}

} // namespace mdse::core
