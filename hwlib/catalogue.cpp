#include "hwlib/catalogue.h"
#include "hwlib/catalogue_nodes.h"

#include "hwlib/catalogue_data.h"
#include "hwlib/mcu_part_reader.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace mdse::hwlib {
namespace {

// Part files are a few kB; refuse anything absurd before reading it.
constexpr std::streamoff kMaxPartFileBytes = 1 << 20;

std::string builtInLabel(std::string_view id)
{
    return "hwlib/catalogue/mcu/" + std::string(id) + ".yaml";
}

std::string stem(const std::string& path)
{
    const std::size_t slash = path.find_last_of("/\\");
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::size_t dot = name.find_last_of('.');
    return dot == std::string::npos ? name : name.substr(0, dot);
}

bool endsWith(const std::string& text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

const char* kernelFamilyName(KernelFamily family)
{
    switch (family) {
    case KernelFamily::Conv: return "conv";
    case KernelFamily::Depthwise: return "depthwise";
    case KernelFamily::Pointwise: return "pointwise";
    case KernelFamily::FullyConnected: return "fc";
    case KernelFamily::Elementwise: return "elementwise";
    }
    return "conv";
}

MemoryBandwidth defaultMemoryBandwidth()
{
    const std::string why = "default (the part file has no memoryBandwidth): one 32-bit word per CPU cycle, "
                            "no wait states; edit with the part's figure";
    return {{4.0, true, why}, {4.0, true, why}};
}

std::int64_t McuTarget::totalSramBytes() const
{
    std::int64_t total = 0;
    for (const SramRegion& region : sramRegions)
        total += region.bytes;
    return total;
}

const EngineCalibration* McuTarget::engineCalibration(std::string_view engine) const
{
    for (const EngineCalibration& entry : engineCalibrations)
        if (entry.engine == engine)
            return &entry;
    return nullptr;
}

std::string coreFamilyOf(const std::string& core)
{
    std::string family = core.substr(0, core.find(" ("));
    if (family.size() > 1 && family.back() == 'F' && family.rfind("Cortex-M", 0) == 0)
        family.pop_back();
    return family;
}

McuTarget parseMcuTarget(std::string_view yaml, const std::string& id, const std::string& fileLabel)
{
    return McuPartReader(fileLabel).read(yaml, id);
}

McuTarget readMcuTarget(const YAML::Node& node, const std::string& id, const std::string& fileLabel)
{
    return McuPartReader(fileLabel).readNode(node, id);
}

McuTarget loadMcuTargetFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    if (!file)
        throw CatalogueError(path + ": cannot open the part file");
    if (file.tellg() > kMaxPartFileBytes)
        throw CatalogueError(path + ": part file larger than 1 MiB");
    file.seekg(0);
    std::ostringstream text;
    text << file.rdbuf();
    return parseMcuTarget(text.str(), stem(path), path);
}

std::vector<McuTarget> builtInMcuTargets()
{
    std::vector<McuTarget> targets;
    for (const CatalogueEntry& entry : mcuCatalogueEntries())
        targets.push_back(parseMcuTarget(entry.yaml, std::string(entry.id), builtInLabel(entry.id)));
    std::sort(targets.begin(), targets.end(),
              [](const McuTarget& a, const McuTarget& b) { return a.id < b.id; });
    return targets;
}

McuTarget builtInMcuTarget(std::string_view id)
{
    for (const CatalogueEntry& entry : mcuCatalogueEntries())
        if (entry.id == id)
            return parseMcuTarget(entry.yaml, std::string(id), builtInLabel(id));
    throw CatalogueError("unknown MCU target '" + std::string(id) + "' (see `microdse targets`)");
}

McuTarget resolveMcuTarget(const std::string& idOrPath)
{
    if (endsWith(idOrPath, ".yaml") || endsWith(idOrPath, ".yml"))
        return loadMcuTargetFile(idOrPath);
    return builtInMcuTarget(idOrPath);
}

} // namespace mdse::hwlib
