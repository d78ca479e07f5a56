#pragma once

// Internal to core/io (includes yaml-cpp): the typed-field helpers every
// YAML reader of ours shares, each problem a core::Error at the node's
// file:line:column.
#include "core/util/error.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

namespace mdse::core {

class YamlReader {
public:
    explicit YamlReader(std::string fileLabel) : m_file(std::move(fileLabel)) {}

    // Parses a whole document after the text checks of yaml_text_check.h;
    // syntax errors become core::Error at their line and column.
    static YAML::Node loadDocument(std::string_view text, const std::string& fileLabel);

    const std::string& file() const { return m_file; }
    SourceLocation at(const YAML::Node& node) const
    {
        const YAML::Mark mark = node.Mark();
        return {m_file, mark.line + 1, mark.column + 1};
    }
    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const { throw Error(message, at(node)); }

    void expectMap(const YAML::Node& node, const std::string& what) const
    {
        if (!node.IsMap())
            fail(node, what + " must be a mapping (key: value)");
    }
    // Fails at the first key of `map` that is not in `allowed`.
    void allowOnly(const YAML::Node& map, const std::string& what, std::initializer_list<const char*> allowed) const;

    std::string scalar(const YAML::Node& node, const std::string& what) const
    {
        if (!node.IsScalar())
            fail(node, what + " must be a single value");
        return node.Scalar();
    }

    template <typename T>
    T number(const YAML::Node& node, const std::string& what) const
    {
        if (!node.IsScalar())
            fail(node, what + " must be a number");
        const char* expected = std::is_same_v<T, bool> ? "true or false"
            : std::is_integral_v<T>                    ? "an integer within range"
                                                       : "a finite number";
        T value{};
        if (!YAML::convert<T>::decode(node, value))
            fail(node, what + " must be " + expected + ", found '" + node.Scalar() + "'");
        if constexpr (std::is_floating_point_v<T>)
            if (!std::isfinite(value))
                fail(node, what + " must be " + expected + ", found '" + node.Scalar() + "'");
        return value;
    }

    // A scalar parsed by `parse` (returning std::optional); `allowed` lists the choices.
    template <typename Parse>
    auto choice(const YAML::Node& node, const std::string& what, Parse parse, const char* allowed) const
    {
        const std::string text = scalar(node, what);
        const auto value = parse(text);
        if (!value)
            fail(node, "unknown " + what + " '" + text + "' (use " + allowed + ")");
        return *value;
    }

private:
    std::string m_file;
};

} // namespace mdse::core
