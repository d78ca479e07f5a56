#include "core/io/tflite/tflite_importer.h"

#include "core/graph/shape_inference.h"
#include "core/util/checked_math.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace mdse::core::tflite_import {
namespace {

namespace s = schema;

std::optional<std::string> activationName(std::int8_t act)
{
    switch (act) {
    case s::ACT_RELU: return "relu";
    case s::ACT_RELU6: return "relu6";
    case s::ACT_TANH: return "tanh";
    default: return std::nullopt;
    }
}

OpKind activationKind(std::int8_t act)
{
    return act == s::ACT_RELU ? OpKind::Relu : act == s::ACT_RELU6 ? OpKind::Relu6 : OpKind::Tanh;
}

} // namespace

Layout layoutOf(const std::vector<std::int32_t>& dims)
{
    Layout layout;
    layout.dropBatch = dims.size() >= 2 && dims.front() == 1;
    layout.nhwc = layout.dropBatch && dims.size() == 4;
    return layout;
}

Shape mapShape(const std::vector<std::int32_t>& dims, const Layout& layout)
{
    if (dims.empty())
        return {1}; // a scalar is one element
    if (layout.nhwc)
        return {dims[3], dims[1], dims[2]};
    return Shape(dims.begin() + (layout.dropBatch ? 1 : 0), dims.end());
}

std::optional<std::size_t> mapAxis(std::size_t fileAxis, const Layout& layout)
{
    if (layout.nhwc) {
        static constexpr int ours[] = {-1, 1, 2, 0}; // N, H, W, C -> -, H, W, C
        const int axis = ours[fileAxis];
        return axis < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(axis));
    }
    if (layout.dropBatch)
        return fileAxis == 0 ? std::nullopt : std::optional<std::size_t>(fileAxis - 1);
    return fileAxis;
}

std::optional<Precision> tflPrecision(std::int8_t type)
{
    switch (type) {
    case s::FLOAT32: return Precision::Fp32;
    case s::FLOAT16: return Precision::Fp16;
    case s::BFLOAT16: return Precision::Bf16;
    case s::INT32: return Precision::Int32;
    case s::INT16: return Precision::Int16;
    case s::INT8: return Precision::Int8;
    case s::UINT8: return Precision::UInt8;
    case s::BOOL: return Precision::UInt8; // one byte per element
    case s::INT4: return Precision::Int4;
    case s::UINT16: return Precision::unsignedInteger(16);
    case s::UINT32: return Precision::unsignedInteger(32);
    default: return std::nullopt;
    }
}

Importer::Importer(const TflModel& model, std::string path, std::shared_ptr<const void> keepAlive)
    : m_model(model), m_path(std::move(path)), m_keepAlive(std::move(keepAlive))
{
    std::set<std::string> taken;
    for (const TflTensor& t : m_model.tensors) {
        std::string name = t.name.empty() ? "tensor_" + std::to_string(t.index) : t.name;
        if (!taken.insert(name).second)
            name += "#" + std::to_string(t.index);
        taken.insert(name);
        m_names.push_back(name);
    }
}

std::string Importer::describe(const TflOperator& op) const
{
    std::string text = "operator " + std::to_string(op.index) + " (" + s::builtinName(op.code);
    if (op.code == s::CUSTOM)
        text += " '" + op.customCode + "'";
    return text + ")";
}

void Importer::fail(const TflOperator& op, const std::string& message) const
{
    throw Error("byte offset " + std::to_string(op.offset) + ": " + describe(op) + ": " + message, {m_path, 0, 0});
}

bool Importer::hasInput(const TflOperator& op, std::size_t slot) const
{
    return slot < op.inputs.size() && op.inputs[slot] >= 0;
}

int Importer::inputIndex(const TflOperator& op, std::size_t slot, const char* what) const
{
    if (!hasInput(op, slot))
        fail(op, std::string("input ") + std::to_string(slot) + " (" + what + ") is missing");
    return op.inputs[slot];
}

