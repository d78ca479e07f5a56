#include "app/cli/precision_search_command.h"

#include "app/cli/cli_args.h"

#include "core/compress/precision_search.h"
#include "core/io/design_config_yaml.h"
#include "core/io/json_writer.h"
#include "core/io/network_loader.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace mdse::app {
namespace {

constexpr std::size_t kFrontierPoints = 256;

constexpr const char* kUsage =
    "usage: microdse precision-search <network> [--flash-budget BYTES] [--bops-budget N [--bops-unit N]]\n"
    "         [--peak-activation-budget BYTES] [--bits 2,4,8] [--activation-bits 8[,4]]\n"
    "         [--scales per-tensor|per-channel] [--format table|json] [--write-config design.yaml]\n";

std::int64_t positiveInteger(const std::string& text, const std::string& flag)
{
    std::size_t used = 0;
    long long value = -1;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
    }
    if (used != text.size() || value < 0)
        throw std::invalid_argument("--" + flag + " needs a non-negative integer, got '" + text + "'");
    return value;
}

std::vector<int> integerList(const std::string& text, const std::string& flag)
{
    std::vector<int> values;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');)
        values.push_back(static_cast<int>(positiveInteger(item, flag)));
    if (values.empty())
        throw std::invalid_argument("--" + flag + " needs a comma-separated list");
    return values;
}

void writeSolution(core::JsonWriter& json, const core::PrecisionSearchReport& report,
                   const core::KnapsackSolution& solution)
{
    json.key("flashBytes").value(solution.flashBytes);
    json.key("bops").value(solution.bops);
    json.key("noise").value(solution.noise);
    if (solution.choice.empty())
        return;
    json.key("bits").beginArray();
    for (std::size_t i = 0; i < solution.choice.size(); ++i)
        json.value(std::int64_t{report.problem[i].choices[static_cast<std::size_t>(solution.choice[i])].bits});
    json.endArray();
}

std::string toJson(const core::PrecisionSearchReport& report, int activationBits, std::int64_t peak)
{
    core::JsonWriter json;
    json.beginObject();
    json.key("feasible").value(report.result.feasible);
    json.key("noiseModel").value(report.proxyNoise ? "proxy: unit-variance Gaussian weights, MSE-optimal clip"
                                                   : "measured weights");
    json.key("activationBits").value(std::int64_t{activationBits});
    json.key("peakActivationBytes").value(peak);
    json.key("layers").beginArray();
    for (std::size_t i = 0; report.result.feasible && i < report.problem.size(); ++i) {
        const auto& choice = report.problem[i].choices[static_cast<std::size_t>(report.result.best.choice[i])];
        json.beginObject();
        json.key("name").value(report.problem[i].name);
        json.key("weightBits").value(std::int64_t{choice.bits});
        json.key("flashBytes").value(choice.flashBytes);
        json.key("bops").value(choice.bops);
        json.key("noise").value(choice.noise);
        json.endObject();
    }
    json.endArray();
    json.key("totals").beginObject();
    if (report.result.feasible)
        writeSolution(json, report, report.result.best);
    json.endObject();
    // The frontier can hold 10^5 points: at most kFrontierPoints, evenly
    // spaced by rank, always ending with the least-noise point.
    const auto& frontier = report.result.frontier;
    json.key("frontierSize").value(static_cast<std::int64_t>(frontier.size()));
    json.key("frontier").beginArray();
    const std::size_t step = frontier.size() > kFrontierPoints ? frontier.size() / kFrontierPoints : 1;
    for (std::size_t i = 0; i < frontier.size(); i += step) {
        const std::size_t index = i + step >= frontier.size() ? frontier.size() - 1 : i;
        json.beginObject();
        writeSolution(json, report, frontier[index]);
        json.endObject();
        if (index == frontier.size() - 1)
            break;
    }
    json.endArray();
    json.endObject();
    return json.str();
}

