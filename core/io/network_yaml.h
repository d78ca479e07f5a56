#pragma once

#include "core/graph/network.h"

#include <string>
#include <string_view>

namespace mdse::core {

// Largest YAML network file we read. A real network of a thousand layers
// is under 200 kB; anything beyond this is refused before parsing so a
// wrong file cannot exhaust memory.
inline constexpr std::size_t kMaxNetworkYamlBytes = 16u * 1024u * 1024u;

// Parses the YAML network format (docs/yaml-network-format.md). `fileLabel`
// names the source in error messages. Throws core::Error carrying
// file:line:column and what is wrong; never returns an invalid network.
Network readNetworkYaml(std::string_view text, const std::string& fileLabel);

// Only the syntactic part: the definition as written, before validation.
NetworkDefinition parseNetworkYaml(std::string_view text, const std::string& fileLabel);

// Writes a definition so that readNetworkYaml gives back an equal network.
std::string writeNetworkYaml(const NetworkDefinition& definition);

} // namespace mdse::core
