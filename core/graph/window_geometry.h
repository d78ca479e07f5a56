#pragma once

#include "core/graph/attributes.h"

#include <cstdint>

namespace mdse::core {

// The sliding window of a convolution or pooling layer over H and W, with
// `same`/`valid`/explicit padding resolved to concrete per-side pads.
struct Window2D {
    std::int64_t kernelH = 1, kernelW = 1;
    std::int64_t strideH = 1, strideW = 1;
    std::int64_t dilationH = 1, dilationW = 1;
    std::int64_t padTop = 0, padLeft = 0, padBottom = 0, padRight = 0;
    bool ceilMode = false;

    std::int64_t effectiveKernelH() const { return dilationH * (kernelH - 1) + 1; }
    std::int64_t effectiveKernelW() const { return dilationW * (kernelW - 1) + 1; }
};

// Reads kernel/stride/dilation/padding/ceil_mode from a layer's attributes.
// Padding is an int (all sides), [h, w] (symmetric), [top, left, bottom,
// right], "valid" (none) or "same" (output = ceil(input / stride), the
// total pad split with the extra pixel at the bottom/right, as TensorFlow
// and ONNX SAME_UPPER do). Pooling strides default to the kernel.
// Throws core::Error for non-positive values.
Window2D resolveWindow(const Attributes& attributes, bool strideDefaultsToKernel,
                       std::int64_t inputH, std::int64_t inputW);

// Output extent along one axis (PyTorch/ONNX definition):
//   out = floor((in + padBegin + padEnd - dilation*(kernel-1) - 1) / stride) + 1
// with ceil instead of floor in ceil mode, where a last window that would
// start inside the end padding is dropped. Throws core::Error if the
// dilated kernel is larger than the padded input, or the stride exceeds it.
std::int64_t windowOutputExtent(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                                std::int64_t dilation, std::int64_t padBegin, std::int64_t padEnd,
                                bool ceilMode, const char* axisName);

// Output extent of a transposed convolution along one axis (PyTorch):
//   out = (in - 1)*stride - padBegin - padEnd + dilation*(kernel-1) + outputPadding + 1
std::int64_t transposedOutputExtent(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                                    std::int64_t dilation, std::int64_t padBegin,
                                    std::int64_t padEnd, std::int64_t outputPadding);

} // namespace mdse::core
