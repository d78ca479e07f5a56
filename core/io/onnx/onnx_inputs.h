#pragma once

// What an ONNX model's graph inputs look like before import: their names
// and dimensions, with the symbolic ones marked, so a front end can ask the
// user for the extents the importer needs (OnnxImportOptions::inputShapes).

#include "core/graph/shape.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::core {

struct OnnxInputDim {
    enum class Kind {
        Fixed,    // a known extent (`extent`)
        Batch,    // the symbolic batch: the importer uses 1
        Symbolic, // any other symbolic axis: needs an override
    };
    Kind kind = Kind::Fixed;
    std::int64_t extent = 0; // > 0 for Fixed, 1 for Batch, 0 for Symbolic
    std::string symbol;      // the exporter's dim_param ("" if it gave none)
};

// The one batch rule, shared by the importer and listOnnxInputs: a
// symbolic axis may be the batch (and becomes 1) if it is axis 0, axis 1 of
// a time-major sequence [T, N, F], or named "batch" by its exporter; only
// the first such symbolic axis is taken as the batch.
inline bool isBatchLikeAxis(int axis, int rank, const std::string& symbol)
{
    return axis == 0 || (axis == 1 && rank == 3) || symbol.find("batch") != std::string::npos;
}

struct OnnxInputInfo {
    std::string name;
    std::vector<OnnxInputDim> dims;

    // True if some axis is Symbolic (import fails without an override).
    bool needsOverride() const;
    // The full ONNX shape (batch included) with Symbolic axes replaced by
    // `symbolicExtents` in axis order; its size must equal their count.
    Shape shapeWith(const std::vector<std::int64_t>& symbolicExtents) const;
};

// The graph inputs of the ONNX file at `path` (initializers listed as
// inputs by IR < 4 models excluded), read from the memory-mapped file
// without parsing the weights. The batch axis follows isBatchLikeAxis,
// as in the importer.
// Throws core::Error naming the file if it is not a readable ONNX model.
std::vector<OnnxInputInfo> listOnnxInputs(const std::string& path);

// The same for serialized bytes in memory; `label` names them in errors.
std::vector<OnnxInputInfo> listOnnxInputsFromBytes(const void* data, std::size_t size, const std::string& label);

} // namespace mdse::core
