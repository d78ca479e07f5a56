#include "hwlib/inference_engine.h"

#include "hwlib/catalogue.h"
#include "hwlib/catalogue_data.h"
#include "hwlib/yaml_fields.h"

#include <algorithm>

namespace mdse::hwlib {
namespace {

std::string builtInLabel(std::string_view id)
{
    return "hwlib/catalogue/engines/" + std::string(id) + ".yaml";
}

// {value: x, source: "...", estimated: bool} under `field`; zero allowed
// (an engine may add no fixed cost). `source` is mandatory.
SourcedValue sourcedField(const YAML::Node& root, const char* field, const std::string& fileLabel)
{
    const YamlFields top(root, fileLabel);
    const YAML::Node node = root[field];
    if (!node)
        top.fail(root, std::string("missing field '") + field + "'");
    if (!node.IsMap())
        top.fail(node, std::string("field '") + field + "' must be a mapping {value, source, estimated}");
    const YamlFields f(node, fileLabel);
    f.allowOnly({"value", "source", "estimated"});
    if (!node["value"])
        f.fail(node, std::string("missing field '") + field + ".value'");
    if (!node["source"])
        f.fail(node, std::string("missing field '") + field + ".source'");
    SourcedValue value;
    value.value = f.numberOr("value", 0.0);
    value.source = f.text("source");
    value.estimated = f.flagOr("estimated", false);
    return value;
}

std::vector<std::string> textList(const YAML::Node& root, const char* field, const std::string& fileLabel)
{
    const YAML::Node list = root[field];
    if (!list || !list.IsSequence() || list.size() == 0)
        YamlFields(root, fileLabel).fail(list ? list : root, std::string("field '") + field + "' must be a non-empty list");
    std::vector<std::string> result;
    for (const YAML::Node& item : list) {
        if (!item.IsScalar() || item.Scalar().empty())
            YamlFields(root, fileLabel).fail(item, std::string("field '") + field + "' must list non-empty strings");
        result.push_back(item.Scalar());
    }
    return result;
}

} // namespace

InferenceEngine parseInferenceEngine(std::string_view yaml, const std::string& id, const std::string& fileLabel)
{
    const YAML::Node root = YamlFields::load(yaml, fileLabel);
    const YamlFields f(root, fileLabel);
    f.allowOnly({"name", "family", "vendor", "version", "kind", "kernels", "cores", "perInferenceOverheadCycles",
                 "perLayerOverheadCycles", "speedVsPartRates", "flashOverheadBytes", "sramOverheadBytes",
                 "sources"});
    InferenceEngine engine;
    engine.id = id;
    engine.name = f.text("name");
    engine.family = f.textOr("family", id);
    engine.vendor = f.text("vendor");
    engine.version = f.textOr("version", "");
    engine.kind = f.text("kind");
    if (engine.kind != "interpreter" && engine.kind != "code-generator" && engine.kind != "compiler")
        f.failAt("kind", "field 'kind' must be interpreter, code-generator or compiler");
    engine.kernels = f.text("kernels");
    engine.cores = textList(root, "cores", fileLabel);
    engine.perInferenceOverheadCycles = sourcedField(root, "perInferenceOverheadCycles", fileLabel);
    engine.perLayerOverheadCycles = sourcedField(root, "perLayerOverheadCycles", fileLabel);
    engine.speedVsPartRates = sourcedField(root, "speedVsPartRates", fileLabel);
    if (engine.speedVsPartRates.value <= 0)
        f.failAt("speedVsPartRates", "field 'speedVsPartRates.value' must be positive");
    if (root["flashOverheadBytes"])
        engine.flashOverheadBytes = sourcedField(root, "flashOverheadBytes", fileLabel);
    if (root["sramOverheadBytes"])
        engine.sramOverheadBytes = sourcedField(root, "sramOverheadBytes", fileLabel);
    engine.sources = f.sources();
    return engine;
}

std::vector<InferenceEngine> builtInEngines()
{
    std::vector<InferenceEngine> engines;
    for (const CatalogueEntry& entry : engineCatalogueEntries())
        engines.push_back(parseInferenceEngine(entry.yaml, std::string(entry.id), builtInLabel(entry.id)));
    std::sort(engines.begin(), engines.end(),
              [](const InferenceEngine& a, const InferenceEngine& b) { return a.id < b.id; });
    return engines;
}

InferenceEngine builtInEngine(std::string_view id)
{
    for (const CatalogueEntry& entry : engineCatalogueEntries())
        if (entry.id == id)
            return parseInferenceEngine(entry.yaml, std::string(id), builtInLabel(id));
    throw CatalogueError("unknown inference engine '" + std::string(id) + "' (see `microdse engines`)");
}

std::vector<std::string> engineIds()
{
    std::vector<std::string> ids;
    for (const CatalogueEntry& entry : engineCatalogueEntries())
        ids.emplace_back(entry.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool isEngineId(std::string_view id)
{
    const auto entries = engineCatalogueEntries();
    return std::any_of(entries.begin(), entries.end(), [id](const CatalogueEntry& e) { return e.id == id; });
}

} // namespace mdse::hwlib
