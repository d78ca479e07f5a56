#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mdse::app {

// `microdse systolic --config arch.cfg --topology net.csv [--format json|table]`:
// SCALE-Sim's per-layer report from our systolic simulator.
int runSystolic(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

} // namespace mdse::app
