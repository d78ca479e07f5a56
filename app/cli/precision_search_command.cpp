// `microdse precision-search <network> --flash-budget BYTES ...`: the exact
// budgeted mixed-precision search (docs/design-config.md).
#include "app/cli/commands.h"

#include "core/compress/precision_search.h"
#include "core/io/design_config_yaml.h"
#include "core/io/network_loader.h"
#include "core/report/analysis_reports.h"

#include <algorithm>
#include <ostream>

namespace mdse::app {
namespace {

struct SearchFlags {
    std::string network, format = "table", scales = "per-tensor", writeConfig;
    std::int64_t flashBudget = 0, bopsBudget = 0, bopsUnit = 1, peakBudget = 0;
    std::vector<int> bits{2, 4, 8};
    std::vector<int> activationBits{8};
    CLI::Option *flash = nullptr, *bops = nullptr, *peak = nullptr;
};

void runSearch(const SearchFlags& f, CommandIo& io)
{
    core::PrecisionSearchOptions options;
    options.bits = f.bits;
    if (f.flash->count())
        options.budgets.flashBytes = f.flashBudget;
    if (f.bops->count())
        options.budgets.bops = f.bopsBudget;
    options.budgets.bopsUnit = std::max<std::int64_t>(1, f.bopsUnit);
    options.scales = *core::parseScaleGranularity(f.scales);
    const core::Network network = core::loadNetwork(f.network);
    // Uniform activation width: the widest listed whose peak fits the budget.
    const core::NetworkStats stats = core::computeStats(network);
    std::vector<int> widths = f.activationBits;
    std::sort(widths.rbegin(), widths.rend());
    options.activationBits = widths.front();
    if (f.peak->count()) {
        const auto fits = std::find_if(widths.begin(), widths.end(),
                                       [&](int bits) { return core::peakActivationBytes(stats, bits) <= f.peakBudget; });
        if (fits == widths.end())
            throw core::Error("no activation width fits a peak of " + std::to_string(f.peakBudget) + " bytes");
        options.activationBits = *fits;
    }
    const core::PrecisionSearchReport report = core::searchPrecision(network, options);
    const std::int64_t peak = core::peakActivationBytes(stats, options.activationBits);
    io.out << (f.format == "json" ? core::precisionSearchJson(report, options.activationBits, peak)
                                  : core::precisionSearchTable(report, options.activationBits, peak));
    if (!f.writeConfig.empty() && report.result.feasible)
        writeOutput(f.writeConfig, core::writeDesignConfigYaml(report.design), io);
    io.exitCode = report.result.feasible ? 0 : 1;
}

} // namespace

void addPrecisionSearchCommand(CLI::App& app, CommandIo& io)
{
    auto f = std::make_shared<SearchFlags>();
    CLI::App* c = app.add_subcommand("precision-search", "Exact per-layer weight widths under flash, BOPs and peak "
                                                         "activation budgets (multiple-choice knapsack)");
    c->add_option("network", f->network, "A .yaml, .onnx or .tflite file, or zoo:<id>")->required();
    f->flash = c->add_option("--flash-budget", f->flashBudget, "Largest stored weight bytes")->check(CLI::NonNegativeNumber);
    f->bops = c->add_option("--bops-budget", f->bopsBudget, "Largest bit operations")->check(CLI::NonNegativeNumber);
    c->add_option("--bops-unit", f->bopsUnit, "BOPs counted in units of N (exactness vs speed, default 1)")
        ->check(CLI::PositiveNumber);
    f->peak = c->add_option("--peak-activation-budget", f->peakBudget, "Largest peak activation bytes")
                  ->check(CLI::NonNegativeNumber);
    c->add_option("--bits", f->bits, "Weight widths to choose from (default 2,4,8)")
        ->delimiter(',')
        ->check(formats({"1", "2", "4", "8", "16", "32"}));
    c->add_option("--activation-bits", f->activationBits, "Activation widths, widest that fits (default 8)")
        ->delimiter(',')
        ->check(CLI::Range(1, 32));
    c->add_option("--scales", f->scales, "Scale granularity (default per-tensor)")->check(formats({"per-tensor", "per-channel"}));
    c->add_option("--format", f->format, "Report format (default table)")->check(formats({"table", "json"}));
    c->add_option("--write-config", f->writeConfig, "Write the chosen widths as a design config");
    c->callback([f, &io] { runSearch(*f, io); });
}

} // namespace mdse::app
