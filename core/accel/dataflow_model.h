#pragma once

#include "core/accel/conv_problem.h"
#include "core/accel/dataflow.h"
#include "core/accel/dataflow_mapping.h"
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

// Evaluates one layer. The cost table's per-access figures are for words of
// table.wordBits; accesses of b-bit words cost b/wordBits of that (energy
// proportional to bits moved), and a MAC of a x w bits costs
// a*w/wordBits^2 of the table's MAC (multiplier energy ~ operand widths'
// product: Horowitz ISSCC 2014, int8 mult 0.2 pJ vs int32 3.1 pJ).
DataflowLayerResult evaluateDataflowLayer(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel,
                                          Dataflow dataflow, const hwlib::EnergyCostTable& costs);

DataflowReport evaluateDataflow(const std::vector<ConvProblem>& problems, const hwlib::AcceleratorTemplate& accel,
                                Dataflow dataflow, const hwlib::EnergyCostTable& costs);

} // namespace mdse::core
