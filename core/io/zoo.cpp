#include "core/io/zoo.h"

#include "core/io/zoo_data.h"

#include <algorithm>

namespace mdse::core {

std::vector<std::string> zooIds()
{
    std::vector<std::string> ids;
    for (const ZooEntry& entry : zooEntries())
        ids.emplace_back(entry.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::optional<std::string_view> zooYaml(std::string_view id)
{
    for (const ZooEntry& entry : zooEntries())
        if (entry.id == id)
            return entry.yaml;
    return std::nullopt;
}

} // namespace mdse::core
