#include "core/io/stats_report.h"

#include "core/io/json_writer.h"

#include <cstdio>
#include <sstream>

namespace mdse::core {
namespace {

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

void writeLayer(JsonWriter& json, const Network& network, const LayerStats& layer,
                const StatsJsonExtras& extras, std::size_t row)
{
    json.beginObject();
    json.key("name").value(layer.name);
    json.key("op").value(opName(layer.op));
    if (const std::string& node = network.layers()[layer.layerIndex].sourceNode; !node.empty())
        json.key("sourceNode").value(node);
    const std::string variant = convVariant(network.layers()[layer.layerIndex], layer.inputShapes.front());
    if (!variant.empty())
        json.key("variant").value(variant);
    json.key("inputs").beginArray();
    for (const std::string& input : network.layers()[layer.layerIndex].inputs)
        json.value(input);
    json.endArray();
    json.key("inputShape").integers(layer.inputShapes.front());
    json.key("outputShape").integers(layer.outputShapes.front());
    if (layer.inputShapes.size() > 1) {
        json.key("inputShapes").beginArray();
        for (const Shape& shape : layer.inputShapes)
            json.integers(shape);
        json.endArray();
    }
    if (layer.outputShapes.size() > 1) {
        json.key("outputShapes").beginArray();
        for (const Shape& shape : layer.outputShapes)
            json.integers(shape);
        json.endArray();
    }
    json.key("weights").value(layer.weights);
    json.key("biases").value(layer.biases);
    json.key("params").value(layer.params);
    json.key("macs").value(layer.macs);
    json.key("inputElements").value(layer.inputElements);
    json.key("outputElements").value(layer.outputElements);
    if (extras.layer)
        extras.layer(json, row);
    json.endObject();
}

} // namespace

void writeStatsMembers(JsonWriter& json, const Network& network, const NetworkStats& stats,
                       const StatsJsonExtras& extras)
{
    json.key("layers").beginArray();
    for (std::size_t row = 0; row < stats.layers.size(); ++row)
        writeLayer(json, network, stats.layers[row], extras, row);
    json.endArray();
    json.key("totals").beginObject();
    json.key("weights").value(stats.totals.weights);
    json.key("biases").value(stats.totals.biases);
    json.key("params").value(stats.totals.params);
    json.key("macs").value(stats.totals.macs);
    json.key("activationElements").value(stats.totals.activationElements);
    if (extras.totals)
        extras.totals(json);
    json.endObject();
}

std::string statsToJson(const Network& network, const NetworkStats& stats,
                        const StatsJsonExtras& extras)
{
    JsonWriter json;
    json.beginObject();
    json.key("network").beginObject();
    json.key("name").value(network.name());
    json.key("source").value(network.definition().source);
    json.key("layerCount").value(static_cast<std::int64_t>(stats.layers.size()));
    json.endObject();
    writeStatsMembers(json, network, stats, extras);
    json.endObject();
    return json.str();
}

std::string statsToCsv(const NetworkStats& stats)
{
    std::ostringstream out;
    out << "name,op,inputShape,outputShape,weights,biases,params,macs,inputElements,outputElements\n";
    for (const LayerStats& layer : stats.layers)
        out << csvField(layer.name) << ',' << opName(layer.op) << ','
            << csvField(shapesToString(layer.inputShapes)) << ','
            << csvField(shapesToString(layer.outputShapes)) << ',' << layer.weights << ','
            << layer.biases << ',' << layer.params << ',' << layer.macs << ','
            << layer.inputElements << ',' << layer.outputElements << '\n';
    return out.str();
}

std::string formatCount(std::int64_t count)
{
    static const char* const suffixes[] = {"", " k", " M", " G", " T"};
    double value = static_cast<double>(count);
    int index = 0;
    while (value >= 1000.0 && index < 4) {
        value /= 1000.0;
        ++index;
    }
    char buffer[32];
    if (index == 0)
        std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(count));
    else
        std::snprintf(buffer, sizeof buffer, value < 10 ? "%.2f%s" : value < 100 ? "%.1f%s" : "%.0f%s",
                      value, suffixes[index]);
    return buffer;
}

std::string statsToTable(const Network& network, const NetworkStats& stats)
{
    std::ostringstream out;
    char line[512];
    std::snprintf(line, sizeof line, "%-28s %-16s %-20s %-20s %12s %15s\n", "layer", "op",
                  "input", "output", "params", "MACs");
    out << "network: " << network.name() << "\n" << line;
    for (const LayerStats& layer : stats.layers) {
        std::snprintf(line, sizeof line, "%-28s %-16s %-20s %-20s %12lld %15lld\n",
                      layer.name.c_str(), std::string(opName(layer.op)).c_str(),
                      shapesToString(layer.inputShapes).c_str(), shapesToString(layer.outputShapes).c_str(),
                      static_cast<long long>(layer.params), static_cast<long long>(layer.macs));
        out << line;
    }
    out << "total: " << stats.layers.size() << " layers, " << stats.totals.params << " params ("
        << formatCount(stats.totals.params) << "), " << stats.totals.macs << " MACs ("
        << formatCount(stats.totals.macs) << "), " << stats.totals.activationElements
        << " activation elements\n";
    return out.str();
}

} // namespace mdse::core
