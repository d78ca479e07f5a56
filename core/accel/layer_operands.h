#pragma once

#include "core/accel/conv_problem.h"
#include "core/accel/zero_skipping.h"
#include "core/config/design_config.h" // core::Precision, core::PruningKind
#include "hwlib/accelerator_template.h"

namespace mdse::core {

// One layer's operands as the accelerator sees them: word widths and
// sparsity as plain values, resolved by the caller from the design's
// per-layer precision and pruning (or from the shorthands below).
struct LayerOperands {
    Precision weights = Precision::Int16;
    Precision inputs = Precision::Int16;  // input activations
    Precision outputs = Precision::Int16; // output activations, as written to DRAM
    int psumBits = 32;                    // partial sums on chip (the accumulator width)

    double weightDensity = 1;     // nonzero fraction of the weights
    double activationDensity = 1; // nonzero fraction of the input activations
    // Unstructured: zeros scattered among dense weights; Structured: whole
    // filters removed (a dense, smaller layer: M x density filters); NM: N
    // of every M consecutive weights kept (density N/M).
    PruningKind pruning = PruningKind::None;
    int nmKeep = 2, nmGroup = 4;
    // Compressed storage in DRAM and the global buffer: each nonzero with
    // its index (the PE array works on decoded words).
    bool compressedWeights = false;
    bool compressedActivations = false;
    int weightIndexBits = 4;     // EIE (Han et al., ISCA 2016): 4-bit relative index per nonzero
    int activationIndexBits = 5; // Eyeriss (ISSCC 2016) run-length code: 5-bit run per nonzero
    // Zero skipping in the PEs: a zero operand costs no MAC, no RF read of
    // the other operand and no psum update, and (skipping) no cycle.
    bool skipZeroWeights = false;
    bool skipZeroActivations = false;
    double loadImbalance = 1; // >= 1: slowest PE's work / mean work when skipping weights
};

// The template's global widths (activations for inputs and outputs), dense.
LayerOperands operandsOf(const hwlib::AcceleratorTemplate& accel);
// The SparsityOptions flags as a shorthand for the sparsity fields:
// structuredWeights -> Structured; weightDensity < 1 -> Unstructured;
// skipZeroWeights also stores the weights compressed with options.indexBits.
LayerOperands operandsOf(const hwlib::AcceleratorTemplate& accel, const SparsityOptions& options);

// One layer's operands from its resolved design (core/config): weight
// precision, output words at the layer's activation precision, input words
// at `inputs` (its producer's activation precision, or the graph input's),
// partial sums at the template's psumBits; and its pruning:
// unstructured -> weightDensity = 1 - sparsity, structured -> 1 -
// structuredRatio, N:M -> N/M; weights stored compressed (value + index
// per nonzero) when the design's format is rle or csr (indexBits, default
// 4 as EIE's relative index; csr's row pointers are not counted on the
// accelerator), dense otherwise (bitmap included). activationSparsity sets
// activationDensity when the design gives it (dense otherwise). The
// shorthands, when given, override the sparsity fields for every layer
// exactly as operandsOf(accel, shorthand) does and add the zero skipping.
LayerOperands operandsOf(const hwlib::AcceleratorTemplate& accel, const LayerCompression& design, Precision inputs,
                         const SparsityOptions* shorthand);

// Throws core::Error naming the layer when a density is outside (0, 1],
// the load imbalance below 1, an N:M pattern is not 0 < N <= M, or a width
// is below 1 bit.
void validateOperands(const LayerOperands& operands, const std::string& layerName);

// The weight density the array sees: N/M for N:M, else weightDensity.
double effectiveWeightDensity(const LayerOperands& operands);

// The dense layer the array runs: structured pruning keeps
// max(1, round(M x density)) filters per group; other kinds keep the shape.
ConvProblem prunedProblem(const ConvProblem& problem, const LayerOperands& operands);

// Bits per (dense) word of each operand at each level: decoded words on the
// array and in the RF; compressed words (density x (value + index bits)) in
// the global buffer and DRAM when stored compressed.
struct OperandBits {
    double weights = 16, inputs = 16, psums = 32, outputs = 16;
};
OperandBits onChipBits(const LayerOperands& operands);  // RF, array
OperandBits storageBits(const LayerOperands& operands); // global buffer, DRAM

// Cycles relative to the dense layer when the PEs skip zeros (first-order,
// as sparsityEffect: weights density x load imbalance, activations density).
double skippedCycleFactor(const LayerOperands& operands);

} // namespace mdse::core
