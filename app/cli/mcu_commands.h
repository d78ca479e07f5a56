#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mdse::app {

// `microdse analyze <network> --target <mcu-id | part.yaml> [--config design.yaml]
// [--runtime tflm|tinyengine] [--sram-model closed-form|live-set|in-place|arena|patch]
// [--max-patch-overhead PERCENT] [--stream-input yes|no]
// [--format table|json]`: the MCU deployment analysis (docs/mcu-analysis.md).
// Returns -1 when the arguments name no --target (the caller then runs its
// own analysis), else the exit code. FPGA targets are dispatched before.
int runMcuAnalyze(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

} // namespace mdse::app
