// Importer: access to node inputs and attributes, and layer emission.
#include "core/io/onnx/onnx_importer.h"

#include "core/graph/shape_inference.h"

#include <algorithm>

namespace mdse::core::onnx_import {
namespace {

constexpr std::int64_t kMaxMaterialisedElements = std::int64_t{1} << 22;

} // namespace

bool Importer::hasInput(const Node& node, int i) const
{
    return i < node.input_size() && !node.input(i).empty();
}

const Value& Importer::input(const Node& node, int i) const
{
    if (!hasInput(node, i))
        fail(node, "input " + std::to_string(i) + " is missing");
    const auto it = m_values.find(node.input(i));
    if (it == m_values.end())
        fail(node, "input '" + node.input(i) + "' is not defined");
    return it->second;
}

const ConstantValue& Importer::constantInput(const Node& node, int i, const char* what) const
{
    const Value& value = input(node, i);
    if (!value.isConstant)
        fail(node, std::string(what) + " (input '" + node.input(i)
                       + "') must be a constant or computable at import time, but it is only known at run time");
    return value.constant;
}

const ActivationValue& Importer::activationInput(const Node& node, int i) const
{
    const Value& value = input(node, i);
    if (value.isConstant)
        fail(node, "input '" + node.input(i) + "' is a constant where this importer expects a run-time tensor");
    return value.activation;
}

std::vector<std::int64_t> Importer::intsInput(const Node& node, int i, const char* what) const
{
    const ConstantValue& constant = constantInput(node, i, what);
    if (!constant.isInteger())
        fail(node, std::string(what) + " must be an integer tensor, found " + onnxTypeName(constant.dataType));
    return constant.ints;
}

std::vector<double> Importer::realsInput(const Node& node, int i, const char* what) const
{
    return realsOf(node, constantInput(node, i, what));
}

std::vector<double> Importer::realsOf(const Node& node, const ConstantValue& constant) const
{
    if (constant.isInteger())
        return {constant.ints.begin(), constant.ints.end()};
    if (constant.materialised)
        return constant.reals;
    if (constant.elementCount() > kMaxMaterialisedElements)
        fail(node, "a constant of " + std::to_string(constant.elementCount())
                       + " elements is too large to evaluate at import time");
    const WeightTensor& tensor = m_store->at(constant.weightName);
    std::vector<double> values(static_cast<std::size_t>(tensor.elementCount()));
    for (std::size_t k = 0; k < values.size(); ++k)
        values[k] = tensor.valueAt(static_cast<std::int64_t>(k));
    return values;
}

void Importer::setConstant(const std::string& onnxName, ConstantValue constant)
{
    if (onnxName.empty())
        return;
    Value value;
    value.isConstant = true;
    value.constant = std::move(constant);
    m_values[onnxName] = std::move(value);
}

void Importer::alias(const std::string& onnxName, ActivationValue activation)
{
    if (onnxName.empty())
        return;
    m_aliases[activation.tensor].push_back(onnxName);
    m_values[onnxName] = Value{false, {}, std::move(activation)};
}

std::string Importer::layerName(const Node& node, const std::string& suffix)
{
    const std::string base
        = (node.name().empty() ? node.op_type() + "_" + std::to_string(m_nodeIndex) : node.name()) + suffix;
    // Repeated names get "_1", "_2", ..., which exporters also use for the
    // next node of the same kind (PyTorch: "/rnn/LSTM", "/rnn/LSTM_1"):
    // skip every name already taken.
    int& uses = m_layerNames[base];
    std::string name = base;
    while (uses > 0 && m_layerNames.count(name) > 0)
        name = base + "_" + std::to_string(uses++);
    if (name == base)
        uses = 1;
    else
        m_layerNames[name] = 1;
    return name;
}

std::size_t Importer::emit(const Node& node, Layer layer, std::vector<std::vector<bool>> masks,
                           std::vector<std::string> outputNames)
{
    layer.name = layerName(node, layer.name);
    layer.sourceNode = node.name();
    layer.origin = {m_path, 0, 0};
    if (outputNames.empty())
        outputNames.assign(node.output().begin(), node.output().end());
    layer.outputs = outputNames;
    std::vector<TensorInfo> inputs;
    for (const std::string& name : layer.inputs)
        inputs.push_back({name, m_ourShapes.at(name), Precision::Fp32});
    std::vector<Shape> shapes;
    try {
        shapes = inferOutputShapes(layer, inputs);
        for (const Shape& shape : shapes)
            elementCount(shape);
    } catch (const Error& error) {
        fail(node, error.message());
    }
    std::vector<bool> inputMask; // of the node's first run-time input, as ONNX sees it
    for (const std::string& name : node.input())
        if (const auto it = m_values.find(name); it != m_values.end() && !it->second.isConstant) {
            inputMask = it->second.activation.dropped;
            break;
        }
    for (std::size_t o = 0; o < outputNames.size() && o < shapes.size(); ++o) {
        std::vector<bool> mask = o < masks.size() ? masks[o] : std::vector<bool>{};
        if (mask.empty()) {
            const bool sameRank = inputMask.size() - static_cast<std::size_t>(std::count(inputMask.begin(), inputMask.end(), true)) == shapes[o].size();
            mask = sameRank ? inputMask : defaultMask(shapes[o].size() + 1);
        }
        ActivationValue value;
        value.tensor = outputNames[o];
        value.dropped = mask;
        for (std::size_t d = 0, source = 0; d < mask.size(); ++d)
            value.onnxShape.push_back(mask[d] ? 1 : (source < shapes[o].size() ? shapes[o][source++] : -1));
        if (value.ourShape() != shapes[o])
            fail(node, "internal: the layer's shape " + shapeToString(shapes[o])
                           + " does not map to the ONNX output's axes");
        m_ourShapes[outputNames[o]] = shapes[o];
        m_producers[outputNames[o]] = m_layers.size();
        alias(outputNames[o], value);
    }
    m_layers.push_back(std::move(layer));
    m_removed.push_back(false);
    return m_layers.size() - 1;
}

long Importer::producerOf(const std::string& ourTensor) const
{
    const auto it = m_producers.find(ourTensor);
    return it == m_producers.end() || m_removed[it->second] ? -1 : static_cast<long>(it->second);
}

int Importer::usesOf(const std::string& ourTensor) const
{
    int uses = 0;
    const auto it = m_aliases.find(ourTensor);
    if (it != m_aliases.end())
        for (const std::string& name : it->second)
            if (const auto count = m_onnxUses.find(name); count != m_onnxUses.end())
                uses += count->second;
    return uses;
}

int Importer::onnxUses(const std::string& onnxName) const
{
    const auto it = m_onnxUses.find(onnxName);
    return it == m_onnxUses.end() ? 0 : it->second;
}

// Makes layer `layerIndex` produce the ONNX tensor `newOnnxName` (shaped as
// `shapeOf`) instead of its own output, e.g. a conv absorbing a BatchNorm.
void Importer::renameOutput(std::size_t layerIndex, const std::string& newOnnxName, const ActivationValue& shapeOf)
{
    Layer& target = m_layers[layerIndex];
    const Shape shape = shapeOf.ourShape();
    target.outputs.front() = newOnnxName;
    m_ourShapes[newOnnxName] = shape;
    m_producers[newOnnxName] = layerIndex;
    ActivationValue value = shapeOf;
    value.tensor = newOnnxName;
    alias(newOnnxName, value);
}

std::string Importer::storeConstant(const Node& node, const ConstantValue& constant, const std::string& hint)
{
    if (!constant.weightName.empty())
        return constant.weightName;
    std::string name = hint;
    for (int k = 1; m_store->find(name); ++k)
        name = hint + "#" + std::to_string(k);
    std::vector<double> values = realsOf(node, constant);
    m_store->addOwnedFloats(name, constant.dims, std::vector<float>(values.begin(), values.end()));
    return name;
}

std::int64_t Importer::ourAxis(const Node& node, const ActivationValue& value, std::int64_t onnxAxis) const
{
    const auto rank = static_cast<std::int64_t>(value.onnxShape.size());
    if (onnxAxis < -rank || onnxAxis >= rank)
        fail(node, "axis " + std::to_string(onnxAxis) + " is out of range for rank " + std::to_string(rank));
    const std::int64_t axis = onnxAxis < 0 ? onnxAxis + rank : onnxAxis;
    if (value.dropped[static_cast<std::size_t>(axis)])
        fail(node, "works along axis " + std::to_string(axis) + " of " + shapeToString(value.onnxShape)
                       + ", the batch (or another axis of extent 1 this importer drops); not supported");
    return std::count(value.dropped.begin(), value.dropped.begin() + axis, false);
}

const onnx::AttributeProto* Importer::attr(const Node& node, const std::string& name) const
{
    for (const auto& attribute : node.attribute())
        if (attribute.name() == name)
            return &attribute;
    return nullptr;
}

std::int64_t Importer::attrInt(const Node& node, const std::string& name, std::int64_t fallback) const
{
    const auto* a = attr(node, name);
    if (!a)
        return fallback;
    if (a->type() != onnx::AttributeProto::INT)
        fail(node, "attribute '" + name + "' must be an integer");
    return a->i();
}

double Importer::attrFloat(const Node& node, const std::string& name, double fallback) const
{
    const auto* a = attr(node, name);
    if (!a)
        return fallback;
    if (a->type() != onnx::AttributeProto::FLOAT)
        fail(node, "attribute '" + name + "' must be a float");
    return a->f();
}

std::string Importer::attrString(const Node& node, const std::string& name, const std::string& fallback) const
{
    const auto* a = attr(node, name);
    if (!a)
        return fallback;
    if (a->type() != onnx::AttributeProto::STRING)
        fail(node, "attribute '" + name + "' must be a string");
    return a->s();
}

std::vector<std::int64_t> Importer::attrInts(const Node& node, const std::string& name,
                                             const std::vector<std::int64_t>& fallback) const
{
    const auto* a = attr(node, name);
    if (!a)
        return fallback;
    if (a->type() != onnx::AttributeProto::INTS)
        fail(node, "attribute '" + name + "' must be a list of integers");
    return {a->ints().begin(), a->ints().end()};
}

} // namespace mdse::core::onnx_import

namespace mdse::core::onnx_import {

Precision Importer::storedTypeOf(const ConstantValue& constant) const
{
    if (constant.quantizedType)
        return *constant.quantizedType;
    if (const WeightTensor* tensor = constant.weightName.empty() ? nullptr : m_store->find(constant.weightName))
        return tensor->type;
    return Precision::Fp32;
}

std::optional<Precision> quantizedOutputType(const Importer& im, const Node& node, int zeroPointIndex)
{
    if (!im.hasInput(node, zeroPointIndex))
        return Precision::UInt8;
    const Value& zeroPoint = im.input(node, zeroPointIndex);
    if (!zeroPoint.isConstant)
        return std::nullopt;
    switch (zeroPoint.constant.dataType) {
    case onnx::TensorProto::INT8: return Precision::Int8;
    case onnx::TensorProto::UINT8: return Precision::UInt8;
    case onnx::TensorProto::INT16: return Precision::Int16;
    case onnx::TensorProto::UINT16: return Precision::unsignedInteger(16);
    default: return std::nullopt;
    }
}

} // namespace mdse::core::onnx_import
