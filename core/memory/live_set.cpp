#include "core/memory/live_set.h"

#include "core/graph/layer_stats.h"
#include "core/graph/tensor_bytes.h"

namespace mdse::core {

bool isDepthwiseConv(const Network& network, const Layer& layer)
{
    if (layer.op != OpKind::Conv2D || layer.inputs.empty())
        return false;
    const Shape& in = network.tensor(layer.inputs.front()).shape;
    return in.size() == 3 && convVariant(layer, in) == "depthwise"
        && layer.attributes.getInt("filters", 0) == in[0];
}

bool canRunInPlace(const Network& network, const BufferLifetimes& lifetimes, const Layer& layer,
                   std::size_t step)
{
    if (!isDepthwiseConv(network, layer))
        return false;
    const TensorBuffer& in = lifetimes.buffers[lifetimes.bufferOf.at(layer.inputs.front())];
    return in.lastStep == step && !in.graphInput && !in.graphOutput;
}

std::int64_t inPlaceChannelBytes(const Network& network, const BufferLifetimes& lifetimes, const Layer& layer)
{
    const std::string& output = layer.outputs.front();
    const Shape& out = network.tensor(output).shape; // [C, H, W]
    const Precision precision = lifetimes.buffers[lifetimes.bufferOf.at(output)].precision;
    return packedBytes(out[1] * out[2], precisionBits(precision));
}

namespace {

TimelineStep buildStep(const Network& network, const BufferLifetimes& lifetimes, std::size_t step,
                       const LiveSetOptions& options)
{
    const Layer& layer = network.layers()[lifetimes.order[step]];
    TimelineStep result;
    result.layerIndex = lifetimes.order[step];
    result.layerName = layer.name;
    result.inPlace = options.inPlaceDepthwise && canRunInPlace(network, lifetimes, layer, step);
    const std::string& output = layer.outputs.front();
    for (const TensorBuffer& buffer : lifetimes.buffers) {
        if (buffer.firstStep > step || buffer.lastStep < step)
            continue;
        if (result.inPlace && buffer.tensor == output)
            continue; // written over its input
        std::int64_t bytes = buffer.bytes;
        if (result.inPlace && buffer.tensor == layer.inputs.front())
            bytes = std::max(bytes, lifetimes.buffers[lifetimes.bufferOf.at(output)].bytes);
        result.live.push_back({buffer.tensor, bytes});
        result.tensorBytes += bytes;
    }
    result.scratchBytes = options.scratchByLayer ? (*options.scratchByLayer)[result.layerIndex]
                                                 : kernelScratchBytes(network, layer, options.kernelPath);
    if (result.scratchBytes > 0)
        result.live.push_back({layer.name + ":scratch", result.scratchBytes});
    if (result.inPlace) {
        const std::int64_t channel = inPlaceChannelBytes(network, lifetimes, layer);
        result.live.push_back({layer.name + ":channel", channel});
        result.scratchBytes += channel;
    }
    result.totalBytes = result.tensorBytes + result.scratchBytes;
    return result;
}

} // namespace

LiveSetTimeline liveSetTimeline(const Network& network, const BufferLifetimes& lifetimes,
                                const LiveSetOptions& options)
{
    LiveSetTimeline timeline;
    for (std::size_t step = 0; step < lifetimes.order.size(); ++step) {
        timeline.steps.push_back(buildStep(network, lifetimes, step, options));
        if (timeline.steps.back().totalBytes > timeline.peakBytes) {
            timeline.peakBytes = timeline.steps.back().totalBytes;
            timeline.peakStep = step;
        }
    }
    return timeline;
}

LiveSetTimeline liveSetTimeline(const Network& network, const PrecisionView& precision,
                                const LiveSetOptions& options)
{
    return liveSetTimeline(network, computeBufferLifetimes(network, network.executionOrder(), precision),
                           options);
}

} // namespace mdse::core
