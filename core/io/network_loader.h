#pragma once

#include "core/graph/network.h"
#include "core/io/onnx/onnx_import.h"

#include <string>

namespace mdse::core {

// Opens a network from "zoo:<id>" or a file path: a TFLite model, an ONNX
// model or a network YAML, recognised by content (networkFileFormat), so a
// model saved without its extension opens. Throws core::Error naming the
// file and the problem (missing file, unknown zoo id, unrecognised content,
// or the loader's own errors).
Network loadNetwork(const std::string& pathOrZooId);
// The same; ONNX models are imported with `onnxOptions` (input shape overrides).
Network loadNetwork(const std::string& pathOrZooId, const OnnxImportOptions& onnxOptions);

enum class NetworkFileFormat { Yaml, Onnx, Tflite };
// The format of a network file, by content first:
//  - TFLite: the FlatBuffers file identifier "TFL3" at bytes 4..7
//    (tensorflow/lite/schema/schema.fbs, file_identifier);
//  - ONNX: a first byte 0x08, the tag of ModelProto field 1 (ir_version,
//    varint), which protobuf serializers write first (fields in number
//    order; onnx/onnx.proto, protobuf encoding guide);
// then by extension (.onnx, .tflite, .yaml, .yml), then YAML when the
// first 4 KiB are text (no NUL or control bytes other than tab, CR, LF).
// Throws core::Error (file, offset 0) when none of these says.
NetworkFileFormat networkFileFormat(const std::string& path);

// Reads a whole file; throws core::Error if it cannot, or if it is larger
// than maxBytes (checked before reading).
std::string readTextFile(const std::string& path, std::size_t maxBytes);

} // namespace mdse::core
