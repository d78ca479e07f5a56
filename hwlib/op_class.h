#pragma once

#include <optional>
#include <string_view>

namespace mdse::hwlib {

// The operator classes whose MCU throughput the latency cost model keeps
// apart (issue #17): inference engines and cores run them at different
// rates. Work is MACs for the first four and elements for the last two
// (pooling: elements read, output elements x window; element-wise: output
// elements). It refines KernelFamily, whose `elementwise` covers both
// pooling and element-wise ops.
enum class OpClass { Conv, Pointwise, Depthwise, FullyConnected, Pooling, Elementwise };
inline constexpr int kOpClassCount = 6;

// "conv" (standard or grouped), "pointwise" (1x1 ungrouped), "depthwise",
// "fc", "pooling", "elementwise".
const char* opClassName(OpClass opClass);
std::optional<OpClass> parseOpClass(std::string_view name);

} // namespace mdse::hwlib
