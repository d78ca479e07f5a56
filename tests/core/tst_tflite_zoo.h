#pragma once
// Writes a zoo network as an int8 TFLite model the way the TFLite
// converter lays one out (tests and benchmarks): NHWC tensors with the
// batch, int8 activations with per-tensor scales, int8 conv / dense weights
// with per-channel scales on axis 0 (axis 3 for depthwise filters), int32
// biases on every conv and dense, BatchNorm folded into the producing conv
// (its activation fused there), zoo padding expressed as SAME / VALID or a
// PAD operator (tensorflow/lite/schema/schema.fbs; the converter's int8
// post-training quantization, tensorflow.org/lite/performance/quantization_spec).

#include "core/graph/network.h"
#include "tests/core/tst_tflite_builder.h"

#include <map>
#include <stdexcept>

namespace mdse::test {

class ZooToTflite {
public:
    // schema.fbs enum BuiltinOperator (the codes this writer emits)
    enum Code : std::int32_t {
        ADD = 0, AVERAGE_POOL_2D = 1, CONV_2D = 3, DEPTHWISE_CONV_2D = 4, FULLY_CONNECTED = 9,
        MAX_POOL_2D = 17, RELU = 19, RELU6 = 21, RESHAPE = 22, SOFTMAX = 25, PAD = 34, MEAN = 40,
        HARD_SWISH = 117,
    };

    explicit ZooToTflite(const core::Network& network) : m_net(network)
    {
        for (const core::TensorInfo& input : network.inputs())
            m_tensors[input.name] = activation(input.name, input.shape);
        m_builder.inputs({m_tensors.at(network.inputs().front().name)});
        for (const core::Layer& layer : network.layers())
            emit(layer);
        std::vector<std::int32_t> outputs;
        for (const std::string& name : network.outputs())
            outputs.push_back(m_tensors.at(name));
        m_builder.outputs(outputs);
    }
    std::vector<std::uint8_t> bytes() const { return m_builder.finish(); }

private:
    using Ints = std::vector<std::int64_t>;

    static std::vector<std::int32_t> nhwc(const core::Shape& s)
    {
        if (s.size() == 3)
            return {1, static_cast<std::int32_t>(s[1]), static_cast<std::int32_t>(s[2]), static_cast<std::int32_t>(s[0])};
        std::vector<std::int32_t> out{1};
        for (std::int64_t d : s)
            out.push_back(static_cast<std::int32_t>(d));
        return out;
    }
    int activation(const std::string& name, const core::Shape& shape)
    {
        return m_builder.tensor(name, nhwc(shape), TfliteBuilder::I8, {{0.05f}, {-128}});
    }
    int output(const core::Layer& layer) { return activation(layer.outputs.front(), m_net.tensor(layer.outputs.front()).shape); }
    const core::Shape& shapeOf(const std::string& tensor) const { return m_net.tensor(tensor).shape; }

    // The activation a layer's sole BatchNorm consumer fuses (folded BN).
    const core::Layer* foldedBatchNorm(const core::Layer& layer) const
    {
        const core::Layer* consumer = nullptr;
        for (const core::Layer& other : m_net.layers())
            for (const std::string& in : other.inputs)
                if (in == layer.outputs.front()) {
                    if (consumer)
                        return nullptr;
                    consumer = &other;
                }
        return consumer && consumer->op == core::OpKind::BatchNorm ? consumer : nullptr;
    }
    static std::int64_t fused(const std::string& activation)
    {
        return activation == "relu" ? 1 : activation == "relu6" ? 3 : 0;
    }
    // A zoo activation the op cannot fuse follows as its own operator.
    int finishActivation(const std::string& act, int tensor, const std::string& name, const core::Shape& shape)
    {
        if (act != "hardswish" && act != "sigmoid" && act != "tanh" && act != "leaky_relu")
            return tensor;
        if (act != "hardswish")
            throw std::runtime_error("ZooToTflite: activation " + act + " not written");
        const int out = activation(name + "/hardswish", shape);
        m_builder.op(HARD_SWISH, {tensor}, {out});
        return out;
    }

