// Accelerator engine timings (issue #6), as Google Benchmark programs,
// never asserted:
//  - dataflowsResNet18: all four dataflows (WS, OS, RS, NLR) on every
//    conv/dense layer of ResNet-18 (goal < 2 ms on one core; the same work
//    as bench_mapper's FixedResNet18);
//  - systolicWithDepthwise / systolicWithoutDepthwise: the systolic
//    simulator, in process (topology parse included), on MobileNetV2-1.0-224
//    with a 32x32 array (OS, 64 kB SRAMs, CALC: SCALE-Sim's
//    configs/scale.cfg), with the depthwise layers expanded per channel as
//    SCALE-Sim does, and without them; counters: rows, cycles;
//  - optionally SCALE-Sim v2 on the topology without depthwise (it expands a
//    depthwise layer into one layer per channel, thousands for MobileNetV2),
//    wall time of one run each: scaleSimStartup (interpreter and imports),
//    scaleSim (counters: layers, agreeingLayers = layers equal to ours in
//    all 11 figures SCALE-Sim reports), microdseCli (`microdse systolic`
//    on the same files, process start-up included). The speed ratios are
//    (scaleSim - scaleSimStartup) / systolicWithoutDepthwise and
//    scaleSim / microdseCli:
//       MDSE_SCALESIM_DIR=/path/to/scale-sim-v2 MDSE_MICRODSE=/path/to/microdse
//         ./build/tests/bench/bench_accel
//     (needs python3 with numpy and tqdm; MDSE_PYTHON picks the interpreter).
//     Its files go to a fresh directory under the system temporary
//     directory, removed at exit.
//   ./build/tests/bench/bench_accel [--benchmark_repetitions=11]
#include "core/accel/conv_problem.h"
#include "core/accel/dataflow_model.h"
#include "core/accel/systolic_network.h"
#include "core/accel/systolic_simulator.h"
#include "core/io/network_loader.h"
#include "core/io/scalesim_files.h"
#include "hwlib/fpga_catalogue.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace mdse::core;
namespace fs = std::filesystem;

namespace {

void dataflowsResNet18(benchmark::State& state)
{
    const auto problems = convProblems(loadNetwork("zoo:resnet18"));
    const auto accel = mdse::hwlib::builtInAcceleratorTemplate("eyeriss-like");
    const auto costs = mdse::hwlib::builtInEnergyCostTable(mdse::hwlib::kHorowitzEnergyId);
    double energy = 0;
    for (auto _ : state)
        for (Dataflow d : kAllDataflows)
            energy += evaluateDataflow(problems, accel, d, costs).totals.energy.total();
    benchmark::DoNotOptimize(energy);
    state.counters["layers"] = double(problems.size());
    state.counters["dataflows"] = double(std::size(kAllDataflows));
}

// SCALE-Sim topology rows for a network: the input extent the windows read
// (systolicWorkOf), so that SCALE-Sim's output size equals ours; depthwise layers only when asked.
std::string scaleSimTopology(const std::vector<ConvProblem>& problems, bool withDepthwise, int& rows)
{
    std::string csv = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n";
    rows = 0;
    for (const ConvProblem& p : problems) {
        if (p.kind == "depthwise" && !withDepthwise)
            continue;
        const std::string name = p.kind == "depthwise" ? p.name + "_DP" : p.name;
        const std::int64_t filters = p.kind == "depthwise" ? 1 : p.filters * p.groups;
        const SystolicLayer l = systolicWorkOf(p).layer;
        csv += name + ", " + std::to_string(l.ifmapH) + ", " + std::to_string(l.ifmapW) + ", "
            + std::to_string(l.filterH) + ", " + std::to_string(l.filterW) + ", "
            + std::to_string(p.channels * p.groups) + ", " + std::to_string(filters) + ", "
            + std::to_string(l.stride) + ",\n";
        ++rows;
    }
    return csv;
}

const std::vector<ConvProblem>& mobileNetV2()
{
    static const std::vector<ConvProblem> problems = convProblems(loadNetwork("zoo:mobilenetv2-1.0-224"));
    return problems;
}

void systolicMobileNetV2(benchmark::State& state, bool withDepthwise)
{
    int rows = 0;
    const std::string csv = scaleSimTopology(mobileNetV2(), withDepthwise, rows);
    const SystolicConfig config; // SCALE-Sim's configs/scale.cfg: 32x32, 64 kB SRAMs, OS, CALC
    std::int64_t cycles = 0;
    for (auto _ : state) {
        const auto reports = simulateSystolic(parseScaleSimTopology(csv, "mobilenetv2.csv"), config);
        cycles = 0;
        for (const auto& r : reports)
            cycles += r.totalCycles;
    }
    state.counters["rows"] = rows;
    state.counters["cycles"] = double(cycles);
}

void systolicWithDepthwise(benchmark::State& state) { systolicMobileNetV2(state, true); }
void systolicWithoutDepthwise(benchmark::State& state) { systolicMobileNetV2(state, false); }

std::vector<std::vector<std::string>> readCsvRows(const std::string& path)
{
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(path);
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream fieldStream(line);
        std::string field;
        while (std::getline(fieldStream, field, ','))
            fields.push_back(field);
        rows.push_back(fields);
    }
    return rows;
}