int Importer::resolveAlias(int index) const
{
    const auto it = m_constantAlias.find(index);
    return it == m_constantAlias.end() ? index : it->second;
}

bool Importer::isConstant(int index) const
{
    const TflTensor& t = tensor(resolveAlias(index));
    return t.hasData() && !t.isVariable;
}

const TflTensor& Importer::constant(const TflOperator& op, std::size_t slot, const char* what) const
{
    const int index = inputIndex(op, slot, what);
    if (!isConstant(index))
        fail(op, std::string("input ") + std::to_string(slot) + " (" + what + ", tensor '" + ourName(index)
                     + "') must be a constant tensor");
    return tensor(resolveAlias(index));
}

std::vector<std::int64_t> Importer::ints(const TflOperator& op, std::size_t slot, const char* what) const
{
    const TflTensor& t = constant(op, slot, what);
    std::vector<std::int64_t> values;
    if (t.type == s::INT32) {
        for (std::size_t i = 0; i < t.data.size() / 4; ++i) {
            std::int32_t v;
            std::memcpy(&v, t.data.data() + 4 * i, 4);
            values.push_back(v);
        }
    } else if (t.type == s::INT64) {
        for (std::size_t i = 0; i < t.data.size() / 8; ++i) {
            std::int64_t v;
            std::memcpy(&v, t.data.data() + 8 * i, 8);
            values.push_back(v);
        }
    } else {
        fail(op, std::string(what) + " must be INT32 or INT64, found " + tflTypeName(t.type));
    }
    return values;
}

std::int64_t Importer::mul(const TflOperator& op, std::int64_t a, std::int64_t b) const
{
    const auto product = checkedMul(a, b);
    if (!product)
        fail(op, "its counts overflow 64 bits (" + std::to_string(a) + " x " + std::to_string(b) + ")");
    return *product;
}

std::int64_t Importer::add(const TflOperator& op, std::int64_t a, std::int64_t b) const
{
    const auto sum = checkedAdd(a, b);
    if (!sum)
        fail(op, "its values overflow 64 bits (" + std::to_string(a) + " + " + std::to_string(b) + ")");
    return *sum;
}

std::int64_t Importer::elementsOf(const TflOperator& op, std::size_t slot) const
{
    if (!hasInput(op, slot) || !isConstant(op.inputs[slot]))
        return 0;
    std::int64_t n = 1;
    for (std::int32_t extent : tensor(resolveAlias(op.inputs[slot])).shape)
        n *= extent; // bounded by 2^40 when the tensor was read
    return n;
}

const std::string& Importer::activation(const TflOperator& op, std::size_t slot) const
{
    const int index = inputIndex(op, slot, "data");
    if (isConstant(index))
        fail(op, "input " + std::to_string(slot) + " ('" + ourName(index)
                     + "') is a constant; this operator needs a run-time tensor there");
    if (!isProduced(index))
        fail(op, "reads tensor '" + ourName(index)
                     + "' before any operator writes it (operators must be stored in execution order: "
                       "a missing producer or a cycle)");
    return ourName(index);
}

Shape Importer::ourShape(int index) const
{
    const TflTensor& t = tensor(index);
    return mapShape(t.shape, layoutOf(t.shape));
}

std::size_t Importer::ourAxis(const TflOperator& op, int index, std::int64_t fileAxis) const
{
    const auto rank = static_cast<std::int64_t>(tensor(index).shape.size());
    if (fileAxis < -rank || fileAxis >= rank)
        fail(op, "axis " + std::to_string(fileAxis) + " is out of range for rank " + std::to_string(rank));
    const auto axis = static_cast<std::size_t>(fileAxis < 0 ? fileAxis + rank : fileAxis);
    const auto ours = mapAxis(axis, layout(index));
    if (!ours)
        throw Unmappable("it works on the batch axis");
    return *ours;
}

