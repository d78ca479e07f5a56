#include "core/memory/arena_planner.h"

#include "core/util/error.h"

#include <algorithm>
#include <numeric>

namespace mdse::core {
namespace {

std::int64_t roundUp(std::int64_t value, std::int64_t to)
{
    return (value + to - 1) / to * to;
}

bool overlaps(const PlannerBuffer& a, const PlannerBuffer& b)
{
    return a.firstStep <= b.lastStep && b.firstStep <= a.lastStep;
}

// Places buffers one by one in `sequence` order, each at the first offset
// where it fits among already placed, lifetime-overlapping buffers.
ArenaPlan placeInSequence(const std::vector<PlannerBuffer>& buffers,
                          const std::vector<std::size_t>& sequence, std::int64_t rounding)
{
    if (rounding <= 0)
        throw Error("arena alignment must be positive");
    ArenaPlan plan;
    plan.offsets.assign(buffers.size(), 0);
    std::vector<std::size_t> placed;
    for (const std::size_t index : sequence) {
        const std::int64_t size = roundUp(buffers[index].bytes, rounding);
        std::vector<std::size_t> neighbours;
        for (const std::size_t other : placed)
            if (overlaps(buffers[index], buffers[other]))
                neighbours.push_back(other);
        std::sort(neighbours.begin(), neighbours.end(), [&](std::size_t a, std::size_t b) {
            return plan.offsets[a] < plan.offsets[b];
        });
        std::int64_t candidate = 0;
        for (const std::size_t other : neighbours) {
            if (candidate + size <= plan.offsets[other])
                break; // the gap before `other` is large enough
            candidate = std::max(candidate, plan.offsets[other] + roundUp(buffers[other].bytes, rounding));
        }
        plan.offsets[index] = candidate;
        plan.arenaBytes = std::max(plan.arenaBytes, candidate + size);
        placed.push_back(index);
    }
    return plan;
}

} // namespace

ArenaPlan planGreedyBySize(const std::vector<PlannerBuffer>& buffers, std::int64_t alignment)
{
    std::vector<std::size_t> sequence(buffers.size());
    std::iota(sequence.begin(), sequence.end(), 0);
    std::stable_sort(sequence.begin(), sequence.end(),
                     [&](std::size_t a, std::size_t b) { return buffers[a].bytes > buffers[b].bytes; });
    return placeInSequence(buffers, sequence, alignment);
}

ArenaPlan planFirstFit(const std::vector<PlannerBuffer>& buffers, std::int64_t rounding)
{
    std::vector<std::size_t> sequence(buffers.size());
    std::iota(sequence.begin(), sequence.end(), 0);
    std::stable_sort(sequence.begin(), sequence.end(), [&](std::size_t a, std::size_t b) {
        return buffers[a].firstStep < buffers[b].firstStep;
    });
    return placeInSequence(buffers, sequence, rounding);
}

} // namespace mdse::core
