#include "app/cli/cli_args.h"
#include "app/cli/commands.h"

#include "core/graph/layer_stats.h"
#include "core/io/network_loader.h"
#include "core/io/stats_report.h"

#include <ostream>

namespace mdse::app {

int runAnalyze(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    const CliArgs args(arguments, {"format"});
    if (args.positional().size() != 1) {
        err << "usage: microdse analyze <network.yaml | zoo:<id>> [--format table|json|csv]\n";
        return 2;
    }
    const std::string format = args.flagOr("format", "table");
    if (format != "table" && format != "json" && format != "csv") {
        err << "microdse analyze: unknown format '" << format << "' (use table, json or csv)\n";
        return 2;
    }
    const core::Network network = core::loadNetwork(args.positional().front());
    const core::NetworkStats stats = core::computeStats(network);
    if (format == "json")
        out << core::statsToJson(network, stats);
    else if (format == "csv")
        out << core::statsToCsv(stats);
    else
        out << core::statsToTable(network, stats);
    return 0;
}

} // namespace mdse::app
