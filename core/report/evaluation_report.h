#pragma once

#include "core/evaluate/evaluation.h"
#include "core/report/report_schema.h"

#include <string>

namespace mdse::core {

// The report of one evaluation in the three formats `microdse analyze`
// writes and the studio exports; the same text from the same Evaluation on
// every surface. JSON members (docs/design-spec.md, "Reports"):
//   schemaVersion, provenance, network, design, warnings, layers[], totals;
//   MCU targets: mcu, memory, patch, latency, latencySeconds, roofline,
//   energyJoules, fits; FPGA targets: target, accelerator, dataflow,
//   energyTables, resources, roofline; with `systolic`: systolic.
// Field names of the earlier per-target reports stay.
std::string evaluationJson(const Evaluation& evaluation);
std::string evaluationTable(const Evaluation& evaluation);
std::string evaluationCsv(const Evaluation& evaluation);

} // namespace mdse::core
