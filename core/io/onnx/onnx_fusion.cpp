// Stand-alone activations after a conv/dense/add become that layer's fused
// `activation`, as the YAML zoo writes them (and as MCU kernels run them).
#include "core/io/onnx/onnx_importer.h"

#include <algorithm>

namespace mdse::core::onnx_import {
namespace {

const char* fusedName(OpKind op)
{
    switch (op) {
    case OpKind::Relu: return "relu";
    case OpKind::Relu6: return "relu6";
    case OpKind::HardSwish: return "hardswish";
    case OpKind::Sigmoid: return "sigmoid";
    case OpKind::Tanh: return "tanh";
    default: return nullptr;
    }
}

bool acceptsActivation(const Layer& layer)
{
    const bool op = layer.op == OpKind::Conv2D || layer.op == OpKind::ConvTranspose2D || layer.op == OpKind::Dense
        || (layer.op == OpKind::Add && !layer.attributes.has("constant"));
    return op && layer.attributes.getString("activation", "none") == "none";
}

} // namespace

void fuseActivations(std::vector<Layer>& layers, const std::vector<std::string>& graphOutputs)
{
    std::map<std::string, int> uses;
    std::map<std::string, std::size_t> producer;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        for (const std::string& input : layers[i].inputs)
            ++uses[input];
        for (const std::string& output : layers[i].outputs)
            producer[output] = i;
    }
    for (const std::string& output : graphOutputs)
        ++uses[output];
    std::vector<bool> removed(layers.size(), false);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const char* name = fusedName(layers[i].op);
        const auto source = name ? producer.find(layers[i].inputs.front()) : producer.end();
        if (source == producer.end() || uses[layers[i].inputs.front()] != 1)
            continue;
        Layer& target = layers[source->second];
        if (removed[source->second] || !acceptsActivation(target))
            continue;
        target.attributes.set("activation", std::string(name));
        target.outputs = layers[i].outputs;
        if (layers[i].activationType) // a QuantizeLinear after the activation: its type is the output's
            target.activationType = layers[i].activationType;
        producer[layers[i].outputs.front()] = source->second;
        removed[i] = true;
    }
    std::vector<Layer> kept;
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (!removed[i])
            kept.push_back(std::move(layers[i]));
    layers = std::move(kept);
}

} // namespace mdse::core::onnx_import
