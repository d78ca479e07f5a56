// evaluate() of MobileNetV2 1.0/224 (zoo:mobilenetv2-1.0-224) on the
// STM32F746 with every MCU analysis: batchnorm folding, resolution, stats,
// compression, closed form, live-set and in-place timelines, both arena
// planners, the reordering heuristic, the full patch curve (every split x
// n = 1..8), flash, latency and the roofline. Goal: <= 1 ms median on one
// core. Also the parts of it on their own, and a plain evaluation without
// a target. Figures are counters; times are Google Benchmark's.
//   ./build/tests/bench/bench_evaluate [--benchmark_repetitions=11]
#include "core/evaluate/evaluate.h"
#include "core/graph/batchnorm_folding.h"
#include "core/io/design_spec_yaml.h"
#include "core/io/network_loader.h"
#include "core/memory/execution_reorder.h"
#include "core/memory/patch_inference.h"
#include "core/perf/latency_model.h"

#include <benchmark/benchmark.h>

using namespace mdse;

namespace {

const core::Network& mobileNetV2()
{
    static const core::Network network = core::loadNetwork("zoo:mobilenetv2-1.0-224");
    return network;
}

core::DesignSpec onF746()
{
    core::DesignSpec spec;
    spec.target = core::resolveTarget("stm32f746");
    return spec;
}

void evaluateOnF746(benchmark::State& state)
{
    const core::DesignSpec spec = onF746();
    core::Evaluation last = core::evaluate(mobileNetV2(), spec);
    for (auto _ : state)
        benchmark::DoNotOptimize(last = core::evaluate(mobileNetV2(), spec));
    const core::McuMemoryReport& m = last.mcu->memory;
    state.counters["layers"] = double(last.layers.size());
    state.counters["patchCurvePoints"] = double(m.patch.curve.size());
    state.counters["liveSetPeakBytes"] = double(m.liveSet.peakBytes);
    state.counters["inPlacePeakBytes"] = double(m.inPlace.peakBytes);
    state.counters["arenaBytes"] = double(m.arenaBytes);
    state.counters["bestPatchPeakBytes"] = m.patch.best ? double(m.patch.best->peakBytes) : 0.0;
    state.counters["flashBytes"] = double(m.flash.totalBytes);
    state.counters["latencySeconds"] = last.mcu->latency.totalSeconds;
}

void evaluateWithoutTarget(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(core::evaluate(mobileNetV2(), core::DesignSpec{}));
}

// The parts, on the folded network at int8 (the MCU default).
const core::Network& folded()
{
    static const core::Network network(core::foldBatchNorms(mobileNetV2()));
    return network;
}

void statistics(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(core::computeStats(folded()));
}

void liveSetTimeline(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(core::liveSetTimeline(folded(), core::PrecisionView{}, {core::KernelPath::CmsisNnDsp, false}));
}

void reorderingHeuristic(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(core::optimizeExecutionOrder(folded(), core::PrecisionView{}, core::KernelPath::CmsisNnDsp));
}

void patchCurve(benchmark::State& state)
{
    const core::NetworkStats stats = core::computeStats(folded());
    for (auto _ : state)
        benchmark::DoNotOptimize(core::PatchPlanner(folded(), stats, core::PrecisionView{}, {}).analyze());
}

void latencyEstimate(benchmark::State& state)
{
    const core::NetworkStats stats = core::computeStats(folded());
    const core::DesignSpec spec = onF746();
    for (auto _ : state)
        benchmark::DoNotOptimize(core::estimateLatency(folded(), stats, core::PrecisionView{}, spec.target.mcu));
}

} // namespace

BENCHMARK(evaluateOnF746)->Unit(benchmark::kMillisecond);
BENCHMARK(evaluateWithoutTarget)->Unit(benchmark::kMillisecond);
BENCHMARK(statistics)->Unit(benchmark::kMicrosecond);
BENCHMARK(liveSetTimeline)->Unit(benchmark::kMicrosecond);
BENCHMARK(reorderingHeuristic)->Unit(benchmark::kMicrosecond);
BENCHMARK(patchCurve)->Unit(benchmark::kMicrosecond);
BENCHMARK(latencyEstimate)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
