// Experiment store figures (issue #7 goals: save a 500-layer experiment
// < 20 ms, list 10,000 experiments with summary metrics < 100 ms, merge two
// 10,000-experiment databases < 5 s). Prints times; asserts nothing.
//   ./build/tests/bench/bench_store [experiments=10000]
#include "core/store/experiment_store.h"
#include "tests/core/store_test_support.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

using namespace mdse::core;

namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// `count` distinct designs (the config text differs) of a 20-layer network.
std::vector<Experiment> population(const std::string& prefix, int count)
{
    const Experiment base = mdse::test::makeExperiment("base", 20, 8);
    std::vector<Experiment> experiments(static_cast<std::size_t>(count), base);
    for (int i = 0; i < count; ++i) {
        Experiment& e = experiments[static_cast<std::size_t>(i)];
        e.name = prefix + std::to_string(i);
        e.configYaml = "# " + prefix + " variant " + std::to_string(i) + "\n";
        e.metrics.latencySeconds = 0.001 * (i % 997);
        e.tags = {i % 2 ? "odd" : "even"};
    }
    return experiments;
}

void benchSave(const std::filesystem::path& dir)
{
    ExperimentStore store((dir / "save.sqlite").string());
    const Experiment big = mdse::test::makeExperiment("big", 500, 16);
    std::vector<double> times;
    for (int i = 0; i < 21; ++i) {
        Experiment copy = big;
        copy.name = "big-" + std::to_string(i);
        const auto start = std::chrono::steady_clock::now();
        store.save(copy);
        times.push_back(millisecondsSince(start));
    }
    std::sort(times.begin(), times.end());
    std::printf("save 500-layer experiment: median %.2f ms, max %.2f ms (goal < 20 ms)\n", times[times.size() / 2],
                times.back());
}

} // namespace

int main(int argc, char** argv)
{
    const int count = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10000;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "mdse_bench_store";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    benchSave(dir);

    auto start = std::chrono::steady_clock::now();
    {
        ExperimentStore a((dir / "a.sqlite").string());
        a.importAll(population("a-", count));
        ExperimentStore b((dir / "b.sqlite").string());
        b.importAll(population("b-", count / 2));
        auto clashes = population("a-", count - count / 2); // same names as a, other designs
        for (Experiment& e : clashes)
            e.configYaml += "# from b\n";
        b.importAll(clashes);
    }
    std::printf("populate 2 x %d experiments (20 layers each): %.0f ms\n", count, millisecondsSince(start));

    {
        start = std::chrono::steady_clock::now();
        ExperimentStore a((dir / "a.sqlite").string());
        const double openMs = millisecondsSince(start);
        start = std::chrono::steady_clock::now();
        const auto rows = a.list({"", "", "", "latencySeconds", true, -1});
        std::printf("list %zu experiments sorted by latency: %.1f ms (+ %.1f ms to open and check the file)"
                    " (goal < 100 ms)\n",
                    rows.size(), millisecondsSince(start), openMs);
        start = std::chrono::steady_clock::now();
        const auto odd = a.list({"", "odd", "", "params", false, -1});
        std::printf("list %zu experiments tagged 'odd': %.1f ms\n", odd.size(), millisecondsSince(start));
    }
    {
        ExperimentStore a((dir / "a.sqlite").string());
        start = std::chrono::steady_clock::now();
        const std::clock_t cpuStart = std::clock();
        const MergeReport report = a.merge((dir / "b.sqlite").string());
        std::printf("merge %d into %d experiments: %.0f ms wall, %.0f ms CPU (%zu added, %zu renamed, %zu duplicates)"
                    " (goal < 5 s)\n",
                    count, count, millisecondsSince(start), 1000.0 * double(std::clock() - cpuStart) / CLOCKS_PER_SEC,
                    report.added.size(), report.renamed.size(), report.duplicates.size());
    }
    std::filesystem::remove_all(dir);
    return 0;
}
