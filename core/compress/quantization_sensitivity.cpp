#include "core/compress/quantization_sensitivity.h"

#include "core/util/error.h"

#include <Eigen/Core>

#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <limits>

namespace mdse::core {
namespace {

using ConstArray = Eigen::Map<const Eigen::ArrayXf>;

ConstArray view(std::span<const float> weights)
{
    return ConstArray(weights.data(), static_cast<Eigen::Index>(weights.size()));
}

// Adding and subtracting 1.5 * 2^23 rounds a float to the nearest integer
// (ties to even) for |x| < 2^22, in plain vectorisable adds.
constexpr float kRoundMagic = 12582912.0f;

double squaredErrorSum(std::span<const float> weights, int bits, double wmax)
{
    if (wmax <= 0.0)
        return static_cast<double>(view(weights).square().sum());
    const auto levels = static_cast<float>((1 << (bits - 1)) - 1);
    const float scale = static_cast<float>(wmax) / levels;
    const float inverse = levels / static_cast<float>(wmax);
    const float clip = static_cast<float>(wmax);
    const ConstArray w = view(weights);
    // One fused pass: Eigen evaluates the whole expression per SIMD packet.
    return static_cast<double>(
        (w - (((w.max(-clip).min(clip) * inverse) + kRoundMagic) - kRoundMagic) * scale).square().sum());
}

// The strided subsample the clip search runs on.
std::vector<float> subsample(std::span<const float> weights, std::size_t limit)
{
    const std::size_t stride = std::max<std::size_t>(1, weights.size() / std::max<std::size_t>(1, limit));
    std::vector<float> sample;
    sample.reserve(weights.size() / stride + 1);
    for (std::size_t i = 0; i < weights.size(); i += stride)
        sample.push_back(weights[i]);
    return sample;
}

// Golden-section search of the clip in (0, maxAbs] minimising the error on
// the sample (the error is close to unimodal in the clip; Banner et al.,
// "Post training 4-bit quantization", NeurIPS 2019).
double searchClip(std::span<const float> sample, int bits, double maxAbs)
{
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double low = maxAbs * 0.01, high = maxAbs;
    double a = high - ratio * (high - low), b = low + ratio * (high - low);
    double fa = squaredErrorSum(sample, bits, a), fb = squaredErrorSum(sample, bits, b);
    for (int step = 0; step < 24; ++step) {
        if (fa <= fb) {
            high = b;
            b = a;
            fb = fa;
            a = high - ratio * (high - low);
            fa = squaredErrorSum(sample, bits, a);
        } else {
            low = a;
            a = b;
            fa = fb;
            b = low + ratio * (high - low);
            fb = squaredErrorSum(sample, bits, b);
        }
    }
    const double best = fa <= fb ? a : b;
    // Never worse than max-abs on the sample.
    return std::min(fa, fb) <= squaredErrorSum(sample, bits, maxAbs) ? best : maxAbs;
}

// Magnitude thresholds by histogram selection: one pass bins |w| (with
// per-bin sums of squares), the bin holding each wanted rank is found from
// the cumulative counts, and only that bin's elements are partially sorted.
// Exact: the threshold is the rank-th smallest |w|.
void addThresholds(std::span<const float> weights, const SensitivityOptions& options, double meanSquare,
                   double maxAbs, TensorSensitivity& result)
{
    constexpr int kBins = 4096;
    const double toBin = maxAbs > 0.0 ? kBins / maxAbs : 0.0;
    const Eigen::ArrayXi bins = (view(weights).abs() * static_cast<float>(toBin)).cast<int>().min(kBins - 1);
    std::vector<std::int64_t> counts(kBins + 1, 0);
    std::vector<double> squares(kBins, 0.0);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const int bin = bins[static_cast<Eigen::Index>(i)];
        ++counts[static_cast<std::size_t>(bin) + 1];
        squares[static_cast<std::size_t>(bin)] += static_cast<double>(weights[i]) * weights[i];
    }
    std::vector<std::int64_t> before(kBins + 1, 0); // elements in bins below b
    for (int b = 0; b < kBins; ++b)
        before[static_cast<std::size_t>(b) + 1] = before[static_cast<std::size_t>(b)] + counts[static_cast<std::size_t>(b) + 1];
    std::vector<float> members;
    for (double sparsity : options.sparsities) {
        const auto rank = static_cast<std::int64_t>(std::floor(sparsity * static_cast<double>(weights.size())));
        SparsityThreshold entry{sparsity, 0.0, std::numeric_limits<double>::infinity()};
        if (rank > 0) {
            const auto bin = static_cast<int>(std::upper_bound(before.begin() + 1, before.end(), rank - 1) - before.begin()) - 1;
            members.clear();
            for (std::size_t i = 0; i < weights.size(); ++i)
                if (bins[static_cast<Eigen::Index>(i)] == bin)
                    members.push_back(std::abs(weights[i]));
            const auto inBin = static_cast<std::size_t>(rank - before[static_cast<std::size_t>(bin)]);
            std::nth_element(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(inBin - 1), members.end());
            entry.threshold = members[inBin - 1];
            double removed = 0.0;
            for (int b = 0; b < bin; ++b)
                removed += squares[static_cast<std::size_t>(b)];
            for (std::size_t k = 0; k < inBin; ++k)
                removed += static_cast<double>(members[k]) * members[k];
            entry.sqnrDb = sqnrDb(meanSquare, removed / static_cast<double>(weights.size()));
        }
        result.thresholds.push_back(entry);
    }
}

void addTernaryAndBinary(std::span<const float> weights, TensorSensitivity& result)
{
    const ConstArray w = view(weights);
    const auto n = static_cast<double>(weights.size());
    const auto magnitude = w.abs();
    const double meanAbs = static_cast<double>(magnitude.sum()) / n;
    // Binary: (|w| - a)^2 since sign(w) always matches.
    result.binaryMse = static_cast<double>((magnitude - static_cast<float>(meanAbs)).square().sum()) / n;
    const auto delta = static_cast<float>(0.7 * meanAbs);
    const auto kept = (magnitude > delta).cast<float>();
    const double keptCount = static_cast<double>(kept.sum());
    const double alpha = keptCount > 0 ? static_cast<double>((magnitude * kept).sum()) / keptCount : 0.0;
    result.ternaryMse = static_cast<double>((magnitude - kept * static_cast<float>(alpha)).square().sum()) / n;
    result.binarySqnrDb = sqnrDb(result.meanSquare, result.binaryMse);
    result.ternarySqnrDb = sqnrDb(result.meanSquare, result.ternaryMse);
}

} // namespace

