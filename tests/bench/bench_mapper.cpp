// Accelerator mapper, fixed-mapping and systolic timings (issue #14),
// printed as Google Benchmark counters, never asserted:
//   ./build/tests/bench/bench_mapper [--benchmark_filter=...]
//  - MapAlexNetConv: the mapper on AlexNet CONV1-5 (zoo:alexnet, batch 16)
//    for WS, OS, RS and NLR on the ISCA 2016 setup (16 x 16 PEs, 512 B RF,
//    128 KiB buffer), one thread (goal <= 1 s); counters: mappings
//    evaluated in all and per second.
//  - FixedResNet18: evaluateDataflow (the fixed mappings) for the four
//    dataflows on every conv/dense layer of ResNet-18 (goal <= 2 ms).
//  - SystolicLayer / SystolicMobileNetV2: the SCALE-Sim-exact simulator on
//    MobileNetV2-1.0-224's costliest layer (the 3x3 stem, whose ifmap is
//    replayed request by request) and on every layer, 32 x 32 OS, 64 kB
//    SRAMs, CALC (SCALE-Sim's scale.cfg; goal for a layer: well under 5 ms).
#include "core/accel/dataflow_model.h"
#include "core/accel/mapper.h"
#include "core/accel/systolic_network.h"
#include "core/io/network_loader.h"
#include "hwlib/fpga_catalogue.h"

#include <benchmark/benchmark.h>

using namespace mdse::core;

namespace {

mdse::hwlib::AcceleratorTemplate iscaTemplate()
{
    mdse::hwlib::AcceleratorTemplate t = mdse::hwlib::builtInAcceleratorTemplate("eyeriss-like");
    t.peRows = t.peCols = 16;
    t.rfBytesPerPe = 512;
    t.globalBufferBytes = 128 * 1024;
    return t;
}

void MapAlexNetConv(benchmark::State& state)
{
    std::vector<ConvProblem> conv;
    for (const ConvProblem& p : convProblems(loadNetwork("zoo:alexnet"), 16))
        if (p.kind != "dense")
            conv.push_back(p);
    const auto accel = iscaTemplate();
    const auto costs = mdse::hwlib::builtInEnergyCostTable(mdse::hwlib::kEyerissEnergyId);
    MapperOptions options;
    options.threads = 1;
    std::int64_t evaluated = 0;
    double energy = 0;
    for (auto _ : state) {
        for (Dataflow d : kAllDataflows)
            for (const ConvProblem& p : conv) {
                const MappedLayer m = mapLayer(p, accel, d, costs, operandsOf(accel), options);
                evaluated += m.mappingsEvaluated;
                energy += m.energy.total();
            }
    }
    benchmark::DoNotOptimize(energy);
    state.counters["mappings"] = benchmark::Counter(double(evaluated), benchmark::Counter::kAvgIterations);
    state.counters["mappings/s"] = benchmark::Counter(double(evaluated), benchmark::Counter::kIsRate);
}
BENCHMARK(MapAlexNetConv)->Unit(benchmark::kMillisecond)->Iterations(3);

void FixedResNet18(benchmark::State& state)
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
}
BENCHMARK(FixedResNet18)->Unit(benchmark::kMillisecond);

void SystolicLayer(benchmark::State& state)
{
    const auto problems = convProblems(loadNetwork("zoo:mobilenetv2-1.0-224"));
    const ConvProblem& stem = problems.front();
    std::int64_t cycles = 0;
    for (auto _ : state)
        cycles = simulateSystolicProblem(stem, SystolicConfig{}).totalCycles;
    state.counters["cycles"] = double(cycles);
}
BENCHMARK(SystolicLayer)->Unit(benchmark::kMillisecond);

void SystolicMobileNetV2(benchmark::State& state)
{
    const auto problems = convProblems(loadNetwork("zoo:mobilenetv2-1.0-224"));
    std::int64_t cycles = 0;
    for (auto _ : state) {
        cycles = 0;
        for (const ConvProblem& p : problems)
            cycles += simulateSystolicProblem(p, SystolicConfig{}).totalCycles;
    }
    state.counters["cycles"] = double(cycles);
    state.counters["layers"] = double(problems.size());
}
BENCHMARK(SystolicMobileNetV2)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
