#pragma once

// Internal to core/io/onnx: the importer state shared by the op handlers.
// Only this folder sees protobuf types.

#include "core/graph/network.h"
#include "core/graph/weight_store.h"
#include "core/io/onnx/onnx_import.h"

#include <onnx/onnx_pb.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mdse::core::onnx_import {

// A tensor known at import time: an initializer, a Constant node, or the
// folded result of shape arithmetic. Integer and bool tensors are always
// materialised in `ints`; float tensors in `reals` when small or computed.
// Initializers a layer may use keep `weightName` (their WeightStore entry).
struct ConstantValue {
    Shape dims;
    int dataType = onnx::TensorProto::FLOAT;
    bool materialised = false;
    std::vector<std::int64_t> ints;
    std::vector<double> reals;
    std::string weightName;
    std::optional<Precision> quantizedType; // the stored type behind a DequantizeLinear

    std::int64_t elementCount() const;
    bool isInteger() const;
};

// A run-time tensor: our tensor name and its ONNX shape. Our shape is the
// ONNX shape without the `dropped` axes (the batch, and other unit axes
// such as an RNN's num_directions), each of extent 1.
struct ActivationValue {
    std::string tensor;
    Shape onnxShape;
    std::vector<bool> dropped;
    Shape ourShape() const;
};

struct Value {
    bool isConstant = false;
    ConstantValue constant;
    ActivationValue activation;
};

using Node = onnx::NodeProto;

class Importer {
public:
    Importer(onnx::ModelProto& model, std::string path, std::string baseDir,
             std::shared_ptr<const void> fileKeepAlive, const OnnxImportOptions& options);
    NetworkDefinition run();
    // Initializer raw_data left in the source bytes by the reader (keyed by
    // the TensorProto), kept alive by fileKeepAlive.
    void setRawData(std::map<const void*, std::span<const std::byte>> rawData) { m_rawData = std::move(rawData); }

    // --- for the handlers -------------------------------------------------
    int opset() const { return m_opset; }
    const std::string& path() const { return m_path; }
    [[noreturn]] void fail(const Node& node, const std::string& message) const;
    [[noreturn]] void fail(const std::string& message) const;

    bool hasInput(const Node& node, int i) const;
    const Value& input(const Node& node, int i) const;
    const ConstantValue& constantInput(const Node& node, int i, const char* what) const;
    const ActivationValue& activationInput(const Node& node, int i) const;
    std::vector<std::int64_t> intsInput(const Node& node, int i, const char* what) const;
    std::vector<double> realsInput(const Node& node, int i, const char* what) const;
    // Materialises a float constant's values (bounded size).
    std::vector<double> realsOf(const Node& node, const ConstantValue& constant) const;

    void setConstant(const std::string& onnxName, ConstantValue constant);
    void alias(const std::string& onnxName, ActivationValue activation);
    // Adds a layer named after the node (a name already set on `layer` is a
    // suffix: "<node>/Y_h" for a node's extra layers); its outputs are the node's outputs
    // (or `outputNames`), with the given dropped-axis masks (defaults: the
    // first input's mask when ranks allow). Returns the layer index.
    std::size_t emit(const Node& node, Layer layer, std::vector<std::vector<bool>> masks = {},
                     std::vector<std::string> outputNames = {});

    Layer& layer(std::size_t index) { return m_layers[index]; }
    void removeLayer(std::size_t index) { m_removed[index] = true; }
    // Index of the layer producing our tensor, or -1.
    long producerOf(const std::string& ourTensor) const;
    // Readers of our tensor over every ONNX name aliasing it (+1 per graph output).
    int usesOf(const std::string& ourTensor) const;
    int onnxUses(const std::string& onnxName) const;
    void renameOutput(std::size_t layerIndex, const std::string& newOnnxName, const ActivationValue& shapeOf);
    const Shape& ourShape(const std::string& ourTensor) const { return m_ourShapes.at(ourTensor); }

