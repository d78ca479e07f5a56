#include "app/cli/experiment_save.h"

#include "core/io/design_config_yaml.h"
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

namespace {

void store(const CliArgs& args, const core::Experiment& experiment, std::ostream& err)
{
    core::ExperimentStore store(databasePath(args));
    store.save(experiment);
    err << "saved experiment '" << experiment.name << "' in " << store.path() << "\n";
}

} // namespace

void saveMcuAnalysisIfAsked(const CliArgs& args, const core::Network& network, const hwlib::McuTarget& target,
                            const core::McuEvaluation& evaluation, std::ostream& err)
{
    const auto name = args.flag("save");
    if (!name)
        return;
    core::DesignConfig config;
    if (const auto path = args.flag("config")) {
        config = core::loadDesignConfig(*path);
    } else {
        config.defaults.weights = core::Precision::Int8;
        config.defaults.activations = core::Precision::Int8;
    }
    const core::CompressedDesign design = core::applyDesign(network, config);
    core::Experiment experiment = core::experimentFromDesign(design, config, *name, args.positional().front());
    core::addMcuResults(experiment, target, evaluation.memory, evaluation.latency);
    store(args, experiment, err);
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
    store(args, experiment, err);
}

} // namespace mdse::app
