#pragma once

#include "core/store/experiment.h"

#include <optional>
#include <string>
#include <vector>

namespace mdse::core {

// One line of a line-by-line diff: ' ' common, '-' only in the first text,
// '+' only in the second.
struct DiffLine {
    char kind = ' ';
    std::string text;

    bool operator==(const DiffLine&) const = default;
};

// A shortest edit script over lines (longest common subsequence, dynamic
// programming as in Hunt & McIlroy, "An Algorithm for Differential File
// Comparison", 1976). Texts beyond 4 million line pairs fall back to
// "all removed, all added".
std::vector<DiffLine> diffLines(const std::string& before, const std::string& after);

struct MetricComparison {
    std::string metric;                       // a name of metricNames()
    std::vector<std::optional<double>> values; // per experiment
    // values[i] - values[0] (null when either is unknown), and the same
    // relative to values[0] in percent (null also when values[0] is 0).
    std::vector<std::optional<double>> deltas;
    std::vector<std::optional<double>> deltaPercents;
};

// N experiments side by side, the first being the baseline.
struct ExperimentComparison {
    std::vector<std::string> names;
    std::vector<MetricComparison> metrics;
    // designDiffs[i] = diff of the baseline's design text against
    // experiment i's (designDiffs[0] is empty). The design text is the
    // network line, the target line, then the DesignConfig YAML.
    std::vector<std::vector<DiffLine>> designDiffs;
};

ExperimentComparison compareExperiments(const std::vector<Experiment>& experiments);

// "network: <name> <first 12 hex of hash>\ntarget: <id>\n<config yaml>"
std::string designText(const Experiment& experiment);

} // namespace mdse::core
