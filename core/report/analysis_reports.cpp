#include "core/report/analysis_reports.h"

#include "core/report/evaluation_sections.h"
#include "core/report/json.h"
#include "core/report/report_schema.h"

#include <fmt/format.h>

#include <cmath>

namespace mdse::core {
namespace {

using report::Json;

constexpr std::size_t kFrontierPoints = 256;

Json header() { return {{"schemaVersion", kReportSchemaVersion}}; }

Json solutionJson(const PrecisionSearchReport& report, const KnapsackSolution& solution)
{
    Json j = {{"flashBytes", solution.flashBytes}, {"bops", solution.bops}, {"noise", solution.noise}};
    if (!solution.choice.empty()) {
        j["bits"] = Json::array();
        for (std::size_t i = 0; i < solution.choice.size(); ++i)
            j["bits"].push_back(report.problem[i].choices[static_cast<std::size_t>(solution.choice[i])].bits);
    }
    return j;
}

Json decibels(double db) { return std::isfinite(db) ? Json(db) : Json("inf"); }

} // namespace

std::string precisionSearchJson(const PrecisionSearchReport& report, int activationBits, std::int64_t peak)
{
    Json d = header();
    d["feasible"] = report.result.feasible;
    d["noiseModel"] = report.proxyNoise ? "proxy: unit-variance Gaussian weights, MSE-optimal clip" : "measured weights";
    d["activationBits"] = activationBits;
    d["peakActivationBytes"] = peak;
    d["layers"] = Json::array();
    for (std::size_t i = 0; report.result.feasible && i < report.problem.size(); ++i) {
        const auto& choice = report.problem[i].choices[static_cast<std::size_t>(report.result.best.choice[i])];
        d["layers"].push_back({{"name", report.problem[i].name},
                               {"weightBits", choice.bits},
                               {"flashBytes", choice.flashBytes},
                               {"bops", choice.bops},
                               {"noise", choice.noise}});
    }
    d["totals"] = report.result.feasible ? solutionJson(report, report.result.best) : Json::object();
    // The frontier can hold 10^5 points: at most kFrontierPoints, evenly
    // spaced by rank, always ending with the least-noise point.
    const auto& frontier = report.result.frontier;
    d["frontierSize"] = frontier.size();
    d["frontier"] = Json::array();
    const std::size_t step = frontier.size() > kFrontierPoints ? frontier.size() / kFrontierPoints : 1;
    for (std::size_t i = 0; i < frontier.size(); i += step) {
        const std::size_t index = i + step >= frontier.size() ? frontier.size() - 1 : i;
        d["frontier"].push_back(solutionJson(report, frontier[index]));
        if (index == frontier.size() - 1)
            break;
    }
    return report::dump(d);
}

std::string precisionSearchTable(const PrecisionSearchReport& report, int activationBits, std::int64_t peak)
{
    std::string out = std::string("noise model: ")
        + (report.proxyNoise ? "PROXY (unit-variance Gaussian weights, MSE-optimal clip; no real weights)"
                             : "measured weights")
        + fmt::format("\nactivations: int{}, peak {} bytes\n", activationBits, peak);
    if (!report.result.feasible)
        return out + "no bit-width assignment fits the budgets\n";
    out += fmt::format("{:<28} {:>5} {:>12} {:>18} {:>14}\n", "layer", "wbits", "flashBytes", "BOPs", "noise");
    for (std::size_t i = 0; i < report.problem.size(); ++i) {
        const auto& c = report.problem[i].choices[static_cast<std::size_t>(report.result.best.choice[i])];
        out += fmt::format("{:<28} {:>5} {:>12} {:>18} {:>14.6g}\n", report.problem[i].name, c.bits, c.flashBytes, c.bops,
                           c.noise);
    }
    const auto& best = report.result.best;
    out += fmt::format("total: {} flash bytes, {} BOPs, noise {:g}\n", best.flashBytes, best.bops, best.noise);
    const std::size_t count = report.result.frontier.size();
    out += fmt::format("frontier (flash bytes -> least noise), {} points:\n", count);
    const std::size_t step = count > 20 ? count / 20 : 1;
    for (std::size_t i = 0; i < count; i += step)
        out += fmt::format("  {:>14} {:>14.6g}\n", report.result.frontier[i].flashBytes, report.result.frontier[i].noise);
    return out;
}

std::string sensitivityJson(const std::vector<LayerSensitivity>& layers)
{
    Json d = header();
    d["layers"] = Json::array();
    for (const LayerSensitivity& layer : layers) {
        const TensorSensitivity& s = layer.sensitivity;
        Json widths = Json::array(), thresholds = Json::array();
        for (const BitWidthError& b : s.bitWidths)
            widths.push_back({{"bits", b.bits},
                              {"maxAbsClip", b.maxAbsClip},
                              {"maxAbsSqnrDb", decibels(b.maxAbsSqnrDb)},
                              {"mseClip", b.mseClip},
                              {"mseClipSqnrDb", decibels(b.mseClipSqnrDb)}});
        for (const SparsityThreshold& t : s.thresholds)
            thresholds.push_back({{"sparsity", t.sparsity}, {"threshold", t.threshold}, {"sqnrDb", decibels(t.sqnrDb)}});
        d["layers"].push_back({{"name", layer.name},
                               {"weights", s.elements},
                               {"bitWidths", widths},
                               {"sparsityThresholds", thresholds},
                               {"ternarySqnrDb", decibels(s.ternarySqnrDb)},
                               {"binarySqnrDb", decibels(s.binarySqnrDb)}});
    }
    return report::dump(d);
}

std::string sensitivityTable(const std::vector<LayerSensitivity>& layers)
{
    std::string out = "SQNR in dB (max-abs clip / MSE-optimal clip); ternary, binary\n";
    for (const LayerSensitivity& layer : layers) {
        out += fmt::format("{:<28} {:>10}", layer.name, layer.sensitivity.elements);
        for (const BitWidthError& b : layer.sensitivity.bitWidths)
            out += fmt::format("  {:>2} b: {:>6.2f}/{:>6.2f}", b.bits, b.maxAbsSqnrDb, b.mseClipSqnrDb);
        out += fmt::format("  tern {:>6.2f}  bin {:>6.2f}\n", layer.sensitivity.ternarySqnrDb,
                           layer.sensitivity.binarySqnrDb);
    }
    return out;
}

std::string systolicJson(const SystolicConfig& c, const std::vector<SystolicLayerReport>& reports)
{
    Json d = header();
    d["runName"] = c.runName;
    d["arrayRows"] = c.rows;
    d["arrayCols"] = c.cols;
    d["dataflow"] = report::systolicDataflowId(c.dataflow);
    d["layers"] = Json::array();
    std::int64_t cycles = 0;
    for (const SystolicLayerReport& r : reports) {
        d["layers"].push_back(report::systolicLayerJson(r));
        cycles += r.totalCycles;
    }
    d["totals"] = {{"totalCycles", cycles}};
    return report::dump(d);
}

std::string systolicTable(const std::vector<SystolicLayerReport>& reports)
{
    std::string text = "layer                      cycles   stalls  util%  map%  comp%   sramIfmap  sramFilter   "
                       "sramOfmap  dramIfmap dramFilter  dramOfmap\n";
    for (const SystolicLayerReport& r : reports)
        text += fmt::format("{:<22.22} {:>10} {:>8} {:>6.2f} {:>5.1f} {:>6.2f} {:>11} {:>11} {:>11} {:>10} {:>10} {:>10}\n",
                            r.name, r.totalCycles, r.stallCycles, r.overallUtilizationPercent, r.mappingEfficiencyPercent,
                            r.computeUtilizationPercent, r.sramIfmapReads, r.sramFilterReads, r.sramOfmapWrites,
                            r.dramIfmapReads, r.dramFilterReads, r.dramOfmapWrites);
    return text;
}

std::string zooTable(const std::vector<ZooListing>& networks)
{
    std::string out;
    for (const ZooListing& n : networks)
        out += n.id + "\t" + n.name + "\t" + n.source + "\n";
    return out;
}

std::string zooJson(const std::vector<ZooListing>& networks)
{
    Json d = header();
    d["networks"] = Json::array();
    for (const ZooListing& n : networks)
        d["networks"].push_back({{"id", n.id}, {"name", n.name}, {"source", n.source}});
    return report::dump(d);
}

// SRAM is the arena limit (largest arena-capable region); both KiB and kB
// appear in datasheets, so the table prints exact bytes.
std::string targetsTable(const std::vector<hwlib::McuTarget>& targets)
{
    std::string out;
    for (const hwlib::McuTarget& t : targets)
        out += fmt::format("{:<11} {:<38} {:<18} {:>4} MHz  arena SRAM {:>8} B  flash {:>8} B  NPU {:<14} {}\n", t.id,
                           t.name, t.core, t.clockHz / 1000000, t.sramBytes, t.flashBytes, t.npu ? t.npu->name : "-",
                           t.activePowerWatts.estimated ? "power estimated" : "power datasheet");
    return out;
}

std::string targetsJson(const std::vector<hwlib::McuTarget>& targets)
{
    Json d = header();
    d["targets"] = Json::array();
    for (const hwlib::McuTarget& t : targets)
        d["targets"].push_back({{"id", t.id},
                                {"name", t.name},
                                {"core", t.core},
                                {"clockHz", t.clockHz},
                                {"arenaSramBytes", t.sramBytes},
                                {"flashBytes", t.flashBytes},
                                {"npu", t.npu ? t.npu->name : std::string()},
                                {"powerEstimated", t.activePowerWatts.estimated}});
    return report::dump(d);
}

namespace {

Json sourcedJson(const hwlib::SourcedValue& v)
{
    return {{"value", v.value}, {"estimated", v.estimated}, {"source", v.source}};
}

} // namespace

std::string enginesTable(const std::vector<hwlib::InferenceEngine>& engines)
{
    std::string out = fmt::format("{:<16} {:<32} {:<14} {:>8} {:>8} {:>6}  {}\n", "id", "name", "kind",
                                  "cyc/inf", "cyc/lyr", "speed", "first source");
    for (const hwlib::InferenceEngine& e : engines)
        out += fmt::format("{:<16} {:<32} {:<14} {:>8} {:>8} {:>6}  {}\n", e.id, e.name, e.kind,
                           e.perInferenceOverheadCycles.value, e.perLayerOverheadCycles.value,
                           e.speedVsPartRates.value, e.sources.empty() ? "-" : e.sources.front());
    return out + "cyc/inf, cyc/lyr: overhead cycles per inference and per layer; speed: x the part's rates "
                 "(uncalibrated default); --format json for every source\n";
}

std::string enginesJson(const std::vector<hwlib::InferenceEngine>& engines)
{
    Json d = header();
    d["engines"] = Json::array();
    for (const hwlib::InferenceEngine& e : engines) {
        Json row = {{"id", e.id},
                    {"name", e.name},
                    {"family", e.family},
                    {"vendor", e.vendor},
                    {"version", e.version},
                    {"kind", e.kind},
                    {"kernels", e.kernels},
                    {"cores", e.cores},
                    {"perInferenceOverheadCycles", sourcedJson(e.perInferenceOverheadCycles)},
                    {"perLayerOverheadCycles", sourcedJson(e.perLayerOverheadCycles)},
                    {"speedVsPartRates", sourcedJson(e.speedVsPartRates)},
                    {"flashOverheadBytes", e.flashOverheadBytes ? sourcedJson(*e.flashOverheadBytes) : Json()},
                    {"sramOverheadBytes", e.sramOverheadBytes ? sourcedJson(*e.sramOverheadBytes) : Json()},
                    {"sources", e.sources}};
        d["engines"].push_back(std::move(row));
    }
    return report::dump(d);
}

} // namespace mdse::core
