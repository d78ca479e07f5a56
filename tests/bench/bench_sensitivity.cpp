// Times the weight-sensitivity analysis on a MobileNetV2-sized network:
// 3.5M random-normal weights in 52 tensors (issue #4 goal: < 100 ms).
//   ./build/tests/bench/bench_sensitivity
#include "core/compress/quantization_sensitivity.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

int main()
{
    // 52 tensors whose sizes sum to ~3.5M, spread like MobileNetV2's
    // (many small depthwise kernels, a few large pointwise/classifier ones).
    std::mt19937 random(42);
    std::vector<std::vector<float>> tensors;
    std::size_t total = 0;
    for (int i = 0; i < 52; ++i) {
        const std::size_t size = i == 51 ? 1280000 : static_cast<std::size_t>(288 + (i * i * 1700) % 90000);
        std::normal_distribution<float> normal(0.0f, 0.02f + 0.001f * static_cast<float>(i % 7));
        std::vector<float> tensor(size);
        for (float& w : tensor)
            w = normal(random);
        total += size;
        tensors.push_back(std::move(tensor));
    }
    mdse::core::SensitivityOptions options;
    options.bits = {2, 4, 8};
    {
        mdse::core::SensitivityOptions quantOnly = options;
        quantOnly.sparsities.clear();
        const auto start = std::chrono::steady_clock::now();
        for (const auto& tensor : tensors)
            mdse::core::analyzeTensor(tensor, quantOnly);
        std::printf("without sparsity thresholds: %.1f ms\n",
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    double best = 1e9;
    for (int repeat = 0; repeat < 5; ++repeat) {
        const auto start = std::chrono::steady_clock::now();
        double checksum = 0.0;
        for (const auto& tensor : tensors)
            checksum += mdse::core::analyzeTensor(tensor, options).bitWidths.back().mseClipSqnrDb;
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        best = std::min(best, ms);
        std::printf("run %d: %.1f ms (checksum %.3f)\n", repeat, ms, checksum);
    }
    std::printf("sensitivity of %zu weights in %zu tensors, bits {2,4,8}, sparsities {0.5,0.75,0.9}: best %.1f ms\n",
                total, tensors.size(), best);
    return 0;
}
