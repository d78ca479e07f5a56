#include "core/graph/op_kind.h"

#include "core/util/error.h"

namespace mdse::core {
namespace {

using K = AttributeKind;

const std::vector<std::string_view> kActivations{"none", "relu", "relu6", "hardswish",
                                                 "sigmoid", "tanh", "leaky_relu"};

AttributeSpec activationAttr() { return {"activation", K::String, false, kActivations}; }

std::vector<OpSpec> buildSpecs()
{
    const AttributeSpec kernel{"kernel", K::Ints, true};
    const AttributeSpec stride{"stride", K::Ints};
    const AttributeSpec dilation{"dilation", K::Ints};
    const AttributeSpec padding{"padding", K::IntsOrString, false, {"same", "valid"}};
    const AttributeSpec bias{"bias", K::Bool};
    const AttributeSpec ceilMode{"ceil_mode", K::Bool};
    const AttributeSpec axis{"axis", K::Int};
    const AttributeSpec recurrentBias{"bias", K::String, false, {"double", "single", "none"}};
    const AttributeSpec hidden{"hidden", K::Int, true};
    const AttributeSpec returnSequences{"return_sequences", K::Bool};
    // Shape of a constant second operand (element-wise ops, PReLU's slope):
    // the layer then reads one tensor and holds the constant as a parameter.
    const AttributeSpec constant{"constant", K::Ints};
    return {
        {OpKind::Conv2D, "conv2d",
         {{"filters", K::Int, true}, kernel, stride, dilation, padding, {"groups", K::Int}, bias,
          activationAttr()}},
        {OpKind::ConvTranspose2D, "conv_transpose2d",
         {{"filters", K::Int, true}, kernel, stride, dilation, padding, {"groups", K::Int},
          {"output_padding", K::Ints}, bias, activationAttr()}},
        {OpKind::Dense, "dense", {{"units", K::Int, true}, bias, activationAttr()}},
        {OpKind::MatMul, "matmul", {}, 2, 2},
        {OpKind::MaxPool, "maxpool", {kernel, stride, dilation, padding, ceilMode}},
        {OpKind::AvgPool, "avgpool", {kernel, stride, padding, ceilMode}},
        {OpKind::GlobalAvgPool, "global_avgpool", {}},
        {OpKind::Add, "add", {activationAttr(), constant}, 1, -1},
        {OpKind::Mul, "mul", {constant}, 1, -1},
        {OpKind::Sub, "sub", {constant}, 1, 2},
        {OpKind::Div, "div", {constant}, 1, 2},
        {OpKind::Concat, "concat", {axis}, 1, -1},
        {OpKind::Split, "split", {axis, {"sizes", K::Ints}, {"parts", K::Int}}, 1, 1, true},
        {OpKind::Reshape, "reshape", {{"shape", K::Ints, true}}},
        {OpKind::Flatten, "flatten", {axis}},
        {OpKind::Transpose, "transpose", {{"perm", K::Ints, true}}},
        {OpKind::Squeeze, "squeeze", {{"axes", K::Ints}}},
        {OpKind::Unsqueeze, "unsqueeze", {{"axes", K::Ints, true}}},
        {OpKind::Pad, "pad",
         {{"pads", K::Ints, true}, {"mode", K::String, false, {"constant", "reflect", "edge"}},
          {"value", K::Float}}},
        {OpKind::Resize, "resize",
         {{"scale", K::Ints}, {"size", K::Ints},
          {"mode", K::String, false, {"nearest", "bilinear"}}}},
        {OpKind::Relu, "relu", {}},
        {OpKind::Relu6, "relu6", {}},
        {OpKind::HardSwish, "hardswish", {}},
        {OpKind::Sigmoid, "sigmoid", {}},
        {OpKind::Tanh, "tanh", {}},
        {OpKind::LeakyRelu, "leaky_relu", {{"alpha", K::Float}}},
        {OpKind::Softmax, "softmax", {axis}},
        {OpKind::BatchNorm, "batchnorm", {{"epsilon", K::Float}, activationAttr()}},
        {OpKind::ChannelShuffle, "channel_shuffle", {{"groups", K::Int, true}}},
        {OpKind::Lstm, "lstm", {hidden, recurrentBias, returnSequences}},
        {OpKind::Gru, "gru", {hidden, recurrentBias, returnSequences}},
        {OpKind::PRelu, "prelu", {constant}},
        {OpKind::HardSigmoid, "hard_sigmoid", {{"alpha", K::Float}, {"beta", K::Float}}},
        {OpKind::Slice, "slice",
         {{"starts", K::Ints, true}, {"ends", K::Ints, true}, {"axes", K::Ints}, {"steps", K::Ints}}},
        {OpKind::Expand, "expand", {{"shape", K::Ints, true}}},
        {OpKind::Gather, "gather", {axis, {"indices_shape", K::Ints}}},
        // output_shapes: every output's axes, concatenated; output_ranks: the
        // rank of each. weights/biases/macs: counts known to the importer.
        {OpKind::Opaque, "opaque",
         {{"op", K::String}, {"output_shapes", K::Ints}, {"output_ranks", K::Ints, true},
          {"weights", K::Int}, {"biases", K::Int}, {"macs", K::Int}},
         1, -1, true},
    };
}

} // namespace

const std::vector<OpSpec>& allOpSpecs()
{
    static const std::vector<OpSpec> specs = buildSpecs();
    return specs;
}

const OpSpec& opSpec(OpKind kind)
{
    for (const OpSpec& spec : allOpSpecs())
        if (spec.kind == kind)
            return spec;
    throw Error("internal: op kind without a spec");
}

std::string_view opName(OpKind kind) { return opSpec(kind).name; }

std::optional<OpKind> parseOpKind(std::string_view name)
{
    for (const OpSpec& spec : allOpSpecs())
        if (spec.name == name)
            return spec.kind;
    return std::nullopt;
}

const AttributeSpec* findAttribute(const OpSpec& spec, std::string_view name)
{
    for (const AttributeSpec& attribute : spec.attributes)
        if (attribute.name == name)
            return &attribute;
    return nullptr;
}

bool isViewOp(OpKind kind)
{
    return kind == OpKind::Reshape || kind == OpKind::Flatten || kind == OpKind::Squeeze
        || kind == OpKind::Unsqueeze;
}

} // namespace mdse::core