std::string toTable(const core::PrecisionSearchReport& report, int activationBits, std::int64_t peak)
{
    std::ostringstream out;
    char line[256];
    out << "noise model: "
        << (report.proxyNoise ? "PROXY (unit-variance Gaussian weights, MSE-optimal clip; no real weights)"
                              : "measured weights")
        << "\nactivations: int" << activationBits << ", peak " << peak << " bytes\n";
    if (!report.result.feasible)
        return out.str() + "no bit-width assignment fits the budgets\n";
    std::snprintf(line, sizeof line, "%-28s %5s %12s %18s %14s\n", "layer", "wbits", "flashBytes", "BOPs", "noise");
    out << line;
    for (std::size_t i = 0; i < report.problem.size(); ++i) {
        const auto& c = report.problem[i].choices[static_cast<std::size_t>(report.result.best.choice[i])];
        std::snprintf(line, sizeof line, "%-28s %5d %12lld %18lld %14.6g\n", report.problem[i].name.c_str(), c.bits,
                      static_cast<long long>(c.flashBytes), static_cast<long long>(c.bops), c.noise);
        out << line;
    }
    const auto& best = report.result.best;
    out << "total: " << best.flashBytes << " flash bytes, " << best.bops << " BOPs, noise " << best.noise << "\n";
    out << "frontier (flash bytes -> least noise), " << report.result.frontier.size() << " points:\n";
    const std::size_t count = report.result.frontier.size();
    const std::size_t step = count > 20 ? count / 20 : 1;
    for (std::size_t i = 0; i < count; i += step) {
        const auto& point = report.result.frontier[i];
        std::snprintf(line, sizeof line, "  %14lld %14.6g\n", static_cast<long long>(point.flashBytes), point.noise);
        out << line;
    }
    return out.str();
}

} // namespace

int runPrecisionSearch(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    const CliArgs args(arguments, {"flash-budget", "bops-budget", "bops-unit", "peak-activation-budget", "bits",
                                   "activation-bits", "scales", "format", "write-config"});
    const std::string format = args.flagOr("format", "table");
    if (args.positional().size() != 1 || (format != "table" && format != "json")) {
        err << kUsage;
        return 2;
    }
    core::PrecisionSearchOptions options;
    options.bits = integerList(args.flagOr("bits", "2,4,8"), "bits");
    if (const auto flash = args.flag("flash-budget"))
        options.budgets.flashBytes = positiveInteger(*flash, "flash-budget");
    if (const auto bops = args.flag("bops-budget"))
        options.budgets.bops = positiveInteger(*bops, "bops-budget");
    options.budgets.bopsUnit = std::max<std::int64_t>(1, positiveInteger(args.flagOr("bops-unit", "1"), "bops-unit"));
    const auto scales = core::parseScaleGranularity(args.flagOr("scales", "per-tensor"));
    if (!scales)
        throw std::invalid_argument("--scales must be per-tensor or per-channel");
    options.scales = *scales;
    const core::Network network = core::loadNetwork(args.positional().front());
    // Uniform activation width: the widest listed whose peak fits the budget.
    const core::NetworkStats stats = core::computeStats(network);
    std::vector<int> activationWidths = integerList(args.flagOr("activation-bits", "8"), "activation-bits");
    std::sort(activationWidths.rbegin(), activationWidths.rend());
    options.activationBits = activationWidths.back();
    if (const auto peakBudget = args.flag("peak-activation-budget")) {
        const std::int64_t budget = positiveInteger(*peakBudget, "peak-activation-budget");
        const auto fits = std::find_if(activationWidths.begin(), activationWidths.end(), [&](int bits) {
            return core::peakActivationBytes(stats, bits) <= budget;
        });
        if (fits == activationWidths.end()) {
            err << "microdse precision-search: no activation width fits a peak of " << budget << " bytes\n";
            return 1;
        }
        options.activationBits = *fits;
    } else {
        options.activationBits = activationWidths.front();
    }
    const core::PrecisionSearchReport report = core::searchPrecision(network, options);
    const std::int64_t peak = core::peakActivationBytes(stats, options.activationBits);
    out << (format == "json" ? toJson(report, options.activationBits, peak)
                             : toTable(report, options.activationBits, peak));
    if (const auto path = args.flag("write-config"); path && report.result.feasible) {
        std::ofstream file(*path);
        file << core::writeDesignConfigYaml(report.design);
        if (!file)
            throw std::invalid_argument("cannot write " + *path);
    }
    return report.result.feasible ? 0 : 1;
}

} // namespace mdse::app
