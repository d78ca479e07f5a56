#pragma once

#include "core/store/experiment.h"

#include <string>
#include <string_view>
#include <vector>

namespace mdse::core {

// The experiment exchange file (docs/experiments.md, "Experiment files"):
//   format: microdse-experiments
//   version: 1
//   experiments: [ {name, notes, tags, created, modified, network, target,
//                   config, metrics, memory, patch, layers, measurements} ]
std::string writeExperimentsYaml(const std::vector<Experiment>& experiments);

// Reads and validates a whole file before anything is stored: unknown
// keys, wrong types, a missing name or network, or an embedded network
// that does not load all throw core::Error with file:line:column.
std::vector<Experiment> readExperimentsYaml(std::string_view text, const std::string& fileLabel);

inline constexpr std::size_t kMaxExperimentsYamlBytes = 256u * 1024u * 1024u;

} // namespace mdse::core
