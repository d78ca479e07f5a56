#include "core/compress/mixed_precision_knapsack.h"

#include "core/util/error.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace mdse::core {
namespace {

struct State {
    std::int64_t flash = 0;
    std::int64_t bops = 0;    // real BOPs, reported
    std::int64_t bopsKey = 0; // BOPs in budget units when budgeted, else 0 (dominance axis)
    double noise = 0.0;
    std::uint32_t parent = 0; // index in the previous stage
    std::uint8_t choice = 0;
};

// How each kept state was reached: all the backtracking needs per stage.
struct Link {
    std::uint32_t parent = 0;
    std::uint8_t choice = 0;
};

bool lessCost(const State& a, const State& b)
{
    return std::tie(a.flash, a.bopsKey, a.noise) < std::tie(b.flash, b.bopsKey, b.noise);
}

// Keeps the states no other state beats on (flash, bopsKey, noise). The
// input is sorted, so every earlier state has flash <= the current one; a
// staircase of (bopsKey -> least noise) answers "is there an earlier state
// with bopsKey <= and noise <=". Without a BOPs axis the staircase has one
// step and this is the linear 2-D filter.
std::vector<State> paretoFilter(const std::vector<State>& sorted)
{
    std::map<std::int64_t, double> staircase; // bopsKey ascending, noise strictly descending
    std::vector<State> kept;
    for (const State& state : sorted) {
        auto next = staircase.upper_bound(state.bopsKey);
        if (next != staircase.begin() && std::prev(next)->second <= state.noise)
            continue;
        kept.push_back(state);
        while (next != staircase.end() && next->second >= state.noise)
            next = staircase.erase(next);
        staircase[state.bopsKey] = state.noise;
    }
    return kept;
}

// Extends every state by every choice. Each choice shifts the (sorted)
// previous stage by a constant, so the extended lists are sorted too and a
// k-way merge replaces a sort.
std::vector<State> extend(const std::vector<State>& previous, const KnapsackLayer& layer,
                          const KnapsackBudgets& budgets)
{
    std::vector<State> merged;
    for (std::size_t c = 0; c < layer.choices.size(); ++c) {
        const KnapsackChoice& choice = layer.choices[c];
        std::vector<State> shifted;
        shifted.reserve(previous.size());
        for (std::size_t p = 0; p < previous.size(); ++p) {
            State state = previous[p];
            state.flash += choice.flashBytes;
            state.bops += choice.bops;
            state.noise += choice.noise;
            state.parent = static_cast<std::uint32_t>(p);
            state.choice = static_cast<std::uint8_t>(c);
            if (budgets.bops)
                state.bopsKey += (choice.bops + budgets.bopsUnit - 1) / budgets.bopsUnit;
            if ((budgets.flashBytes && state.flash > *budgets.flashBytes)
                || (budgets.bops && state.bopsKey > *budgets.bops / budgets.bopsUnit))
                continue;
            shifted.push_back(state); // a constant shift keeps the stage's order
        }
        std::vector<State> next(merged.size() + shifted.size());
        std::merge(merged.begin(), merged.end(), shifted.begin(), shifted.end(), next.begin(), lessCost);
        merged.swap(next);
    }
    return merged;
}

std::vector<int> trace(const std::vector<std::vector<Link>>& links, std::uint32_t index)
{
    std::vector<int> choice(links.size());
    for (std::size_t stage = links.size(); stage > 0; --stage) {
        const Link& link = links[stage - 1][index];
        choice[stage - 1] = link.choice;
        index = link.parent;
    }
    return choice;
}

} // namespace

KnapsackResult solveKnapsack(const std::vector<KnapsackLayer>& layers, const KnapsackBudgets& budgets,
                             std::size_t maxStates)
{
    if (budgets.bopsUnit < 1)
        throw Error("precision search: the BOPs unit must be at least 1");
    std::vector<State> states{State{}};
    std::vector<std::vector<Link>> links;
    KnapsackResult result;
    std::size_t stored = 0;
    for (const KnapsackLayer& layer : layers) {
        if (layer.choices.empty() || layer.choices.size() > 255)
            throw Error("precision search: layer '" + layer.name + "' needs 1..255 choices");
        states = paretoFilter(extend(states, layer, budgets));
        result.largestStateSet = std::max(result.largestStateSet, states.size());
        stored += states.size();
        if (stored > maxStates)
            throw Error("precision search: more than " + std::to_string(maxStates)
                        + " Pareto states; use fewer bit widths, a tighter budget or a coarser BOPs unit");
        if (states.empty())
            return result; // nothing fits the budgets
        std::vector<Link> stage(states.size());
        for (std::size_t i = 0; i < states.size(); ++i)
            stage[i] = {states[i].parent, states[i].choice};
        links.push_back(std::move(stage));
    }
    std::size_t best = 0;
    for (std::size_t i = 0; i < states.size(); ++i)
        if (states[i].noise < states[best].noise)
            best = i;
    result.feasible = true;
    result.best = {trace(links, static_cast<std::uint32_t>(best)), states[best].flash, states[best].bops, states[best].noise};
    for (const State& state : states) // flash ascending
        if (result.frontier.empty() || state.noise < result.frontier.back().noise)
            result.frontier.push_back({{}, state.flash, state.bops, state.noise});
    return result;
}

} // namespace mdse::core
