#include "app/cli/cli_args.h"

#include <algorithm>
#include <stdexcept>

namespace mdse::app {

CliArgs::CliArgs(const std::vector<std::string>& arguments, const std::vector<std::string>& knownFlags)
{
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (!argument.starts_with("--")) {
            m_positional.push_back(argument);
            continue;
        }
        std::string name = argument.substr(2);
        std::string value;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            value = name.substr(equals + 1);
            name.resize(equals);
        } else if (i + 1 < arguments.size()) {
            value = arguments[++i];
        } else {
            throw std::invalid_argument("option --" + name + " needs a value");
        }
        if (std::find(knownFlags.begin(), knownFlags.end(), name) == knownFlags.end())
            throw std::invalid_argument("unknown option --" + name);
        m_flags[name] = value;
    }
}

std::optional<std::string> CliArgs::flag(const std::string& name) const
{
    const auto it = m_flags.find(name);
    if (it == m_flags.end())
        return std::nullopt;
    return it->second;
}

std::string CliArgs::flagOr(const std::string& name, const std::string& fallback) const
{
    return flag(name).value_or(fallback);
}

} // namespace mdse::app