Shape Importer::operandShape(int operand, int output) const
{
    const std::vector<std::int32_t>& out = tensor(output).shape;
    std::vector<std::int32_t> dims = tensor(resolveAlias(operand)).shape;
    if (dims.size() > out.size())
        return mapShape(dims, layoutOf(dims));
    dims.insert(dims.begin(), out.size() - dims.size(), 1);
    const Layout outLayout = layoutOf(out);
    Layout layout = outLayout;
    if (!dims.empty() && dims.front() != 1) // an operand with its own batch: keep it
        layout = Layout{};
    return mapShape(dims, layout);
}

Precision Importer::storedPrecision(int index) const
{
    return tflPrecision(tensor(resolveAlias(index)).type).value_or(Precision::Fp32);
}

std::string Importer::weight(const TflOperator& op, int index)
{
    index = resolveAlias(index);
    if (const auto it = m_weights.find(index); it != m_weights.end())
        return it->second;
    const TflTensor& t = tensor(index);
    const std::optional<Precision> type = tflPrecision(t.type);
    if (!type || *type == Precision::Bf16 || (type->kind() == Precision::Kind::UInt && type->bits() != 8)) {
        note(describe(op) + ": constant '" + ourName(index) + "' of type " + tflTypeName(t.type)
             + " is not kept in the weight store (no reader for that type)");
        return m_weights[index] = std::string();
    }
    WeightTensor w;
    w.name = ourName(index);
    w.shape.assign(t.shape.begin(), t.shape.end()); // as stored: TFLite axis order
    w.type = *type;
    w.bytes = t.data;
    w.keepAlive = m_keepAlive;
    const TflQuantization& q = t.quantization;
    if (!q.scales.empty() && type->isInteger()) {
        w.channelScale = std::make_shared<const std::vector<float>>(q.scales);
        std::int64_t stride = 1;
        if (q.scales.size() > 1)
            for (std::size_t d = static_cast<std::size_t>(q.dimension) + 1; d < t.shape.size(); ++d)
                stride *= t.shape[d];
        w.channelStride = stride;
        if (std::any_of(q.zeroPoints.begin(), q.zeroPoints.end(), [](std::int64_t z) { return z != 0; }))
            w.channelZeroPoint = std::make_shared<const std::vector<float>>(q.zeroPoints.begin(), q.zeroPoints.end());
    }
    try {
        m_store->add(std::move(w));
    } catch (const Error& error) {
        fail(op, error.message());
    }
    return m_weights[index] = ourName(index);
}

Layer Importer::layer(const TflOperator& op, OpKind kind) const
{
    Layer result;
    result.op = kind;
    result.name = op.outputs.empty() ? "operator_" + std::to_string(op.index) : ourName(op.outputs.front());
    result.sourceNode = describe(op);
    result.origin = {m_path, 0, 0};
    return result;
}

std::vector<Shape> Importer::infer(const TflOperator& op, const Layer& layer) const
{
    std::vector<TensorInfo> inputs;
    for (const std::string& name : layer.inputs)
        inputs.push_back({name, m_shapes.at(name), m_types.at(name)});
    try {
        std::vector<Shape> shapes = inferOutputShapes(layer, inputs);
        for (const Shape& shape : shapes)
            elementCount(shape);
        return shapes;
    } catch (const Error& error) {
        fail(op, error.message());
    }
}

void Importer::push(Layer layer, const std::vector<Shape>& shapes)
{
    for (std::size_t o = 0; o < layer.outputs.size(); ++o) {
        m_shapes[layer.outputs[o]] = shapes.at(o);
        m_types[layer.outputs[o]] = layer.activationType.value_or(Precision::Fp32);
    }
    m_layers.push_back(std::move(layer));
}

Precision Importer::activationPrecision(int index)
{
    const TflTensor& t = tensor(index);
    if (const auto type = tflPrecision(t.type))
        return *type;
    note("tensor '" + ourName(index) + "' of type " + tflTypeName(t.type)
         + " is counted as 32-bit (no wider element type is modelled)");
    return Precision::Int32;
}

