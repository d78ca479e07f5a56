// `microdse zoo`, `targets` and `engines`: the built-in networks, parts and
// inference engines.
#include "app/cli/commands.h"

#include "core/io/network_loader.h"
#include "core/io/zoo.h"
#include "core/report/analysis_reports.h"
#include "hwlib/catalogue.h"
#include "hwlib/inference_engine.h"

#include <ostream>

namespace mdse::app {

void addCatalogueCommands(CLI::App& app, CommandIo& io)
{
    auto zooFormat = std::make_shared<std::string>("table");
    CLI::App* zoo = app.add_subcommand("zoo", "List the built-in networks (open one as zoo:<id>)");
    zoo->add_option("--format", *zooFormat, "table or json (default table)")->check(formats({"table", "json"}));
    zoo->callback([zooFormat, &io] {
        std::vector<core::ZooListing> rows;
        for (const std::string& id : core::zooIds()) {
            const core::Network network = core::loadNetwork("zoo:" + id);
            rows.push_back({id, network.name(), network.definition().source});
        }
        io.out << (*zooFormat == "json" ? core::zooJson(rows) : core::zooTable(rows));
    });
    struct TargetFlags {
        std::string file, format = "table";
    };
    auto t = std::make_shared<TargetFlags>();
    CLI::App* targets = app.add_subcommand("targets", "List the MCU catalogue, or check a part file of your own");
    targets->add_option("--file", t->file, "A part file to check (docs/mcu-analysis.md, \"Part files\")");
    targets->add_option("--format", t->format, "table or json (default table)")->check(formats({"table", "json"}));
    targets->callback([t, &io] {
        const std::vector<hwlib::McuTarget> parts
            = t->file.empty() ? hwlib::builtInMcuTargets() : std::vector{hwlib::loadMcuTargetFile(t->file)};
        io.out << (t->format == "json" ? core::targetsJson(parts) : core::targetsTable(parts));
    });
    auto engineFormat = std::make_shared<std::string>("table");
    CLI::App* engines = app.add_subcommand("engines", "List the inference engines (runtime + kernels, with version) and their sources");
    engines->add_option("--format", *engineFormat, "table or json (default table)")->check(formats({"table", "json"}));
    engines->callback([engineFormat, &io] {
        const std::vector<hwlib::InferenceEngine> all = hwlib::builtInEngines();
        io.out << (*engineFormat == "json" ? core::enginesJson(all) : core::enginesTable(all));
    });
}

} // namespace mdse::app
