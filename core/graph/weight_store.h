#pragma once

#include "core/graph/precision.h"
#include "core/graph/shape.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace mdse::core {

// One named constant tensor of a network (a conv kernel, a bias, ...), as
// the model file stores it: its full shape (ONNX order, e.g. [F, C/g, kh,
// kw]), element type and raw little-endian bytes. The bytes are either a
// view into a memory-mapped file or bytes the store owns; `keepAlive` holds
// whichever it is. Values are converted to float on demand, so a 240 MB
// model costs no second copy.
struct WeightTensor {
    std::string name;
    Shape shape;                          // every axis, may be empty (scalar)
    Precision type = Precision::Fp32;  // F32, F16, I32, I16, I8, U8, I4 (packed) supported
    std::span<const std::byte> bytes;
    std::shared_ptr<const void> keepAlive;
    // Optional per-output-channel factor applied when values are read (a
    // BatchNorm folded into this weight without copying it): element i is
    // scaled by channelScale[(i / channelStride) % channelScale.size()].
    std::shared_ptr<const std::vector<float>> channelScale;
    std::int64_t channelStride = 1;
    // Optional per-channel zero point (same channels as channelScale),
    // subtracted before scaling: real = (q - zero_point) * scale.
    std::shared_ptr<const std::vector<float>> channelZeroPoint;

    std::int64_t elementCount() const;
    // Element i as float (f16 decoded per IEEE 754-2008 binary16; integer
    // types are their integer value, no scale applied).
    float valueAt(std::int64_t index) const;
    // All elements as float, in storage order.
    std::vector<float> toFloats() const;
};

// The named constant tensors of one network. Immutable once built; shared
// between copies of a network through std::shared_ptr<const WeightStore>.
class WeightStore {
public:
    // Throws core::Error if the name is taken or bytes do not match
    // shape x type.
    void add(WeightTensor tensor);
    // Stores a float32 tensor the store owns (e.g. BatchNorm-folded weights).
    void addOwnedFloats(const std::string& name, Shape shape, std::vector<float> values);

    const WeightTensor* find(const std::string& name) const;
    const WeightTensor& at(const std::string& name) const; // throws core::Error
    std::size_t size() const { return m_tensors.size(); }
    bool empty() const { return m_tensors.empty(); }
    const std::map<std::string, WeightTensor>& tensors() const { return m_tensors; }
    std::int64_t totalBytes() const;

private:
    std::map<std::string, WeightTensor> m_tensors;
};

// Bytes one element of `type` takes in a weight file (whole-byte types only).
std::size_t storageBytesOf(Precision type);
// Bytes `elements` elements of `type` take, int4 packed two per byte
// (the first element in the low nibble, as TFLite stores INT4 tensors).
std::size_t storageBytesOf(Precision type, std::int64_t elements);

} // namespace mdse::core