std::string Importer::viewAs(const TflOperator& op, const std::string& tensorName, const Shape& target,
                             const std::string& suffix)
{
    if (m_shapes.at(tensorName) == target)
        return tensorName;
    Layer view = layer(op, OpKind::Reshape);
    view.name += "/" + suffix;
    view.inputs = {tensorName};
    view.outputs = {view.name};
    view.attributes.set("shape", std::vector<std::int64_t>(target.begin(), target.end()));
    view.activationType = m_types.at(tensorName);
    push(view, infer(op, view));
    return view.name;
}

void Importer::emit(const TflOperator& op, Layer core, std::int8_t fusedActivation)
{
    if (op.outputs.empty())
        fail(op, "has no outputs");
    for (int out : op.outputs)
        if (isProduced(out))
            fail(op, "writes tensor '" + ourName(out) + "', which an earlier operator or the graph input already holds");
    core.activationType = activationPrecision(op.outputs.front());
    const std::optional<std::string> actName = activationName(fusedActivation);
    const bool carriesActivation = findAttribute(opSpec(core.op), "activation") != nullptr;
    const bool separateActivation = fusedActivation != s::ACT_NONE && !(carriesActivation && actName);
    if (fusedActivation != s::ACT_NONE && carriesActivation && actName)
        core.attributes.set("activation", *actName);
    if (separateActivation && op.outputs.size() != 1)
        fail(op, "a fused activation on an operator with several outputs");

    core.outputs.clear();
    for (std::size_t o = 0; o < op.outputs.size(); ++o)
        core.outputs.push_back(core.name + "/out" + std::to_string(o)); // provisional
    const std::vector<Shape> natural = infer(op, core);
    std::vector<bool> reshape(op.outputs.size());
    for (std::size_t o = 0; o < op.outputs.size(); ++o) {
        const Shape expected = ourShape(op.outputs[o]);
        if (elementCount(natural[o]) != elementCount(expected))
            fail(op, "output " + std::to_string(o) + " has " + shapeToString(natural[o]) + " by the operator's "
                         + "definition, but the file gives tensor '" + ourName(op.outputs[o]) + "' "
                         + shapeToString(expected) + " (in our [C, H, W] order)");
        reshape[o] = natural[o] != expected;
        if (!reshape[o] && !separateActivation)
            core.outputs[o] = ourName(op.outputs[o]);
    }
    std::string current = core.outputs.front();
    const std::vector<std::string> coreOutputs = core.outputs;
    const std::string base = core.name;
    const Precision type = *core.activationType;
    push(std::move(core), natural);
    if (separateActivation) {
        Layer act = layer(op, actName ? activationKind(fusedActivation) : OpKind::Opaque);
        act.name = base + "/activation";
        act.inputs = {current};
        act.outputs = {reshape[0] ? act.name : ourName(op.outputs[0])};
        act.activationType = type;
        if (!actName) {
            const Shape& shape = natural[0];
            act.attributes.set("op", std::string(fusedActivation == s::ACT_RELU_N1_TO_1 ? "RELU_N1_TO_1" : "SIGN_BIT"));
            act.attributes.set("output_shapes", std::vector<std::int64_t>(shape.begin(), shape.end()));
            act.attributes.set("output_ranks", std::vector<std::int64_t>{static_cast<std::int64_t>(shape.size())});
        }
        push(act, infer(op, act));
        current = act.outputs.front();
    }
    for (std::size_t o = 0; o < op.outputs.size(); ++o) {
        if (reshape[o]) {
            const Shape expected = ourShape(op.outputs[o]);
            Layer view = layer(op, OpKind::Reshape);
            view.name = base + "/view" + (op.outputs.size() > 1 ? std::to_string(o) : std::string());
            view.inputs = {o == 0 ? current : coreOutputs[o]};
            view.outputs = {ourName(op.outputs[o])};
            view.attributes.set("shape", std::vector<std::int64_t>(expected.begin(), expected.end()));
            view.activationType = type;
            push(view, infer(op, view));
        }
        m_produced.insert(op.outputs[o]);
    }
}

