#include "core/store/experiment_compare.h"

#include <algorithm>

namespace mdse::core {
namespace {

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return lines;
}

} // namespace

std::vector<DiffLine> diffLines(const std::string& before, const std::string& after)
{
    const std::vector<std::string> a = splitLines(before);
    const std::vector<std::string> b = splitLines(after);
    std::vector<DiffLine> diff;
    constexpr std::size_t kMaxPairs = 4'000'000;
    if (a.size() * b.size() > kMaxPairs) {
        for (const std::string& line : a)
            diff.push_back({'-', line});
        for (const std::string& line : b)
            diff.push_back({'+', line});
        return diff;
    }
    // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..].
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::size_t> lcs((n + 1) * (m + 1), 0);
    const auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[at(i, j)] = a[i] == b[j] ? lcs[at(i + 1, j + 1)] + 1 : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n && j < m) {
        if (a[i] == b[j]) {
            diff.push_back({' ', a[i]});
            ++i;
            ++j;
        } else if (lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            diff.push_back({'-', a[i++]});
        } else {
            diff.push_back({'+', b[j++]});
        }
    }
    for (; i < n; ++i)
        diff.push_back({'-', a[i]});
    for (; j < m; ++j)
        diff.push_back({'+', b[j]});
    return diff;
}

std::string designText(const Experiment& e)
{
    const std::string hash = e.network.contentHash.empty() ? networkContentHash(e.network) : e.network.contentHash;
    std::string text = "network: " + e.network.name + " " + hash.substr(0, 12) + "\n";
    text += "target: " + (e.target ? e.target->id : std::string("(none)")) + "\n";
    // The whole spec when stored (runtime, kernels, options), else the config.
    return text + (e.specYaml.empty() ? e.configYaml : e.specYaml);
}

ExperimentComparison compareExperiments(const std::vector<Experiment>& experiments)
{
    ExperimentComparison comparison;
    for (const Experiment& e : experiments)
        comparison.names.push_back(e.name);
    if (experiments.empty())
        return comparison;
    for (const std::string& metric : metricNames()) {
        MetricComparison row{metric, {}, {}, {}};
        const std::optional<double> base = metricValue(experiments.front().metrics, metric);
        for (const Experiment& e : experiments) {
            const std::optional<double> value = metricValue(e.metrics, metric);
            row.values.push_back(value);
            const bool known = value && base;
            row.deltas.push_back(known ? std::optional<double>(*value - *base) : std::nullopt);
            row.deltaPercents.push_back(known && *base != 0.0 ? std::optional<double>(100.0 * (*value - *base) / *base)
                                                               : std::nullopt);
        }
        comparison.metrics.push_back(std::move(row));
    }
    const std::string baseText = designText(experiments.front());
    comparison.designDiffs.emplace_back();
    for (std::size_t i = 1; i < experiments.size(); ++i)
        comparison.designDiffs.push_back(diffLines(baseText, designText(experiments[i])));
    return comparison;
}

} // namespace mdse::core
