#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mdse::app {

// Command-line arguments of one sub-command: positional values and
// `--flag value` / `--flag=value` options. Unknown flags are errors.
class CliArgs {
public:
    // Throws std::invalid_argument with a one-line message on bad input.
    CliArgs(const std::vector<std::string>& arguments, const std::vector<std::string>& knownFlags);

    const std::vector<std::string>& positional() const { return m_positional; }
    std::optional<std::string> flag(const std::string& name) const;
    std::string flagOr(const std::string& name, const std::string& fallback) const;

private:
    std::vector<std::string> m_positional;
    std::map<std::string, std::string> m_flags;
};

} // namespace mdse::app
