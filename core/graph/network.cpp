#include "core/graph/network.h"

#include "core/graph/shape_inference.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <set>

namespace mdse::core {
namespace {

[[noreturn]] void failAt(const Layer& layer, const std::string& message)
{
    throw Error("layer '" + layer.name + "' (" + std::string(opName(layer.op)) + "): " + message,
                layer.origin);
}

} // namespace

Network::Network(NetworkDefinition definition)
    : m_definition(std::move(definition))
{
    if (m_definition.inputs.empty())
        throw Error("network '" + m_definition.name + "' has no inputs", m_definition.origin);
    if (m_definition.layers.empty())
        throw Error("network '" + m_definition.name + "' has no layers", m_definition.origin);
    indexTensors();
    orderLayers();
    inferShapes();
    resolveOutputs();
}

void Network::indexTensors()
{
    for (const TensorInfo& input : m_definition.inputs) {
        if (!m_producers.emplace(input.name, -1).second)
            throw Error("graph input '" + input.name + "' is declared twice", m_definition.origin);
        elementCount(input.shape); // rejects non-positive or huge shapes
        m_tensors[input.name] = input;
    }
    std::set<std::string> layerNames;
    for (std::size_t i = 0; i < m_definition.layers.size(); ++i) {
        const Layer& layer = m_definition.layers[i];
        if (!layerNames.insert(layer.name).second)
            failAt(layer, "another layer already has this name");
        if (layer.outputs.empty())
            failAt(layer, "produces no output tensor");
        for (const std::string& output : layer.outputs)
            if (!m_producers.emplace(output, static_cast<long>(i)).second)
                failAt(layer, "output tensor '" + output + "' is already produced elsewhere");
    }
    for (const Layer& layer : m_definition.layers)
        for (const std::string& input : layer.inputs)
            if (!m_producers.count(input))
                failAt(layer, "input '" + input + "' is neither a graph input nor any layer's output");
}

void Network::orderLayers()
{
    const std::size_t count = m_definition.layers.size();
    std::vector<int> pending(count, 0);
    std::vector<std::vector<std::size_t>> dependents(count);
    for (std::size_t i = 0; i < count; ++i)
        for (const std::string& input : m_definition.layers[i].inputs)
            if (const long producer = m_producers.at(input); producer >= 0) {
                ++pending[i];
                dependents[static_cast<std::size_t>(producer)].push_back(i);
            }
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t i = 0; i < count; ++i)
        if (pending[i] == 0)
            ready.push(i);
    while (!ready.empty()) {
        const std::size_t next = ready.top();
        ready.pop();
        m_order.push_back(next);
        for (std::size_t dependent : dependents[next])
            if (--pending[dependent] == 0)
                ready.push(dependent);
    }
    if (m_order.size() == count)
        return;
    std::string names;
    const Layer* firstStuck = nullptr;
    int listed = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (pending[i] == 0)
            continue;
        if (!firstStuck)
            firstStuck = &m_definition.layers[i];
        if (listed++ < 6)
            names += (names.empty() ? "'" : ", '") + m_definition.layers[i].name + "'";
    }
    throw Error("the layers " + names + " are in or behind a cycle: each waits for another's output",
                firstStuck->origin);
}

void Network::inferShapes()
{
    for (std::size_t index : m_order) {
        const Layer& layer = m_definition.layers[index];
        std::vector<TensorInfo> inputs;
        for (const std::string& name : layer.inputs)
            inputs.push_back(m_tensors.at(name));
        std::vector<Shape> outputShapes;
        try {
            outputShapes = inferOutputShapes(layer, inputs);
            for (const Shape& shape : outputShapes)
                elementCount(shape);
        } catch (const Error& error) {
            failAt(layer, error.message());
        }
        const Precision type = layer.activationType ? *layer.activationType
                             : inputs.empty()      ? Precision::Fp32
                                                   : inputs.front().type;
        for (std::size_t o = 0; o < layer.outputs.size(); ++o)
            m_tensors[layer.outputs[o]] = TensorInfo{layer.outputs[o], outputShapes.at(o), type};
    }
}

void Network::resolveOutputs()
{
    if (!m_definition.outputs.empty()) {
        for (const std::string& output : m_definition.outputs)
            if (!m_tensors.count(output))
                throw Error("graph output '" + output + "' is not produced by any layer",
                            m_definition.origin);
        m_outputs = m_definition.outputs;
        return;
    }
    std::set<std::string> consumed;
    for (const Layer& layer : m_definition.layers)
        consumed.insert(layer.inputs.begin(), layer.inputs.end());
    for (std::size_t index : m_order)
        for (const std::string& output : m_definition.layers[index].outputs)
            if (!consumed.count(output))
                m_outputs.push_back(output);
}

const TensorInfo& Network::tensor(const std::string& name) const
{
    const auto it = m_tensors.find(name);
    if (it == m_tensors.end())
        throw Error("no tensor named '" + name + "' in network '" + m_definition.name + "'");
    return it->second;
}

long Network::producerOf(const std::string& tensorName) const
{
    const auto it = m_producers.find(tensorName);
    if (it == m_producers.end())
        throw Error("no tensor named '" + tensorName + "' in network '" + m_definition.name + "'");
    return it->second;
}

std::vector<std::size_t> Network::consumersOf(const std::string& tensorName) const
{
    std::vector<std::size_t> consumers;
    for (std::size_t i = 0; i < m_definition.layers.size(); ++i) {
        const auto& inputs = m_definition.layers[i].inputs;
        if (std::find(inputs.begin(), inputs.end(), tensorName) != inputs.end())
            consumers.push_back(i);
    }
    return consumers;
}

} // namespace mdse::core
