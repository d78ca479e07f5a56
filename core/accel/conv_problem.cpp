#include "core/accel/conv_problem.h"

#include "core/graph/window_geometry.h"
#include "core/util/error.h"

namespace mdse::core {
namespace {

ConvProblem fromConv(const Network& network, const Layer& layer)
{
    const Shape& in = network.tensor(layer.inputs.at(0)).shape;
    const Shape& out = network.tensor(layer.outputs.at(0)).shape;
    const Window2D w = resolveWindow(layer.attributes, false, in[1], in[2]);
    ConvProblem p;
    p.name = layer.name;
    p.groups = layer.attributes.getInt("groups", 1);
    p.channels = in[0] / p.groups;
    p.filters = out[0] / p.groups;
    p.kind = (p.groups > 1 && p.channels == 1) ? "depthwise" : "conv";
    p.inputH = in[1];
    p.inputW = in[2];
    p.paddedH = in[1] + w.padTop + w.padBottom;
    p.paddedW = in[2] + w.padLeft + w.padRight;
    // A dilated kernel touches R taps; the window model sees R, not the
    // effective extent, so dilation only changes which inputs are read.
    p.kernelH = w.kernelH;
    p.kernelW = w.kernelW;
    p.strideH = w.strideH;
    p.strideW = w.strideW;
    p.outputH = out[1];
    p.outputW = out[2];
    return p;
}

ConvProblem fromDense(const Network& network, const Layer& layer)
{
    const Shape& in = network.tensor(layer.inputs.at(0)).shape;
    const Shape& out = network.tensor(layer.outputs.at(0)).shape;
    ConvProblem p;
    p.name = layer.name;
    p.kind = "dense";
    p.channels = in.back();
    p.filters = out.back();
    // Leading axes (e.g. a sequence) repeat the matrix-vector product.
    std::int64_t rows = 1;
    for (std::size_t i = 0; i + 1 < in.size(); ++i)
        rows *= in[i];
    p.outputH = rows;
    p.inputH = rows;
    p.paddedH = rows;
    return p;
}

} // namespace

std::vector<ConvProblem> convProblems(const Network& network, std::int64_t batch)
{
    if (batch < 1)
        throw Error("batch must be at least 1, got " + std::to_string(batch));
    std::vector<ConvProblem> result;
    for (std::size_t index : network.executionOrder()) {
        const Layer& layer = network.layers()[index];
        if (layer.op == OpKind::Conv2D)
            result.push_back(fromConv(network, layer));
        else if (layer.op == OpKind::Dense)
            result.push_back(fromDense(network, layer));
    }
    for (ConvProblem& p : result)
        p.batch = batch;
    return result;
}

ConvProblem makeConvProblem(const std::string& name, std::int64_t channels, std::int64_t inputH,
                            std::int64_t inputW, std::int64_t filters, std::int64_t kernelH,
                            std::int64_t kernelW, std::int64_t stride, std::int64_t padding)
{
    ConvProblem p;
    p.name = name;
    p.kind = (kernelH == 1 && kernelW == 1 && inputH == 1 && inputW == 1) ? "dense" : "conv";
    p.channels = channels;
    p.filters = filters;
    p.inputH = inputH;
    p.inputW = inputW;
    p.paddedH = inputH + 2 * padding;
    p.paddedW = inputW + 2 * padding;
    p.kernelH = kernelH;
    p.kernelW = kernelW;
    p.strideH = stride;
    p.strideW = stride;
    p.outputH = (p.paddedH - kernelH) / stride + 1;
    p.outputW = (p.paddedW - kernelW) / stride + 1;
    return p;
}

} // namespace mdse::core
