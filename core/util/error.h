#pragma once

#include <stdexcept>
#include <string>

namespace mdse::core {

// Where a problem was found: a file (or "<zoo:id>", "<memory>") and a
// 1-based line/column when the format has them (0 = unknown).
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
};

// The one exception type core throws for bad user input. what() reads
// "file:line:column: message" (parts that are unknown are left out), so the
// GUI can show it and the CLI can print it on one line.
class Error : public std::runtime_error {
public:
    explicit Error(std::string message, SourceLocation where = {});

    const std::string& message() const { return m_message; }
    const SourceLocation& location() const { return m_location; }

private:
    std::string m_message;
    SourceLocation m_location;
};

std::string formatLocation(const SourceLocation& where);

} // namespace mdse::core
