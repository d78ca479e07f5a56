#include "app/cli/cli_args.h"
#include "app/cli/experiment_save.h"
#include "app/cli/mcu_commands.h"

#include "core/compress/compressed_design.h"
#include "core/graph/batchnorm_folding.h"
#include "core/io/compression_report.h"
#include "core/io/design_config_yaml.h"
#include "core/io/json_writer.h"
#include "core/io/mcu_report.h"
#include "core/io/network_loader.h"
#include "core/memory/design_precision.h"
#include "hwlib/catalogue.h"

#include <cmath>
#include <optional>
#include <ostream>

namespace mdse::app {
namespace {

std::optional<std::string> targetFlag(const std::vector<std::string>& arguments)
{
    std::optional<std::string> target;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--target" && i + 1 < arguments.size())
            target = arguments[i + 1];
        else if (arguments[i].rfind("--target=", 0) == 0)
            target = arguments[i].substr(9);
    }
    return target;
}

constexpr const char* kUsage =
    "usage: microdse analyze <network> --target <mcu-id | part.yaml> [--config design.yaml]"
    " [--runtime tflm|tinyengine] [--sram-model closed-form|live-set|in-place|arena|patch]"
    " [--max-patch-overhead PERCENT] [--stream-input yes|no] [--calibration FACTOR]"
    " [--format table|json]\n";

// A finite number given to a flag; zero allowed only where `allowZero`.
double numberFlag(const std::string& text, const char* flagName, bool allowZero)
{
    std::size_t used = 0;
    double value = -1;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    const bool inRange = std::isfinite(value) && (value > 0 || (allowZero && value == 0));
    if (used != text.size() || !inRange)
        throw std::invalid_argument(std::string(flagName) + " expects a " + (allowZero ? "non-negative" : "positive")
                                    + " number, found '" + text + "'");
    return value;
}

core::McuMemoryOptions memoryOptions(const CliArgs& args)
{
    core::McuMemoryOptions options;
    options.runtime = core::parseMcuRuntime(args.flagOr("runtime", "tflm"));
    options.sramModel = core::parseSramModel(args.flagOr("sram-model", "arena"));
    if (const auto limit = args.flag("max-patch-overhead"))
        options.patch.maxOverheadPercent = numberFlag(*limit, "--max-patch-overhead", true);
    const std::string stream = args.flagOr("stream-input", "no");
    if (stream != "yes" && stream != "no")
        throw std::invalid_argument("--stream-input expects yes or no");
    options.patch.inputResident = stream == "no";
    return options;
}

} // namespace

int runMcuAnalyze(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    const auto target = targetFlag(arguments);
    if (!target)
        return -1;
    const CliArgs args(arguments, {"format", "target", "config", "runtime", "sram-model", "max-patch-overhead",
                                   "stream-input", "calibration", "save", "db"});
    const std::string format = args.flagOr("format", "table");
    if (args.positional().size() != 1 || (format != "json" && format != "table")) {
        err << kUsage;
        return 2;
    }
    hwlib::McuTarget mcu = hwlib::resolveMcuTarget(*target);
    if (const auto factor = args.flag("calibration")) // measured / estimated latency of this part
        mcu.calibration = numberFlag(*factor, "--calibration", false);
    // A deployment converter folds batchnorms (and their activations) into
    // the producing conv/dense before the arena is planned; so do we.
    const core::Network loaded(core::foldBatchNorms(core::loadNetwork(args.positional().front())));
    // Without --config the MCU analysis assumes int8 everywhere (int32 biases).
    const auto configPath = args.flag("config");
    const core::CompressedDesign design
        = core::applyDesign(loaded, configPath ? core::loadDesignConfig(*configPath) : core::DesignConfig{});
    const core::PrecisionView precision = configPath ? core::precisionViewOf(design) : core::PrecisionView{};
    const core::McuEvaluation evaluation = core::evaluateMcu(design.network, precision, mcu, memoryOptions(args));
    saveMcuAnalysisIfAsked(args, loaded, mcu, evaluation, err); // --save NAME [--db FILE] (docs/experiments.md)
    if (format == "json") {
        core::JsonWriter json;
        json.beginObject();
        json.key("network").beginObject();
        json.key("name").value(design.network.name());
        json.key("source").value(design.network.definition().source);
        json.key("layerCount").value(static_cast<std::int64_t>(design.stats.layers.size()));
        json.endObject();
        const core::StatsJsonExtras base = configPath ? core::compressionJsonExtras(design) : core::StatsJsonExtras{};
        core::writeStatsMembers(json, design.network, design.stats, core::mcuLayerExtras(evaluation, design.stats, base));
        core::writeMcuMembers(json, design.network, evaluation);
        json.endObject();
        out << json.str();
    } else {
        out << core::statsToTable(design.network, design.stats) << core::mcuReportToText(design.network, evaluation);
    }
    return 0;
}

} // namespace mdse::app
