// Accelerator engine timings (issue #6), printed, never asserted:
//  1. all four dataflows (WS, OS, RS, NLR) on every conv/dense layer of
//     ResNet-18 (goal < 2 ms on one core);
//  2. the systolic simulator on MobileNetV2-1.0-224 with a 32x32 array
//     (OS), in process;
//  3. optionally SCALE-Sim v2 on the same topology for the speed ratio:
//       MDSE_SCALESIM_DIR=/path/to/scale-sim-v2 MDSE_MICRODSE=/path/to/microdse
//         ./build/tests/bench/bench_accel
//     (needs python3 with numpy and tqdm; MDSE_PYTHON picks the interpreter). SCALE-Sim runs the non-depthwise
//     layers only (it expands a depthwise layer into one layer per channel,
//     thousands for MobileNetV2); ours runs the same file.
#include "core/accel/conv_problem.h"
#include "core/accel/dataflow_model.h"
#include "core/accel/systolic_network.h"
#include "core/accel/systolic_simulator.h"
#include "core/io/network_loader.h"
#include "core/io/scalesim_files.h"
#include "hwlib/fpga_catalogue.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace mdse::core;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void benchDataflows()
{
    const auto problems = convProblems(loadNetwork("zoo:resnet18"));
    const auto accel = mdse::hwlib::builtInAcceleratorTemplate("eyeriss-like");
    const auto costs = mdse::hwlib::builtInEnergyCostTable(mdse::hwlib::kHorowitzEnergyId);
    double best = 1e9, energy = 0;
    for (int repeat = 0; repeat < 20; ++repeat) {
        const auto start = Clock::now();
        for (Dataflow d : kAllDataflows)
            energy += evaluateDataflow(problems, accel, d, costs).totals.energy.total();
        best = std::min(best, msSince(start));
    }
    std::printf("dataflows: 4 dataflows x %zu ResNet-18 layers: %.3f ms (best of 20; checksum %.3g)\n",
                problems.size(), best, energy);
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

double timeInProcess(const std::string& csv, const SystolicConfig& config, std::int64_t& cycles)
{
    double best = 1e9;
    for (int repeat = 0; repeat < 5; ++repeat) {
        const auto start = Clock::now();
        const auto reports = simulateSystolic(parseScaleSimTopology(csv, "mobilenetv2.csv"), config);
        best = std::min(best, msSince(start));
        cycles = 0;
        for (const auto& r : reports)
            cycles += r.totalCycles;
    }
    return best;
}

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

// Every figure SCALE-Sim reports per layer, ours against its report files:
// total and stall cycles, the three utilization figures, SRAM and DRAM
// reads/writes. Prints how many layers agree on all of them.
void compareWithScaleSim(const std::string& csv, const SystolicConfig& config, const std::string& runDir)
{
    const auto reports = simulateSystolic(parseScaleSimTopology(csv, "mobilenetv2.csv"), config);
    const auto compute = readCsvRows(runDir + "/COMPUTE_REPORT.csv");
    const auto access = readCsvRows(runDir + "/DETAILED_ACCESS_REPORT.csv");
    if (compute.size() != reports.size() || access.size() != reports.size()) {
        std::printf("SCALE-Sim reports have %zu/%zu rows, expected %zu\n", compute.size(), access.size(),
                    reports.size());
        return;
    }
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
            std::printf("  differs: %s (DRAM ifmap %g vs %g, filter %g vs %g, ofmap %g vs %g)\n", r.name.c_str(),
                        ours[8], theirs[8], ours[9], theirs[9], ours[10], theirs[10]);
    }
    std::printf("SCALE-Sim agreement: %zu of %zu layers equal in all 11 reported figures\n", agreeing,
                reports.size());
}

double timeCommand(const std::string& command)
{
    const auto start = Clock::now();
    const int rc = std::system(command.c_str());
    const double ms = msSince(start);
    return rc == 0 ? ms : -1;
}

} // namespace

int main()
{
    benchDataflows();
    const auto problems = convProblems(loadNetwork("zoo:mobilenetv2-1.0-224"));
    SystolicConfig config; // SCALE-Sim's configs/scale.cfg: 32x32, 64 kB SRAMs, OS, CALC
    int rows = 0;
    std::int64_t cycles = 0;
    const double all = timeInProcess(scaleSimTopology(problems, true, rows), config, cycles);
    std::printf("systolic: MobileNetV2 with depthwise expanded per channel (%d rows), 32x32 OS: %.3f ms, %lld cycles\n",
                rows, all, (long long)cycles);
    const std::string csv = scaleSimTopology(problems, false, rows);
    const double ours = timeInProcess(csv, config, cycles);
    std::printf("systolic: MobileNetV2 without depthwise (%d layers), 32x32 OS: %.3f ms, %lld cycles\n", rows, ours,
                (long long)cycles);
    const char* scaleSim = std::getenv("MDSE_SCALESIM_DIR");
    if (!scaleSim) {
        std::printf("SCALE-Sim comparison skipped (set MDSE_SCALESIM_DIR to a scale-sim-v2 checkout)\n");
        return 0;
    }
    const std::string dir = "/tmp/mdse_bench_accel";
    std::system(("mkdir -p " + dir).c_str());
    std::ofstream(dir + "/mobilenetv2.csv") << csv;
    std::ofstream(dir + "/scale.cfg") << "[general]\nrun_name = bench\n[architecture_presets]\nArrayHeight: 32\n"
        "ArrayWidth: 32\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\nIfmapOffset: 0\n"
        "FilterOffset: 10000000\nOfmapOffset: 20000000\nBandwidth : 10\nDataflow : os\nMemoryBanks: 1\n"
        "[run_presets]\nInterfaceBandwidth: CALC\n";
    const char* python = std::getenv("MDSE_PYTHON"); // default: python3 on PATH
    const std::string py = "cd " + std::string(scaleSim) + " && PYTHONPATH=. " + (python ? python : "python3") + " ";
    const double startup = timeCommand(py + "-c 'import numpy, tqdm, scalesim.scale_sim' > /dev/null 2>&1");
    const double total = timeCommand(py + "scalesim/scale.py -c " + dir + "/scale.cfg -t " + dir
                                     + "/mobilenetv2.csv -p " + dir + "/runs > /dev/null 2>&1");
    if (startup < 0 || total < 0) {
        std::printf("SCALE-Sim failed to run from %s\n", scaleSim);
        return 0;
    }
    std::printf("SCALE-Sim: %.0f ms total, %.0f ms of it interpreter + import start-up\n", total, startup);
    compareWithScaleSim(csv, config, dir + "/runs/bench");
    std::printf("ratio in-process (SCALE-Sim minus start-up / ours in process): %.0fx\n", (total - startup) / ours);
    if (const char* cli = std::getenv("MDSE_MICRODSE")) {
        const double ourCli = timeCommand(std::string(cli) + " systolic --config " + dir + "/scale.cfg --topology "
                                          + dir + "/mobilenetv2.csv --format json > /dev/null");
        std::printf("ratio with process start-up (SCALE-Sim CLI / microdse systolic CLI, %.1f ms): %.0fx\n", ourCli,
                    total / ourCli);
    }
    return 0;
}
