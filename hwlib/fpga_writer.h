#pragma once

#include "hwlib/accelerator_template.h"
#include "hwlib/fpga_device.h"

#include <string>

namespace mdse::hwlib {

// Write a device or an accelerator template in the catalogue file format
// (hwlib/catalogue/fpga/*.yaml, hwlib/catalogue/accelerators/*.yaml) that
// parseFpgaDevice / parseAcceleratorTemplate read back equal (the id is
// the file's name and not part of the text), so a target "as used" can be
// stored with a design and re-read.
std::string writeFpgaDeviceYaml(const FpgaDevice& device);
std::string writeAcceleratorTemplateYaml(const AcceleratorTemplate& accelerator);

} // namespace mdse::hwlib
