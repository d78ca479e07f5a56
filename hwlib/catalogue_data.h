#pragma once

#include <span>
#include <string_view>

namespace mdse::hwlib {

struct CatalogueEntry {
    std::string_view id;
    std::string_view yaml;
};

// Defined in the generated mcu_catalogue_data.cpp (cmake/embed_text_files.cmake).
std::span<const CatalogueEntry> mcuCatalogueEntries();
// hwlib/catalogue/engines/*.yaml (InferenceEngine files).
std::span<const CatalogueEntry> engineCatalogueEntries();
// hwlib/catalogue/calibration/*.csv: `yaml` holds the CSV text of one
// measurement set (id = file name without extension).
std::span<const CatalogueEntry> calibrationCatalogueEntries();

} // namespace mdse::hwlib
