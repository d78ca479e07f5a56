#pragma once

// Catalogue readers for a mapping inside another YAML document (a design
// spec holding its target inline): errors point at the lines of that
// document. For callers that already parse YAML (core/io); everyone else
// uses the text parsers of catalogue.h and fpga_catalogue.h.
#include "hwlib/accelerator_template.h"
#include "hwlib/fpga_device.h"
#include "hwlib/mcu_target.h"

#include <string>

namespace YAML {
class Node;
}

namespace mdse::hwlib {

McuTarget readMcuTarget(const YAML::Node& node, const std::string& id, const std::string& fileLabel);
FpgaDevice readFpgaDevice(const YAML::Node& node, const std::string& id, const std::string& fileLabel);
AcceleratorTemplate readAcceleratorTemplate(const YAML::Node& node, const std::string& id, const std::string& fileLabel);

} // namespace mdse::hwlib
