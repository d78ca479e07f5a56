#pragma once

#include "core/config/design_config.h"

#include <string>
#include <string_view>

namespace mdse::core {

// Reads a design config (docs/design-config.md). `fileLabel` names the
// source in errors; unknown keys, bad values and malformed rules throw
// core::Error with file:line:column. Layer names are checked later, by
// resolve(), against the network.
DesignConfig readDesignConfigYaml(std::string_view text, const std::string& fileLabel);

// Reads a design config file from disk (size-limited like network files).
DesignConfig loadDesignConfig(const std::string& path);

// Writes a config that readDesignConfigYaml reads back equal.
std::string writeDesignConfigYaml(const DesignConfig& config);

} // namespace mdse::core
