#include "core/compress/compression_effects.h"

#include "core/compress/sparse_storage.h"
#include "core/graph/tensor_bytes.h"
#include "core/util/checked_math.h"

#include <cmath>

namespace mdse::core {
namespace {

constexpr std::int64_t kScaleBytes = 4; // one fp32 scale
constexpr int kIntegerBiasBits = 32;    // int32 accumulator-width biases

std::int64_t multiplied(std::int64_t a, std::int64_t b)
{
    const auto result = checkedMul(a, b);
    if (!result)
        throw Error("a compressed size or BOP count overflows 64 bits");
    return *result;
}

std::int64_t keptWeights(const LayerCompression& s, std::int64_t weights)
{
    switch (s.pruning) {
    case PruningKind::Unstructured:
        return std::llround(static_cast<double>(weights) * (1.0 - s.sparsity));
    case PruningKind::NM: return nmKeptValues(weights, s.nmKeep, s.nmGroup);
    default: return weights;
    }
}

// Deep Compression's relative-index widths: 8 bits for conv, 5 for fc
// (Han et al., ICLR 2016, Sec. 2).
int defaultRleBits(OpKind op) { return op == OpKind::Dense ? 5 : 8; }

std::int64_t indexBits(const Network& network, const LayerStats& stats, const LayerCompression& s,
                       std::int64_t kept, std::int64_t& storedValues)
{
    storedValues = kept;
    if (s.pruning == PruningKind::NM)
        return kept * indexBitsFor(s.nmGroup);
    if (s.pruning != PruningKind::Unstructured)
        return 0;
    const std::int64_t rows = outputChannels(network, stats);
    switch (s.format) {
    case SparseFormat::Dense: storedValues = stats.weights; return 0;
    case SparseFormat::Bitmap: return bitmapIndexBits(stats.weights);
    case SparseFormat::Csr: {
        const int columnBits = s.indexBits > 0 ? s.indexBits : indexBitsFor(stats.weights / rows);
        return csrIndexBits(kept, rows, columnBits, s.rowPointerBits);
    }
    case SparseFormat::Rle: {
        const int bits = s.indexBits > 0 ? s.indexBits : defaultRleBits(stats.op);
        storedValues = expectedRelativeIndexEntries(stats.weights, kept, bits);
        return multiplied(storedValues, bits);
    }
    }
    return 0;
}

} // namespace

std::int64_t outputChannels(const Network& network, const LayerStats& stats)
{
    const Layer& layer = network.layers()[stats.layerIndex];
    const Shape& out = stats.outputShapes.front();
    switch (stats.op) {
    case OpKind::Conv2D:
    case OpKind::ConvTranspose2D:
    case OpKind::BatchNorm: return out.front();
    case OpKind::Dense: return out.back();
    case OpKind::Lstm: return 4 * layer.attributes.getInt("hidden", 1);
    case OpKind::Gru: return 3 * layer.attributes.getInt("hidden", 1);
    default: return 1;
    }
}

StoredWeightBytes storedWeightBytes(const Network& network, const LayerStats& stats, const LayerCompression& s)
{
    StoredWeightBytes stored;
    stored.nonZeroWeights = keptWeights(s, stats.weights);
    const int bits = precisionBits(s.weights);
    std::int64_t storedValues = 0;
    const std::int64_t extraBits = indexBits(network, stats, s, stored.nonZeroWeights, storedValues);
    stored.values = packedBytes(storedValues, bits);
    stored.index = (extraBits + 7) / 8;
    const bool integer = isIntegerPrecision(s.weights);
    if (integer && stats.weights > 0)
        stored.scales = kScaleBytes
            * (s.scales == ScaleGranularity::PerChannel ? outputChannels(network, stats) : 1);
    stored.biases = packedBytes(stats.biases, integer ? kIntegerBiasBits : bits);
    return stored;
}

std::int64_t layerWeightBytes(const Network& network, const LayerStats& stats,
                              const LayerCompression& s, LayerEffects& e)
{
    const StoredWeightBytes stored = storedWeightBytes(network, stats, s);
    e.weights = stats.weights;
    e.nonZeroWeights = stored.nonZeroWeights;
    e.valueBytes = stored.values;
    e.indexBytes = stored.index;
    e.scaleBytes = stored.scales;
    e.biasBytes = stored.biases;
    e.weightBytes = stored.total();
    return e.weightBytes;
}

CompressionEffects computeEffects(const Network& network, const NetworkStats& stats,
                                  const std::vector<LayerCompression>& settings,
                                  std::int64_t referenceParams)
{
    CompressionEffects result;
    EffectsTotals& t = result.totals;
    for (const TensorInfo& input : network.inputs()) {
        const auto consumers = network.consumersOf(input.name);
        const Precision p = consumers.empty() ? Precision::Fp32 : settings[consumers.front()].activations;
        t.activationBytes += packedBytes(elementCount(input.shape), precisionBits(p));
    }
    for (const LayerStats& layerStats : stats.layers) {
        const LayerCompression& s = settings[layerStats.layerIndex];
        const Layer& layer = network.layers()[layerStats.layerIndex];
        LayerEffects e;
        e.layerIndex = layerStats.layerIndex;
        e.name = layerStats.name;
        e.weightBits = precisionBits(s.weights);
        e.activationBits = precisionBits(s.activations);
        e.activationSparsity = s.activationSparsity.value_or(0.0);
        layerWeightBytes(network, layerStats, s, e);
        e.sparsity = e.weights > 0 ? 1.0 - static_cast<double>(e.nonZeroWeights) / static_cast<double>(e.weights) : 0.0;
        e.activationBytes = isViewOp(layer.op) ? 0 : packedBytes(layerStats.outputElements, e.activationBits);
        e.denseMacs = layerStats.macs;
        e.effectiveMacs = e.weights > 0
            ? std::llround(static_cast<double>(e.denseMacs) * (1.0 - e.sparsity))
            : e.denseMacs;
        e.zeroSkipMacs = std::llround(static_cast<double>(e.effectiveMacs) * (1.0 - e.activationSparsity));
        const long producer = layer.inputs.empty() ? -1 : network.producerOf(layer.inputs.front());
        const int inputBits = producer >= 0
            ? precisionBits(settings[static_cast<std::size_t>(producer)].activations)
            : e.activationBits;
        e.bops = multiplied(multiplied(e.effectiveMacs, e.weightBits), inputBits);
        t.nonZeroWeights += e.nonZeroWeights;
        t.weightBytes += e.weightBytes;
        t.activationBytes += e.activationBytes;
        t.denseMacs += e.denseMacs;
        t.effectiveMacs += e.effectiveMacs;
        t.zeroSkipMacs += e.zeroSkipMacs;
        t.bops += e.bops;
        result.layers.push_back(std::move(e));
    }
    t.fp32Bytes = multiplied(referenceParams, 4);
    t.compressionRatio = t.weightBytes > 0 ? static_cast<double>(t.fp32Bytes) / static_cast<double>(t.weightBytes) : 1.0;
    return result;
}

} // namespace mdse::core
