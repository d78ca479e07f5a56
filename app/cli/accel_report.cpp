#include "app/cli/accel_commands.h"
#include "app/cli/cli_args.h"
#include "app/cli/experiment_save.h"

#include "core/accel/dataflow_model.h"
#include "core/accel/fast_convolution.h"
#include "core/accel/zero_skipping.h"
#include "core/accel/fpga_resources.h"
#include "core/io/json_writer.h"
#include "core/io/network_loader.h"
#include "core/io/roofline_json.h"
#include "core/perf/roofline.h"
#include "core/util/error.h"
#include "hwlib/fpga_catalogue.h"

#include <cstdio>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace mdse::app {
namespace {

struct AccelSetup {
    hwlib::FpgaDevice device;
    hwlib::AcceleratorTemplate accel;
    core::Dataflow dataflow = core::Dataflow::RowStationary;
    std::string fastConv;            // "", "winograd" (F(2x2,3x3)) or "fft"
    core::SparsityOptions sparsity;  // --weight-density / --activation-density
    bool sparsityGiven = false;
};

// --measured dsp=180,bram18=200,lut=30000,ff=40000: a measured build of
// this template; the estimate is scaled by measured / raw per resource.
core::MeasuredResources measuredFlag(const std::string& text)
{
    core::MeasuredResources m;
    std::stringstream list(text);
    for (std::string item; std::getline(list, item, ',');) {
        const std::size_t eq = item.find('=');
        const std::string key = item.substr(0, eq);
        std::int64_t value = -1;
        try {
            value = eq == std::string::npos ? -1 : std::stoll(item.substr(eq + 1));
        } catch (const std::exception&) {
        }
        std::optional<std::int64_t>* slot = key == "dsp" ? &m.dsps : key == "bram18" ? &m.bram18
            : key == "lut" ? &m.luts : key == "ff" ? &m.flipFlops : nullptr;
        if (!slot || value < 0)
            throw std::invalid_argument("--measured expects dsp=N,bram18=N,lut=N,ff=N, got '" + item + "'");
        *slot = value;
    }
    return m;
}

double densityFlag(const CliArgs& args, const char* name)
{
    const auto text = args.flag(name);
    if (!text)
        return 1.0;
    try {
        std::size_t used = 0;
        const double value = std::stod(*text, &used);
        if (used == text->size() && value > 0 && value <= 1)
            return value;
    } catch (const std::exception&) {
    }
    throw std::invalid_argument(std::string("--") + name + " must be a number in (0, 1], got '" + *text + "'");
}

// Per layer, when asked: the fast-convolution cost of the layer (Winograd
// F(2x2,3x3) only for stride-1 3x3 kernels) and the zero-skipping effect.
void writeOptionalLayerParts(core::JsonWriter& json, const AccelSetup& s, const core::ConvProblem& p,
                             const core::DataflowLayerResult& r)
{
    if (!s.fastConv.empty()) {
        json.key("fastConvolution").beginObject().key("method").value(s.fastConv);
        const bool winogradOk = p.strideH == 1 && p.strideW == 1 && p.kernelH == 3 && p.kernelW == 3;
        if (s.fastConv == "fft" || winogradOk) {
            const core::FastConvCost c = s.fastConv == "fft" ? core::fftLayerCost(p) : core::winogradLayerCost(p, 2);
            json.key("applicable").value(true).key("directMultiplications").value(c.directMultiplications);
            json.key("elementwiseMultiplications").value(c.elementwiseMultiplications);
            json.key("inputTransformOps").value(c.inputTransformOps).key("outputTransformOps").value(c.outputTransformOps);
            json.key("filterTransformOpsOffline").value(c.filterTransformOps);
        } else {
            json.key("applicable").value(false);
        }
        json.endObject();
    }
    if (s.sparsityGiven) {
        const core::SparsityEffect e = core::sparsityEffect(p.macs(), p.weightWordsPerGroup() * p.groups, s.sparsity);
        json.key("sparsity").beginObject().key("cycleFactor").value(e.cycleFactor);
        json.key("cycles").value(static_cast<std::int64_t>(double(r.cycles) * e.cycleFactor));
        json.key("macEnergyFactor").value(e.macEnergyFactor);
        json.key("macEnergyPicojoules").value(r.energy.mac * e.macEnergyFactor);
        json.key("weightStorageBits").value(e.weightStorageBits).key("indexOverheadBits").value(e.indexOverheadBits);
        json.endObject();
    }
}

hwlib::AcceleratorTemplate loadTemplate(const std::string& spec)
{
    if (spec.size() < 5 || spec.substr(spec.size() - 5) != ".yaml")
        return hwlib::builtInAcceleratorTemplate(spec);
    std::ifstream in(spec, std::ios::binary);
    if (!in)
        throw core::Error("cannot open file", {spec, 0, 0});
    std::ostringstream text;
    text << in.rdbuf();
    return hwlib::parseAcceleratorTemplate(text.str(), "user", spec);
}

void writeLevels(core::JsonWriter& json, const core::LevelAccesses& a)
{
    json.beginObject();
    json.key("dram").value(a.dram);
    json.key("globalBuffer").value(a.globalBuffer);
    json.key("array").value(a.array);
    json.key("registerFile").value(a.registerFile);
    json.endObject();
}

void writeEnergy(core::JsonWriter& json, const core::LevelEnergy& e)
{
    json.beginObject();
    json.key("mac").value(e.mac);
    json.key("registerFile").value(e.registerFile);
    json.key("array").value(e.array);
    json.key("globalBuffer").value(e.globalBuffer);
    json.key("dram").value(e.dram);
    json.key("total").value(e.total());
    json.endObject();
}

void writeLayer(core::JsonWriter& json, const AccelSetup& s, const core::ConvProblem& problem,
                const core::DataflowLayerResult& pj, const core::DataflowLayerResult& norm)
{
    json.beginObject();
    json.key("name").value(pj.name);
    json.key("kind").value(pj.kind);
    json.key("macs").value(pj.macs);
    json.key("dataflow").beginObject();
    json.key("id").value(std::string(core::dataflowId(pj.dataflow)));
    json.key("spatial").value(pj.mapping.spatial);
    json.key("temporal").value(pj.mapping.temporal);
    json.key("inputs");
    writeLevels(json, pj.accesses.inputs);
    json.key("weights");
    writeLevels(json, pj.accesses.weights);
    json.key("psums");
    writeLevels(json, pj.accesses.psums);
    json.endObject();
    json.key("energyPicojoules");
    writeEnergy(json, pj.energy);
    json.key("energyNormalizedMacUnits");
    writeEnergy(json, norm.energy);
    json.key("cycles").value(pj.cycles);
    json.key("computeCycles").value(pj.computeCycles);
    json.key("memoryCycles").value(pj.memoryCycles);
    json.key("utilization").value(pj.mapping.utilization);
    json.key("dramBytes").value(pj.dramBytes);
    writeOptionalLayerParts(json, s, problem, pj);
    json.endObject();
}

void writeResources(core::JsonWriter& json, const core::FpgaResourceEstimate& r)
{
    json.beginObject();
    json.key("macMapping").value(r.mapping.rule);
    json.key("dsp").value(r.dsps);
    json.key("bram18").value(r.bram18);
    json.key("lut").value(r.luts);
    json.key("ff").value(r.flipFlops);
    json.key("dspPercent").value(r.dspPercent);
    json.key("bram18Percent").value(r.bramPercent);
    json.key("lutPercent").value(r.lutPercent);
    json.key("ffPercent").value(r.ffPercent);
    json.key("fits").value(r.fits);
    json.key("verdict").value(r.verdict);
    json.endObject();
}

std::string table(const AccelSetup& s, const core::DataflowReport& pj, const core::FpgaResourceEstimate& res)
{
    std::string text = "accelerator " + s.accel.name + " on " + s.device.name + " (" + s.device.board
        + "), dataflow " + std::string(core::dataflowName(s.dataflow)) + "\n";
    text += "layer                    kind            MACs   util     cycles   energy uJ   DRAM kB\n";
    char line[256];
    for (const auto& l : pj.layers) {
        std::snprintf(line, sizeof line, "%-24.24s %-9s %12lld %6.3f %10lld %11.3f %9.1f\n", l.name.c_str(),
                      l.kind.c_str(), (long long)l.macs, l.mapping.utilization, (long long)l.cycles,
                      l.energy.total() / 1e6, l.dramBytes / 1024.0);
        text += line;
    }
    std::snprintf(line, sizeof line, "total: %lld MACs, %lld cycles (%.3f ms), %.3f uJ; resources: %lld DSP, %lld BRAM18, "
                  "%lld LUT, %lld FF: %s\n", (long long)pj.totals.macs, (long long)pj.totals.cycles,
                  pj.totals.seconds * 1e3, pj.totals.energy.total() / 1e6, (long long)res.dsps,
                  (long long)res.bram18, (long long)res.luts, (long long)res.flipFlops, res.verdict.c_str());
    return text + line;
}

} // namespace

