#include "core/memory/flash_usage.h"

#include "core/graph/layer_stats.h"
#include "core/memory/closed_form.h"
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

namespace {

std::int64_t outputChannels(const Network& network, const Layer& layer)
{
    if (layer.op != OpKind::Conv2D && layer.op != OpKind::Dense && layer.op != OpKind::ConvTranspose2D)
        return 0;
    const Shape& out = network.tensor(layer.outputs.front()).shape;
    return layer.op == OpKind::Dense ? out.back() : out.front();
}

} // namespace

FlashBreakdown flashUsage(const Network& network, const PrecisionView& precision,
                          const hwlib::McuTarget& target, McuRuntime runtime)
{
    FlashBreakdown flash;
    flash.runtime = mcuRuntimeName(runtime);
    for (const LayerStats& stats : computeStats(network).layers) {
        const Layer& layer = network.layers()[stats.layerIndex];
        flash.weightBytes += layerWeightBytes(network, precision, stats);
        flash.biasBytes += layerBiasBytes(precision, stats);
        if (stats.weights > 0 && precision.weightBitsOf(layer.name) < 32)
            flash.quantParamBytes += 8 * outputChannels(network, layer);
    }
    const hwlib::RuntimeOverhead& overhead
        = runtime == McuRuntime::Interpreter ? target.interpreter : target.codegen;
    flash.runtimeBytes = std::llround(overhead.flashBytes.value);
    flash.runtimeEstimated = overhead.flashBytes.estimated;
    flash.totalBytes = flash.weightBytes + flash.biasBytes + flash.quantParamBytes + flash.runtimeBytes;
    return flash;
}

FitVerdict fitVerdict(std::int64_t requiredBytes, std::int64_t availableBytes)
{
    return {requiredBytes, availableBytes, availableBytes - requiredBytes, requiredBytes <= availableBytes};
}

} // namespace mdse::core
