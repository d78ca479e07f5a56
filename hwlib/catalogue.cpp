#include "hwlib/catalogue.h"

#include "hwlib/catalogue_data.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

namespace mdse::hwlib {
namespace {

[[noreturn]] void fail(const std::string& file, const YAML::Node& node, const std::string& message)
{
    const YAML::Mark mark = node.Mark();
    throw CatalogueError(file + ":" + std::to_string(mark.line + 1) + ":"
                         + std::to_string(mark.column + 1) + ": " + message);
}

std::int64_t positive(const std::string& file, const YAML::Node& node, const std::string& field)
{
    std::int64_t value = 0;
    if (!node.IsScalar() || !YAML::convert<std::int64_t>::decode(node, value) || value <= 0)
        fail(file, node, "field '" + field + "' must be a positive integer");
    return value;
}

} // namespace

McuTarget parseMcuTarget(std::string_view yaml, const std::string& id, const std::string& fileLabel)
{
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& error) {
        throw CatalogueError(fileLabel + ":" + std::to_string(error.mark.line + 1) + ": " + error.msg);
    }
    if (!root.IsMap())
        throw CatalogueError(fileLabel + ": a part file must be a mapping");
    static const std::set<std::string> known{"name", "core", "clockHz", "sramBytes", "flashBytes", "sources"};
    for (const auto& entry : root)
        if (!entry.first.IsScalar() || !known.count(entry.first.Scalar()))
            fail(fileLabel, entry.first, "unknown field '" + entry.first.Scalar() + "'");
    for (const char* field : {"name", "core", "clockHz", "sramBytes", "flashBytes", "sources"})
        if (!root[field])
            fail(fileLabel, root, std::string("missing field '") + field + "'");
    McuTarget target;
    target.id = id;
    target.name = root["name"].Scalar();
    target.core = root["core"].Scalar();
    target.clockHz = positive(fileLabel, root["clockHz"], "clockHz");
    target.sramBytes = positive(fileLabel, root["sramBytes"], "sramBytes");
    target.flashBytes = positive(fileLabel, root["flashBytes"], "flashBytes");
    if (!root["sources"].IsSequence() || root["sources"].size() == 0)
        fail(fileLabel, root["sources"], "field 'sources' must be a non-empty list");
    for (const YAML::Node& source : root["sources"])
        target.sources.push_back(source.Scalar());
    return target;
}

std::vector<McuTarget> builtInMcuTargets()
{
    std::vector<McuTarget> targets;
    for (const CatalogueEntry& entry : mcuCatalogueEntries())
        targets.push_back(parseMcuTarget(entry.yaml, std::string(entry.id),
                                         "hwlib/catalogue/mcu/" + std::string(entry.id) + ".yaml"));
    std::sort(targets.begin(), targets.end(),
              [](const McuTarget& a, const McuTarget& b) { return a.id < b.id; });
    return targets;
}

McuTarget builtInMcuTarget(std::string_view id)
{
    for (const CatalogueEntry& entry : mcuCatalogueEntries())
        if (entry.id == id)
            return parseMcuTarget(entry.yaml, std::string(id),
                                  "hwlib/catalogue/mcu/" + std::string(id) + ".yaml");
    throw CatalogueError("unknown MCU target '" + std::string(id) + "'");
}

} // namespace mdse::hwlib
