#include "app/cli/cli.h"

#include "app/cli/commands.h"
#include "core/store/experiment_store.h"
#include "core/util/error.h"
#include "core/util/progress.h"
#include "hwlib/catalogue.h"

#include <cstdio>
#include <fstream>
#include <ostream>

namespace mdse::app {
namespace {

// The innermost command the arguments selected, for error messages.
std::string commandName(const CLI::App& app)
{
    std::string name = "microdse";
    const CLI::App* current = &app;
    while (!current->get_subcommands().empty()) {
        current = current->get_subcommands().front();
        name += " " + current->get_name();
    }
    return name;
}

std::string oneLine(std::string text)
{
    for (char& c : text)
        if (c == '\n')
            c = ' ';
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

} // namespace

CLI::IsMember formats(std::initializer_list<const char*> names)
{
    return CLI::IsMember(std::vector<std::string>(names.begin(), names.end()));
}

std::string databasePath(const std::string& flag) { return flag.empty() ? core::defaultStorePath() : flag; }

void writeOutput(const std::string& path, const std::string& text, CommandIo& io)
{
    if (path.empty()) {
        io.out << text;
        return;
    }
    const std::string temporary = path + ".part";
    {
        std::ofstream file(temporary, std::ios::binary);
        file << text;
        if (!file.flush())
            throw core::Error("cannot write the file", {path});
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0)
        throw core::Error("cannot write the file", {path});
    io.err << "wrote " << path << "\n";
}

int runCli(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    CLI::App app{"microdse: design-space exploration of neural-network inference on MCUs and accelerators.\n"
                 "<network> is a .yaml, .onnx or .tflite file or zoo:<id> (microdse zoo).",
                 "microdse"};
    app.require_subcommand(1, 1);
    app.set_help_all_flag("--help-all", "Print the help of every command");
    CommandIo io{out, err};
    addAnalyzeCommand(app, io);
    addPrecisionSearchCommand(app, io);
    addSensitivityCommand(app, io);
    addSystolicCommand(app, io);
    addCatalogueCommands(app, io);
    addExperimentsCommand(app, io);
    try {
        std::vector<std::string> reversed(arguments.rbegin(), arguments.rend()); // CLI11 takes them back to front
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::ParseError& error) {
        if (arguments.empty()) {
            err << app.help();
            return 2;
        }
        err << commandName(app) << ": " << oneLine(error.what()) << " (see --help)\n";
        return 2;
    } catch (const UsageError& error) {
        err << commandName(app) << ": " << error.what() << " (see --help)\n";
        return 2;
    } catch (const core::Error& error) {
        err << commandName(app) << ": " << error.what() << "\n";
        return 1;
    } catch (const hwlib::CatalogueError& error) {
        err << commandName(app) << ": " << error.what() << "\n";
        return 1;
    } catch (const core::Cancelled&) {
        err << commandName(app) << ": cancelled\n";
        return 1;
    } catch (const std::exception& error) {
        err << commandName(app) << ": unexpected error: " << error.what() << "\n";
        return 1;
    }
    return io.exitCode;
}

} // namespace mdse::app
