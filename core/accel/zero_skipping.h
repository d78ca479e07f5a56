#pragma once

#include <cstdint>
#include <vector>

namespace mdse::core {

// One multiply-accumulate in a cycle of the FEIE pipeline: partial sum
// `psum` (1-based over the whole output, row-major) adds input x weight
// `weight` (1-based tap) in processing element `pe` (1-based).
struct FeieMac {
    std::int64_t psum = 0;
    std::int64_t weight = 0;
    std::int64_t pe = 0;
    bool operator==(const FeieMac&) const = default;
};

struct FeieCycle {
    std::int64_t cycle = 0;      // 1-based clock cycle
    std::int64_t inputIndex = 0; // 1-based input X_i consumed this cycle
    std::vector<FeieMac> macs;
};

// The FEIE time-multiplexed 1-D convolution pipeline (Ardakani, Condo,
// Gross, "Fast and Efficient Convolutional Accelerator for Edge
// Computing", IEEE TC 2019; McGill EPEPS 2019 tutorial cycle tables): inputs are read one
// per cycle, row by row, and shared by all PEs; `taps` PEs (filter width,
// stride 1) each accumulate one partial sum, with the weights rotated
// through shift registers. Input c (1-based in its row) meets weight k in
// output column o = c - k + 1 when 1 <= o <= rowLength - taps + 1; psum o
// lives in PE ((o - 1) mod taps) + 1. With `skipZeros`, a zero input costs
// no cycle (its products contribute nothing).
std::vector<FeieCycle> feieSchedule(const std::vector<double>& inputs, std::int64_t rowLength,
                                    std::int64_t taps, bool skipZeros);

// Effect of sparsity on an array's work (see zero_skipping.cpp for sources).
struct SparsityOptions {
    double weightDensity = 1;       // fraction of nonzero weights
    double activationDensity = 1;   // fraction of nonzero input activations
    bool structuredWeights = false; // whole filters/channels removed (dense smaller layer)
    bool skipZeroWeights = false;   // PEs fetch only nonzero weights (EIE/SCNN style)
    bool skipZeroActivations = false; // PEs skip zero inputs (Cnvlutin/FEIE style)
    int weightBits = 8;
    int indexBits = 4;              // relative index per stored nonzero (EIE: 4 bits)
    double loadImbalance = 1.0;     // >= 1: slowest PE's work / mean work
};

struct SparsityEffect {
    double effectiveMacs = 0;   // MACs performed (multiplier activity)
    double cycleFactor = 1;     // cycles relative to the dense layer
    double weightStorageBits = 0; // values + indices for the layer's weights
    double indexOverheadBits = 0;
    double macEnergyFactor = 1; // energy of the MACs relative to dense
};

SparsityEffect sparsityEffect(std::int64_t denseMacs, std::int64_t denseWeights, const SparsityOptions& options);

} // namespace mdse::core
