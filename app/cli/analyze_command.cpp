#include "app/cli/accel_commands.h"
#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "app/cli/experiment_save.h"
#include "app/cli/mcu_commands.h"

#include "core/compress/compressed_design.h"
#include "core/graph/layer_stats.h"
#include "core/io/compression_report.h"
#include "core/io/design_config_yaml.h"
#include "core/io/network_loader.h"
#include "core/io/stats_report.h"

#include <ostream>

namespace mdse::app {

int runAnalyze(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    // --target <fpga-id>: the accelerator engine (app/cli/accel_report.cpp).
    if (const int code = runAcceleratorAnalyze(arguments, out, err); code >= 0)
        return code;
    // --target <mcu-id | part.yaml>: the MCU deployment analysis (app/cli/mcu_analyze_command.cpp).
    if (const int code = runMcuAnalyze(arguments, out, err); code >= 0)
        return code;
    const CliArgs args(arguments, {"format", "config", "input-shape", "save", "db"});
    if (args.positional().size() != 1) {
        err << "usage: microdse analyze <network.yaml | model.onnx | zoo:<id>> [--format table|json|csv] [--config design.yaml]"
               " [--input-shape name=1x3x224x224]\n";
        return 2;
    }
    core::OnnxImportOptions onnxOptions; // --input-shape: a graph input's full ONNX shape
    if (const auto shapeFlag = args.flag("input-shape")) {
        const auto parsed = core::parseInputShapeOverride(*shapeFlag);
        if (!parsed) {
            err << "microdse analyze: --input-shape expects name=1x3x224x224, found '" << *shapeFlag << "'\n";
            return 2;
        }
        onnxOptions.inputShapes[parsed->first] = parsed->second;
    }
    const std::string format = args.flagOr("format", "table");
    if (format != "table" && format != "json" && format != "csv") {
        err << "microdse analyze: unknown format '" << format << "' (use table, json or csv)\n";
        return 2;
    }
    const core::Network loaded = core::loadNetwork(args.positional().front(), onnxOptions);
    // Without --config every layer is fp32 and dense (docs/design-config.md).
    const auto configPath = args.flag("config");
    const core::DesignConfig config = configPath ? core::loadDesignConfig(*configPath) : core::DesignConfig{};
    const core::CompressedDesign design = core::applyDesign(loaded, config);
    const core::Network& network = design.network;
    const core::NetworkStats& stats = design.stats;
    saveAnalysisIfAsked(args, design, config, err); // --save NAME [--db FILE] (docs/experiments.md)
    if (format == "json")
        out << core::statsToJson(network, stats, core::compressionJsonExtras(design));
    else if (format == "csv")
        out << core::statsToCsv(stats);
    else
        out << core::statsToTable(network, stats) << core::compressionToTable(design);
    return 0;
}

} // namespace mdse::app
