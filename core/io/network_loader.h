#pragma once

#include "core/graph/network.h"
#include "core/io/onnx/onnx_import.h"

#include <string>

namespace mdse::core {

// Opens a network from "zoo:<id>" or a file path (.yaml/.yml/.onnx). Throws
// core::Error naming the file and the problem (missing file, unknown zoo
// id, unsupported extension, or the loader's own errors).
Network loadNetwork(const std::string& pathOrZooId);
// The same; .onnx files are imported with `onnxOptions` (input shape overrides).
Network loadNetwork(const std::string& pathOrZooId, const OnnxImportOptions& onnxOptions);

// Reads a whole file; throws core::Error if it cannot, or if it is larger
// than maxBytes (checked before reading).
std::string readTextFile(const std::string& path, std::size_t maxBytes);

} // namespace mdse::core