void Importer::emitOpaque(const TflOperator& op, const std::string& why, OpaqueCounts counts)
{
    Layer opaque = layer(op, OpKind::Opaque);
    opaque.attributes.set("op", op.code == s::CUSTOM ? "CUSTOM:" + op.customCode : s::builtinName(op.code));
    for (std::size_t slot = 0; slot < op.inputs.size(); ++slot) {
        const int index = op.inputs[slot];
        if (index < 0 || isConstant(index))
            continue;
        if (tensor(index).isVariable && !isProduced(index)) {
            markState(index);
            continue;
        }
        opaque.inputs.push_back(activation(op, slot));
    }
    if (opaque.inputs.empty())
        fail(op, "has no run-time input (constant subgraphs are not supported)");
    std::vector<std::int64_t> shapes, ranks;
    for (int out : op.outputs) {
        const Shape shape = ourShape(out);
        shapes.insert(shapes.end(), shape.begin(), shape.end());
        ranks.push_back(static_cast<std::int64_t>(shape.size()));
    }
    opaque.attributes.set("output_shapes", shapes);
    opaque.attributes.set("output_ranks", ranks);
    if (counts.weights)
        opaque.attributes.set("weights", counts.weights);
    if (counts.biases)
        opaque.attributes.set("biases", counts.biases);
    if (counts.macs)
        opaque.attributes.set("macs", counts.macs);
    if (!why.empty())
        note("warning: " + describe(op) + " is kept as an opaque layer (" + why + ")");
    emit(op, std::move(opaque));
}

void Importer::markState(int index)
{
    if (!m_stateMarked.insert(index).second)
        return;
    m_state.push_back({ourName(index), ourShape(index), activationPrecision(index)});
}

void Importer::readInputs()
{
    for (int index : m_model.inputs) {
        const TflTensor& t = tensor(index);
        if (t.hasData() || t.isVariable)
            continue;
        const std::string& name = ourName(index);
        const Precision type = activationPrecision(index);
        m_inputs.push_back({name, ourShape(index), type});
        m_shapes[name] = m_inputs.back().shape;
        m_types[name] = type;
        m_produced.insert(index);
    }
    if (m_inputs.empty())
        throw Error("subgraph 0 has no run-time input tensor", {m_path, 0, 0});
}

void Importer::importOperator(const TflOperator& op)
{
    const auto& handlers = operatorHandlers();
    const auto it = handlers.find(op.code);
    const std::size_t layersBefore = m_layers.size();
    try {
        if (it == handlers.end())
            emitOpaque(op, op.code == s::CUSTOM ? "a custom operator" : "an operator outside the mapped set");
        else
            it->second(*this, op);
    } catch (const Unmappable& reason) {
        m_layers.resize(layersBefore);
        for (int out : op.outputs)
            m_produced.erase(out);
        emitOpaque(op, reason.what());
    }
}

std::vector<std::string> Importer::resolveOutputs() const
{
    std::vector<std::string> outputs;
    for (int index : m_model.outputs)
        if (isProduced(index) && std::find(outputs.begin(), outputs.end(), ourName(index)) == outputs.end())
            outputs.push_back(ourName(index));
    return outputs;
}

NetworkDefinition Importer::run()
{
    readInputs();
    for (const TflOperator& op : m_model.operators)
        importOperator(op);
    if (m_layers.empty())
        throw Error("subgraph 0 has no operators", {m_path, 0, 0});
    NetworkDefinition definition;
    definition.name = std::filesystem::path(m_path).stem().string();
    if (definition.name.empty())
        definition.name = "tflite";
    definition.source = m_path;
    definition.description = m_model.description;
    definition.inputs = m_inputs;
    definition.outputs = resolveOutputs();
    definition.layers = std::move(m_layers);
    definition.origin = {m_path, 0, 0};
    definition.weights = m_store;
    if (m_model.subgraphCount > 1)
        m_notes.push_back("the model has " + std::to_string(m_model.subgraphCount)
                          + " subgraphs; subgraph 0 (the main graph) is imported");
    definition.notes = std::move(m_notes);
    definition.stateTensors = std::move(m_state);
    return definition;
}

} // namespace mdse::core::tflite_import
