#include "hwlib/calibration_set.h"

#include "hwlib/catalogue_data.h"

#include <algorithm>

namespace mdse::hwlib {

std::vector<std::string> calibrationSetIds()
{
    std::vector<std::string> ids;
    for (const CatalogueEntry& entry : calibrationCatalogueEntries())
        ids.emplace_back(entry.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::optional<std::string_view> calibrationSetCsv(std::string_view id)
{
    for (const CatalogueEntry& entry : calibrationCatalogueEntries())
        if (entry.id == id)
            return entry.yaml;
    return std::nullopt;
}

} // namespace mdse::hwlib
