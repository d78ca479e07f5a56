#pragma once

#include "core/graph/attributes.h"
#include "core/graph/precision.h"
#include "core/graph/op_kind.h"
#include "core/graph/shape.h"
#include "core/util/error.h"

#include <optional>
#include <string>
#include <vector>

namespace mdse::core {

// A named tensor with its shape and element type (graph inputs, and every
// layer output once shapes are inferred).
struct TensorInfo {
    std::string name;
    Shape shape;
    Precision type = Precision::Fp32;

    bool operator==(const TensorInfo&) const = default;
};

// One node of the network: an op with attributes, reading tensors by name
// and producing named tensors. `origin` records where the layer was written
// (file:line) so later errors can point at it; it is not part of equality.
struct Layer {
    std::string name;
    OpKind op = OpKind::Relu;
    Attributes attributes;
    std::vector<std::string> inputs;
    std::vector<std::string> outputs;
    SourceLocation origin;
    // Imported models (ONNX) only, none of it part of equality: the source
    // node's name, the names of this layer's constant tensors in the
    // network's WeightStore, and the precision the file stores its weights
    // in when it says so (quantized models: QLinearConv, DequantizeLinear).
    std::string sourceNode;
    std::string weightTensor;
    std::string biasTensor;
    std::string recurrentWeightTensor; // LSTM/GRU: the R matrices
    std::optional<Precision> weightType;
    // The element type the file gives this layer's outputs (TFLite: each
    // tensor's type); unset = the type of the first input.
    std::optional<Precision> activationType;

    bool operator==(const Layer& other) const
    {
        return name == other.name && op == other.op && attributes == other.attributes
            && inputs == other.inputs && outputs == other.outputs;
    }
};

} // namespace mdse::core
