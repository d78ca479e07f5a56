#pragma once
// Writes small TensorFlow Lite models in memory with the flatbuffers
// builder (tests, benchmarks and fuzz seeds). Tables and field ids follow
// the published schema (tensorflow/lite/schema/schema.fbs, version 3,
// file identifier "TFL3"); a FlatBuffers field n sits at vtable slot 4 + 2n
// (flatbuffers docs/source/Internals.md).

#include "core/io/tflite/tflite_import.h"

#include <flatbuffers/flatbuffers.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace mdse::test {

struct TfliteQuant {
    std::vector<float> scales;
    std::vector<std::int64_t> zeroPoints;
    int dimension = 0;
};
// One option field: id, value, width in bytes (1, 4) or a float.
struct TfliteField {
    int id;
    std::int64_t value;
    int bytes = 4;
    bool isFloat = false;
    float floatValue = 0.0f;
};

class TfliteBuilder {
public:
    // schema.fbs enum TensorType
    enum Type : std::int8_t { F32 = 0, F16 = 1, I32 = 2, U8 = 3, I64 = 4, I16 = 7, I8 = 9, I4 = 17 };
    // schema.fbs union BuiltinOptions (the type byte written next to the table)
    enum Options : std::uint8_t {
        NoOptions = 0, Conv2DOptions = 1, DepthwiseConv2DOptions = 2, Pool2DOptions = 5, SVDFOptions = 6,
        FullyConnectedOptions = 8, SoftmaxOptions = 9, ConcatenationOptions = 10, AddOptions = 11,
        ReshapeOptions = 17, MulOptions = 21, PadOptions = 22, ReducerOptions = 27, SubOptions = 28,
        StridedSliceOptions = 32, SplitOptions = 35, LeakyReluOptions = 74,
    };
    using Quant = TfliteQuant;
    using Field = TfliteField;

    TfliteBuilder() { m_buffers.emplace_back(); } // buffer 0: the empty sentinel

    static constexpr flatbuffers::voffset_t slot(int id) { return static_cast<flatbuffers::voffset_t>(4 + 2 * id); }

    int tensor(const std::string& name, std::vector<std::int32_t> shape, Type type = F32, Quant quant = {},
               std::vector<std::uint8_t> data = {}, bool variable = false)
    {
        std::uint32_t buffer = 0;
        if (!data.empty()) {
            buffer = static_cast<std::uint32_t>(m_buffers.size());
            m_buffers.push_back(std::move(data));
        }
        m_tensors.push_back({name, std::move(shape), type, std::move(quant), buffer, variable});
        return static_cast<int>(m_tensors.size() - 1);
    }
    // A constant filled with 1 .. n (as `type`; int values wrap), little-endian.
    int constant(const std::string& name, std::vector<std::int32_t> shape, Type type = F32, Quant quant = {})
    {
        std::int64_t n = 1;
        for (std::int32_t d : shape)
            n *= d;
        return tensor(name, std::move(shape), type, std::move(quant), filled(type, n));
    }
    int ints(const std::string& name, const std::vector<std::int32_t>& values)
    {
        std::vector<std::uint8_t> data(values.size() * 4);
        if (!values.empty())
            std::memcpy(data.data(), values.data(), data.size());
        return tensor(name, {static_cast<std::int32_t>(values.size())}, I32, {}, std::move(data));
    }
    static std::vector<std::uint8_t> filled(Type type, std::int64_t n)
    {
        std::vector<std::uint8_t> out;
        for (std::int64_t i = 0; i < n; ++i) {
            const auto v = static_cast<std::int32_t>(i % 100 + 1);
            if (type == F32) {
                const float f = static_cast<float>(v) * 0.01f;
                const auto* p = reinterpret_cast<const std::uint8_t*>(&f);
                out.insert(out.end(), p, p + 4);
            } else if (type == I32) {
                const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
                out.insert(out.end(), p, p + 4);
            } else if (type == I16) {
                out.push_back(static_cast<std::uint8_t>(v));
                out.push_back(0);
            } else if (type == F16) {
                out.push_back(0x00);
                out.push_back(0x3c); // binary16 1.0
            } else if (type == I4) {
                if (i % 2 == 0)
                    out.push_back(static_cast<std::uint8_t>(v & 0x7));
                else
                    out.back() = static_cast<std::uint8_t>(out.back() | ((v & 0x7) << 4));
            } else {
                out.push_back(static_cast<std::uint8_t>(v));
            }
        }
        return out;
    }

