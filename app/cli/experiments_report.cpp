#include "app/cli/experiments_report.h"

#include "core/io/json_writer.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace mdse::app {
namespace {

std::string number(const std::optional<double>& value)
{
    if (!value)
        return "-";
    char text[32];
    const bool integral = *value == static_cast<double>(static_cast<long long>(*value)) && std::abs(*value) < 1e15;
    std::snprintf(text, sizeof text, integral ? "%.0f" : "%.6g", *value);
    return text;
}

std::string joined(const std::vector<std::string>& items)
{
    std::string text;
    for (const std::string& item : items)
        text += (text.empty() ? "" : ",") + item;
    return text;
}

std::string padded(std::string text, std::size_t width)
{
    if (text.size() < width)
        text.append(width - text.size(), ' ');
    return text;
}

void metricsMembers(core::JsonWriter& json, const core::ExperimentMetrics& metrics)
{
    json.key("metrics").beginObject();
    for (const std::string& name : core::metricNames())
        if (const auto value = core::metricValue(metrics, name))
            json.key(name).value(*value);
    json.endObject();
}

void summaryJson(core::JsonWriter& json, const core::ExperimentSummary& row)
{
    json.beginObject().key("name").value(row.name).key("network").value(row.networkName);
    json.key("networkHash").value(row.networkHash).key("target").value(row.targetId);
    json.key("tags").beginArray();
    for (const std::string& tag : row.tags)
        json.value(tag);
    json.endArray();
    json.key("created").value(isoTime(row.createdSeconds)).key("modified").value(isoTime(row.modifiedSeconds));
    metricsMembers(json, row.metrics);
    json.endObject();
}

void layersJson(core::JsonWriter& json, const std::vector<core::LayerResult>& layers)
{
    json.key("layers").beginArray();
    for (const core::LayerResult& l : layers) {
        json.beginObject().key("name").value(l.name).key("op").value(l.op);
        json.key("inputShape").value(l.inputShape).key("outputShape").value(l.outputShape);
        json.key("weights").value(l.weights).key("biases").value(l.biases).key("params").value(l.params);
        json.key("macs").value(l.macs).key("inputElements").value(l.inputElements);
        json.key("outputElements").value(l.outputElements);
        if (l.weightBits)
            json.key("weightBits").value(*l.weightBits);
        if (l.activationBits)
            json.key("activationBits").value(*l.activationBits);
        if (!l.pruning.empty())
            json.key("pruning").value(l.pruning);
        if (l.sparsity)
            json.key("sparsity").value(*l.sparsity);
        if (l.weightBytes)
            json.key("weightBytes").value(*l.weightBytes);
        if (l.latencySeconds)
            json.key("latencySeconds").value(*l.latencySeconds);
        if (l.energyJoules)
            json.key("energyJoules").value(*l.energyJoules);
        json.endObject();
    }
    json.endArray();
}

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

std::string experimentListTable(const std::vector<core::ExperimentSummary>& rows)
{
    std::size_t width = 4;
    for (const auto& row : rows)
        width = std::max(width, row.name.size());
    std::string out = padded("name", width) + "  " + padded("network", 24) + padded("target", 12)
        + "      params        macs weightBytes  peakSram   flash  latency_s  energy_J  tags\n";
    for (const auto& row : rows) {
        char metrics[160];
        const auto& m = row.metrics;
        std::snprintf(metrics, sizeof metrics, "%12s%12s%12s%10s%8s%11s%10s", number(m.params).c_str(),
                      number(m.macs).c_str(), number(m.weightBytes).c_str(), number(m.peakSramBytes).c_str(),
                      number(m.flashBytes).c_str(), number(m.latencySeconds).c_str(),
                      number(m.energyJoules).c_str());
        out += padded(row.name, width) + "  " + padded(row.networkName.substr(0, 23), 24)
            + padded(row.targetId.empty() ? "-" : row.targetId, 12) + metrics + "  " + joined(row.tags) + "\n";
    }
    return out + std::to_string(rows.size()) + " experiment" + (rows.size() == 1 ? "" : "s") + "\n";
}

std::string experimentListJson(const std::vector<core::ExperimentSummary>& rows)
{
    core::JsonWriter json;
    json.beginObject().key("experiments").beginArray();
    for (const auto& row : rows)
        summaryJson(json, row);
    json.endArray().endObject();
    return json.str();
}

std::string experimentTable(const core::Experiment& e)
{
    std::string out = "experiment  " + e.name + "\n";
    out += "network     " + e.network.name + " (" + e.network.sourcePath + ", sha256 "
        + e.network.contentHash.substr(0, 12) + ")\n";
    out += "target      " + (e.target ? e.target->id + " (" + e.target->kind + ")" : std::string("-")) + "\n";
    out += "created     " + isoTime(e.createdSeconds) + "   modified " + isoTime(e.modifiedSeconds) + "\n";
    out += "tags        " + joined(e.tags) + "\n";
    if (!e.notes.empty())
        out += "notes       " + e.notes + "\n";
    for (const std::string& name : core::metricNames())
        out += padded(name, 16) + number(core::metricValue(e.metrics, name)) + "\n";
    if (e.memory.arenaBytes)
        out += "arenaBytes      " + std::to_string(*e.memory.arenaBytes) + "\n";
    if (e.patch)
        out += "patch           split after " + e.patch->splitLayer + ", " + std::to_string(e.patch->grid) + "x"
            + std::to_string(e.patch->grid) + "\n";
    for (const core::Measurement& m : e.measurements)
        out += "measured        " + m.key + " = " + (m.value ? number(m.value) : m.text) + "\n";
    out += "config:\n" + (e.configYaml.empty() ? std::string("  (defaults)\n") : e.configYaml);
    out += "layers: " + std::to_string(e.layers.size()) + " (microdse experiments export NAME --format csv)\n";
    return out;
}

std::string experimentJson(const core::Experiment& e)
{
    core::JsonWriter json;
    json.beginObject().key("name").value(e.name).key("notes").value(e.notes);
    json.key("tags").beginArray();
    for (const std::string& tag : e.tags)
        json.value(tag);
    json.endArray();
    json.key("created").value(isoTime(e.createdSeconds)).key("modified").value(isoTime(e.modifiedSeconds));
    json.key("network").beginObject().key("name").value(e.network.name).key("sourcePath").value(e.network.sourcePath);
    json.key("contentHash").value(e.network.contentHash).endObject();
    if (e.target)
        json.key("target").beginObject().key("id").value(e.target->id).key("kind").value(e.target->kind).endObject();
    json.key("config").value(e.configYaml);
    metricsMembers(json, e.metrics);
    if (e.memory.arenaBytes)
        json.key("arenaBytes").value(*e.memory.arenaBytes);
    json.key("measurements").beginArray();
    for (const core::Measurement& m : e.measurements) {
        json.beginObject().key("key").value(m.key);
        if (m.value)
            json.key("value").value(*m.value);
        if (!m.text.empty())
            json.key("text").value(m.text);
        json.key("measuredAt").value(isoTime(m.measuredAtSeconds)).endObject();
    }
    json.endArray();
    layersJson(json, e.layers);
    json.endObject();
    return json.str();
}

std::string comparisonTable(const core::ExperimentComparison& c)
{
    std::string out = padded("metric", 16);
    for (const std::string& name : c.names)
        out += padded(name, 26);
    out += "\n";
    for (const core::MetricComparison& row : c.metrics) {
        out += padded(row.metric, 16);
        for (std::size_t i = 0; i < row.values.size(); ++i) {
            std::string cell = number(row.values[i]);
            if (i > 0 && row.deltas[i])
                cell += " (" + std::string(*row.deltas[i] >= 0 ? "+" : "") + number(row.deltas[i])
                    + (row.deltaPercents[i] ? ", " + number(row.deltaPercents[i]) + "%" : std::string()) + ")";
            out += padded(cell, 26);
        }
        out += "\n";
    }
    for (std::size_t i = 1; i < c.designDiffs.size(); ++i) {
        out += "\n--- " + c.names.front() + "\n+++ " + c.names[i] + "\n";
        for (const core::DiffLine& line : c.designDiffs[i])
            out += std::string(1, line.kind) + line.text + "\n";
    }
    return out;
}

std::string comparisonJson(const core::ExperimentComparison& c)
{
    core::JsonWriter json;
    json.beginObject().key("experiments").beginArray();
    for (const std::string& name : c.names)
        json.value(name);
    json.endArray().key("metrics").beginObject();
    for (const core::MetricComparison& row : c.metrics) {
        json.key(row.metric).beginArray();
        for (std::size_t i = 0; i < row.values.size(); ++i) {
            json.beginObject().key("experiment").value(c.names[i]);
            if (row.values[i])
                json.key("value").value(*row.values[i]);
            if (row.deltas[i])
                json.key("delta").value(*row.deltas[i]);
            if (row.deltaPercents[i])
                json.key("deltaPercent").value(*row.deltaPercents[i]);
            json.endObject();
        }
        json.endArray();
    }
    json.endObject().key("designDiffs").beginArray();
    for (std::size_t i = 1; i < c.designDiffs.size(); ++i) {
        json.beginObject().key("from").value(c.names.front()).key("to").value(c.names[i]).key("lines").beginArray();
        for (const core::DiffLine& line : c.designDiffs[i])
            json.value(std::string(1, line.kind) + line.text);
        json.endArray().endObject();
    }
    json.endArray().endObject();
    return json.str();
}

} // namespace mdse::app
