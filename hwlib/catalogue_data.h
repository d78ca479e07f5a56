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

} // namespace mdse::hwlib
