#pragma once

// Internal to hwlib's catalogue parsers (includes yaml-cpp; never include
// from a public header). Reads typed fields of one YAML mapping and turns
// every problem into CatalogueError "file:line:column: message".
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace mdse::hwlib {

class YamlFields {
public:
    YamlFields(YAML::Node node, std::string fileLabel);

    // Loads a document; syntax errors become CatalogueError.
    static YAML::Node load(std::string_view yaml, const std::string& fileLabel);

    void allowOnly(std::initializer_list<const char*> known) const;
    std::string text(const char* field) const;
    std::string textOr(const char* field, const std::string& fallback) const;
    std::int64_t positiveInt(const char* field) const;
    std::int64_t nonNegativeInt(const char* field) const;
    double positiveNumber(const char* field) const;
    double numberOr(const char* field, double fallback) const; // >= 0 when given
    bool flagOr(const char* field, bool fallback) const;
    std::vector<std::string> sources() const; // non-empty list under "sources"

    [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;
    // Fails at `field` (or at the mapping when it is absent).
    [[noreturn]] void failAt(const char* field, const std::string& message) const;

private:
    const YAML::Node& required(const char* field) const;
    YAML::Node m_node;
    std::string m_file;
    mutable YAML::Node m_scratch;
};

} // namespace mdse::hwlib
