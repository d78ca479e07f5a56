// The importer driver: initializers, graph inputs, node order, dispatch to
// folding or layer handlers, graph outputs. See docs/onnx-import.md.
#include "core/io/onnx/onnx_importer.h"
#include "core/io/onnx/onnx_inputs.h"

#include <algorithm>
#include <filesystem>
#include <queue>
#include <set>

namespace mdse::core::onnx_import {
namespace {

constexpr int kMinIrVersion = 3, kMaxIrVersion = 10;
constexpr int kMinOpset = 7, kMaxOpset = 18;

bool isDefaultDomain(const std::string& domain) { return domain.empty() || domain == "ai.onnx"; }

} // namespace

std::vector<bool> defaultMask(std::size_t rank)
{
    std::vector<bool> mask(rank, false);
    if (rank >= 2)
        mask[0] = true;
    return mask;
}

Shape ActivationValue::ourShape() const
{
    Shape shape;
    for (std::size_t d = 0; d < onnxShape.size(); ++d)
        if (!dropped[d])
            shape.push_back(onnxShape[d]);
    return shape;
}

Importer::Importer(onnx::ModelProto& model, std::string path, std::string baseDir,
                   std::shared_ptr<const void> fileKeepAlive, const OnnxImportOptions& options)
    : m_model(model)
    , m_path(std::move(path))
    , m_baseDir(std::move(baseDir))
    , m_fileKeepAlive(std::move(fileKeepAlive))
    , m_options(options)
{
}

void Importer::fail(const std::string& message) const { throw Error(message, {m_path, 0, 0}); }

void Importer::fail(const Node& node, const std::string& message) const
{
    const std::string name = node.name().empty() ? "#" + std::to_string(m_nodeIndex) : node.name();
    throw Error("node '" + name + "' (" + node.op_type() + "): " + message, {m_path, 0, 0});
}

NetworkDefinition Importer::run()
{
    if (!m_model.has_graph() || m_model.ir_version() == 0)
        fail("not an ONNX model: no ir_version or graph (is this another protobuf file?)");
    if (m_model.ir_version() < kMinIrVersion || m_model.ir_version() > kMaxIrVersion)
        fail("ONNX IR version " + std::to_string(m_model.ir_version()) + " is not supported (3 to 10 are)");
    for (const auto& opset : m_model.opset_import())
        if (isDefaultDomain(opset.domain()))
            m_opset = static_cast<int>(opset.version());
    if (m_opset == 0 && m_model.opset_import_size() == 0)
        m_opset = 1; // IR 3 models without opset_import default to opset 1
    if (m_opset < kMinOpset || m_opset > kMaxOpset)
        fail("default-domain opset " + std::to_string(m_opset) + " is not supported (7 to 18 are); "
             "convert the model with onnx.version_converter");
    const onnx::GraphProto& graph = m_model.graph();
    for (const Node& node : graph.node())
        for (const std::string& name : node.input())
            ++m_onnxUses[name];
    for (const auto& output : graph.output())
        ++m_onnxUses[output.name()];
    readInitializers();
    readInputs();
    const std::vector<int> order = orderNodes();
    checkSupported(order);
    for (int index : order) {
        m_nodeIndex = index;
        importNode(graph.node(index));
    }
    NetworkDefinition definition;
    definition.name = graph.name().empty() ? std::filesystem::path(m_path).stem().string() : graph.name();
    definition.source = "ONNX file " + std::filesystem::path(m_path).filename().string() + " (producer "
        + (m_model.producer_name().empty() ? "unknown" : m_model.producer_name() + " " + m_model.producer_version())
        + ", IR " + std::to_string(m_model.ir_version()) + ", opset " + std::to_string(m_opset) + ")";
    definition.description = m_model.doc_string().substr(0, 500);
    definition.inputs = m_inputs;
    definition.outputs = resolveOutputs();
    definition.origin = {m_path, 0, 0};
    for (std::size_t i = 0; i < m_layers.size(); ++i)
        if (!m_removed[i])
            definition.layers.push_back(std::move(m_layers[i]));
    fuseActivations(definition.layers, definition.outputs);
    if (definition.layers.empty())
        fail("the graph has no layer with run-time inputs (everything folds to constants)");
    definition.weights = m_store;
    definition.notes = m_notes;
    return definition;
}

void Importer::readInitializers()
{
    for (auto& tensor : *m_model.mutable_graph()->mutable_initializer()) {
        if (tensor.name().empty())
            fail("an initializer has no name");
        Value value;
        value.isConstant = true;
        value.constant = tensorConstant(tensor, "initializer '" + tensor.name() + "'");
        m_values[tensor.name()] = std::move(value);
    }
}

void Importer::readInputs()
{
    for (const auto& input : m_model.graph().input()) {
        if (m_values.count(input.name()))
            continue; // IR < 4 lists initializers as inputs too
        const std::string where = "graph input '" + input.name() + "'";
        if (!input.type().has_tensor_type())
            fail(where + " is not a tensor");
        Shape shape;
        const auto override = m_options.inputShapes.find(input.name());
        const auto& dims = input.type().tensor_type().shape().dim();
        if (override != m_options.inputShapes.end()) {
            shape = override->second;
            if (input.type().tensor_type().has_shape() && static_cast<std::size_t>(dims.size()) != shape.size())
                fail(where + " has rank " + std::to_string(dims.size()) + "; the override "
                     + shapeToString(shape) + " has rank " + std::to_string(shape.size()));
        } else {
            bool batchSeen = false;
            for (int d = 0; d < dims.size(); ++d) {
                const bool batchLike = isBatchLikeAxis(d, dims.size(), dims[d].dim_param());
                if (dims[d].has_dim_value() && dims[d].dim_value() > 0) {
                    shape.push_back(dims[d].dim_value());
                } else if (batchLike && !batchSeen) {
                    batchSeen = true;
                    shape.push_back(1); // symbolic batch
                } else {
                    fail(where + " has a symbolic dimension '" + dims[d].dim_param() + "' at axis "
                         + std::to_string(d) + "; give the full shape, e.g. --input-shape " + input.name()
                         + "=1x3x224x224 (CLI) or OnnxImportOptions::inputShapes");
                }
            }
        }
        for (std::int64_t extent : shape)
            if (extent <= 0 || extent > kMaxTensorElements)
                fail(where + " has an invalid shape " + shapeToString(shape));
        ActivationValue value{input.name(), shape, std::vector<bool>(shape.size(), false)};
        for (std::size_t d = 0; d < shape.size() && shape.size() >= 2; ++d)
            if (shape[d] == 1) { // the batch: the first unit axis
                value.dropped[d] = true;
                break;
            }
        if (value.ourShape().empty())
            fail(where + " has no axis left once the batch is dropped: " + shapeToString(shape));
        elementCount(value.ourShape());
        Precision type = Precision::Fp32;
        const int dataType = input.type().tensor_type().elem_type();
        if (dataType == onnx::TensorProto::UINT8 || dataType == onnx::TensorProto::INT8
            || dataType == onnx::TensorProto::FLOAT16)
            type = elementTypeOfOnnx(dataType);
        m_inputs.push_back({input.name(), value.ourShape(), type});
        m_ourShapes[input.name()] = value.ourShape();
        m_aliases[input.name()].push_back(input.name());
        m_values[input.name()] = Value{false, {}, value};
    }
    if (m_inputs.empty())
        fail("the graph has no run-time input");
}

// Kahn's algorithm over tensor names; reports dangling inputs and cycles.
std::vector<int> Importer::orderNodes() const
{
    const onnx::GraphProto& graph = m_model.graph();
    std::map<std::string, int> producer;
    for (int i = 0; i < graph.node_size(); ++i)
        for (const std::string& output : graph.node(i).output())
            if (!output.empty() && (m_values.count(output) || !producer.emplace(output, i).second))
                fail(graph.node(i), "output '" + output + "' is already produced by another node, an input or an initializer");
    std::vector<int> pending(static_cast<std::size_t>(graph.node_size()), 0);
    std::vector<std::vector<int>> dependents(pending.size());
    for (int i = 0; i < graph.node_size(); ++i) {
        for (const std::string& input : graph.node(i).input()) {
            if (input.empty() || m_values.count(input))
                continue;
            const auto it = producer.find(input);
            if (it == producer.end())
                fail(graph.node(i), "input '" + input + "' is not produced by any node, graph input or initializer");
            ++pending[static_cast<std::size_t>(i)];
            dependents[static_cast<std::size_t>(it->second)].push_back(i);
        }
    }
    std::priority_queue<int, std::vector<int>, std::greater<>> ready;
    for (int i = 0; i < graph.node_size(); ++i)
        if (pending[static_cast<std::size_t>(i)] == 0)
            ready.push(i);
    std::vector<int> order;
    while (!ready.empty()) {
        const int next = ready.top();
        ready.pop();
        order.push_back(next);
        for (int dependent : dependents[static_cast<std::size_t>(next)])
            if (--pending[static_cast<std::size_t>(dependent)] == 0)
                ready.push(dependent);
    }
    if (order.size() != pending.size())
        for (int i = 0; i < graph.node_size(); ++i)
            if (pending[static_cast<std::size_t>(i)] > 0)
                fail(graph.node(i), "is part of (or behind) a cycle: its inputs depend on its own outputs");
    return order;
}

void Importer::checkSupported(const std::vector<int>& order) const
{
    std::map<std::string, std::pair<int, std::vector<std::string>>> unsupported;
    for (int index : order) {
        const Node& node = m_model.graph().node(index);
        const std::string type = isDefaultDomain(node.domain()) ? node.op_type() : node.domain() + "." + node.op_type();
        if (isDefaultDomain(node.domain()) && (layerHandlers().count(type) || isFoldableOp(type)))
            continue;
        auto& entry = unsupported[type];
        ++entry.first;
        if (entry.second.size() < 3)
            entry.second.push_back(node.name().empty() ? "#" + std::to_string(index) : node.name());
    }
    if (unsupported.empty())
        return;
    std::string list;
    for (const auto& [type, entry] : unsupported) {
        list += (list.empty() ? "" : "; ") + type + " x" + std::to_string(entry.first) + " (";
        for (std::size_t i = 0; i < entry.second.size(); ++i)
            list += (i ? ", '" : "'") + entry.second[i] + "'";
        list += entry.first > 3 ? ", ...)" : ")";
    }
    fail("unsupported ONNX ops: " + list);
}

void Importer::importNode(const Node& node)
{
    // Every ONNX operator we read has at least one output; the handlers and
    // folders below index output(0) (a node without outputs is malformed).
    if (node.output_size() == 0)
        fail(node, "has no outputs");
    if (foldNode(*this, node))
        return;
    const auto handler = layerHandlers().find(node.op_type());
    if (handler == layerHandlers().end())
        fail(node, "can only be computed at import time, but an input is only known at run time");
    handler->second(*this, node);
    for (const std::string& output : node.output())
        if (!output.empty() && !m_values.count(output) && m_onnxUses.count(output))
            fail(node, "output '" + output + "' is used but this importer does not produce it");
}

std::vector<std::string> Importer::resolveOutputs() const
{
    std::vector<std::string> outputs;
    for (const auto& output : m_model.graph().output()) {
        const auto it = m_values.find(output.name());
        if (it == m_values.end())
            fail("graph output '" + output.name() + "' is not produced by any node");
        if (it->second.isConstant)
            continue; // a constant output needs no layer
        const std::string& tensor = it->second.activation.tensor;
        if (std::find(outputs.begin(), outputs.end(), tensor) == outputs.end())
            outputs.push_back(tensor);
    }
    return outputs;
}

} // namespace mdse::core::onnx_import
