#pragma once

#include "hwlib/accelerator_template.h"
#include "hwlib/catalogue.h"
#include "hwlib/fpga_device.h"

#include <string>
#include <string_view>
#include <vector>

namespace mdse::hwlib {

// Parsers: `fileLabel` names the file in errors (CatalogueError,
// "file:line:column: message"). Unknown keys, missing fields and
// non-positive sizes are errors naming the field.
FpgaDevice parseFpgaDevice(std::string_view yaml, const std::string& id, const std::string& fileLabel);
AcceleratorTemplate parseAcceleratorTemplate(std::string_view yaml, const std::string& id,
                                             const std::string& fileLabel);
std::vector<ReferenceAccelerator> parseReferenceAccelerators(std::string_view yaml, const std::string& fileLabel);
EnergyCostTable parseEnergyCostTable(std::string_view yaml, const std::string& id, const std::string& fileLabel);

// Built-in catalogue (embedded at build time), each sorted by id.
std::vector<FpgaDevice> builtInFpgaDevices();
FpgaDevice builtInFpgaDevice(std::string_view id); // throws CatalogueError if unknown
bool isFpgaDeviceId(std::string_view id);
std::vector<AcceleratorTemplate> builtInAcceleratorTemplates();
AcceleratorTemplate builtInAcceleratorTemplate(std::string_view id);
std::vector<ReferenceAccelerator> builtInReferenceAccelerators();
EnergyCostTable builtInEnergyCostTable(std::string_view id);

inline constexpr std::string_view kEyerissEnergyId = "eyeriss-65nm-normalized";
inline constexpr std::string_view kHorowitzEnergyId = "horowitz-45nm";
inline constexpr std::string_view kDefaultAcceleratorId = "eyeriss-like";

} // namespace mdse::hwlib
