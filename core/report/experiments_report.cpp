#include "core/report/experiments_report.h"

#include "core/report/json.h"
#include "core/report/report_schema.h"

#include <fmt/format.h>

#include <cmath>
#include <ctime>

namespace mdse::core {
namespace {

using report::Json;

std::string number(const std::optional<double>& value)
{
    if (!value)
        return "-";
    const bool integral = *value == std::trunc(*value) && std::abs(*value) < 1e15;
    return integral ? fmt::format("{:.0f}", *value) : fmt::format("{:.6g}", *value);
}

std::string joined(const std::vector<std::string>& items)
{
    std::string text;
    for (const std::string& item : items)
        text += (text.empty() ? "" : ",") + item;
    return text;
}

Json metricsJson(const ExperimentMetrics& metrics)
{
    Json j = Json::object();
    for (const std::string& name : metricNames())
        if (const auto value = metricValue(metrics, name))
            j[name] = *value;
    return j;
}

Json summaryJson(const ExperimentSummary& row)
{
    return {{"name", row.name},
            {"network", row.networkName},
            {"networkHash", row.networkHash},
            {"target", row.targetId},
            {"tags", row.tags},
            {"created", isoTime(row.createdSeconds)},
            {"modified", isoTime(row.modifiedSeconds)},
            {"metrics", metricsJson(row.metrics)}};
}

Json layerJson(const LayerResult& l)
{
    Json j = {{"name", l.name},           {"op", l.op},          {"inputShape", l.inputShape},
              {"outputShape", l.outputShape}, {"weights", l.weights}, {"biases", l.biases},
              {"params", l.params},       {"macs", l.macs},      {"inputElements", l.inputElements},
              {"outputElements", l.outputElements}};
    if (l.weightBits)
        j["weightBits"] = *l.weightBits;
    if (l.activationBits)
        j["activationBits"] = *l.activationBits;
    if (!l.pruning.empty())
        j["pruning"] = l.pruning;
    if (l.sparsity)
        j["sparsity"] = *l.sparsity;
    if (l.weightBytes)
        j["weightBytes"] = *l.weightBytes;
    if (l.latencySeconds)
        j["latencySeconds"] = *l.latencySeconds;
    if (l.energyJoules)
        j["energyJoules"] = *l.energyJoules;
    return j;
}

Json header() { return {{"schemaVersion", kReportSchemaVersion}}; }

} // namespace

std::string isoTime(std::int64_t seconds)
{
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&time, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string experimentListTable(const std::vector<ExperimentSummary>& rows)
{
    std::size_t width = 4;
    for (const auto& row : rows)
        width = std::max(width, row.name.size());
    std::string out = fmt::format("{:<{}}  {:<24}{:<12}{:>12}{:>12}{:>12}{:>10}{:>8}{:>11}{:>10}  tags\n", "name", width,
                                  "network", "target", "params", "macs", "weightBytes", "peakSram", "flash", "latency_s",
                                  "energy_J");
    for (const auto& row : rows) {
        const ExperimentMetrics& m = row.metrics;
        out += fmt::format("{:<{}}  {:<24}{:<12}{:>12}{:>12}{:>12}{:>10}{:>8}{:>11}{:>10}  {}\n", row.name, width,
                           row.networkName.substr(0, 23), row.targetId.empty() ? "-" : row.targetId, number(m.params),
                           number(m.macs), number(m.weightBytes), number(m.peakSramBytes), number(m.flashBytes),
                           number(m.latencySeconds), number(m.energyJoules), joined(row.tags));
    }
    return out + std::to_string(rows.size()) + " experiment" + (rows.size() == 1 ? "" : "s") + "\n";
}

std::string experimentListJson(const std::vector<ExperimentSummary>& rows)
{
    Json d = header();
    d["experiments"] = Json::array();
    for (const auto& row : rows)
        d["experiments"].push_back(summaryJson(row));
    return report::dump(d);
}

std::string experimentTable(const Experiment& e)
{
    std::string out = "experiment  " + e.name + "\n";
    out += "network     " + e.network.name + " (" + e.network.sourcePath + ", hash " + e.network.contentHash.substr(0, 12)
        + ")\n";
    out += "target      " + (e.target ? e.target->id + " (" + e.target->kind + ")" : std::string("-")) + "\n";
    out += "created     " + isoTime(e.createdSeconds) + "   modified " + isoTime(e.modifiedSeconds) + "\n";
    out += "tags        " + joined(e.tags) + "\n";
    if (!e.notes.empty())
        out += "notes       " + e.notes + "\n";
    for (const std::string& name : metricNames())
        out += fmt::format("{:<16}{}\n", name, number(metricValue(e.metrics, name)));
    if (e.memory.arenaBytes)
        out += "arenaBytes      " + std::to_string(*e.memory.arenaBytes) + "\n";
    if (e.patch)
        out += fmt::format("patch           split after {}, {}x{}\n", e.patch->splitLayer, e.patch->grid, e.patch->grid);
    for (const Measurement& m : e.measurements)
        out += "measured        " + m.key + " = " + (m.value ? number(m.value) : m.text) + "\n";
    out += "config:\n" + (e.configYaml.empty() ? std::string("  (defaults)\n") : e.configYaml);
    out += "spec: " + std::string(e.specYaml.empty() ? "(not stored: saved before schema version 4)" : "stored")
        + " (microdse experiments export NAME --format spec)\n";
    out += "layers: " + std::to_string(e.layers.size()) + " (microdse experiments export NAME --format csv)\n";
    return out;
}

std::string experimentJson(const Experiment& e)
{
    Json d = header();
    d["name"] = e.name;
    d["notes"] = e.notes;
    d["tags"] = e.tags;
    d["created"] = isoTime(e.createdSeconds);
    d["modified"] = isoTime(e.modifiedSeconds);
    d["network"] = {{"name", e.network.name}, {"sourcePath", e.network.sourcePath}, {"contentHash", e.network.contentHash}};
    if (e.target)
        d["target"] = {{"id", e.target->id}, {"kind", e.target->kind}};
    d["config"] = e.configYaml;
    d["spec"] = e.specYaml;
    d["metrics"] = metricsJson(e.metrics);
    if (e.memory.arenaBytes)
        d["arenaBytes"] = *e.memory.arenaBytes;
    d["measurements"] = Json::array();
    for (const Measurement& m : e.measurements) {
        Json item = {{"key", m.key}};
        if (m.value)
            item["value"] = *m.value;
        if (!m.text.empty())
            item["text"] = m.text;
        item["measuredAt"] = isoTime(m.measuredAtSeconds);
        d["measurements"].push_back(item);
    }
    d["layers"] = Json::array();
    for (const LayerResult& l : e.layers)
        d["layers"].push_back(layerJson(l));
    return report::dump(d);
}

std::string comparisonTable(const ExperimentComparison& c)
{
    std::string out = fmt::format("{:<16}", "metric");
    for (const std::string& name : c.names)
        out += fmt::format("{:<26}", name);
    out += "\n";
    for (const MetricComparison& row : c.metrics) {
        out += fmt::format("{:<16}", row.metric);
        for (std::size_t i = 0; i < row.values.size(); ++i) {
            std::string cell = number(row.values[i]);
            if (i > 0 && row.deltas[i])
                cell += " (" + std::string(*row.deltas[i] >= 0 ? "+" : "") + number(row.deltas[i])
                    + (row.deltaPercents[i] ? ", " + number(row.deltaPercents[i]) + "%" : std::string()) + ")";
            out += fmt::format("{:<26}", cell);
        }
        out += "\n";
    }
    for (std::size_t i = 1; i < c.designDiffs.size(); ++i) {
        out += "\n--- " + c.names.front() + "\n+++ " + c.names[i] + "\n";
        for (const DiffLine& line : c.designDiffs[i])
            out += std::string(1, line.kind) + line.text + "\n";
    }
    return out;
}

std::string comparisonJson(const ExperimentComparison& c)
{
    Json d = header();
    d["experiments"] = c.names;
    Json metrics = Json::object();
    for (const MetricComparison& row : c.metrics) {
        Json values = Json::array();
        for (std::size_t i = 0; i < row.values.size(); ++i) {
            Json item = {{"experiment", c.names[i]}};
            if (row.values[i])
                item["value"] = *row.values[i];
            if (row.deltas[i])
                item["delta"] = *row.deltas[i];
            if (row.deltaPercents[i])
                item["deltaPercent"] = *row.deltaPercents[i];
            values.push_back(item);
        }
        metrics[row.metric] = values;
    }
    d["metrics"] = metrics;
    d["designDiffs"] = Json::array();
    for (std::size_t i = 1; i < c.designDiffs.size(); ++i) {
        Json lines = Json::array();
        for (const DiffLine& line : c.designDiffs[i])
            lines.push_back(std::string(1, line.kind) + line.text);
        d["designDiffs"].push_back({{"from", c.names.front()}, {"to", c.names[i]}, {"lines", lines}});
    }
    return report::dump(d);
}

} // namespace mdse::core
