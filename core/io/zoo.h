#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdse::core {

// The built-in network zoo: the YAML files of resources/networks, embedded
// into the library at build time so `zoo:<id>` works from any directory.
std::vector<std::string> zooIds(); // sorted
std::optional<std::string_view> zooYaml(std::string_view id);

inline constexpr std::string_view kDefaultZooId = "mobilenetv2-1.0-224";

} // namespace mdse::core
