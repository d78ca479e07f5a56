// Per-layer results as CSV (RFC 4180: fields with comma, quote or line
// break are quoted, quotes doubled; CRLF is optional and we use LF).
#include "core/report/deployment_export.h"

#include <cstdio>

namespace mdse::core {
namespace {

std::string field(const std::string& text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

template <typename T>
std::string optionalField(const std::optional<T>& value)
{
    if (!value)
        return "";
    if constexpr (std::is_floating_point_v<T>) {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", *value);
        return text;
    } else {
        return std::to_string(*value);
    }
}

} // namespace

std::string layerResultsCsv(const Experiment& e)
{
    std::string out = "name,op,inputShape,outputShape,weights,biases,params,macs,inputElements,outputElements,"
                      "weightBits,activationBits,pruning,sparsity,weightBytes,latencySeconds,energyJoules\n";
    for (const LayerResult& l : e.layers) {
        out += field(l.name) + "," + field(l.op) + "," + field(l.inputShape) + "," + field(l.outputShape) + ",";
        out += std::to_string(l.weights) + "," + std::to_string(l.biases) + "," + std::to_string(l.params) + ","
            + std::to_string(l.macs) + "," + std::to_string(l.inputElements) + ","
            + std::to_string(l.outputElements) + ",";
        out += optionalField(l.weightBits) + "," + optionalField(l.activationBits) + "," + field(l.pruning) + ","
            + optionalField(l.sparsity) + "," + optionalField(l.weightBytes) + ","
            + optionalField(l.latencySeconds) + "," + optionalField(l.energyJoules) + "\n";
    }
    return out;
}

} // namespace mdse::core