double sqnrDb(double signalMeanSquare, double noiseMeanSquare)
{
    if (noiseMeanSquare <= 0.0)
        return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(signalMeanSquare / noiseMeanSquare);
}

double quantizationMse(std::span<const float> weights, int bits, double wmax)
{
    if (weights.empty())
        return 0.0;
    return squaredErrorSum(weights, bits, wmax) / static_cast<double>(weights.size());
}

TensorSensitivity analyzeTensor(std::span<const float> weights, const SensitivityOptions& options)
{
    if (weights.empty())
        throw Error("sensitivity of an empty weight tensor");
    for (int bits : options.bits)
        if (bits < 2 || bits > 16)
            throw Error("uniform quantizer widths must be 2..16 bits, got " + std::to_string(bits));
    TensorSensitivity result;
    result.elements = static_cast<std::int64_t>(weights.size());
    const ConstArray w = view(weights);
    result.meanSquare = static_cast<double>(w.square().sum()) / static_cast<double>(weights.size());
    const double maxAbs = w.abs().maxCoeff();
    const std::vector<float> sample = subsample(weights, options.clipSearchSamples);
    for (int bits : options.bits) {
        BitWidthError entry;
        entry.bits = bits;
        entry.maxAbsClip = maxAbs;
        entry.maxAbsMse = quantizationMse(weights, bits, maxAbs);
        entry.maxAbsSqnrDb = sqnrDb(result.meanSquare, entry.maxAbsMse);
        entry.mseClip = maxAbs > 0 ? searchClip(sample, bits, maxAbs) : 0.0;
        entry.mseClipMse = entry.mseClip == maxAbs ? entry.maxAbsMse : quantizationMse(weights, bits, entry.mseClip);
        if (entry.mseClipMse > entry.maxAbsMse) { // the sample misled the search
            entry.mseClip = maxAbs;
            entry.mseClipMse = entry.maxAbsMse;
        }
        entry.mseClipSqnrDb = sqnrDb(result.meanSquare, entry.mseClipMse);
        result.bitWidths.push_back(entry);
    }
    addThresholds(weights, options, result.meanSquare, maxAbs, result);
    addTernaryAndBinary(weights, result);
    return result;
}

} // namespace mdse::core