    // An operator; builtin codes > 127 go only into builtin_code, smaller
    // ones into both fields as the converter writes them.
    void op(std::int32_t builtin, std::vector<std::int32_t> inputs, std::vector<std::int32_t> outputs,
            Options optionsType = NoOptions, std::vector<Field> options = {}, const std::string& custom = {})
    {
        std::uint32_t code = 0;
        for (; code < m_codes.size(); ++code)
            if (m_codes[code].builtin == builtin && m_codes[code].custom == custom)
                break;
        if (code == m_codes.size())
            m_codes.push_back({builtin, custom});
        m_ops.push_back({code, std::move(inputs), std::move(outputs), optionsType, std::move(options)});
    }
    // Malformed-model hooks: an operator's opcode_index, a tensor's buffer
    // index, as written (no check).
    void setCodeIndex(std::size_t op, std::uint32_t code) { m_ops.at(op).code = code; }
    void setBuffer(std::size_t tensor, std::uint32_t buffer) { m_tensors.at(tensor).buffer = buffer; }
    void inputs(std::vector<std::int32_t> indices) { m_inputs = std::move(indices); }
    void outputs(std::vector<std::int32_t> indices) { m_outputs = std::move(indices); }
    std::uint32_t version = 3;
    bool writeSubgraph = true; // false: a model with no subgraph

