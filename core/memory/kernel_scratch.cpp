#include "core/memory/kernel_scratch.h"

#include "core/graph/layer_stats.h"
#include "core/graph/window_geometry.h"
#include "core/util/error.h"

namespace mdse::core {
namespace {

std::int64_t alignUp(std::int64_t value, std::int64_t alignment)
{
    return (value + alignment - 1) / alignment * alignment;
}

std::int64_t convScratch(const Layer& layer, const Shape& in, KernelPath path)
{
    const Window2D window = resolveWindow(layer.attributes, false, in[1], in[2]);
    const std::int64_t groups = layer.attributes.getInt("groups", 1);
    const std::int64_t depth = window.kernelH * window.kernelW * (in[0] / groups);
    const bool pointwiseFast = window.kernelH == 1 && window.kernelW == 1 && window.strideH == 1
        && window.strideW == 1 && window.padTop == 0 && window.padLeft == 0
        && window.padBottom == 0 && window.padRight == 0;
    if (pointwiseFast)
        return 0;
    if (path == KernelPath::CmsisNnMve)
        return 4 * alignUp(depth, 16);
    return 2 * alignUp(depth, 4) * 2;
}

std::int64_t depthwiseScratch(const Layer& layer, const Shape& in, KernelPath path)
{
    const Window2D window = resolveWindow(layer.attributes, false, in[1], in[2]);
    if (path == KernelPath::CmsisNnMve)
        return 4 * 124 * window.kernelH * window.kernelW;
    const bool threeByThree = window.kernelH == 3 && window.kernelW == 3;
    const bool smallPad = window.padTop <= 1 && window.padLeft <= 1 && window.padBottom <= 1
        && window.padRight <= 1;
    if (threeByThree && smallPad)
        return 0;
    return in[0] * window.kernelH * window.kernelW * 2;
}

} // namespace

KernelPath parseKernelPath(const std::string& name)
{
    if (name == "cmsis-nn-dsp")
        return KernelPath::CmsisNnDsp;
    if (name == "cmsis-nn-mve")
        return KernelPath::CmsisNnMve;
    if (name == "none")
        return KernelPath::None;
    throw Error("unknown kernel path '" + name + "' (use cmsis-nn-dsp, cmsis-nn-mve or none)");
}

const char* kernelPathName(KernelPath path)
{
    switch (path) {
    case KernelPath::CmsisNnDsp: return "cmsis-nn-dsp";
    case KernelPath::CmsisNnMve: return "cmsis-nn-mve";
    case KernelPath::None: return "none";
    }
    return "none";
}

std::int64_t kernelScratchBytes(const Network& network, const Layer& layer, KernelPath path)
{
    if (path == KernelPath::None || layer.inputs.empty())
        return 0;
    const Shape& in = network.tensor(layer.inputs.front()).shape;
    switch (layer.op) {
    case OpKind::Conv2D:
        if (in.size() != 3)
            return 0;
        if (convVariant(layer, in) == "depthwise")
            return depthwiseScratch(layer, in, path);
        return convScratch(layer, in, path);
    case OpKind::Dense:
        return path == KernelPath::CmsisNnMve ? 4 * in.back() : 0;
    case OpKind::AvgPool:
        return path == KernelPath::CmsisNnDsp && !in.empty() ? 4 * in[0] : 0;
    default:
        return 0;
    }
}

ScratchByLayer kernelScratchByLayer(const Network& network, KernelPath path)
{
    ScratchByLayer bytes;
    bytes.reserve(network.layers().size());
    for (const Layer& layer : network.layers())
        bytes.push_back(kernelScratchBytes(network, layer, path));
    return bytes;
}

} // namespace mdse::core
