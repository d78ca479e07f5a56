#include "core/io/tflite/tflite_model.h"

#include "core/graph/shape.h"
#include "core/io/tflite/tflite_schema.h"
#include "core/util/checked_math.h"
#include "core/util/error.h"

#include <algorithm>

namespace mdse::core::tflite_import {
namespace {

namespace s = schema;

struct Buffers {
    std::vector<std::span<const std::byte>> data;
};

Buffers readBuffers(FbReader& reader, const FbTable& model)
{
    Buffers buffers;
    const std::size_t count = model.tableCount(s::model::buffers);
    buffers.data.reserve(count);
    for (std::size_t b = 0; b < count; ++b) {
        const std::string what = "buffer " + std::to_string(b);
        const FbTable buffer = model.tableAt(s::model::buffers, b, what);
        std::span<const std::byte> bytes = buffer.vectorBytes(s::buffer::data, 1);
        // Models over 2 GiB keep data after the FlatBuffer: offset from the
        // file's start, size in bytes (schema.fbs, table Buffer). offset 1 is
        // the converter's placeholder for "not set".
        const auto offset = buffer.scalar<std::uint64_t>(s::buffer::offset, 0);
        const auto size = buffer.scalar<std::uint64_t>(s::buffer::size, 0);
        if (bytes.empty() && offset > 1) {
            if (offset > reader.size() || size > reader.size() - offset)
                reader.failAtOffset(buffer.offset(), what + ": its data (offset " + std::to_string(offset) + ", "
                                                         + std::to_string(size) + " bytes) lies outside the file");
            bytes = {reinterpret_cast<const std::byte*>(reader.base()) + offset, static_cast<std::size_t>(size)};
        }
        buffers.data.push_back(bytes);
    }
    return buffers;
}

TflQuantization readQuantization(const FbTable& table)
{
    TflQuantization q;
    if (!table.present())
        return q;
    q.scales = table.scalars<float>(s::quantization::scale);
    q.zeroPoints = table.scalars<std::int64_t>(s::quantization::zero_point);
    q.dimension = table.scalar<std::int32_t>(s::quantization::quantized_dimension, 0);
    return q;
}

TflTensor readTensor(FbReader& reader, const FbTable& table, int index, const Buffers& buffers)
{
    TflTensor tensor;
    tensor.index = index;
    tensor.offset = table.offset();
    tensor.name = table.string(s::tensor::name);
    const std::string what = "tensor " + std::to_string(index) + " '" + tensor.name + "'";
    tensor.shape = table.scalars<std::int32_t>(s::tensor::shape);
    tensor.type = table.scalar<std::int8_t>(s::tensor::type, s::FLOAT32);
    tensor.isVariable = table.scalar<std::uint8_t>(s::tensor::is_variable, 0) != 0;
    tensor.quantization = readQuantization(table.table(s::tensor::quantization, what + " quantization"));
    if (tensor.shape.size() > 8)
        reader.failAtOffset(tensor.offset, what + ": rank " + std::to_string(tensor.shape.size())
                                               + " (TFLite kernels take at most 8 dimensions)");
    std::int64_t elements = 1;
    for (std::int32_t extent : tensor.shape) {
        if (extent <= 0)
            reader.failAtOffset(tensor.offset, what + ": dimension " + std::to_string(extent)
                                                   + " (every extent must be positive; dynamic shapes are not supported)");
        elements = checkedMul(elements, std::int64_t{extent}).value_or(kMaxTensorElements + 1);
        if (elements > kMaxTensorElements)
            reader.failAtOffset(tensor.offset, what + ": more than 2^40 elements");
    }
    const auto q = tensor.quantization;
    if (q.scales.size() > 1 && (q.dimension < 0 || static_cast<std::size_t>(q.dimension) >= tensor.shape.size()
                                || tensor.shape[static_cast<std::size_t>(q.dimension)] != static_cast<std::int64_t>(q.scales.size())))
        reader.failAtOffset(tensor.offset, what + ": " + std::to_string(q.scales.size())
                                               + " per-channel scales do not match quantized_dimension "
                                               + std::to_string(q.dimension));
    if (!q.zeroPoints.empty() && q.zeroPoints.size() != q.scales.size())
        reader.failAtOffset(tensor.offset, what + ": " + std::to_string(q.zeroPoints.size()) + " zero points for "
                                               + std::to_string(q.scales.size()) + " scales");
    const auto bufferIndex = table.scalar<std::uint32_t>(s::tensor::buffer, 0);
    if (bufferIndex >= buffers.data.size())
        reader.failAtOffset(tensor.offset, what + ": buffer index " + std::to_string(bufferIndex) + " is out of range (the model has "
                                               + std::to_string(buffers.data.size()) + " buffers)");
    tensor.data = buffers.data[bufferIndex];
    if (tensor.hasData()) {
        const std::size_t expected = tflElementBytes(tensor.type, elements);
        if (expected == 0)
            reader.failAtOffset(tensor.offset, what + ": constant of type " + tflTypeName(tensor.type) + " is not supported");
        if (tensor.data.size() != expected)
            reader.failAtOffset(tensor.offset, what + ": its buffer holds " + std::to_string(tensor.data.size())
                                                   + " bytes; shape and type " + tflTypeName(tensor.type) + " need "
                                                   + std::to_string(expected));
    }
    return tensor;
}

std::vector<std::int32_t> checkedIndices(FbReader& reader, std::vector<std::int32_t> indices, std::size_t tensorCount,
                                         std::size_t offset, const std::string& what, bool optionalAllowed)
{
    for (std::int32_t index : indices)
        if ((index < 0 && !(optionalAllowed && index == -1)) || (index >= 0 && static_cast<std::size_t>(index) >= tensorCount))
            reader.failAtOffset(offset, what + ": tensor index " + std::to_string(index) + " is out of range (the subgraph has "
                                            + std::to_string(tensorCount) + " tensors)");
    return indices;
}

struct OpCode {
    std::int32_t builtin = 0;
    std::string custom;
};

std::vector<OpCode> readOpCodes(FbReader& reader, const FbTable& model)
{
    std::vector<OpCode> codes;
    const std::size_t count = model.tableCount(s::model::operator_codes);
    for (std::size_t c = 0; c < count; ++c) {
        const FbTable code = model.tableAt(s::model::operator_codes, c, "operator code " + std::to_string(c));
        // schema.fbs: "builtin_code = max(builtin_code, deprecated_builtin_code)"
        // (codes below 127 are also kept in the deprecated byte field).
        const auto deprecated = static_cast<std::int32_t>(code.scalar<std::int8_t>(s::operator_code::deprecated_builtin_code, 0));
        const auto builtin = code.scalar<std::int32_t>(s::operator_code::builtin_code, 0);
        if (deprecated < 0 || builtin < 0)
            reader.failAtOffset(code.offset(), "operator code " + std::to_string(c) + ": builtin code "
                                                   + std::to_string(std::min(deprecated, builtin))
                                                   + " is negative (BuiltinOperator values start at 0)");
        codes.push_back({std::max(deprecated, builtin), code.string(s::operator_code::custom_code)});
    }
    return codes;
}

} // namespace

std::size_t tflElementBytes(std::int8_t type, std::int64_t elements)
{
    const auto n = static_cast<std::size_t>(elements);
    switch (type) {
    case s::FLOAT32: case s::INT32: case s::UINT32: return 4 * n;
    case s::FLOAT16: case s::INT16: case s::UINT16: case s::BFLOAT16: return 2 * n;
    case s::INT64: case s::UINT64: case s::FLOAT64: case s::COMPLEX64: return 8 * n;
    case s::COMPLEX128: return 16 * n;
    case s::UINT8: case s::INT8: case s::BOOL: return n;
    case s::INT4: return (n + 1) / 2;
    default: return 0;
    }
}

std::string tflTypeName(std::int8_t type)
{
    static const char* const names[] = {"FLOAT32", "FLOAT16", "INT32", "UINT8", "INT64", "STRING", "BOOL",
                                        "INT16", "COMPLEX64", "INT8", "FLOAT64", "COMPLEX128", "UINT64",
                                        "RESOURCE", "VARIANT", "UINT32", "UINT16", "INT4", "BFLOAT16"};
    if (type >= 0 && static_cast<std::size_t>(type) < std::size(names))
        return names[static_cast<std::size_t>(type)];
    return "type " + std::to_string(type);
}

TflModel readTflModel(FbReader& reader)
{
    const FbTable model(reader, reader.root(s::kFileIdentifier), "the model table");
    TflModel result;
    result.version = model.scalar<std::uint32_t>(s::model::version, 0);
    if (result.version != s::kSchemaVersion)
        reader.failAtOffset(model.offset(), "schema version " + std::to_string(result.version)
                                                + " (this reader reads version 3, file identifier TFL3)");
    result.description = model.string(s::model::description);
    const std::vector<OpCode> codes = readOpCodes(reader, model);
    const Buffers buffers = readBuffers(reader, model);
    result.subgraphCount = model.tableCount(s::model::subgraphs);
    if (result.subgraphCount == 0)
        reader.failAtOffset(model.offset(), "the model has no subgraph");
    const FbTable graph = model.tableAt(s::model::subgraphs, 0, "subgraph 0");
    result.subgraphName = graph.string(s::subgraph::name);
    const std::size_t tensorCount = graph.tableCount(s::subgraph::tensors);
    for (std::size_t t = 0; t < tensorCount; ++t)
        result.tensors.push_back(readTensor(reader, graph.tableAt(s::subgraph::tensors, t, "tensor " + std::to_string(t)),
                                            static_cast<int>(t), buffers));
    result.inputs = checkedIndices(reader, graph.scalars<std::int32_t>(s::subgraph::inputs), tensorCount,
                                   graph.offset(), "subgraph 0 inputs", false);
    result.outputs = checkedIndices(reader, graph.scalars<std::int32_t>(s::subgraph::outputs), tensorCount,
                                    graph.offset(), "subgraph 0 outputs", false);
    const std::size_t opCount = graph.tableCount(s::subgraph::operators);
    for (std::size_t o = 0; o < opCount; ++o) {
        const std::string what = "operator " + std::to_string(o);
        const FbTable table = graph.tableAt(s::subgraph::operators, o, what);
        TflOperator op;
        op.index = static_cast<int>(o);
        op.offset = table.offset();
        const auto codeIndex = table.scalar<std::uint32_t>(s::op::opcode_index, 0);
        if (codeIndex >= codes.size())
            reader.failAtOffset(op.offset, what + ": opcode_index " + std::to_string(codeIndex)
                                               + " is out of range (the model has " + std::to_string(codes.size())
                                               + " operator codes)");
        op.code = codes[codeIndex].builtin;
        op.customCode = codes[codeIndex].custom;
        op.inputs = checkedIndices(reader, table.scalars<std::int32_t>(s::op::inputs), tensorCount, op.offset,
                                   what + " inputs", true);
        op.outputs = checkedIndices(reader, table.scalars<std::int32_t>(s::op::outputs), tensorCount, op.offset,
                                    what + " outputs", false);
        if (op.outputs.empty())
            reader.failAtOffset(op.offset, what + ": has no outputs (every TFLite operator writes at least one tensor)");
        if (table.scalar<std::uint8_t>(s::op::builtin_options_type, 0) != 0)
            op.options = table.table(s::op::builtin_options, what + " options");
        result.operators.push_back(std::move(op));
    }
    return result;
}

} // namespace mdse::core::tflite_import
