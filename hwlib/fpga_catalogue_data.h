#pragma once

#include "hwlib/catalogue_data.h"

#include <span>

namespace mdse::hwlib {

// Defined in generated sources (cmake/embed_text_files.cmake), one per
// folder under hwlib/catalogue/: fpga, accelerators, reference, energy.
std::span<const CatalogueEntry> fpgaDeviceEntries();
std::span<const CatalogueEntry> acceleratorTemplateEntries();
std::span<const CatalogueEntry> referenceAcceleratorEntries();
std::span<const CatalogueEntry> energyCostEntries();

} // namespace mdse::hwlib
