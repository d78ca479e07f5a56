// The full MCU analysis of MobileNetV2 1.0/224 (zoo:mobilenetv2-1.0-224,
// batchnorms folded as a deployment converter does) on the STM32F746:
// closed form, live-set timeline, in-place, both arena planners, reordering
// heuristic, the patch curve over every split point and n = 1..8, flash,
// latency. Prints the figures and the time per analysis (goal: < 5 ms).
//   ./build/tests/bench/bench_mcu [network] [target]
#include "core/graph/batchnorm_folding.h"
#include "core/io/mcu_report.h"
#include "core/io/network_loader.h"
#include "core/perf/mcu_evaluation.h"
#include "hwlib/catalogue.h"

#include <chrono>
#include <cstdio>
#include <string>

using namespace mdse;

namespace {

template <typename F>
double millisecondsPerRun(F&& run, int repetitions)
{
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < repetitions; ++i)
        run();
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    return elapsed.count() / repetitions;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string networkId = argc > 1 ? argv[1] : "zoo:mobilenetv2-1.0-224";
    const std::string targetId = argc > 2 ? argv[2] : "stm32f746";
    const core::Network network(core::foldBatchNorms(core::loadNetwork(networkId)));
    const hwlib::McuTarget target = hwlib::resolveMcuTarget(targetId);
    const core::PrecisionView int8;
    core::McuMemoryOptions options;
    core::McuEvaluation evaluation;
    const double total = millisecondsPerRun([&] { evaluation = core::evaluateMcu(network, int8, target, options); }, 5);
    std::printf("%s on %s: %zu layers, %zu patch-curve points\n", network.name().c_str(), target.id.c_str(),
                network.layers().size(), evaluation.memory.patch.curve.size());
    std::printf("%s", core::mcuReportToText(network, evaluation).c_str());
    const core::PatchPlanner planner(network, int8, options.patch);
    std::printf("\ntimes (ms per run, one core):\n");
    std::printf("  full evaluateMcu         %8.3f\n", total);
    std::printf("  live-set timeline        %8.3f\n", millisecondsPerRun([&] {
        core::liveSetTimeline(network, int8, {core::KernelPath::CmsisNnDsp, false}); }, 20));
    std::printf("  reordering heuristic     %8.3f\n", millisecondsPerRun([&] {
        core::optimizeExecutionOrder(network, int8, core::KernelPath::CmsisNnDsp); }, 5));
    std::printf("  patch planner setup      %8.3f\n", millisecondsPerRun([&] {
        core::PatchPlanner(network, int8, options.patch); }, 5));
    std::printf("  patch curve (all splits) %8.3f\n", millisecondsPerRun([&] { planner.analyze(); }, 5));
    std::printf("  latency estimate         %8.3f\n", millisecondsPerRun([&] {
        core::estimateLatency(network, int8, target); }, 20));
    return 0;
}
