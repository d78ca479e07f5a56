#include "core/store/experiment.h"

#include "core/util/sha256.h"

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

// Length-prefixed fields, so ("ab","c") and ("a","bc") hash differently.
void addField(Sha256& hash, const std::string& field)
{
    hash.update(std::to_string(field.size()));
    hash.update(":");
    hash.update(field);
}

std::string hex(const std::array<std::uint8_t, 32>& digest)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    for (const std::uint8_t byte : digest) {
        text += kDigits[byte >> 4];
        text += kDigits[byte & 0xf];
    }
    return text;
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

std::string networkContentHash(const StoredNetwork& network) { return sha256Hex(network.yaml); }

std::string targetContentHash(const StoredTarget& target)
{
    Sha256 hash;
    addField(hash, target.id);
    addField(hash, target.kind);
    addField(hash, target.description);
    return hex(hash.finish());
}

std::string experimentContentHash(const Experiment& experiment)
{
    Sha256 hash;
    addField(hash, "microdse-experiment-v1");
    addField(hash, networkContentHash(experiment.network));
    addField(hash, experiment.target ? targetContentHash(*experiment.target) : std::string());
    addField(hash, experiment.configYaml);
    return hex(hash.finish());
}

} // namespace mdse::core
