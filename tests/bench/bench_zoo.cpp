// Loads and analyzes every zoo network (issue #2, tests/bench): per network,
// the YAML read (parse, validation, shape inference) and computeStats,
// timed separately, as Google Benchmark programs registered per zoo id
// (zooParse/<id>, zooStats/<id>). Counters: layers, params, macs of the
// network. Times are Google Benchmark's, never asserted. A network that
// fails to load is reported as a skipped benchmark with its error.
//   ./build/tests/bench/bench_zoo [--benchmark_repetitions=11]
#include "core/graph/layer_stats.h"
#include "core/io/network_yaml.h"
#include "core/io/zoo.h"

#include <benchmark/benchmark.h>

#include <optional>
#include <string>

using namespace mdse::core;

namespace {

void setNetworkCounters(benchmark::State& state, const NetworkStats& stats)
{
    state.counters["layers"] = double(stats.layers.size());
    state.counters["params"] = double(stats.totals.params);
    state.counters["macs"] = double(stats.totals.macs);
}

// Reads the zoo network once outside the timed loop; nullopt (and the
// benchmark skipped with the error) when it does not load.
std::optional<Network> readOrSkip(benchmark::State& state, const std::string& id)
{
    try {
        return readNetworkYaml(*zooYaml(id), "zoo:" + id);
    } catch (const Error& error) {
        state.SkipWithError(error.what());
        return std::nullopt;
    }
}

void zooParse(benchmark::State& state, const std::string& id)
{
    const std::optional<Network> network = readOrSkip(state, id);
    if (!network)
        return;
    const std::string_view yaml = *zooYaml(id);
    const std::string source = "zoo:" + id;
    for (auto _ : state)
        benchmark::DoNotOptimize(readNetworkYaml(yaml, source));
    setNetworkCounters(state, computeStats(*network));
}

void zooStats(benchmark::State& state, const std::string& id)
{
    const std::optional<Network> network = readOrSkip(state, id);
    if (!network)
        return;
    NetworkStats stats;
    for (auto _ : state)
        benchmark::DoNotOptimize(stats = computeStats(*network));
    setNetworkCounters(state, stats);
}

} // namespace

int main(int argc, char** argv)
{
    for (const std::string& id : zooIds()) {
        benchmark::RegisterBenchmark(("zooParse/" + id).c_str(), zooParse, id)->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("zooStats/" + id).c_str(), zooStats, id)->Unit(benchmark::kMicrosecond);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
