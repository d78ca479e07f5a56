#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mdse::app {

// `microdse systolic --config arch.cfg --topology net.csv [--format json|table]`:
// SCALE-Sim's per-layer report from our systolic simulator.
int runSystolic(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

} // namespace mdse::app

namespace mdse::app {

// `microdse analyze <network> --target <fpga-id> [--dataflow ws|os|rs|nlr]
// [--accelerator template.yaml | --accelerator <template-id>] [--format json|table]`:
// the accelerator engine's per-layer dataflow, energy, cycles, resources and
// roofline. Returns -1 when the arguments do not name an FPGA target (the
// caller then runs its own analysis), else the exit code.
int runAcceleratorAnalyze(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

} // namespace mdse::app
