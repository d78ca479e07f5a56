#include "core/util/error.h"

namespace mdse::core {

std::string formatLocation(const SourceLocation& where)
{
    std::string text = where.file;
    if (where.line > 0) {
        text += ':' + std::to_string(where.line);
        if (where.column > 0)
            text += ':' + std::to_string(where.column);
    }
    return text;
}

static std::string composeWhat(const std::string& message, const SourceLocation& where)
{
    const std::string prefix = formatLocation(where);
    return prefix.empty() ? message : prefix + ": " + message;
}

Error::Error(std::string message, SourceLocation where)
    : std::runtime_error(composeWhat(message, where))
    , m_message(std::move(message))
    , m_location(std::move(where))
{
}

} // namespace mdse::core
