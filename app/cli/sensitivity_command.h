#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mdse::app {

// `microdse sensitivity <network.onnx>`: per-layer quantization SQNR of the
// real weights (issue #4, docs/design-config.md).
int runSensitivity(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

} // namespace mdse::app
