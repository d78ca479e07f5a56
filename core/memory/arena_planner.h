#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

// A buffer to place in the tensor arena: its size and inclusive lifetime.
struct PlannerBuffer {
    std::string name;
    std::int64_t bytes = 0;
    std::size_t firstStep = 0;
    std::size_t lastStep = 0;
};

struct ArenaPlan {
    std::vector<std::int64_t> offsets; // per buffer, in input order
    std::int64_t arenaBytes = 0;
};

// TFLite Micro's GreedyMemoryPlanner (greedy_memory_planner.h comment):
// buffers sorted by size, largest first (ties keep input order); the first
// goes at offset 0; each next one goes into the first gap, scanning the
// placed buffers whose lifetimes overlap its own in offset order, that is
// large enough, else after the last of them. Sizes are rounded up to
// `alignment` first (the TFLM allocator uses 16; its planner tests use 1).
ArenaPlan planGreedyBySize(const std::vector<PlannerBuffer>& buffers, std::int64_t alignment);

// A TinyEngine-like first-fit allocator: buffers are allocated in the order
// they come alive (ties: input order), each at the lowest offset that does
// not collide with a live buffer, sizes rounded up to `rounding` (4 bytes).
ArenaPlan planFirstFit(const std::vector<PlannerBuffer>& buffers, std::int64_t rounding);

} // namespace mdse::core
