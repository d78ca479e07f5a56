#include "app/cli/experiment_save.h"

#include "core/io/design_config_yaml.h"
#include "core/store/experiment_builder.h"
#include "core/store/experiment_mcu.h"
#include "core/store/experiment_store.h"
#include "hwlib/catalogue.h"

#include <ostream>
#include <sstream>

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

// The FPGA target as used: device resources, the accelerator template and
// the dataflow, in a small YAML text (the catalogue may change later).
core::StoredTarget storedFpgaTarget(const hwlib::FpgaDevice& device, const hwlib::AcceleratorTemplate& accel,
                                    std::string_view dataflowId)
{
    std::ostringstream text;
    text << "device: " << device.id << "\nname: " << device.name << "\nluts: " << device.luts
         << "\nflipFlops: " << device.flipFlops << "\ndsps: " << device.dsps << "\ndspType: " << device.dspType
         << "\nbram18: " << device.bram18 << "\nuram: " << device.uram << "\nclockHz: " << device.typicalClockHz
         << "\ndramBytesPerSecond: " << device.dramBytesPerSecond << "\naccelerator: "
         << (accel.id.empty() ? accel.name : accel.id) << "\npeRows: " << accel.peRows << "\npeCols: " << accel.peCols
         << "\nmacsPerPe: " << accel.macsPerPe << "\nrfBytesPerPe: " << accel.rfBytesPerPe
         << "\nglobalBufferBytes: " << accel.globalBufferBytes << "\nacceleratorClockHz: " << accel.clockHz
         << "\nweightBits: " << accel.weightBits << "\nactivationBits: " << accel.activationBits
         << "\ndataflow: " << dataflowId << "\n";
    return {device.id, "fpga", text.str()};
}

} // namespace

void saveAcceleratorAnalysisIfAsked(const CliArgs& args, const core::Network& network,
                                    const hwlib::FpgaDevice& device, const hwlib::AcceleratorTemplate& accelerator,
                                    std::string_view dataflowId, const core::DataflowReport& report,
                                    std::ostream& err)
{
    const auto name = args.flag("save");
    if (!name)
        return;
    core::DesignConfig config; // the words the accelerator computes with
    config.defaults.weights = core::precisionFromBits(accelerator.weightBits).value_or(core::Precision::Fp32);
    config.defaults.activations = core::precisionFromBits(accelerator.activationBits).value_or(core::Precision::Fp32);
    const core::CompressedDesign design = core::applyDesign(network, config);
    core::Experiment experiment = core::experimentFromDesign(design, config, *name, args.positional().front());
    experiment.target = storedFpgaTarget(device, accelerator, dataflowId);
    experiment.metrics.latencySeconds = report.totals.seconds;
    experiment.metrics.energyJoules = report.totals.energy.total() * 1e-12; // picojoules -> joules
    store(args, experiment, err);
}

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
