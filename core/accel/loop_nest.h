#pragma once

#include "core/accel/conv_problem.h"
#include "core/accel/dataflow.h"

#include <array>
#include <cstdint>
#include <string>

namespace mdse::core {

// The seven loops of a convolution (Chen, Emer, Sze, ISCA 2016, Table I;
// the letters Timeloop uses): N images, M filters, C channels, P (= E)
// output rows, Q (= F) output columns, R filter rows, S filter columns.
enum class LoopDim : std::uint8_t { N, M, C, P, Q, R, S };
inline constexpr int kLoopDimCount = 7;
inline constexpr LoopDim kAllLoopDims[] = {LoopDim::N, LoopDim::M, LoopDim::C, LoopDim::P,
                                           LoopDim::Q, LoopDim::R, LoopDim::S};
using LoopFactors = std::array<std::int64_t, kLoopDimCount>;
inline constexpr LoopFactors kUnitFactors{1, 1, 1, 1, 1, 1, 1};

char loopDimLetter(LoopDim dim); // 'N', 'M', 'C', 'P', 'Q', 'R', 'S'
inline std::int64_t& at(LoopFactors& f, LoopDim d) { return f[std::size_t(d)]; }
inline std::int64_t at(const LoopFactors& f, LoopDim d) { return f[std::size_t(d)]; }

// The loop bounds of one group of a problem.
LoopFactors problemExtents(const ConvProblem& problem);

// The three data spaces: weights index (M, C, R, S), inputs (N, C,
// P*U+R, Q*U+S), outputs (N, M, P, Q). Every loop is irrelevant to exactly
// one of them: iterating it leaves that operand's element unchanged.
enum class Operand : std::uint8_t { Weights, Inputs, Outputs };
inline constexpr Operand kAllOperands[] = {Operand::Weights, Operand::Inputs, Operand::Outputs};
bool isRelevant(Operand operand, LoopDim dim);
std::string_view operandName(Operand operand); // "weights", "inputs", "outputs"

// Temporal loops of one memory level: `factors` per dimension, `order`
// innermost first (only loops with a factor above 1 matter).
struct TemporalLoops {
    LoopFactors factors = kUnitFactors;
    std::array<LoopDim, kLoopDimCount> order{LoopDim::N, LoopDim::M, LoopDim::C, LoopDim::P,
                                             LoopDim::Q, LoopDim::R, LoopDim::S};
    bool operator==(const TemporalLoops&) const = default;
};

// A mapping of one group of a layer onto DRAM, the global buffer (GLB), a
// PE array and a register file (RF) per PE, as a loop nest (outer to inner):
//   DRAM temporal loops, GLB temporal loops, spatial loops over the array's
//   rows and columns, RF temporal loops, one MAC.
// Each level's factors multiply to the problem's bounds (perfect
// factorization). `rfKeeps` names the operands the RF holds; the others
// reach the MAC from the GLB over the array for every MAC.
struct LoopNest {
    TemporalLoops dram;
    TemporalLoops buffer;
    LoopFactors rows = kUnitFactors;
    LoopFactors cols = kUnitFactors;
    LoopFactors registers = kUnitFactors;
    std::array<bool, 3> rfKeeps{}; // indexed by Operand
    bool operator==(const LoopNest&) const = default;
};

// What a loop nest moves, per group (see loop_nest.cpp for the rules).
struct LoopNestCounts {
    DataflowAccesses accesses;
    std::int64_t macs = 0;
    std::int64_t steps = 0;    // temporal iterations = cycles at one MAC per PE per cycle
    std::int64_t usedPes = 0;
    std::int64_t outputWords = 0; // final outputs (the rest of psums.dram are spills)
    std::array<std::int64_t, 3> rfTileWords{};     // per PE, operands the RF keeps
    std::array<std::int64_t, 3> bufferTileWords{};
};

// Counts accesses of `nest` on one group of `problem`; throws core::Error
// when the factors of a dimension do not multiply to its bound.
LoopNestCounts countLoopNest(const ConvProblem& problem, const LoopNest& nest);

// The loop nest as text, outer to inner, e.g.
//   DRAM    for M in [0:4)
//   GLB     for Q in [0:13) for C in [0:16)
//   array   spatial R in [0:3) on rows, spatial P in [0:13) on cols
//   RF      for S in [0:3) for C in [0:4) for M in [0:8)   [keeps weights, inputs, outputs]
//           MAC
std::string printLoopNest(const LoopNest& nest);

// Words covered by an input tile of `p` output rows and `r` filter rows at
// stride `stride` (the union of the windows; (p-1)*stride + r when they
// overlap or touch).
std::int64_t inputSpan(std::int64_t p, std::int64_t r, std::int64_t stride);

} // namespace mdse::core
