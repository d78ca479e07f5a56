#include "core/store/experiment.h"

#include "core/util/content_hash.h"

#include <array>

namespace mdse::core {
namespace {

using MetricField = std::optional<double> ExperimentMetrics::*;

struct MetricEntry {
    const char* name;
    MetricField field;
};

constexpr std::array<MetricEntry, 7> kMetrics{{
    {"params", &ExperimentMetrics::params},
    {"macs", &ExperimentMetrics::macs},
    {"weightBytes", &ExperimentMetrics::weightBytes},
    {"peakSramBytes", &ExperimentMetrics::peakSramBytes},
    {"flashBytes", &ExperimentMetrics::flashBytes},
    {"latencySeconds", &ExperimentMetrics::latencySeconds},
    {"energyJoules", &ExperimentMetrics::energyJoules},
}};

const MetricEntry* findMetric(const std::string& name)
{
    for (const MetricEntry& entry : kMetrics)
        if (name == entry.name)
            return &entry;
    return nullptr;
}

} // namespace

const std::vector<std::string>& metricNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> list;
        for (const MetricEntry& entry : kMetrics)
            list.emplace_back(entry.name);
        return list;
    }();
    return names;
}

std::optional<double> metricValue(const ExperimentMetrics& metrics, const std::string& name)
{
    const MetricEntry* entry = findMetric(name);
    return entry != nullptr ? metrics.*(entry->field) : std::nullopt;
}

void setMetricValue(ExperimentMetrics& metrics, const std::string& name, std::optional<double> value)
{
    if (const MetricEntry* entry = findMetric(name))
        metrics.*(entry->field) = value;
}

std::string networkContentHash(const StoredNetwork& network) { return contentHash(network.yaml); }

std::string targetContentHash(const StoredTarget& target)
{
    return targetContentHash(target.id, target.kind, target.description);
}

std::string targetContentHash(std::string_view id, std::string_view kind, std::string_view description)
{
    ContentHasher hash;
    hash.add("microdse-target 2").add(id).add(kind).add(description);
    return hash.hex();
}

std::string experimentContentHash(const Experiment& experiment)
{
    return experimentContentHash(networkContentHash(experiment.network),
                                 experiment.target ? targetContentHash(*experiment.target) : std::string(),
                                 experiment.configYaml, experiment.specYaml);
}

std::string experimentContentHash(std::string_view networkHash, std::string_view targetHash, std::string_view configYaml,
                                  std::string_view specYaml)
{
    ContentHasher hash;
    hash.add("microdse-experiment 2").add(networkHash).add(targetHash).add(configYaml).add(specYaml);
    return hash.hex();
}

} // namespace mdse::core