struct Agreement {
    std::size_t agreeing = 0;
    std::size_t layers = 0;
};

// Every figure SCALE-Sim reports per layer, ours against its report files:
// total and stall cycles, the three utilization figures, SRAM and DRAM
// reads/writes. Returns how many layers agree on all of them (the others
// are named on stderr); nullopt when the reports have the wrong row count.
std::optional<Agreement> compareWithScaleSim(const std::string& csv, const SystolicConfig& config,
                                             const std::string& runDir)
{
    const auto reports = simulateSystolic(parseScaleSimTopology(csv, "mobilenetv2.csv"), config);
    const auto compute = readCsvRows(runDir + "/COMPUTE_REPORT.csv");
    const auto access = readCsvRows(runDir + "/DETAILED_ACCESS_REPORT.csv");
    if (compute.size() != reports.size() || access.size() != reports.size())
        return std::nullopt;
    std::size_t agreeing = 0;
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const SystolicLayerReport& r = reports[i];
        const auto number = [](const std::string& field) { return std::stod(field); };
        const double ours[] = {double(r.totalCycles), double(r.stallCycles), r.overallUtilizationPercent,
                               r.mappingEfficiencyPercent, r.computeUtilizationPercent, double(r.sramIfmapReads),
                               double(r.sramFilterReads), double(r.sramOfmapWrites), double(r.dramIfmapReads),
                               double(r.dramFilterReads), double(r.dramOfmapWrites)};
        const double theirs[] = {number(compute[i][1]), number(compute[i][2]), number(compute[i][3]),
                                 number(compute[i][4]), number(compute[i][5]), number(access[i][3]),
                                 number(access[i][6]), number(access[i][9]), number(access[i][12]),
                                 number(access[i][15]), number(access[i][18])};
        bool same = true;
        for (std::size_t f = 0; f < std::size(ours); ++f)
            same = same && std::abs(ours[f] - theirs[f]) <= 1e-9 * std::max(1.0, std::abs(theirs[f]));
        if (same)
            ++agreeing;
        else
            std::fprintf(stderr, "differs from SCALE-Sim: %s (DRAM ifmap %g vs %g, filter %g vs %g, ofmap %g vs %g)\n",
                         r.name.c_str(), ours[8], theirs[8], ours[9], theirs[9], ours[10], theirs[10]);
    }
    return Agreement{agreeing, reports.size()};
}

