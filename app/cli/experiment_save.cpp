#include "app/cli/experiment_save.h"

#include "core/store/experiment_builder.h"
#include "core/store/experiment_mcu.h"
#include "core/store/experiment_store.h"
#include "hwlib/catalogue.h"

#include <ostream>

namespace mdse::app {

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
        experiment.target = core::storedMcuTarget(hwlib::resolveMcuTarget(*target));
    core::ExperimentStore store(databasePath(args));
    store.save(experiment);
    err << "saved experiment '" << *name << "' in " << store.path() << "\n";
}

} // namespace mdse::app
