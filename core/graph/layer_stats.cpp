#include "core/graph/layer_stats.h"

#include "core/graph/window_geometry.h"
#include "core/util/checked_math.h"
#include "core/util/error.h"

#include <initializer_list>

namespace mdse::core {
namespace {

std::int64_t product(std::initializer_list<std::int64_t> factors)
{
    std::int64_t result = 1;
    for (std::int64_t factor : factors) {
        const auto next = checkedMul(result, factor);
        if (!next)
            throw Error("a parameter or MAC count overflows 64 bits");
        result = *next;
    }
    return result;
}

std::int64_t sum(std::int64_t a, std::int64_t b)
{
    const auto result = checkedAdd(a, b);
    if (!result)
        throw Error("a total overflows 64 bits");
    return *result;
}

void convCounts(const Layer& layer, const Shape& in, const Shape& out, LayerStats& stats)
{
    const Window2D w = resolveWindow(layer.attributes, false, in[1], in[2]);
    const std::int64_t groups = layer.attributes.getInt("groups", 1);
    const std::int64_t filters = out[0];
    const bool hasBias = layer.attributes.getInt("bias", 1) != 0;
    // Conv: each output element sums (C/g)*kh*kw products.
    stats.weights = product({filters, in[0] / groups, w.kernelH, w.kernelW});
    stats.biases = hasBias ? filters : 0;
    stats.macs = product({elementCount(out), in[0] / groups, w.kernelH, w.kernelW});
}

void convTransposeCounts(const Layer& layer, const Shape& in, const Shape& out, LayerStats& stats)
{
    const Window2D w = resolveWindow(layer.attributes, false, in[1], in[2]);
    const std::int64_t groups = layer.attributes.getInt("groups", 1);
    const bool hasBias = layer.attributes.getInt("bias", 1) != 0;
    // Transposed conv: every input element is scattered through (F/g)*kh*kw weights.
    stats.weights = product({in[0], out[0] / groups, w.kernelH, w.kernelW});
    stats.biases = hasBias ? out[0] : 0;
    stats.macs = product({elementCount(in), out[0] / groups, w.kernelH, w.kernelW});
}

// gates = 4 for LSTM (i, f, g, o), 3 for GRU (r, z, n). Per time step the
// gate pre-activations cost gates*H*(I+H) MACs (input and recurrent
// matrices); "double" biases are PyTorch/ONNX's b_ih + b_hh.
void recurrentCounts(const Layer& layer, const Shape& in, int gates, LayerStats& stats)
{
    const std::int64_t hidden = layer.attributes.getInt("hidden", 0);
    const std::int64_t steps = in[0];
    const std::int64_t features = in[1];
    const std::string biasForm = layer.attributes.getString("bias", "double");
    stats.weights = product({gates, hidden, sum(features, hidden)});
    stats.biases = biasForm == "none" ? 0 : product({biasForm == "double" ? 2 : 1, gates, hidden});
    stats.macs = product({steps, gates, hidden, sum(features, hidden)});
}

std::int64_t constantElements(const Layer& layer)
{
    return elementCount(layer.attributes.getInts("constant", {}));
}

void countLayer(const Layer& layer, LayerStats& stats)
{
    const Shape& in = stats.inputShapes.front();
    const Shape& out = stats.outputShapes.front();
    switch (layer.op) {
    case OpKind::Conv2D: convCounts(layer, in, out, stats); break;
    case OpKind::ConvTranspose2D: convTransposeCounts(layer, in, out, stats); break;
    case OpKind::Dense:
        stats.weights = product({in.back(), out.back()});
        stats.biases = layer.attributes.getInt("bias", 1) != 0 ? out.back() : 0;
        stats.macs = product({elementCount(in), out.back()});
        break;
    case OpKind::MatMul: // [.., M, K] x [.., K, N]: M*K*N per batch entry
        stats.macs = product({elementCount(out), in.back()});
        break;
    case OpKind::BatchNorm: // gamma and beta per channel
        stats.weights = in[0];
        stats.biases = in[0];
        break;
    case OpKind::Add: // a constant operand is a parameter: additive for add/sub,
    case OpKind::Sub: // multiplicative for mul/div/prelu; element-wise ops are 0 MACs
        stats.biases = layer.attributes.has("constant") ? constantElements(layer) : 0;
        break;
    case OpKind::Mul:
    case OpKind::Div:
    case OpKind::PRelu:
        stats.weights = layer.attributes.has("constant") ? constantElements(layer) : 0;
        break;
    case OpKind::Lstm: recurrentCounts(layer, in, 4, stats); break;
    case OpKind::Gru: recurrentCounts(layer, in, 3, stats); break;
    case OpKind::Opaque: // the counts the importer derived (docs/tflite-import.md)
        stats.weights = layer.attributes.getInt("weights", 0);
        stats.biases = layer.attributes.getInt("biases", 0);
        stats.macs = layer.attributes.getInt("macs", 0);
        if (stats.weights < 0 || stats.biases < 0 || stats.macs < 0)
            throw Error("opaque counts must not be negative");
        break;
    default: break;
    }
    stats.params = sum(stats.weights, stats.biases);
}

} // namespace

NetworkStats computeStats(const Network& network)
{
    NetworkStats result;
    NetworkTotals& totals = result.totals;
    for (const TensorInfo& input : network.inputs())
        totals.activationElements = sum(totals.activationElements, elementCount(input.shape));
    for (std::size_t index : network.executionOrder()) {
        const Layer& layer = network.layers()[index];
        LayerStats stats;
        stats.layerIndex = index;
        stats.name = layer.name;
        stats.op = layer.op;
        for (const std::string& input : layer.inputs) {
            stats.inputShapes.push_back(network.tensor(input).shape);
            stats.inputElements = sum(stats.inputElements, elementCount(stats.inputShapes.back()));
        }
        for (const std::string& output : layer.outputs) {
            stats.outputShapes.push_back(network.tensor(output).shape);
            stats.outputElements = sum(stats.outputElements, elementCount(stats.outputShapes.back()));
        }
        try {
            countLayer(layer, stats);
        } catch (const Error& error) { // name the layer and where it was written
            throw Error("layer '" + layer.name + "' (" + std::string(opName(layer.op))
                            + "): " + error.message(),
                        layer.origin);
        }
        totals.weights = sum(totals.weights, stats.weights);
        totals.biases = sum(totals.biases, stats.biases);
        totals.params = sum(totals.params, stats.params);
        totals.macs = sum(totals.macs, stats.macs);
        if (!isViewOp(layer.op))
            totals.activationElements = sum(totals.activationElements, stats.outputElements);
        result.layers.push_back(std::move(stats));
    }
    return result;
}

std::string convVariant(const Layer& layer, const Shape& inputShape)
{
    if (layer.op != OpKind::Conv2D || inputShape.empty())
        return {};
    const std::int64_t groups = layer.attributes.getInt("groups", 1);
    if (groups > 1 && groups == inputShape[0])
        return "depthwise";
    const std::vector<std::int64_t> kernel = layer.attributes.getInts("kernel", {1});
    const bool oneByOne = kernel.front() == 1 && kernel.back() == 1;
    return oneByOne && groups == 1 ? "pointwise" : "standard";
}

} // namespace mdse::core
