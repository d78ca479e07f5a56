#pragma once

#include "core/graph/network.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

// Which kernel library's scratch-buffer sizes to model.
enum class KernelPath {
    CmsisNnDsp, // CMSIS-NN s8 kernels built with the DSP extension (Cortex-M4/M7/M33)
    CmsisNnMve, // CMSIS-NN s8 kernels built for Helium (Cortex-M55/M85)
    None,       // reference kernels: no scratch
};

KernelPath parseKernelPath(const std::string& name); // "cmsis-nn-dsp" | "cmsis-nn-mve" | "none"
const char* kernelPathName(KernelPath path);

// Scratch bytes the kernel of `layer` requests while it runs, as CMSIS-NN's
// *_get_buffer_size functions compute them (CMSIS-NN HEAD 99f736a, see
// ARM-software/CMSIS-NN, Source/ConvolutionFunctions/*_get_buffer_size*.c):
//  conv s8        DSP: 2 * align4(kh*kw*Cin) * 2   (two im2col columns of int16)
//                 MVE: 4 * ceil(kh*kw*Cin / 16) * 16
//                 1x1, stride 1, pad 0: 0 (the extra buffer exists only with Arm Compiler 6)
//  depthwise s8   DSP: 0 for 3x3 with pad <= 1, else Cin*kh*kw*2;  MVE: 4*124*kh*kw
//  fully conn.    DSP: 0;  MVE: 4 * input features
//  avgpool        DSP: 4 * C;  MVE: 0
// Cin is the input channels per group. Other ops request no scratch.
std::int64_t kernelScratchBytes(const Network& network, const Layer& layer, KernelPath path);

// kernelScratchBytes of every layer, indexed like network.layers(): an
// explicit cache the caller computes once and hands to the timelines,
// planners and reordering of one analysis (they compute it themselves
// without one).
using ScratchByLayer = std::vector<std::int64_t>;
ScratchByLayer kernelScratchByLayer(const Network& network, KernelPath path);

} // namespace mdse::core
