#include "core/io/compression_report.h"

#include "core/io/json_writer.h"

#include <cstdio>
#include <sstream>

namespace mdse::core {
namespace {

void writeLayerEffects(JsonWriter& json, const LayerEffects& e, const LayerCompression& s)
{
    json.key("weightBits").value(std::int64_t{e.weightBits});
    json.key("activationBits").value(std::int64_t{e.activationBits});
    json.key("weightPrecision").value(precisionName(s.weights));
    json.key("activationPrecision").value(precisionName(s.activations));
    json.key("pruning").value(pruningKindName(s.pruning));
    json.key("sparsity").value(e.sparsity);
    json.key("activationSparsity").value(e.activationSparsity);
    json.key("nonZeroWeights").value(e.nonZeroWeights);
    json.key("weightBytes").value(e.weightBytes);
    json.key("weightValueBytes").value(e.valueBytes);
    json.key("weightIndexBytes").value(e.indexBytes);
    json.key("scaleBytes").value(e.scaleBytes);
    json.key("biasBytes").value(e.biasBytes);
    json.key("activationBytes").value(e.activationBytes);
    json.key("effectiveMacs").value(e.effectiveMacs);
    json.key("zeroSkipMacs").value(e.zeroSkipMacs);
    json.key("bops").value(e.bops);
}

} // namespace

StatsJsonExtras compressionJsonExtras(const CompressedDesign& design)
{
    StatsJsonExtras extras;
    extras.layer = [&design](JsonWriter& json, std::size_t row) {
        const LayerEffects& e = design.effects.layers.at(row);
        writeLayerEffects(json, e, design.settings.at(e.layerIndex));
    };
    extras.totals = [&design](JsonWriter& json) {
        const EffectsTotals& t = design.effects.totals;
        json.key("nonZeroWeights").value(t.nonZeroWeights);
        json.key("weightBytes").value(t.weightBytes);
        json.key("activationBytes").value(t.activationBytes);
        json.key("effectiveMacs").value(t.effectiveMacs);
        json.key("zeroSkipMacs").value(t.zeroSkipMacs);
        json.key("bops").value(t.bops);
        json.key("fp32Bytes").value(t.fp32Bytes);
        json.key("compressionRatio").value(t.compressionRatio);
    };
    return extras;
}

std::string compressionToTable(const CompressedDesign& design)
{
    std::ostringstream out;
    char line[512];
    std::snprintf(line, sizeof line, "%-28s %5s %5s %-12s %8s %12s %12s %15s %18s\n", "layer",
                  "wbits", "abits", "pruning", "sparsity", "weightBytes", "actBytes", "effMACs", "BOPs");
    out << line;
    for (const LayerEffects& e : design.effects.layers) {
        const LayerCompression& s = design.settings.at(e.layerIndex);
        std::snprintf(line, sizeof line, "%-28s %5d %5d %-12s %8.3f %12lld %12lld %15lld %18lld\n",
                      e.name.c_str(), e.weightBits, e.activationBits,
                      std::string(pruningKindName(s.pruning)).c_str(), e.sparsity,
                      static_cast<long long>(e.weightBytes), static_cast<long long>(e.activationBytes),
                      static_cast<long long>(e.effectiveMacs), static_cast<long long>(e.bops));
        out << line;
    }
    const EffectsTotals& t = design.effects.totals;
    std::snprintf(line, sizeof line, "%.3f", t.compressionRatio);
    out << "compressed: " << t.weightBytes << " weight bytes (" << formatCount(t.weightBytes)
        << "B), compression " << line << "x vs fp32, " << t.effectiveMacs << " effective MACs, "
        << t.bops << " BOPs\n";
    return out.str();
}

} // namespace mdse::core
