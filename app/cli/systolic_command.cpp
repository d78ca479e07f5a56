// `microdse systolic --config arch.cfg --topology net.csv`: SCALE-Sim's
// files through our cycle-accurate systolic array (docs/accelerator-models.md).
#include "app/cli/commands.h"

#include "core/accel/systolic_simulator.h"
#include "core/io/scalesim_files.h"
#include "core/report/analysis_reports.h"

#include <ostream>

namespace mdse::app {

void addSystolicCommand(CLI::App& app, CommandIo& io)
{
    struct Flags {
        std::string config, topology, format = "table";
    };
    auto f = std::make_shared<Flags>();
    CLI::App* c = app.add_subcommand("systolic", "SCALE-Sim style report of a systolic array from its .cfg and "
                                                 "topology .csv files");
    c->add_option("--config", f->config, "SCALE-Sim architecture file (.cfg)")->required();
    c->add_option("--topology", f->topology, "SCALE-Sim topology file (.csv)")->required();
    c->add_option("--format", f->format, "Report format (default table)")->check(formats({"table", "json"}));
    c->callback([f, &io] {
        const core::SystolicConfig config = core::loadScaleSimConfig(f->config);
        const auto reports = core::simulateSystolic(core::loadScaleSimTopology(f->topology), config);
        io.out << (f->format == "json" ? core::systolicJson(config, reports) : core::systolicTable(reports));
    });
}

} // namespace mdse::app
