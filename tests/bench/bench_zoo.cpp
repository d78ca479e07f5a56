// Loads and analyzes every zoo network and prints the time per network
// (issue #2, tests/bench): the median of N runs of the YAML read (parse,
// validation, shape inference) and of computeStats, separately. Times are
// printed, never asserted. Usage: bench_zoo [runs, default 21]
#include "core/graph/layer_stats.h"
#include "core/io/network_yaml.h"
#include "core/io/zoo.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

using namespace mdse::core;

namespace {

using Clock = std::chrono::steady_clock;

double medianMicroseconds(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const std::size_t middle = samples.size() / 2;
    return samples.size() % 2 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
}

template <typename Work>
double timeMicroseconds(Work&& work)
{
    const auto start = Clock::now();
    work();
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
    std::printf("bench_zoo: median of %d runs per network\n", runs);
    std::printf("%-24s %7s %14s %14s %12s %16s\n", "network", "layers", "parse [us]", "stats [us]",
                "params", "MACs");
    for (const std::string& id : zooIds()) {
        const std::string_view yaml = *zooYaml(id);
        std::vector<double> parse, stats;
        std::int64_t params = 0, macs = 0;
        std::size_t layers = 0;
        try {
            for (int run = 0; run < runs; ++run) {
                std::optional<Network> network;
                parse.push_back(timeMicroseconds([&] { network.emplace(readNetworkYaml(yaml, "zoo:" + id)); }));
                NetworkStats result;
                stats.push_back(timeMicroseconds([&] { result = computeStats(*network); }));
                params = result.totals.params;
                macs = result.totals.macs;
                layers = result.layers.size();
            }
        } catch (const Error& error) {
            std::printf("%-24s failed: %s\n", id.c_str(), error.what());
            continue;
        }
        std::printf("%-24s %7zu %14.1f %14.1f %12lld %16lld\n", id.c_str(), layers,
                    medianMicroseconds(parse), medianMicroseconds(stats),
                    static_cast<long long>(params), static_cast<long long>(macs));
    }
    return 0;
}
