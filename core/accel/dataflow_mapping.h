#pragma once

#include "core/accel/conv_problem.h"
#include "core/accel/dataflow.h"

#include <cstdint>
#include <string>

namespace mdse::core {

// The PE array as the mapping sees it.
struct ArrayShape {
    std::int64_t rows = 1;
    std::int64_t cols = 1;
    std::int64_t rfWords = 0; // register file per PE, in activation words
};

// How one group of a layer maps onto the array: which dimensions are
// spread in space, how many temporal folds, the fraction of PEs busy, and
// the on-chip accesses (global buffer, array, RF) per data type. DRAM
// accesses are added by the dataflow model from the buffer capacity.
struct DataflowMapping {
    std::string spatial;   // e.g. "R*S*C=27 on rows, M=64 on cols"
    std::string temporal;  // e.g. "3 K-folds x 5 M-folds, E*F=3025 per fold"
    std::int64_t folds = 1;
    double utilization = 0; // mapped MACs / (PEs x folds), in (0, 1]
    DataflowAccesses onChip; // per group; dram fields are zero
};

// One function per dataflow; each documents its accounting beside the code
// (dataflow_mapping.cpp). Counts are for ONE group of `problem`.
DataflowMapping mapDataflow(const ConvProblem& problem, const ArrayShape& array, Dataflow dataflow);

} // namespace mdse::core
