// Experiment store figures (issue #7 goals: save a 500-layer experiment
// < 20 ms, list 10,000 experiments with summary metrics < 100 ms, merge two
// 10,000-experiment databases < 5 s), as Google Benchmark programs:
//  - saveExperiment500Layers: one save of a 500-layer experiment (the
//    `max` row of --benchmark_repetitions is the worst repetition);
//  - populate: two databases of N experiments (20 layers each; the second
//    half of b clashes by name with a, other designs);
//  - openStore: opening and checking a database of N experiments;
//  - listSortedByLatency, listTaggedOdd: summary rows of that database;
//  - merge: b into a copy of a (the copy is made outside the timing).
// Counters: layers, experiments, rows, added/renamed/duplicates; wall and
// CPU times are Google Benchmark's, never asserted. The databases live in a
// fresh directory under the system temporary directory, removed at exit.
//   ./build/tests/bench/bench_store [--experiments=10000] [--benchmark_repetitions=11]
#include "core/store/experiment_store.h"
#include "tests/core/store_test_support.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

using namespace mdse::core;
namespace fs = std::filesystem;

namespace {

int gExperiments = 10000;

const fs::path& benchDir()
{
    static const fs::path dir = [] {
        const fs::path path = fs::temp_directory_path()
            / ("mdse_bench_store_" + std::to_string(std::random_device{}()) + "_" + std::to_string(::getpid()));
        fs::create_directories(path);
        return path;
    }();
    return dir;
}

std::string dbPath(const char* name) { return (benchDir() / name).string(); }

void removeDb(const std::string& path)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(path + suffix);
}

// `count` distinct designs (the config text differs) of a 20-layer network.
std::vector<Experiment> population(const std::string& prefix, int count, const std::string& extraConfig = "")
{
    const Experiment base = mdse::test::makeExperiment("base", 20, 8);
    std::vector<Experiment> experiments(static_cast<std::size_t>(count), base);
    for (int i = 0; i < count; ++i) {
        Experiment& e = experiments[static_cast<std::size_t>(i)];
        e.name = prefix + std::to_string(i);
        e.configYaml = "# " + prefix + " variant " + std::to_string(i) + "\n" + extraConfig;
        e.metrics.latencySeconds = 0.001 * (i % 997);
        e.tags = {i % 2 ? "odd" : "even"};
    }
    return experiments;
}

// a: N experiments; b: N/2 new ones and N - N/2 with a's names, other designs.
struct Populations {
    std::vector<Experiment> a = population("a-", gExperiments);
    std::vector<Experiment> bNew = population("b-", gExperiments / 2);
    std::vector<Experiment> bClashes = population("a-", gExperiments - gExperiments / 2, "# from b\n");
};

void populate(const Populations& p, const std::string& aPath, const std::string& bPath)
{
    ExperimentStore a(aPath);
    a.importAll(p.a);
    ExperimentStore b(bPath);
    b.importAll(p.bNew);
    b.importAll(p.bClashes);
}

// a.sqlite and b.sqlite, written once for the list, open and merge benchmarks.
const Populations& populated()
{
    static const Populations p = [] {
        Populations result;
        populate(result, dbPath("a.sqlite"), dbPath("b.sqlite"));
        return result;
    }();
    return p;
}

void saveExperiment500Layers(benchmark::State& state)
{
    const std::string path = dbPath("save.sqlite");
    removeDb(path);
    ExperimentStore store(path);
    Experiment big = mdse::test::makeExperiment("big", 500, 16);
    int saved = 0;
    for (auto _ : state) {
        big.name = "big-" + std::to_string(saved++);
        benchmark::DoNotOptimize(store.save(big));
    }
    state.counters["layers"] = 500;
}

void populateTwoDatabases(benchmark::State& state)
{
    const Populations p;
    const std::string a = dbPath("populate-a.sqlite"), b = dbPath("populate-b.sqlite");
    for (auto _ : state) {
        state.PauseTiming();
        removeDb(a);
        removeDb(b);
        state.ResumeTiming();
        populate(p, a, b);
    }
    const double experiments = double(p.a.size() + p.bNew.size() + p.bClashes.size());
    state.counters["experiments"] = experiments;
    state.counters["layersPerExperiment"] = 20;
    state.counters["experiments/s"] = benchmark::Counter(experiments, benchmark::Counter::kIsIterationInvariantRate);
}

void openStore(benchmark::State& state)
{
    populated();
    for (auto _ : state) {
        ExperimentStore a(dbPath("a.sqlite"));
        benchmark::DoNotOptimize(a.schemaVersion());
    }
    state.counters["experiments"] = gExperiments;
}

void listRows(benchmark::State& state, const ListQuery& query)
{
    populated();
    const ExperimentStore a(dbPath("a.sqlite"));
    std::size_t rows = 0;
    for (auto _ : state)
        rows = a.list(query).size();
    state.counters["rows"] = double(rows);
    state.counters["experiments"] = gExperiments;
}

void listSortedByLatency(benchmark::State& state) { listRows(state, {"", "", "", "latencySeconds", true, -1}); }

void listTaggedOdd(benchmark::State& state) { listRows(state, {"", "odd", "", "params", false, -1}); }

void mergeDatabases(benchmark::State& state)
{
    populated();
    const std::string target = dbPath("merge.sqlite");
    MergeReport report;
    for (auto _ : state) {
        state.PauseTiming();
        removeDb(target);
        fs::copy_file(dbPath("a.sqlite"), target);
        std::optional<ExperimentStore> store(std::in_place, target);
        state.ResumeTiming();
        report = store->merge(dbPath("b.sqlite"));
        state.PauseTiming();
        store.reset();
        state.ResumeTiming();
    }
    state.counters["experiments"] = gExperiments;
    state.counters["added"] = double(report.added.size());
    state.counters["renamed"] = double(report.renamed.size());
    state.counters["duplicates"] = double(report.duplicates.size());
}

double maxOf(const std::vector<double>& values) { return *std::max_element(values.begin(), values.end()); }

} // namespace

BENCHMARK(saveExperiment500Layers)->Unit(benchmark::kMillisecond)->ComputeStatistics("max", maxOf);
BENCHMARK(populateTwoDatabases)->Unit(benchmark::kMillisecond);
BENCHMARK(openStore)->Unit(benchmark::kMillisecond);
BENCHMARK(listSortedByLatency)->Unit(benchmark::kMillisecond);
BENCHMARK(listTaggedOdd)->Unit(benchmark::kMillisecond);
BENCHMARK(mergeDatabases)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    // --experiments=N is ours; the rest goes to Google Benchmark.
    constexpr std::string_view flag = "--experiments=";
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.substr(0, flag.size()) == flag)
            gExperiments = std::max(1, std::atoi(argv[i] + flag.size()));
        else
            argv[kept++] = argv[i];
    }
    argc = kept;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::error_code ignored;
    fs::remove_all(benchDir(), ignored);
    return 0;
}
