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
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

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
    std::printf("ratio in-process (SCALE-Sim minus start-up / ours in process): %.0fx\n", (total - startup) / ours);
    if (const char* cli = std::getenv("MDSE_MICRODSE")) {
        const double ourCli = timeCommand(std::string(cli) + " systolic --config " + dir + "/scale.cfg --topology "
                                          + dir + "/mobilenetv2.csv --format json > /dev/null");
        std::printf("ratio with process start-up (SCALE-Sim CLI / microdse systolic CLI, %.1f ms): %.0fx\n", ourCli,
                    total / ourCli);
    }
    return 0;
}
