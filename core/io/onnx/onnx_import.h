#pragma once

#include "core/graph/network.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace mdse::core {

struct OnnxImportOptions {
    // Full ONNX shapes (batch included) for graph inputs, by input name,
    // e.g. {"input": {1, 3, 224, 224}}: needed when a graph input has a
    // symbolic dimension other than the leading batch.
    std::map<std::string, Shape> inputShapes;
};

// Opens an ONNX model (IR 3-10, default-domain opsets 7-18) as a Network:
// the file is memory-mapped and parsed from the mapped bytes, exporter
// shape subgraphs are folded to constants, nodes become layers (batch
// dropped: NCHW -> [C, H, W]), BatchNorms are folded into the producing
// conv/dense where legal (listed in definition().notes), activations are
// fused into their producer as in the YAML zoo, and every initializer a
// layer uses is kept in definition().weights (no second copy of the bytes
// of external-data files; raw_data is moved out of the parsed message).
// Every problem throws core::Error naming the file and, when there is one,
// the node. docs/onnx-import.md lists the ops and rules.
Network importOnnxFile(const std::string& path, const OnnxImportOptions& options = {});

// The same from bytes in memory; `label` names the source in errors.
// External-data tensors are refused (there is no directory to look in).
Network importOnnxBytes(const void* data, std::size_t size, const std::string& label,
                        const OnnxImportOptions& options = {});

// Parses "name=1x3x224x224" into (name, shape); nullopt if malformed.
std::optional<std::pair<std::string, Shape>> parseInputShapeOverride(const std::string& text);

} // namespace mdse::core
