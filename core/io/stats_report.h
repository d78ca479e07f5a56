#pragma once

#include "core/graph/layer_stats.h"

#include <string>

namespace mdse::core {

class JsonWriter;

// The `microdse analyze` report in its three formats. Field names are a
// contract with scripts (issue #2): layers[].{name, op, inputShape,
// outputShape, weights, biases, params, macs, inputElements,
// outputElements} and totals.{params, macs, activationElements}.
std::string statsToJson(const Network& network, const NetworkStats& stats);
std::string statsToCsv(const NetworkStats& stats);
std::string statsToTable(const Network& network, const NetworkStats& stats);

// The per-layer and total members, for reports that embed them.
void writeStatsMembers(JsonWriter& json, const Network& network, const NetworkStats& stats);

// "3.50 M", "1.82 G": a count with an SI suffix, three significant digits.
std::string formatCount(std::int64_t count);

} // namespace mdse::core
