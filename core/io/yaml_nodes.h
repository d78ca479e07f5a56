#pragma once

// Internal to core/io: readers of our formats for a mapping inside another
// YAML document (the design config inside a design spec), errors at the
// lines of that document.
#include "core/config/design_config.h"

#include <string>

namespace YAML {
class Node;
}

namespace mdse::core {

DesignConfig readDesignConfigNode(const YAML::Node& root, const std::string& fileLabel);

} // namespace mdse::core
