#pragma once

#include "core/compress/compressed_design.h"
#include "core/io/stats_report.h"

#include <string>

namespace mdse::core {

// The members a design config adds to the `analyze` JSON (issue #4):
// layers[].{weightBits, activationBits, weightPrecision, activationPrecision,
// pruning, sparsity, nonZeroWeights, weightBytes, activationBytes,
// effectiveMacs, bops, ...} and totals.{weightBytes, effectiveMacs, bops,
// compressionRatio, ...}.
StatsJsonExtras compressionJsonExtras(const CompressedDesign& design);

// `analyze` table of the compression columns, one row per layer.
std::string compressionToTable(const CompressedDesign& design);

} // namespace mdse::core
