#pragma once

#include <span>
#include <string_view>

namespace mdse::core {

struct ZooEntry {
    std::string_view id;
    std::string_view yaml;
};

// Defined in the generated zoo_data.cpp (core/io/cmake/embed_text_files.cmake).
std::span<const ZooEntry> zooEntries();

} // namespace mdse::core
