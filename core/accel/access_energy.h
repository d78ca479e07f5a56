#pragma once

#include "core/accel/dataflow.h"
#include "core/accel/layer_operands.h"
#include "hwlib/accelerator_template.h"

#include <cstdint>

namespace mdse::core {

// Energy of a layer's accesses under a cost table (Chen, Emer, Sze, ISCA
// 2016, Section V: accesses x the level's cost per access). The table's
// costs are per word of costs.wordBits; a b-bit word costs b / wordBits of
// that (energy proportional to bits moved), at the widths of
// onChipBits (RF, array) and storageBits (GLB, DRAM); psums cost psumBits
// on chip, and in DRAM the `finalOutputWords` final outputs cost the output
// width and the rest (psum spills) psumBits. A MAC of a x w bits costs
// a*w / wordBits^2 of the table's MAC (multiplier energy ~ the product of
// the operand widths: Horowitz ISSCC 2014, int8 multiply 0.2 pJ vs int32
// 3.1 pJ) times the density of nonzero products (zero operands gated or
// skipped, Eyeriss ISSCC 2016). A PE skipping zero inputs also skips the
// RF reads of the weight and the psum update (and vice versa).
LevelEnergy accessEnergy(const DataflowAccesses& accesses, std::int64_t macs, std::int64_t finalOutputWords,
                         const LayerOperands& operands, const hwlib::EnergyCostTable& costs);

// DRAM bytes of the accesses at the storage widths.
double dramBytes(const DataflowAccesses& accesses, std::int64_t finalOutputWords, const LayerOperands& operands);

} // namespace mdse::core
