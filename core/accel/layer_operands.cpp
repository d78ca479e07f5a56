#include "core/accel/layer_operands.h"

#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace mdse::core {
namespace {

// A template's word width as the precision of that width (32 bits: fp32,
// 16: int16, 8/4/2/1: int8/int4/int2/int1).
Precision precisionOfBits(int bits)
{
    for (Precision p : {Precision::Fp32, Precision::Int16, Precision::Int8, Precision::Int4, Precision::Int2,
                        Precision::Int1})
        if (precisionBits(p) == bits)
            return p;
    throw Error("accelerator word width of " + std::to_string(bits) + " bits has no precision (32, 16, 8, 4, 2, 1)");
}

} // namespace

LayerOperands operandsOf(const hwlib::AcceleratorTemplate& accel)
{
    LayerOperands o;
    o.weights = precisionOfBits(accel.weightBits);
    o.inputs = o.outputs = precisionOfBits(accel.activationBits);
    o.psumBits = accel.psumBits;
    return o;
}

LayerOperands operandsOf(const hwlib::AcceleratorTemplate& accel, const SparsityOptions& s)
{
    LayerOperands o = operandsOf(accel);
    o.weightDensity = s.weightDensity;
    o.activationDensity = s.activationDensity;
    o.pruning = s.structuredWeights ? PruningKind::Structured
        : s.weightDensity < 1       ? PruningKind::Unstructured
                                    : PruningKind::None;
    o.skipZeroWeights = s.skipZeroWeights;
    o.skipZeroActivations = s.skipZeroActivations;
    o.compressedWeights = s.skipZeroWeights && !s.structuredWeights;
    o.weightIndexBits = s.indexBits;
    o.loadImbalance = s.loadImbalance;
    return o;
}

LayerOperands operandsOf(const hwlib::AcceleratorTemplate& accel, const LayerCompression& design, Precision inputs,
                         const SparsityOptions* shorthand)
{
    LayerOperands o = shorthand ? operandsOf(accel, *shorthand) : operandsOf(accel);
    o.weights = design.weights;
    o.inputs = inputs;
    o.outputs = design.activations;
    if (shorthand)
        return o;
    o.pruning = design.pruning;
    switch (design.pruning) {
    case PruningKind::None:
        break;
    case PruningKind::Unstructured:
        o.weightDensity = 1.0 - design.sparsity;
        break;
    case PruningKind::Structured:
        o.weightDensity = 1.0 - design.structuredRatio;
        break;
    case PruningKind::NM:
        o.nmKeep = design.nmKeep;
        o.nmGroup = design.nmGroup;
        break;
    }
    if (design.pruning != PruningKind::None
        && (design.format == SparseFormat::Rle || design.format == SparseFormat::Csr)) {
        o.compressedWeights = true;
        o.weightIndexBits = design.indexBits > 0 ? design.indexBits : 4;
    }
    if (design.activationSparsity)
        o.activationDensity = 1.0 - *design.activationSparsity;
    return o;
}

void validateOperands(const LayerOperands& o, const std::string& layer)
{
    const auto fail = [&](const std::string& what) { throw Error("layer '" + layer + "': " + what); };
    if (!(o.weightDensity > 0 && o.weightDensity <= 1) || !(o.activationDensity > 0 && o.activationDensity <= 1))
        fail("densities must be in (0, 1]");
    if (!(o.loadImbalance >= 1))
        fail("load imbalance must be at least 1");
    if (o.pruning == PruningKind::NM && !(o.nmKeep > 0 && o.nmKeep <= o.nmGroup))
        fail("N:M pruning needs 0 < N <= M, got " + std::to_string(o.nmKeep) + ":" + std::to_string(o.nmGroup));
    if (o.psumBits < 1 || o.weightIndexBits < 0 || o.activationIndexBits < 0)
        fail("word and index widths must be positive");
}

double effectiveWeightDensity(const LayerOperands& o)
{
    if (o.pruning == PruningKind::NM)
        return double(o.nmKeep) / double(o.nmGroup);
    if (o.pruning == PruningKind::Structured)
        return 1.0; // the removed filters are gone; the rest is dense
    return o.weightDensity;
}

ConvProblem prunedProblem(const ConvProblem& problem, const LayerOperands& o)
{
    ConvProblem p = problem;
    if (o.pruning == PruningKind::Structured)
        p.filters = std::max<std::int64_t>(1, std::llround(double(p.filters) * o.weightDensity));
    return p;
}

OperandBits onChipBits(const LayerOperands& o)
{
    return {double(precisionBits(o.weights)), double(precisionBits(o.inputs)), double(o.psumBits),
            double(precisionBits(o.outputs))};
}

// A compressed tensor of density d stores d x (value + index) bits per
// dense word (EIE's nonzeros with relative indices; Eyeriss's RLC pairs).
OperandBits storageBits(const LayerOperands& o)
{
    OperandBits b = onChipBits(o);
    if (o.compressedWeights)
        b.weights = effectiveWeightDensity(o) * (b.weights + o.weightIndexBits);
    if (o.compressedActivations)
        b.inputs = o.activationDensity * (b.inputs + o.activationIndexBits);
    return b;
}

double skippedCycleFactor(const LayerOperands& o)
{
    double f = 1;
    if (o.skipZeroWeights)
        f *= effectiveWeightDensity(o) * (o.pruning == PruningKind::NM ? 1.0 : o.loadImbalance);
    if (o.skipZeroActivations)
        f *= o.activationDensity;
    return std::min(1.0, f);
}

} // namespace mdse::core
