#pragma once

#include "core/memory/precision_view.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace mdse::core {

// One activation buffer: a tensor plus the view-op outputs (reshape,
// flatten, squeeze, unsqueeze) that alias it. Steps are positions in the
// execution order; the lifetime is inclusive, as in TFLite Micro's planner:
// from the step that produces it (0 for a graph input) to the last step that
// reads it or any alias (the last step of all for a graph output).
struct TensorBuffer {
    std::string tensor;                // the tensor that owns the bytes
    std::vector<std::string> aliases;  // view outputs sharing them
    std::int64_t bytes = 0;
    Precision precision = Precision::Int8; // of the owner's elements
    std::size_t firstStep = 0;
    std::size_t lastStep = 0;
    bool graphInput = false;
    bool graphOutput = false;
};

struct BufferLifetimes {
    std::vector<std::size_t> order;           // layer indices by step
    std::vector<TensorBuffer> buffers;
    std::map<std::string, std::size_t> bufferOf; // any tensor name -> buffer
};

BufferLifetimes computeBufferLifetimes(const Network& network, const std::vector<std::size_t>& order,
                                       const PrecisionView& precision);

// The tensor whose bytes `tensor` uses (itself unless a view output).
std::string aliasRoot(const Network& network, const std::string& tensor);

} // namespace mdse::core
