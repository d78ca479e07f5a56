#pragma once

#include "core/compress/compressed_design.h"
#include "core/memory/precision_view.h"

namespace mdse::core {

// The PrecisionView of a design with a config applied (core/compress):
// each layer's output at its activation bits, graph inputs at the bits of
// their first reader, weights at their bits with the compressed value +
// index bytes (scales and biases are modelled by flashUsage itself).
PrecisionView precisionViewOf(const CompressedDesign& design);

} // namespace mdse::core
