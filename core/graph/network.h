#pragma once

#include "core/graph/layer.h"
#include "core/graph/weight_store.h"

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mdse::core {

// What a network file describes, before validation.
struct NetworkDefinition {
    std::string name;
    std::string source;      // citation: paper or reference implementation
    std::string description;
    std::vector<TensorInfo> inputs;
    std::vector<std::string> outputs; // empty = every tensor nobody consumes
    std::vector<Layer> layers;        // in file order
    SourceLocation origin;            // the file, for error messages
    // Imported models only (not part of equality): the constant tensors the
    // layers name, and notes on what the importer changed (folded BatchNorms).
    std::shared_ptr<const WeightStore> weights;
    std::vector<std::string> notes;
    // Variable tensors (TFLite `is_variable`: LSTM/SVDF state that persists
    // between invocations); read by layers but produced by none.
    std::vector<TensorInfo> stateTensors;

    bool operator==(const NetworkDefinition& other) const
    {
        return name == other.name && source == other.source && description == other.description
            && inputs == other.inputs && outputs == other.outputs && layers == other.layers;
    }
};

// A validated DAG of layers with inferred tensor shapes. Constructing one
// checks unique names, defined inputs, absence of cycles and every layer's
// shapes; any problem throws core::Error naming the layer and its location.
class Network {
public:
    explicit Network(NetworkDefinition definition);

    const NetworkDefinition& definition() const { return m_definition; }
    const std::string& name() const { return m_definition.name; }
    const std::vector<Layer>& layers() const { return m_definition.layers; }
    const std::vector<TensorInfo>& inputs() const { return m_definition.inputs; }
    const std::vector<std::string>& outputs() const { return m_outputs; }
    // Constant tensors of an imported model; null for YAML networks.
    const WeightStore* weights() const { return m_definition.weights.get(); }

    // Layer indices in execution order: a topological order that, among
    // layers ready at the same time, takes the one written first.
    const std::vector<std::size_t>& executionOrder() const { return m_order; }

    const TensorInfo& tensor(const std::string& name) const;
    // Index of the layer producing `tensorName`, or -1 for a graph input.
    long producerOf(const std::string& tensorName) const;
    // Indices of layers reading `tensorName`, in file order.
    std::vector<std::size_t> consumersOf(const std::string& tensorName) const;

    bool operator==(const Network& other) const { return m_definition == other.m_definition; }

private:
    void indexTensors();
    void orderLayers();
    void inferShapes();
    void resolveOutputs();

    NetworkDefinition m_definition;
    std::vector<std::size_t> m_order;
    std::vector<std::string> m_outputs;
    std::map<std::string, TensorInfo> m_tensors;
    std::map<std::string, long> m_producers;
};

} // namespace mdse::core