    void conv(const core::Layer& layer)
    {
        const core::Shape in = shapeOf(layer.inputs.front());
        const core::Layer* bn = foldedBatchNorm(layer);
        const core::Layer& last = bn ? *bn : layer;
        const core::Shape out = shapeOf(last.outputs.front());
        const Ints k = layer.attributes.getInts("kernel", {1});
        const Ints s = layer.attributes.getInts("stride", {1});
        const std::int64_t groups = layer.attributes.getInt("groups", 1);
        const auto filters = static_cast<std::int32_t>(layer.attributes.getInt("filters", 1));
        const auto kh = static_cast<std::int32_t>(k.front()), kw = static_cast<std::int32_t>(k.back());
        const std::int64_t sh = s.front(), sw = s.back();
        int x = m_tensors.at(layer.inputs.front());
        // SAME: out = ceil(in / s); VALID: out = floor((in - k) / s) + 1
        // (tensorflow/lite/kernels/padding.h); otherwise an explicit PAD.
        std::int64_t padding = 0;
        if (out[1] == (in[1] + sh - 1) / sh && out[2] == (in[2] + sw - 1) / sw && !(k.front() == 1 && k.back() == 1))
            padding = 0;
        else if (out[1] == (in[1] - kh) / sh + 1 && out[2] == (in[2] - kw) / sw + 1)
            padding = 1;
        else {
            const std::int64_t ph = ((out[1] - 1) * sh + kh - in[1]) / 2, pw = ((out[2] - 1) * sw + kw - in[2]) / 2;
            const int pads = m_builder.ints(layer.name + "/paddings", {0, 0, static_cast<std::int32_t>(ph),
                                                                       static_cast<std::int32_t>(ph), static_cast<std::int32_t>(pw),
                                                                       static_cast<std::int32_t>(pw), 0, 0});
            const int padded = activation(layer.name + "/padded", {in[0], in[1] + 2 * ph, in[2] + 2 * pw});
            m_builder.op(PAD, {x, pads}, {padded}, TfliteBuilder::PadOptions, {});
            x = padded;
            padding = 1;
        }
        const bool depthwise = groups > 1 && groups == in[0] && filters % groups == 0;
        const auto cin = static_cast<std::int32_t>(in[0] / groups);
        const int w = depthwise ? m_builder.constant(layer.name + "/filter", {1, kh, kw, filters}, TfliteBuilder::I8, scales(filters, 3))
                                : m_builder.constant(layer.name + "/filter", {filters, kh, kw, cin}, TfliteBuilder::I8, scales(filters, 0));
        const int b = m_builder.constant(layer.name + "/bias", {filters}, TfliteBuilder::I32, scales(filters, 0));
        const std::string act = last.attributes.getString("activation", layer.attributes.getString("activation", "none"));
        const int y = activation(last.outputs.front() + (act == "hardswish" ? "/pre" : ""), out);
        using F = TfliteField;
        if (depthwise)
            m_builder.op(DEPTHWISE_CONV_2D, {x, w, b}, {y}, TfliteBuilder::DepthwiseConv2DOptions,
                         {F{0, padding, 1}, F{1, sw}, F{2, sh}, F{3, filters / groups}, F{4, fused(act), 1}});
        else
            m_builder.op(CONV_2D, {x, w, b}, {y}, TfliteBuilder::Conv2DOptions,
                         {F{0, padding, 1}, F{1, sw}, F{2, sh}, F{3, fused(act), 1}});
        m_tensors[last.outputs.front()] = finishActivation(act, y, last.outputs.front(), out);
        if (bn)
            m_tensors[layer.outputs.front()] = y;
    }
    static TfliteQuant scales(std::int32_t channels, int axis)
    {
        TfliteQuant q;
        q.scales.assign(static_cast<std::size_t>(channels), 0.01f);
        q.zeroPoints.assign(static_cast<std::size_t>(channels), 0);
        q.dimension = axis;
        return q;
    }