// The SCALE-Sim run's inputs (topology without depthwise, scale.cfg), in
// a fresh temporary directory, written once.
const fs::path& scaleSimDir()
{
    static const fs::path dir = [] {
        const fs::path path = fs::temp_directory_path()
            / ("mdse_bench_accel_" + std::to_string(std::random_device{}()) + "_" + std::to_string(::getpid()));
        fs::create_directories(path);
        int rows = 0;
        std::ofstream(path / "mobilenetv2.csv") << scaleSimTopology(mobileNetV2(), false, rows);
        std::ofstream(path / "scale.cfg") << "[general]\nrun_name = bench\n[architecture_presets]\nArrayHeight: 32\n"
            "ArrayWidth: 32\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\nIfmapOffset: 0\n"
            "FilterOffset: 10000000\nOfmapOffset: 20000000\nBandwidth : 10\nDataflow : os\nMemoryBanks: 1\n"
            "[run_presets]\nInterfaceBandwidth: CALC\n";
        return path;
    }();
    return dir;
}

std::string pythonIn(const std::string& scaleSim)
{
    const char* python = std::getenv("MDSE_PYTHON"); // default: python3 on PATH
    return "cd " + scaleSim + " && PYTHONPATH=. " + (python ? python : "python3") + " ";
}

// Runs `command` once per iteration; the benchmark is skipped if it fails.
void runCommand(benchmark::State& state, const std::string& command)
{
    for (auto _ : state)
        if (std::system(command.c_str()) != 0) {
            state.SkipWithError(("failed: " + command).c_str());
            break;
        }
}

void scaleSimStartup(benchmark::State& state, const std::string& scaleSim)
{
    runCommand(state, pythonIn(scaleSim) + "-c 'import numpy, tqdm, scalesim.scale_sim' > /dev/null 2>&1");
}

void scaleSim(benchmark::State& state, const std::string& scaleSim)
{
    const std::string dir = scaleSimDir().string();
    runCommand(state, pythonIn(scaleSim) + "scalesim/scale.py -c " + dir + "/scale.cfg -t " + dir
                   + "/mobilenetv2.csv -p " + dir + "/runs > /dev/null 2>&1");
    if (state.error_occurred())
        return;
    int rows = 0;
    const std::string csv = scaleSimTopology(mobileNetV2(), false, rows);
    const std::optional<Agreement> agreement = compareWithScaleSim(csv, SystolicConfig{}, dir + "/runs/bench");
    if (!agreement) {
        state.SkipWithError("SCALE-Sim's reports do not have one row per layer");
        return;
    }
    state.counters["layers"] = double(agreement->layers);
    state.counters["agreeingLayers"] = double(agreement->agreeing);
}

void microdseCli(benchmark::State& state, const std::string& microdse)
{
    const std::string dir = scaleSimDir().string();
    runCommand(state, microdse + " systolic --config " + dir + "/scale.cfg --topology " + dir
                   + "/mobilenetv2.csv --format json > /dev/null");
}

} // namespace

BENCHMARK(dataflowsResNet18)->Unit(benchmark::kMillisecond);
BENCHMARK(systolicWithDepthwise)->Unit(benchmark::kMillisecond);
BENCHMARK(systolicWithoutDepthwise)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    if (const char* dir = std::getenv("MDSE_SCALESIM_DIR")) {
        // External processes: wall time, one run (SCALE-Sim takes minutes).
        benchmark::RegisterBenchmark("scaleSimStartup", scaleSimStartup, std::string(dir))
            ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
        benchmark::RegisterBenchmark("scaleSim", scaleSim, std::string(dir))
            ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
        if (const char* cli = std::getenv("MDSE_MICRODSE"))
            benchmark::RegisterBenchmark("microdseCli", microdseCli, std::string(cli))
                ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (std::getenv("MDSE_SCALESIM_DIR")) {
        std::error_code ignored;
        fs::remove_all(scaleSimDir(), ignored);
    }
    return 0;
}
