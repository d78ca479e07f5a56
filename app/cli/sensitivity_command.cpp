#include "app/cli/sensitivity_command.h"

#include "app/cli/cli_args.h"

#include "core/compress/network_sensitivity.h"
#include "core/io/json_writer.h"
#include "core/io/network_loader.h"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace mdse::app {
namespace {

std::vector<double> numberList(const std::string& text, const std::string& flag)
{
    std::vector<double> values;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');) {
        std::size_t used = 0;
        double value = 0.0;
        try {
            value = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != item.size() || !std::isfinite(value))
            throw std::invalid_argument("--" + flag + " needs a comma-separated list of numbers, got '" + text + "'");
        values.push_back(value);
    }
    return values;
}

// JSON has no infinity: an exact (noise-free) result is written as "inf".
void writeDb(core::JsonWriter& json, const char* key, double db)
{
    json.key(key);
    if (std::isfinite(db))
        json.value(db);
    else
        json.value("inf");
}

std::string toJson(const std::vector<core::LayerSensitivity>& layers)
{
    core::JsonWriter json;
    json.beginObject().key("layers").beginArray();
    for (const core::LayerSensitivity& layer : layers) {
        const core::TensorSensitivity& s = layer.sensitivity;
        json.beginObject().key("name").value(layer.name).key("weights").value(s.elements);
        json.key("bitWidths").beginArray();
        for (const core::BitWidthError& b : s.bitWidths) {
            json.beginObject().key("bits").value(std::int64_t{b.bits}).key("maxAbsClip").value(b.maxAbsClip);
            writeDb(json, "maxAbsSqnrDb", b.maxAbsSqnrDb);
            json.key("mseClip").value(b.mseClip);
            writeDb(json, "mseClipSqnrDb", b.mseClipSqnrDb);
            json.endObject();
        }
        json.endArray().key("sparsityThresholds").beginArray();
        for (const core::SparsityThreshold& t : s.thresholds) {
            json.beginObject().key("sparsity").value(t.sparsity).key("threshold").value(t.threshold);
            writeDb(json, "sqnrDb", t.sqnrDb);
            json.endObject();
        }
        json.endArray();
        writeDb(json, "ternarySqnrDb", s.ternarySqnrDb);
        writeDb(json, "binarySqnrDb", s.binarySqnrDb);
        json.endObject();
    }
    json.endArray().endObject();
    return json.str();
}

std::string toTable(const std::vector<core::LayerSensitivity>& layers)
{
    std::ostringstream out;
    char line[256];
    out << "SQNR in dB (max-abs clip / MSE-optimal clip); ternary, binary\n";
    for (const core::LayerSensitivity& layer : layers) {
        std::snprintf(line, sizeof line, "%-28s %10lld", layer.name.c_str(),
                      static_cast<long long>(layer.sensitivity.elements));
        out << line;
        for (const core::BitWidthError& b : layer.sensitivity.bitWidths) {
            std::snprintf(line, sizeof line, "  %2d b: %6.2f/%6.2f", b.bits, b.maxAbsSqnrDb, b.mseClipSqnrDb);
            out << line;
        }
        std::snprintf(line, sizeof line, "  tern %6.2f  bin %6.2f\n", layer.sensitivity.ternarySqnrDb,
                      layer.sensitivity.binarySqnrDb);
        out << line;
    }
    return out.str();
}

} // namespace

int runSensitivity(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    const CliArgs args(arguments, {"bits", "sparsities", "format"});
    const std::string format = args.flagOr("format", "table");
    if (args.positional().size() != 1 || (format != "table" && format != "json")) {
        err << "usage: microdse sensitivity <network.onnx> [--bits 2,4,8] [--sparsities 0.5,0.9] [--format table|json]\n";
        return 2;
    }
    core::SensitivityOptions options;
    options.bits.clear();
    for (double bits : numberList(args.flagOr("bits", "2,4,8"), "bits"))
        options.bits.push_back(static_cast<int>(bits));
    options.sparsities = numberList(args.flagOr("sparsities", "0.5,0.75,0.9"), "sparsities");
    for (double sparsity : options.sparsities)
        if (sparsity < 0.0 || sparsity >= 1.0)
            throw std::invalid_argument("--sparsities must lie in [0, 1)");
    const core::Network network = core::loadNetwork(args.positional().front());
    const auto layers = core::analyzeNetworkWeights(network, options);
    if (layers.empty()) {
        err << "microdse sensitivity: '" << args.positional().front()
            << "' carries no weights (import an ONNX model; YAML networks describe shapes only)\n";
        return 1;
    }
    out << (format == "json" ? toJson(layers) : toTable(layers));
    return 0;
}

} // namespace mdse::app
