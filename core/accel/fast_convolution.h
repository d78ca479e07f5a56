#pragma once

#include "core/accel/conv_problem.h"

#include <cstdint>

namespace mdse::core {

// Winograd minimal filtering F(m x m, r x r) (Lavin & Gray, CVPR 2016;
// Mazumder et al., JETCAS 2021 Section IV-B.1): one alpha x alpha tile, alpha = m + r - 1,
// yields m x m outputs with alpha^2 multiplications instead of m^2 r^2.
struct WinogradTileCost {
    std::int64_t alpha = 0;
    std::int64_t winogradMultiplications = 0; // (m + r - 1)^2
    std::int64_t directMultiplications = 0;   // m^2 r^2
    double reduction = 0;                     // direct / winograd
};
WinogradTileCost winogradTile(std::int64_t m, std::int64_t r);

// Whole-layer cost of a stride-1 square-kernel convolution (per group x groups).
struct FastConvCost {
    std::int64_t directMultiplications = 0;
    std::int64_t elementwiseMultiplications = 0; // the transformed-domain products
    std::int64_t inputTransformOps = 0;
    std::int64_t filterTransformOps = 0; // once per weight set (offline at inference)
    std::int64_t outputTransformOps = 0;
    std::int64_t totalOnlineOps() const { return elementwiseMultiplications + inputTransformOps + outputTransformOps; }
};

// Winograd F(m x m, r x r) on a layer; throws core::Error unless stride 1
// and R == S == r.
FastConvCost winogradLayerCost(const ConvProblem& problem, std::int64_t m);

// FFT convolution: inputs and filters zero-padded to n x n, n the next power
// of two >= H + R - 1 (no circular aliasing); real multiplications with 4 per
// complex multiply.
FastConvCost fftLayerCost(const ConvProblem& problem);

} // namespace mdse::core
