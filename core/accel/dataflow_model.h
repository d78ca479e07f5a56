#pragma once

#include "core/accel/conv_problem.h"
#include "core/accel/dataflow.h"
#include "core/accel/dataflow_mapping.h"
#include "core/accel/layer_operands.h"
#include "hwlib/accelerator_template.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

// One layer on one accelerator under one dataflow: the mapping, accesses
// per level and data type (all groups), energy by level, and latency.
struct DataflowLayerResult {
    std::string name;
    std::string kind;
    Dataflow dataflow = Dataflow::RowStationary;
    std::int64_t macs = 0;
    DataflowMapping mapping;    // per group (accesses inside are per group too)
    DataflowAccesses accesses;  // whole layer, including DRAM
    LevelEnergy energy;         // in the cost table's unit
    bool energyNormalized = false;
    double dramBytes = 0;
    std::int64_t computeCycles = 0;
    std::int64_t memoryCycles = 0;
    std::int64_t cycles = 0;    // max(compute, memory)
    double seconds = 0;
};

struct DataflowTotals {
    std::int64_t macs = 0;
    LevelEnergy energy;
    double dramBytes = 0;
    std::int64_t cycles = 0;
    double seconds = 0;
    double utilization = 0; // MAC-weighted mean of the layers' utilization
};

struct DataflowReport {
    Dataflow dataflow = Dataflow::RowStationary;
    std::string acceleratorId;
    std::string energyTableId;
    std::vector<DataflowLayerResult> layers;
    DataflowTotals totals;
};

// Evaluates one layer under the dataflow's fixed mapping
// (dataflow_mapping.h) with the template's global word widths (dense).
// The cost table's per-access figures are for words of table.wordBits;
// accesses of b-bit words cost b/wordBits of that, and a MAC of a x w bits
// a*w/wordBits^2 of the table's MAC (access_energy.h).
DataflowLayerResult evaluateDataflowLayer(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel,
                                          Dataflow dataflow, const hwlib::EnergyCostTable& costs);
// The same with the layer's own operand widths and sparsity: structured
// pruning runs the smaller dense layer; capacities (RF, buffer) are counted
// in words of the input-activation width; energy and DRAM bytes at the
// operands' widths (compressed storage in the buffer and DRAM); zero
// skipping scales the MAC and RF energy and, when skipping, the cycles.
DataflowLayerResult evaluateDataflowLayer(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel,
                                          Dataflow dataflow, const hwlib::EnergyCostTable& costs,
                                          const LayerOperands& operands);

DataflowReport evaluateDataflow(const std::vector<ConvProblem>& problems, const hwlib::AcceleratorTemplate& accel,
                                Dataflow dataflow, const hwlib::EnergyCostTable& costs);
// One LayerOperands per problem (core::Error when the sizes differ).
DataflowReport evaluateDataflow(const std::vector<ConvProblem>& problems, const hwlib::AcceleratorTemplate& accel,
                                Dataflow dataflow, const hwlib::EnergyCostTable& costs,
                                const std::vector<LayerOperands>& operands);

// Sums of the layers' MACs, energy, DRAM bytes, cycles and seconds; the
// MAC-weighted mean utilization.
DataflowTotals totalsOf(const std::vector<DataflowLayerResult>& layers);

} // namespace mdse::core
