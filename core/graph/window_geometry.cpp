#include "core/graph/window_geometry.h"

#include "core/graph/shape.h"
#include "core/util/checked_math.h"
#include "core/util/error.h"

#include <tuple>
#include <utility>
#include <vector>

namespace mdse::core {
namespace {

std::pair<std::int64_t, std::int64_t> pairOf(const Attributes& attributes, const char* name,
                                             std::int64_t fallback)
{
    const std::vector<std::int64_t> values = attributes.getInts(name, {fallback});
    if (values.size() != 1 && values.size() != 2)
        throw Error(std::string(name) + " must be one value or [h, w], found "
                    + std::to_string(values.size()) + " values");
    const auto result = values.size() == 1 ? std::pair{values[0], values[0]}
                                           : std::pair{values[0], values[1]};
    constexpr std::int64_t kLimit = std::int64_t{1} << 31; // keeps products inside int64
    for (std::int64_t value : {result.first, result.second})
        if (value <= 0 || value > kLimit)
            throw Error(std::string(name) + " must be between 1 and 2^31, found "
                        + std::to_string(value));
    return result;
}

// Total SAME padding along one axis so that out = ceil(in / stride).
std::int64_t samePadTotal(std::int64_t input, std::int64_t stride, std::int64_t effectiveKernel)
{
    const std::int64_t output = (input + stride - 1) / stride;
    const std::int64_t needed = (output - 1) * stride + effectiveKernel - input;
    return needed > 0 ? needed : 0;
}

void resolvePadding(const Attributes& attributes, Window2D& window, std::int64_t inputH,
                    std::int64_t inputW)
{
    const auto found = attributes.values().find("padding");
    if (found == attributes.values().end())
        return;
    if (const auto* mode = std::get_if<std::string>(&found->second)) {
        if (*mode == "same") {
            const std::int64_t totalH = samePadTotal(inputH, window.strideH, window.effectiveKernelH());
            const std::int64_t totalW = samePadTotal(inputW, window.strideW, window.effectiveKernelW());
            window.padTop = totalH / 2;
            window.padBottom = totalH - window.padTop;
            window.padLeft = totalW / 2;
            window.padRight = totalW - window.padLeft;
        } else if (*mode != "valid") {
            throw Error("padding must be same, valid or numbers, found '" + *mode + "'");
        }
        return;
    }
    const std::vector<std::int64_t> pads = attributes.getInts("padding", {0});
    for (std::int64_t pad : pads)
        if (pad < 0 || pad > (std::int64_t{1} << 31))
            throw Error("padding must be between 0 and 2^31, found " + std::to_string(pad));
    if (pads.size() == 1) {
        window.padTop = window.padBottom = window.padLeft = window.padRight = pads[0];
    } else if (pads.size() == 2) {
        window.padTop = window.padBottom = pads[0];
        window.padLeft = window.padRight = pads[1];
    } else if (pads.size() == 4) {
        window.padTop = pads[0];
        window.padLeft = pads[1];
        window.padBottom = pads[2];
        window.padRight = pads[3];
    } else {
        throw Error("padding must be 1, 2 ([h, w]) or 4 ([top, left, bottom, right]) values, found "
                    + std::to_string(pads.size()));
    }
}

} // namespace

Window2D resolveWindow(const Attributes& attributes, bool strideDefaultsToKernel,
                       std::int64_t inputH, std::int64_t inputW)
{
    Window2D window;
    std::tie(window.kernelH, window.kernelW) = pairOf(attributes, "kernel", 1);
    if (strideDefaultsToKernel && !attributes.has("stride"))
        std::tie(window.strideH, window.strideW) = std::pair{window.kernelH, window.kernelW};
    else
        std::tie(window.strideH, window.strideW) = pairOf(attributes, "stride", 1);
    std::tie(window.dilationH, window.dilationW) = pairOf(attributes, "dilation", 1);
    window.ceilMode = attributes.getInt("ceil_mode", 0) != 0;
    resolvePadding(attributes, window, inputH, inputW);
    return window;
}

std::int64_t windowOutputExtent(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                                std::int64_t dilation, std::int64_t padBegin, std::int64_t padEnd,
                                bool ceilMode, const char* axisName)
{
    const std::int64_t padded = input + padBegin + padEnd;
    const std::int64_t effectiveKernel = dilation * (kernel - 1) + 1;
    if (effectiveKernel > padded)
        throw Error(std::string("kernel ") + axisName + " " + std::to_string(effectiveKernel)
                    + " (after dilation) is larger than the padded input " + axisName + " "
                    + std::to_string(padded));
    if (stride > padded)
        throw Error(std::string("stride ") + axisName + " " + std::to_string(stride)
                    + " is larger than the padded input " + axisName + " " + std::to_string(padded));
    const std::int64_t span = padded - effectiveKernel;
    std::int64_t output = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
    if (ceilMode && (output - 1) * stride >= input + padBegin)
        --output; // the last window would start in the end padding (PyTorch rule)
    return output;
}

std::int64_t transposedOutputExtent(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                                    std::int64_t dilation, std::int64_t padBegin,
                                    std::int64_t padEnd, std::int64_t outputPadding)
{
    // Inputs are bounded (extent <= 2^40, kernel/stride/dilation/pads <=
    // 2^31) but (in-1)*stride + dilation*(kernel-1) can still pass 2^63.
    const auto scaled = checkedMul(input - 1, stride);
    const auto spread = checkedMul(dilation, kernel - 1);
    const auto grown = scaled && spread ? checkedAdd(*scaled, *spread) : std::nullopt;
    if (!grown || *grown > kMaxTensorElements)
        throw Error("transposed convolution output extent overflows");
    const std::int64_t output = *grown - padBegin - padEnd + outputPadding + 1;
    if (output <= 0)
        throw Error("transposed convolution output extent " + std::to_string(output)
                    + " is not positive (padding too large)");
    return output;
}

} // namespace mdse::core
