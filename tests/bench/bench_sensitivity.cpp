// The weight-sensitivity analysis on a MobileNetV2-sized network: 3.5M
// random-normal weights in 52 tensors, bits {2, 4, 8}, sparsity thresholds
// {0.5, 0.75, 0.9} (issue #4 goal: < 100 ms), and the same without the
// sparsity thresholds. Counters: weights, tensors, weights/s, and the sum of
// the 8-bit MSE-clip SQNR over the tensors (checksumSqnrDb, the same for
// every run). Times are Google Benchmark's, never asserted.
//   ./build/tests/bench/bench_sensitivity [--benchmark_repetitions=11]
#include "core/compress/quantization_sensitivity.h"

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

namespace {

// 52 tensors whose sizes sum to ~3.5M, spread like MobileNetV2's (many
// small depthwise kernels, a few large pointwise/classifier ones); seeded,
// so every run analyses the same weights.
const std::vector<std::vector<float>>& tensors()
{
    static const std::vector<std::vector<float>> all = [] {
        std::mt19937 random(42);
        std::vector<std::vector<float>> result;
        for (int i = 0; i < 52; ++i) {
            const std::size_t size = i == 51 ? 1280000 : static_cast<std::size_t>(288 + (i * i * 1700) % 90000);
            std::normal_distribution<float> normal(0.0f, 0.02f + 0.001f * static_cast<float>(i % 7));
            std::vector<float> tensor(size);
            for (float& w : tensor)
                w = normal(random);
            result.push_back(std::move(tensor));
        }
        return result;
    }();
    return all;
}

void analyzeAll(benchmark::State& state, const mdse::core::SensitivityOptions& options)
{
    std::size_t weights = 0;
    for (const auto& tensor : tensors())
        weights += tensor.size();
    double checksum = 0.0;
    for (auto _ : state) {
        checksum = 0.0;
        for (const auto& tensor : tensors())
            checksum += mdse::core::analyzeTensor(tensor, options).bitWidths.back().mseClipSqnrDb;
        benchmark::DoNotOptimize(checksum);
    }
    state.counters["weights"] = double(weights);
    state.counters["tensors"] = double(tensors().size());
    state.counters["weights/s"] = benchmark::Counter(double(weights), benchmark::Counter::kIsIterationInvariantRate);
    state.counters["checksumSqnrDb"] = checksum;
}

mdse::core::SensitivityOptions withThresholds()
{
    mdse::core::SensitivityOptions options;
    options.bits = {2, 4, 8};
    options.sparsities = {0.5, 0.75, 0.9};
    return options;
}

void sensitivity(benchmark::State& state) { analyzeAll(state, withThresholds()); }

void sensitivityWithoutThresholds(benchmark::State& state)
{
    mdse::core::SensitivityOptions options = withThresholds();
    options.sparsities.clear();
    analyzeAll(state, options);
}

} // namespace

BENCHMARK(sensitivity)->Unit(benchmark::kMillisecond);
BENCHMARK(sensitivityWithoutThresholds)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