    std::vector<std::uint8_t> finish() const
    {
        flatbuffers::FlatBufferBuilder fbb;
        std::vector<flatbuffers::Offset<flatbuffers::Table>> buffers, tensors, ops, codes;
        for (const auto& data : m_buffers) {
            flatbuffers::uoffset_t vec = 0;
            if (!data.empty()) {
                fbb.ForceVectorAlignment(data.size(), 1, 16); // schema.fbs: data (force_align: 16)
                vec = fbb.CreateVector(data).o;
            }
            const auto start = fbb.StartTable();
            if (vec)
                fbb.AddOffset(slot(0), flatbuffers::Offset<void>(vec));
            buffers.push_back(fbb.EndTable(start));
        }
        for (const auto& t : m_tensors) {
            const auto shape = fbb.CreateVector(t.shape);
            const auto name = fbb.CreateString(t.name);
            flatbuffers::uoffset_t quant = 0;
            if (!t.quant.scales.empty() || !t.quant.zeroPoints.empty()) {
                const auto scale = fbb.CreateVector(t.quant.scales);
                const auto zero = fbb.CreateVector(t.quant.zeroPoints);
                const auto start = fbb.StartTable();
                fbb.AddOffset(slot(2), scale);
                fbb.AddOffset(slot(3), zero);
                fbb.AddElement<std::int32_t>(slot(6), t.quant.dimension, 0);
                quant = fbb.EndTable(start);
            }
            const auto start = fbb.StartTable();
            fbb.AddOffset(slot(0), shape);
            fbb.AddElement<std::int8_t>(slot(1), t.type, 0);
            fbb.AddElement<std::uint32_t>(slot(2), t.buffer, 0);
            fbb.AddOffset(slot(3), name);
            if (quant)
                fbb.AddOffset(slot(4), flatbuffers::Offset<void>(quant));
            fbb.AddElement<std::uint8_t>(slot(5), t.variable ? 1 : 0, 0);
            tensors.push_back(fbb.EndTable(start));
        }
        for (const auto& o : m_ops) {
            const auto in = fbb.CreateVector(o.inputs);
            const auto out = fbb.CreateVector(o.outputs);
            flatbuffers::uoffset_t options = 0;
            if (o.optionsType != NoOptions) {
                const auto start = fbb.StartTable();
                for (const Field& f : o.options) {
                    if (f.isFloat)
                        fbb.AddElement<float>(slot(f.id), f.floatValue);
                    else if (f.bytes == 1)
                        fbb.AddElement<std::int8_t>(slot(f.id), static_cast<std::int8_t>(f.value));
                    else
                        fbb.AddElement<std::int32_t>(slot(f.id), static_cast<std::int32_t>(f.value));
                }
                fbb.ForceDefaults(false);
                options = fbb.EndTable(start);
            }
            const auto start = fbb.StartTable();
            fbb.AddElement<std::uint32_t>(slot(0), o.code, 0);
            fbb.AddOffset(slot(1), in);
            fbb.AddOffset(slot(2), out);
            fbb.AddElement<std::uint8_t>(slot(3), o.optionsType, 0);
            if (options)
                fbb.AddOffset(slot(4), flatbuffers::Offset<void>(options));
            ops.push_back(fbb.EndTable(start));
        }
        for (const auto& c : m_codes) {
            const auto custom = c.custom.empty() ? 0 : fbb.CreateString(c.custom).o;
            const auto start = fbb.StartTable();
            fbb.AddElement<std::int8_t>(slot(0), static_cast<std::int8_t>(c.builtin < 127 ? c.builtin : 127), 0);
            if (custom)
                fbb.AddOffset(slot(1), flatbuffers::Offset<void>(custom));
            fbb.AddElement<std::int32_t>(slot(2), 1, 1);
            fbb.AddElement<std::int32_t>(slot(3), c.builtin, 0);
            codes.push_back(fbb.EndTable(start));
        }
        const auto tensorVec = fbb.CreateVector(tensors);
        const auto inVec = fbb.CreateVector(m_inputs);
        const auto outVec = fbb.CreateVector(m_outputs);
        const auto opVec = fbb.CreateVector(ops);
        const auto graphName = fbb.CreateString("main");
        auto start = fbb.StartTable();
        fbb.AddOffset(slot(0), tensorVec);
        fbb.AddOffset(slot(1), inVec);
        fbb.AddOffset(slot(2), outVec);
        fbb.AddOffset(slot(3), opVec);
        fbb.AddOffset(slot(4), graphName);
        const flatbuffers::Offset<flatbuffers::Table> graph = fbb.EndTable(start);
        const auto graphs = fbb.CreateVector(writeSubgraph ? std::vector{graph} : std::vector<flatbuffers::Offset<flatbuffers::Table>>{});
        const auto codeVec = fbb.CreateVector(codes);
        const auto bufferVec = fbb.CreateVector(buffers);
        const auto description = fbb.CreateString("tst_tflite_builder");
        start = fbb.StartTable();
        fbb.AddElement<std::uint32_t>(slot(0), version, 0);
        fbb.AddOffset(slot(1), codeVec);
        fbb.AddOffset(slot(2), graphs);
        fbb.AddOffset(slot(3), description);
        fbb.AddOffset(slot(4), bufferVec);
        const flatbuffers::Offset<flatbuffers::Table> model = fbb.EndTable(start);
        fbb.Finish(model, "TFL3");
        return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
    }

    core::Network import(const std::string& label = "<test>.tflite") const
    {
        const std::vector<std::uint8_t> bytes = finish();
        return core::importTfliteBytes(bytes.data(), bytes.size(), label);
    }

private:
    struct TensorDef {
        std::string name;
        std::vector<std::int32_t> shape;
        Type type;
        Quant quant;
        std::uint32_t buffer;
        bool variable;
    };
    struct CodeDef {
        std::int32_t builtin;
        std::string custom;
    };
    struct OpDef {
        std::uint32_t code;
        std::vector<std::int32_t> inputs, outputs;
        Options optionsType;
        std::vector<Field> options;
    };
    std::vector<std::vector<std::uint8_t>> m_buffers;
    std::vector<TensorDef> m_tensors;
    std::vector<CodeDef> m_codes;
    std::vector<OpDef> m_ops;
    std::vector<std::int32_t> m_inputs, m_outputs;
};

} // namespace mdse::test
