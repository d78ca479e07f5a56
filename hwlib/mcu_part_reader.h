#pragma once

#include "hwlib/mcu_target.h"

#include <string>
#include <string_view>

namespace YAML {
class Node;
}

namespace mdse::hwlib {

// Reads one MCU part file into an McuTarget. Every error is a
// CatalogueError "file:line:column: field 'a.b' ..." naming the field by its
// dotted path. Internal to hwlib: callers use parseMcuTarget().
class McuPartReader {
public:
    explicit McuPartReader(std::string fileLabel) : m_file(std::move(fileLabel)) {}

    McuTarget read(std::string_view yaml, const std::string& id) const;
    // The same for a mapping inside another document (errors at its lines).
    McuTarget readNode(const YAML::Node& root, const std::string& id) const;

private:
    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;
    void checkKeys(const YAML::Node& map, const std::string& path,
                   std::initializer_list<const char*> allowed) const;
    YAML::Node required(const YAML::Node& map, const std::string& path, const char* key) const;
    std::string text(const YAML::Node& node, const std::string& path) const;
    std::int64_t positiveInt(const YAML::Node& node, const std::string& path) const;
    double positiveNumber(const YAML::Node& node, const std::string& path) const;
    bool flag(const YAML::Node& node, const std::string& path) const;
    SourcedValue sourced(const YAML::Node& node, const std::string& path, const char* valueKey) const;
    void readRegions(const YAML::Node& node, McuTarget& target) const;
    void readThroughput(const YAML::Node& node, McuTarget& target) const;
    NpuSpec readNpu(const YAML::Node& node) const;
    MemoryBandwidth readBandwidth(const YAML::Node& node) const;
    RuntimeOverhead readRuntime(const YAML::Node& node, const std::string& path) const;
    std::vector<EngineCalibration> readEngineCalibrations(const YAML::Node& node) const;

    std::string m_file;
};

} // namespace mdse::hwlib
