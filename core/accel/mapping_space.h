#pragma once

#include "core/accel/conv_problem.h"
#include "core/accel/dataflow.h"
#include "core/accel/layer_operands.h"
#include "core/accel/loop_nest.h"

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace mdse::core {

// The mappings a dataflow allows (Chen, Emer, Sze, ISCA 2016, Sections
// III-IV; mapping_space.cpp documents each): which operands the RF keeps,
// which loops may run in space on the array's rows and columns, which may
// iterate inside a PE, and which must (RS: a whole filter row per PE).
struct DataflowSpace {
    Dataflow dataflow = Dataflow::RowStationary;
    std::array<bool, 3> rfKeeps{};
    std::vector<LoopDim> rowDims, colDims, rfDims;
    std::vector<LoopDim> rfWhole; // loops that sit entirely in the RF
};
DataflowSpace dataflowSpace(Dataflow dataflow);

// The hardware bounds a mapping must respect, in bits.
struct MappingLimits {
    std::int64_t rows = 1, cols = 1;
    double rfBits = 0;     // per PE
    double bufferBits = 0; // global buffer
    OperandBits rfWidths;     // bits per word of each operand in the RF
    OperandBits bufferWidths; // in the global buffer (compressed when stored so)
};

// The choice below the global buffer: spatial factors and RF factors.
struct InnerMapping {
    LoopFactors rows = kUnitFactors, cols = kUnitFactors, registers = kUnitFactors;
};

// Every legal inner mapping in a fixed order: spatial factors that fit the
// array (each a divisor of what is left of the loop), RF factors whose
// tiles fit the RF. With `maximalOnly`, only spatial assignments where no
// factor can grow to the next divisor and still fit (more PEs share the
// work) and RF tiles no factor of which can grow by a prime and stay
// within the RF, or within a half, quarter or eighth of it (a larger RF
// tile refills no operand more often, but the buffer must hold the PEs'
// tiles too). Stops after limit + 1 mappings (the caller sees it overflowed).
void forEachInnerMapping(const ConvProblem& problem, const DataflowSpace& space, const MappingLimits& limits,
                         bool maximalOnly, const std::function<bool(const InnerMapping&)>& fn); // false: stop
std::vector<InnerMapping> innerMappings(const ConvProblem& problem, const DataflowSpace& space,
                                        const MappingLimits& limits, bool maximalOnly,
                                        std::size_t limit = std::size_t(-1));

// Every global-buffer factor vector (a divisor of what the inner mapping
// leaves of each loop) whose tiles fit the buffer, in a fixed order; the
// DRAM level takes the rest. With `maximalOnly`, only those no factor of
// which can grow to the next divisor and still fit.
std::vector<LoopFactors> bufferFactorChoices(const ConvProblem& problem, const InnerMapping& inner,
                                             const DataflowSpace& space, const MappingLimits& limits,
                                             bool maximalOnly);

// Loop orders of one level that differ in what they reuse: for each set of
// loops with a factor above 1 (a bit per LoopDim), one order per class of
// orders that give every operand the same stationary loops and the same
// first loop that changes it (rules in loop_nest.cpp), innermost first.
class LoopOrderClasses {
public:
    LoopOrderClasses();
    const std::vector<std::array<LoopDim, kLoopDimCount>>& orders(unsigned dimMask) const
    {
        return m_orders[dimMask];
    }
    static unsigned maskOf(const LoopFactors& factors);

private:
    std::array<std::vector<std::array<LoopDim, kLoopDimCount>>, 1u << kLoopDimCount> m_orders;
};

} // namespace mdse::core