int runAcceleratorAnalyze(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    std::optional<std::string> target;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--target" && i + 1 < arguments.size())
            target = arguments[i + 1];
        else if (arguments[i].rfind("--target=", 0) == 0)
            target = arguments[i].substr(9);
    }
    if (!target || !hwlib::isFpgaDeviceId(*target))
        return -1;
    const CliArgs args(arguments, {"format", "target", "dataflow", "accelerator", "fast-conv", "weight-density",
                                   "activation-density", "structured", "skip-zeros", "measured", "save", "db"});
    const std::string format = args.flagOr("format", "table");
    const auto dataflow = core::parseDataflow(args.flagOr("dataflow", "rs"));
    const std::string fastConv = args.flagOr("fast-conv", "");
    const std::string skip = args.flagOr("skip-zeros", "none");
    if (args.positional().size() != 1 || !dataflow || (format != "json" && format != "table")
        || (fastConv != "" && fastConv != "winograd" && fastConv != "fft")
        || (skip != "none" && skip != "weights" && skip != "activations" && skip != "both")) {
        err << "usage: microdse analyze <network> --target <fpga-id> [--dataflow ws|os|rs|nlr]"
               " [--accelerator template.yaml|<id>] [--format json|table] [--fast-conv winograd|fft]"
               " [--weight-density x] [--activation-density x] [--structured yes] [--skip-zeros none|weights|activations|both]"
               " [--measured dsp=N,bram18=N,lut=N,ff=N] [--save NAME [--db FILE]]\n";
        return 2;
    }
    AccelSetup s{hwlib::builtInFpgaDevice(*target),
                 loadTemplate(args.flagOr("accelerator", std::string(hwlib::kDefaultAcceleratorId))), *dataflow,
                 fastConv, {}, false};
    s.sparsity.weightDensity = densityFlag(args, "weight-density");
    s.sparsity.activationDensity = densityFlag(args, "activation-density");
    s.sparsity.structuredWeights = args.flagOr("structured", "no") == "yes";
    s.sparsity.skipZeroWeights = skip == "weights" || skip == "both";
    s.sparsity.skipZeroActivations = skip == "activations" || skip == "both";
    s.sparsity.weightBits = s.accel.weightBits;
    s.sparsityGiven = args.flag("weight-density") || args.flag("activation-density") || args.flag("skip-zeros");
    const core::Network network = core::loadNetwork(args.positional().front());
    const auto problems = core::convProblems(network);
    const auto pj = core::evaluateDataflow(problems, s.accel, s.dataflow,
                                           hwlib::builtInEnergyCostTable(hwlib::kHorowitzEnergyId));
    const auto norm = core::evaluateDataflow(problems, s.accel, s.dataflow,
                                             hwlib::builtInEnergyCostTable(hwlib::kEyerissEnergyId));
    auto resources = core::estimateFpgaResources(s.accel, s.device);
    if (const auto measured = args.flag("measured"))
        resources = core::estimateFpgaResources(s.accel, s.device,
                                                core::calibrateResources(resources, measuredFlag(*measured)));
    saveAcceleratorAnalysisIfAsked(args, network, s.device, s.accel, core::dataflowId(s.dataflow), pj, err);
    if (format == "table") {
        out << table(s, pj, resources);
        return 0;
    }
    core::JsonWriter json;
    json.beginObject();
    json.key("network").value(network.name());
    json.key("target").value(s.device.id);
    json.key("accelerator").value(s.accel.id.empty() ? s.accel.name : s.accel.id);
    json.key("dataflow").value(std::string(core::dataflowId(s.dataflow)));
    json.key("energyTables").beginObject().key("picojoules").value(pj.energyTableId);
    json.key("normalized").value(norm.energyTableId).endObject();
    json.key("layers").beginArray();
    for (std::size_t i = 0; i < pj.layers.size(); ++i)
        writeLayer(json, s, problems[i], pj.layers[i], norm.layers[i]);
    json.endArray();
    json.key("totals").beginObject().key("macs").value(pj.totals.macs).key("cycles").value(pj.totals.cycles);
    json.key("seconds").value(pj.totals.seconds).key("utilization").value(pj.totals.utilization);
    json.key("dramBytes").value(pj.totals.dramBytes).key("energyPicojoules");
    writeEnergy(json, pj.totals.energy);
    json.key("energyNormalizedMacUnits");
    writeEnergy(json, norm.totals.energy);
    json.endObject();
    json.key("resources");
    writeResources(json, resources);
    json.key("roofline");
    core::writeRoofline(json, core::dataflowRoofline(s.accel, pj));
    json.endObject();
    out << json.str();
    return 0;
}

} // namespace mdse::app
