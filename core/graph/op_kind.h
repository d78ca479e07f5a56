#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace mdse::core {

enum class OpKind {
    Conv2D,
    ConvTranspose2D,
    Dense,      // fully connected: constant weight matrix over the last axis
    MatMul,     // product of two activation tensors
    MaxPool,
    AvgPool,
    GlobalAvgPool,
    Add,
    Mul,
    Concat,
    Split,
    Reshape,
    Flatten,
    Transpose,
    Squeeze,
    Unsqueeze,
    Pad,
    Resize,
    Relu,
    Relu6,
    HardSwish,
    Sigmoid,
    Tanh,
    LeakyRelu,
    Softmax,
    BatchNorm,
    ChannelShuffle,
    Lstm,
    Gru,
    Sub,
    Div,
    PRelu,
    HardSigmoid,
    Slice,
    Expand,
    Gather,
    // An operator we keep without modelling its arithmetic (imported models:
    // TFLite builtins outside our op set, custom ops): its output shapes and
    // the counts the importer knows are attributes, so the memory plan stays whole.
    Opaque,
};

enum class AttributeKind { Int, Bool, Float, String, Ints, IntsOrString };

struct AttributeSpec {
    std::string_view name;
    AttributeKind kind;
    bool required = false;
    std::vector<std::string_view> choices = {}; // allowed strings, empty = any
};

// What the loaders and validators need to know about an op: its file name,
// the attributes it accepts, and how many inputs/outputs it takes.
struct OpSpec {
    OpKind kind;
    std::string_view name; // as written in YAML/JSON, e.g. "conv2d"
    std::vector<AttributeSpec> attributes;
    int minInputs = 1;
    int maxInputs = 1; // -1 = unbounded
    bool multipleOutputs = false;
};

const OpSpec& opSpec(OpKind kind);
std::string_view opName(OpKind kind);
std::optional<OpKind> parseOpKind(std::string_view name);
const std::vector<OpSpec>& allOpSpecs();
const AttributeSpec* findAttribute(const OpSpec& spec, std::string_view name);

// Ops whose output is a view of their input (same bytes, new shape): they
// allocate no activation memory and do no arithmetic.
bool isViewOp(OpKind kind);

} // namespace mdse::core
