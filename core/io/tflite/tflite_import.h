#pragma once

#include "core/graph/network.h"

#include <cstddef>
#include <span>
#include <string>

namespace mdse::core {

// Opens a TensorFlow Lite model (FlatBuffers, schema version 3, file
// identifier "TFL3") as a Network: the file is memory-mapped and verified
// as it is read, every operator of subgraph 0 becomes a layer in execution
// order (NHWC [1, H, W, C] -> [C, H, W]; docs/tflite-import.md), constant
// tensors stay views into the mapping in definition().weights (scales and
// zero points attached), each layer carries the file's weight and output
// precision, variable tensors are listed in definition().stateTensors, and
// operators outside the mapped set become opaque layers with a note in
// definition().notes. Any problem throws core::Error naming the file and
// the byte offset.
Network importTfliteFile(const std::string& path);

// The same from bytes in memory (copied once to an aligned buffer);
// `label` names the source in errors.
Network importTfliteBytes(const void* data, std::size_t size, const std::string& label);

// True when bytes 4..7 are the TFLite file identifier "TFL3".
bool looksLikeTflite(std::span<const std::byte> head);

} // namespace mdse::core
