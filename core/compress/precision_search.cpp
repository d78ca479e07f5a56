#include "core/compress/precision_search.h"

#include "core/compress/compression_effects.h"
#include "core/compress/network_sensitivity.h"
#include "core/compress/quantization_sensitivity.h"
#include "core/graph/batchnorm_folding.h"
#include "core/graph/tensor_bytes.h"

#include <algorithm>

#include <cmath>
#include <map>
#include <random>

namespace mdse::core {
namespace {

std::vector<float> gaussianSamples(std::size_t count)
{
    // Box-Muller over mt19937's raw 32-bit outputs: identical on every
    // standard library (std::normal_distribution is not).
    std::mt19937 random(20160201);
    std::vector<float> samples;
    samples.reserve(count);
    const double twoPi = 6.283185307179586;
    while (samples.size() < count) {
        const double u1 = (static_cast<double>(random()) + 1.0) / 4294967297.0;
        const double u2 = static_cast<double>(random()) / 4294967296.0;
        const double radius = std::sqrt(-2.0 * std::log(u1));
        samples.push_back(static_cast<float>(radius * std::cos(twoPi * u2)));
        samples.push_back(static_cast<float>(radius * std::sin(twoPi * u2)));
    }
    return samples;
}

KnapsackLayer layerChoices(const Network& network, const LayerStats& stats, const PrecisionSearchOptions& options,
                           const RelativeNoise& noise)
{
    KnapsackLayer layer;
    layer.name = stats.name;
    for (int bits : options.bits) {
        LayerCompression settings;
        settings.weights = *precisionFromBits(bits);
        settings.scales = options.scales;
        LayerEffects effects;
        KnapsackChoice choice;
        choice.bits = bits;
        choice.flashBytes = layerWeightBytes(network, stats, settings, effects);
        choice.bops = stats.macs * (stats.weights > 0 ? bits : options.activationBits) * options.activationBits;
        choice.noise = static_cast<double>(stats.weights) * noise(network.layers()[stats.layerIndex], bits);
        layer.choices.push_back(choice);
        if (stats.weights == 0)
            break; // nothing to quantize: one fixed choice (MatMul BOPs)
    }
    return layer;
}

} // namespace

double gaussianProxyNoise(int bits)
{
    static const std::map<int, double> table = [] {
        const std::vector<float> samples = gaussianSamples(std::size_t{1} << 16);
        SensitivityOptions options;
        options.bits = {2, 4, 8, 16};
        options.sparsities.clear();
        const TensorSensitivity result = analyzeTensor(samples, options);
        std::map<int, double> noise{{32, 0.0}, {1, result.binaryMse / result.meanSquare}};
        for (const BitWidthError& entry : result.bitWidths)
            noise[entry.bits] = entry.mseClipMse / result.meanSquare;
        return noise;
    }();
    const auto it = table.find(bits);
    if (it == table.end())
        throw Error("precision search: no noise proxy for " + std::to_string(bits) + " bits (use 1, 2, 4, 8, 16, 32)");
    return it->second;
}

PrecisionSearchReport searchPrecision(const Network& original, const PrecisionSearchOptions& options,
                                      const RelativeNoise& noise)
{
    for (int bits : options.bits)
        if (!precisionFromBits(bits) || (bits != 32 && bits != 16 && bits != 8 && bits != 4 && bits != 2 && bits != 1))
            throw Error("precision search: weight width " + std::to_string(bits) + " is not one of 1, 2, 4, 8, 16, 32");
    if (options.bits.empty())
        throw Error("precision search: no bit widths to choose from");
    if (!precisionFromBits(options.activationBits))
        throw Error("precision search: activation width " + std::to_string(options.activationBits)
                    + " is not 32 (fp32) or 1 to 31 (int<N>)");
    PrecisionSearchReport report;
    const Network network(foldBatchNorms(original));
    RelativeNoise relative = noise ? noise : measuredNoiseModel(network, options.bits);
    report.proxyNoise = !relative;
    if (!relative)
        relative = [](const Layer&, int bits) { return gaussianProxyNoise(bits); };
    const NetworkStats stats = computeStats(network);
    for (const LayerStats& layer : stats.layers)
        if (layer.weights > 0 || layer.macs > 0) {
            report.layerIndices.push_back(layer.layerIndex);
            report.problem.push_back(layerChoices(network, layer, options, relative));
        }
    report.result = solveKnapsack(report.problem, options.budgets);
    if (!report.result.feasible)
        return report;
    report.design.defaults.activations = *precisionFromBits(options.activationBits);
    report.design.defaults.scales = options.scales;
    report.design.defaults.weights = *precisionFromBits(*std::max_element(options.bits.begin(), options.bits.end()));
    for (std::size_t i = 0; i < report.problem.size(); ++i) {
        const Layer& layer = network.layers()[report.layerIndices[i]];
        LayerOverride entry;
        entry.layerName = layer.name;
        entry.set.weights = precisionFromBits(report.problem[i].choices[static_cast<std::size_t>(report.result.best.choice[i])].bits);
        report.design.layers.push_back(entry);
    }
    return report;
}

std::int64_t peakActivationBytes(const NetworkStats& stats, int bits)
{
    std::int64_t peak = 0;
    for (const LayerStats& layer : stats.layers) {
        if (isViewOp(layer.op))
            continue;
        const std::int64_t bytes = packedBytes(layer.inputElements, bits) + packedBytes(layer.outputElements, bits);
        peak = std::max(peak, bytes);
    }
    return peak;
}

} // namespace mdse::core