    void emit(const core::Layer& layer)
    {
        using core::OpKind;
        using F = TfliteField;
        if (m_tensors.count(layer.outputs.front()) && layer.op == OpKind::BatchNorm)
            return; // folded into its conv
        const std::string act = layer.attributes.getString("activation", "none");
        switch (layer.op) {
        case OpKind::Conv2D: conv(layer); return;
        case OpKind::Add: {
            const int y = output(layer);
            m_builder.op(ADD, {m_tensors.at(layer.inputs[0]), m_tensors.at(layer.inputs[1])}, {y},
                         TfliteBuilder::AddOptions, {F{0, fused(act), 1}});
            m_tensors[layer.outputs.front()] = y;
            return;
        }
        case OpKind::GlobalAvgPool: {
            const int axes = m_builder.ints(layer.name + "/axes", {1, 2});
            const int y = output(layer);
            m_builder.op(MEAN, {m_tensors.at(layer.inputs[0]), axes}, {y}, TfliteBuilder::ReducerOptions, {F{0, 1, 1}});
            m_tensors[layer.outputs.front()] = y;
            return;
        }
        case OpKind::AvgPool:
        case OpKind::MaxPool: {
            const Ints k = layer.attributes.getInts("kernel", {1});
            const Ints s = layer.attributes.getInts("stride", k);
            const std::int64_t valid = layer.attributes.holdsString("padding")
                                               && layer.attributes.getString("padding", "") == "same" ? 0 : 1;
            const int y = output(layer);
            m_builder.op(layer.op == OpKind::AvgPool ? AVERAGE_POOL_2D : MAX_POOL_2D, {m_tensors.at(layer.inputs[0])}, {y},
                         TfliteBuilder::Pool2DOptions, {F{0, valid, 1}, F{1, s.back()}, F{2, s.front()}, F{3, k.back()}, F{4, k.front()}});
            m_tensors[layer.outputs.front()] = y;
            return;
        }
        case OpKind::Flatten:
        case OpKind::Reshape: {
            const core::Shape out = shapeOf(layer.outputs.front());
            std::vector<std::int32_t> dims = nhwc(out);
            const int shape = m_builder.ints(layer.name + "/shape", dims);
            const int y = m_builder.tensor(layer.outputs.front(), dims, TfliteBuilder::I8, {{0.05f}, {-128}});
            m_builder.op(RESHAPE, {m_tensors.at(layer.inputs[0]), shape}, {y}, TfliteBuilder::ReshapeOptions, {});
            m_tensors[layer.outputs.front()] = y;
            return;
        }
        case OpKind::Dense: {
            const core::Shape in = shapeOf(layer.inputs.front());
            const auto units = static_cast<std::int32_t>(layer.attributes.getInt("units", 1));
            const int w = m_builder.constant(layer.name + "/weights", {units, static_cast<std::int32_t>(in.back())},
                                             TfliteBuilder::I8, scales(units, 0));
            const int b = m_builder.constant(layer.name + "/bias", {units}, TfliteBuilder::I32, scales(units, 0));
            const int y = output(layer);
            m_builder.op(FULLY_CONNECTED, {m_tensors.at(layer.inputs[0]), w, b}, {y}, TfliteBuilder::FullyConnectedOptions,
                         {F{0, fused(act), 1}});
            m_tensors[layer.outputs.front()] = y;
            return;
        }
        case OpKind::Softmax:
        case OpKind::Relu:
        case OpKind::Relu6:
        case OpKind::HardSwish: {
            const int y = output(layer);
            const std::int32_t code = layer.op == OpKind::Softmax ? SOFTMAX
                                    : layer.op == OpKind::Relu    ? RELU
                                    : layer.op == OpKind::Relu6   ? RELU6
                                                                  : HARD_SWISH;
            m_builder.op(code, {m_tensors.at(layer.inputs[0])}, {y});
            m_tensors[layer.outputs.front()] = y;
            return;
        }
        default: throw std::runtime_error("ZooToTflite: op " + std::string(core::opName(layer.op)) + " not written");
        }
    }

    const core::Network& m_net;
    TfliteBuilder m_builder;
    std::map<std::string, int> m_tensors;
};

} // namespace mdse::test
