#pragma once

// Internal to core/io/tflite: the main subgraph of a TFLite model as plain
// values, every index checked, constant data as views into the file.

#include "core/io/tflite/tflite_flatbuffer.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace mdse::core::tflite_import {

struct TflQuantization {
    std::vector<float> scales;          // one per tensor, or one per channel
    std::vector<std::int64_t> zeroPoints;
    int dimension = 0;                  // the channel axis when per-channel
};

struct TflTensor {
    int index = 0;
    std::string name;
    std::vector<std::int32_t> shape;
    std::int8_t type = 0;                // schema::TensorType
    bool isVariable = false;
    TflQuantization quantization;
    std::span<const std::byte> data;     // the buffer's bytes; empty = none
    std::size_t offset = 0;              // of the Tensor table, for errors

    bool hasData() const { return !data.empty(); }
};

struct TflOperator {
    int index = 0;
    std::int32_t code = 0;               // schema::Builtin
    std::string customCode;              // CUSTOM operators
    std::vector<std::int32_t> inputs;    // -1 = optional input left out
    std::vector<std::int32_t> outputs;
    FbTable options;                     // builtin_options (absent = defaults)
    std::size_t offset = 0;
};

struct TflModel {
    std::uint32_t version = 0;
    std::string description;
    std::size_t subgraphCount = 0;
    std::string subgraphName;
    std::vector<TflTensor> tensors;
    std::vector<TflOperator> operators;  // in execution order, as stored
    std::vector<std::int32_t> inputs;
    std::vector<std::int32_t> outputs;
};

// Reads subgraph 0; throws core::Error (label, byte offset, what) for any
// structural problem: bad identifier or version, offsets out of range, a
// tensor or buffer index out of range, a buffer shorter than its shape.
TflModel readTflModel(FbReader& reader);

// Bytes `elements` elements of `type` take (int4 packed); 0 for types
// without a fixed size (STRING, RESOURCE, VARIANT).
std::size_t tflElementBytes(std::int8_t type, std::int64_t elements);
std::string tflTypeName(std::int8_t type);

} // namespace mdse::core::tflite_import