    // Name of the WeightStore entry holding this constant (stores folded or
    // computed constants as float32 under `hint`).
    std::string storeConstant(const Node& node, const ConstantValue& constant, const std::string& hint);
    WeightStore& store() { return *m_store; }
    void note(std::string text) { m_notes.push_back(std::move(text)); }

    // Layer index -> axis of the output channels in its stored weight (for
    // folding a BatchNorm into it).
    std::map<std::size_t, int> weightOutputAxis;
    // Precision of a constant as stored (its DequantizeLinear source, else its type).
    Precision storedTypeOf(const ConstantValue& constant) const;

    // Axis of `value`'s ONNX shape -> our axis; fails if it is a dropped axis.
    std::int64_t ourAxis(const Node& node, const ActivationValue& value, std::int64_t onnxAxis) const;

    std::int64_t attrInt(const Node& node, const std::string& name, std::int64_t fallback) const;
    double attrFloat(const Node& node, const std::string& name, double fallback) const;
    std::string attrString(const Node& node, const std::string& name, const std::string& fallback) const;
    std::vector<std::int64_t> attrInts(const Node& node, const std::string& name,
                                       const std::vector<std::int64_t>& fallback) const;
    const onnx::AttributeProto* attr(const Node& node, const std::string& name) const;
    ConstantValue tensorConstant(const onnx::TensorProto& tensor, const std::string& context);

private:
    void readInitializers();
    void readInputs();
    std::vector<int> orderNodes() const;
    void checkSupported(const std::vector<int>& order) const;
    void importNode(const Node& node);
    std::vector<std::string> resolveOutputs() const;
    std::string layerName(const Node& node, const std::string& suffix);

    onnx::ModelProto& m_model;
    std::string m_path;
    std::string m_baseDir;
    std::shared_ptr<const void> m_fileKeepAlive;
    std::map<const void*, std::span<const std::byte>> m_rawData;
    const OnnxImportOptions& m_options;
    int m_opset = 0;
    std::shared_ptr<WeightStore> m_store = std::make_shared<WeightStore>();
    std::map<std::string, Value> m_values;               // by ONNX tensor name
    std::map<std::string, int> m_onnxUses;               // by ONNX tensor name
    std::map<std::string, std::vector<std::string>> m_aliases; // our tensor -> ONNX names
    std::map<std::string, Shape> m_ourShapes;
    std::map<std::string, std::size_t> m_producers;      // our tensor -> layer
    std::vector<TensorInfo> m_inputs;
    std::vector<Layer> m_layers;
    std::vector<bool> m_removed;
    std::map<std::string, int> m_layerNames;
    std::vector<std::string> m_notes;
    int m_nodeIndex = 0;
};

using Handler = std::function<void(Importer&, const Node&)>;
// Op handlers by ONNX op type (onnx_ops_*.cpp).
const std::map<std::string, Handler>& layerHandlers();
// Ops evaluated at import time when all their inputs are constants
// (onnx_fold.cpp); returns false if `node` cannot be folded.
bool foldNode(Importer& importer, const Node& node);
bool isFoldableOp(const std::string& opType);
// Fuses stand-alone activations into the producing conv/dense/add and
// removes layers marked removed (onnx_fusion.cpp).
void fuseActivations(std::vector<Layer>& layers, const std::vector<std::string>& graphOutputs);

// Helpers shared by handlers.
std::vector<bool> defaultMask(std::size_t rank); // batch (axis 0) dropped when rank >= 2
Precision elementTypeOfOnnx(int dataType);     // throws for non-weight types
// The element type a quantizing node (QuantizeLinear, QLinearConv,
// QLinearMatMul) gives its output: its zero-point input's type, uint8 when
// that input is absent (onnx/docs/Operators.md, QuantizeLinear:
// "y_zero_point ... Default is uint8"); nullopt for other types.
std::optional<Precision> quantizedOutputType(const Importer& im, const Node& node, int zeroPointIndex);
std::string onnxTypeName(int dataType);

} // namespace mdse::core::onnx_import
