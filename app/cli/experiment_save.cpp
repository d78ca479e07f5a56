#include "app/cli/experiment_save.h"

#include "core/store/experiment_builder.h"
#include "core/store/experiment_store.h"
#include "hwlib/catalogue.h"

#include <ostream>

namespace mdse::app {
namespace {

// The part as it is today, written down so a later catalogue change does
// not rewrite the experiment's history.
core::StoredTarget describeTarget(const std::string& idOrPath)
{
    const hwlib::McuTarget part = hwlib::resolveMcuTarget(idOrPath);
    std::string text = "id: " + part.id + "\nname: " + part.name + "\ncore: " + part.core
        + "\nclockHz: " + std::to_string(part.clockHz) + "\nsramBytes: " + std::to_string(part.sramBytes)
        + "\nflashBytes: " + std::to_string(part.flashBytes) + "\nsources:\n";
    for (const std::string& source : part.sources)
        text += "  - \"" + source + "\"\n";
    return {part.id, "mcu", text};
}

} // namespace

std::string databasePath(const CliArgs& args)
{
    return args.flag("db").value_or(core::defaultStorePath());
}

void saveAnalysisIfAsked(const CliArgs& args, const core::CompressedDesign& design, const core::DesignConfig& config,
                         std::ostream& err)
{
    const auto name = args.flag("save");
    if (!name)
        return;
    core::Experiment experiment = core::experimentFromDesign(design, config, *name, args.positional().front());
    if (const auto target = args.flag("target"))
        experiment.target = describeTarget(*target);
    core::ExperimentStore store(databasePath(args));
    store.save(experiment);
    err << "saved experiment '" << *name << "' in " << store.path() << "\n";
}

} // namespace mdse::app
