#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mdse::core {

// Multiple-choice knapsack for per-layer precision (issue #4): every layer
// takes exactly one choice; the sums of flash bytes and of BOPs must stay
// within the budgets; the sum of noise is minimised.
//
// Solved exactly by dynamic programming over Pareto sets (Nemhauser &
// Ullmann, "Discrete dynamic programming and capital allocation", 1969):
// after each layer only the (flash, bops, noise) states that no other state
// beats in all three are kept, so no budget is discretised: costs stay
// exact integers (bytes, BOPs). Without a BOPs budget the BOPs axis is not
// used for dominance (the 2-D flash/noise frontier).

struct KnapsackChoice {
    int bits = 8;
    std::int64_t flashBytes = 0;
    std::int64_t bops = 0;
    double noise = 0.0;
};

struct KnapsackLayer {
    std::string name;
    std::vector<KnapsackChoice> choices; // at least one
};

struct KnapsackBudgets {
    std::optional<std::int64_t> flashBytes;
    std::optional<std::int64_t> bops;
    // BOPs enter the dominance test in units of this many BOPs, each
    // layer's cost rounded up, against floor(budget / unit). 1 = exact. A
    // coarser unit keeps large networks tractable: the result is then the
    // exact optimum of the rounded-up problem and always within the budget.
    std::int64_t bopsUnit = 1;
};

struct KnapsackSolution {
    std::vector<int> choice; // index into each layer's choices (best only; empty on frontier points)
    std::int64_t flashBytes = 0;
    std::int64_t bops = 0;
    double noise = 0.0;
};

struct KnapsackResult {
    bool feasible = false;
    KnapsackSolution best; // least noise within the budgets
    // Least noise reachable at each flash size (within the budgets), flash
    // ascending, noise strictly descending: the budget/noise frontier.
    std::vector<KnapsackSolution> frontier;
    std::size_t largestStateSet = 0; // for reports and benchmarks
};

// Throws core::Error if a layer has no choice or the Pareto sets exceed
// `maxStates` kept states summed over all layers (each costs 8 bytes of
// backtracking links), i.e. the instance is too large to solve exactly here.
KnapsackResult solveKnapsack(const std::vector<KnapsackLayer>& layers, const KnapsackBudgets& budgets,
                             std::size_t maxStates = 20'000'000);

} // namespace mdse::core
