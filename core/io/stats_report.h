#pragma once

#include "core/graph/layer_stats.h"

#include <functional>
#include <string>

namespace mdse::core {

class JsonWriter;

// The `microdse analyze` report in its three formats. Field names are a
// contract with scripts (issue #2): layers[].{name, op, inputShape,
// outputShape, weights, biases, params, macs, inputElements,
// outputElements} and totals.{params, macs, activationElements}.
// Optional extra members appended to every layer object and to `totals`
// (e.g. the compression effects of a design config, issue #4).
struct StatsJsonExtras {
    std::function<void(JsonWriter&, std::size_t row)> layer; // row in stats.layers
    std::function<void(JsonWriter&)> totals;
};

std::string statsToJson(const Network& network, const NetworkStats& stats,
                        const StatsJsonExtras& extras = {});
std::string statsToCsv(const NetworkStats& stats);
std::string statsToTable(const Network& network, const NetworkStats& stats);

// The per-layer and total members, for reports that embed them.
void writeStatsMembers(JsonWriter& json, const Network& network, const NetworkStats& stats,
                       const StatsJsonExtras& extras = {});

// "3.50 M", "1.82 G": a count with an SI suffix, three significant digits.
std::string formatCount(std::int64_t count);

} // namespace mdse::core
