#include "core/accel/zero_skipping.h"

#include "core/util/error.h"

#include <algorithm>

namespace mdse::core {

std::vector<FeieCycle> feieSchedule(const std::vector<double>& inputs, std::int64_t rowLength,
                                    std::int64_t taps, bool skipZeros)
{
    if (rowLength <= 0 || taps <= 0 || taps > rowLength || inputs.size() % std::size_t(rowLength) != 0)
        throw Error("FEIE schedule: inputs must be whole rows of rowLength >= taps > 0");
    const std::int64_t outputsPerRow = rowLength - taps + 1;
    std::vector<FeieCycle> cycles;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (skipZeros && inputs[i] == 0.0)
            continue;
        FeieCycle cycle;
        cycle.cycle = std::int64_t(cycles.size()) + 1;
        cycle.inputIndex = std::int64_t(i) + 1;
        const std::int64_t row = std::int64_t(i) / rowLength, column = std::int64_t(i) % rowLength + 1;
        // Weight k (descending, as the tables list the oldest psum first).
        for (std::int64_t k = taps; k >= 1; --k) {
            const std::int64_t o = column - k + 1;
            if (o < 1 || o > outputsPerRow)
                continue;
            const std::int64_t psum = row * outputsPerRow + o;
            cycle.macs.push_back({psum, k, (o - 1) % taps + 1});
        }
        cycles.push_back(std::move(cycle));
    }
    return cycles;
}

// Rules (each a first-order model):
//  - structured pruning removes whole filters/channels: the array runs a
//    dense, smaller layer, so cycles and MACs scale with the density and no
//    index is stored (Li et al., "Pruning Filters for Efficient ConvNets",
//    ICLR 2017; Mazumder et al., JETCAS 2021 Section III-A.4).
//  - unstructured zeros on a dense array are still multiplied (no cycle
//    saved) but the multiplier can be gated: Eyeriss gates MACs on zero
//    inputs (ISSCC 2016) so MAC energy scales with the density of nonzero
//    products.
//  - skipping zero weights (EIE, Han et al. ISCA 2016) stores nonzeros with
//    a relative index (4 bits in EIE) and takes cycles ~ density x load
//    imbalance; skipping zero activations (Cnvlutin ISCA 2016; FEIE, TC
//    2019) takes cycles ~ activation density, as the FEIE example (16
//    cycles dense, 10 with the 6 zero inputs skipped) shows.
SparsityEffect sparsityEffect(std::int64_t denseMacs, std::int64_t denseWeights, const SparsityOptions& o)
{
    if (o.weightDensity <= 0 || o.weightDensity > 1 || o.activationDensity <= 0 || o.activationDensity > 1
        || o.loadImbalance < 1)
        throw Error("sparsity: densities must be in (0, 1] and load imbalance >= 1");
    SparsityEffect e;
    const double nonzeroProducts = double(denseMacs) * o.weightDensity * o.activationDensity;
    const double nonzeroWeights = double(denseWeights) * o.weightDensity;
    e.macEnergyFactor = o.weightDensity * o.activationDensity; // gated or skipped
    e.effectiveMacs = nonzeroProducts;
    if (o.structuredWeights) {
        e.cycleFactor = o.weightDensity;
        e.weightStorageBits = nonzeroWeights * o.weightBits;
    } else if (o.skipZeroWeights) {
        e.cycleFactor = o.weightDensity * o.loadImbalance;
        e.indexOverheadBits = nonzeroWeights * o.indexBits;
        e.weightStorageBits = nonzeroWeights * o.weightBits + e.indexOverheadBits;
    } else {
        e.effectiveMacs = double(denseMacs); // zeros still occupy the multipliers
        e.weightStorageBits = double(denseWeights) * o.weightBits;
    }
    if (o.skipZeroActivations)
        e.cycleFactor *= o.activationDensity;
    e.cycleFactor = std::min(1.0, e.cycleFactor);
    return e;
}

} // namespace mdse::core
