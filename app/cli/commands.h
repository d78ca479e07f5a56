#pragma once

// Internal to app/cli: each command registers itself on the CLI11 app and
// leaves a callback that runs after parsing. Commands read files and write
// reports through core; they compute nothing themselves.
#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace mdse::app {

struct CommandIo {
    std::ostream& out;
    std::ostream& err;
    int exitCode = 0;
};

// A usage problem found after parsing (a flag that does not apply): exit 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

void addAnalyzeCommand(CLI::App& app, CommandIo& io);
void addPrecisionSearchCommand(CLI::App& app, CommandIo& io);
void addSensitivityCommand(CLI::App& app, CommandIo& io);
void addSystolicCommand(CLI::App& app, CommandIo& io);
void addCatalogueCommands(CLI::App& app, CommandIo& io);
void addExperimentsCommand(CLI::App& app, CommandIo& io);

// Writes `text` to `path` (beside, then renamed: a failed write never
// leaves half a file), or to `out` when `path` is empty.
void writeOutput(const std::string& path, const std::string& text, CommandIo& io);

// --db FILE, else the default database.
std::string databasePath(const std::string& flag);

// The formats a command takes, as a CLI11 validator.
CLI::IsMember formats(std::initializer_list<const char*> names);

} // namespace mdse::app
