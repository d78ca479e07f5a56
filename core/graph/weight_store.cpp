#include "core/graph/weight_store.h"

#include "core/util/checked_math.h"
#include "core/util/error.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace mdse::core {
namespace {

template <typename T>
T load(const std::byte* data, std::int64_t index)
{
    T value;
    std::memcpy(&value, data + static_cast<std::size_t>(index) * sizeof(T), sizeof(T));
    return value;
}

// IEEE 754-2008 binary16: 1 sign bit, 5 exponent bits (bias 15), 10
// fraction bits; subnormals are fraction * 2^-24.
float halfToFloat(std::uint16_t half)
{
    const int sign = (half >> 15) != 0 ? -1 : 1;
    const int exponent = (half >> 10) & 0x1f;
    const int fraction = half & 0x3ff;
    if (exponent == 0)
        return static_cast<float>(sign * std::ldexp(fraction, -24));
    if (exponent == 31)
        return fraction != 0 ? NAN : static_cast<float>(sign) * INFINITY;
    return static_cast<float>(sign * std::ldexp(fraction + 1024, exponent - 25));
}

} // namespace

static float rawValueAt(const std::byte* data, Precision type, std::int64_t index, const std::string& name);

std::size_t storageBytesOf(Precision type)
{
    if (type == Precision::Fp32 || type == Precision::Int32)
        return 4;
    if (type == Precision::Fp16 || type == Precision::Int16)
        return 2;
    if (type == Precision::Int8 || type == Precision::UInt8)
        return 1;
    throw Error("weights of type " + precisionName(type) + " are not stored");
}

std::size_t storageBytesOf(Precision type, std::int64_t elements)
{
    const auto count = static_cast<std::size_t>(elements);
    if (type == Precision::Int4)
        return (count + 1) / 2;
    return count * storageBytesOf(type);
}

std::int64_t WeightTensor::elementCount() const
{
    std::int64_t count = 1;
    for (std::int64_t extent : shape) {
        const auto next = checkedMul(count, extent);
        if (!next || *next > kMaxTensorElements)
            throw Error("weight '" + name + "' has more than 2^40 elements");
        count = *next;
    }
    return count;
}

float WeightTensor::valueAt(std::int64_t index) const
{
    const float raw = rawValueAt(bytes.data(), type, index, name);
    if (!channelScale)
        return raw;
    const auto channel = static_cast<std::size_t>(index / channelStride) % channelScale->size();
    const float zeroPoint = channelZeroPoint && channel < channelZeroPoint->size() ? (*channelZeroPoint)[channel] : 0.0f;
    return (raw - zeroPoint) * (*channelScale)[channel];
}

static float rawValueAt(const std::byte* data, Precision type, std::int64_t index, const std::string& name)
{
    if (type == Precision::Fp32)
        return load<float>(data, index);
    if (type == Precision::Fp16)
        return halfToFloat(load<std::uint16_t>(data, index));
    if (type == Precision::Int32)
        return static_cast<float>(load<std::int32_t>(data, index));
    if (type == Precision::Int16)
        return static_cast<float>(load<std::int16_t>(data, index));
    if (type == Precision::Int8)
        return static_cast<float>(load<std::int8_t>(data, index));
    if (type == Precision::UInt8)
        return static_cast<float>(load<std::uint8_t>(data, index));
    if (type == Precision::Int4) { // two's-complement nibbles, low nibble first
        const auto byte = static_cast<unsigned>(load<std::uint8_t>(data, index / 2));
        const unsigned nibble = (index % 2 == 0) ? (byte & 0xfU) : (byte >> 4);
        return static_cast<float>(nibble >= 8 ? static_cast<int>(nibble) - 16 : static_cast<int>(nibble));
    }
    throw Error("weight '" + name + "' has an unsupported element type");
}

std::vector<float> WeightTensor::toFloats() const
{
    std::vector<float> values(static_cast<std::size_t>(elementCount()));
    if (type == Precision::Fp32 && !channelScale) {
        std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
        return values;
    }
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = valueAt(static_cast<std::int64_t>(i));
    return values;
}

void WeightStore::add(WeightTensor tensor)
{
    for (std::int64_t extent : tensor.shape)
        if (extent < 0 || extent > kMaxTensorElements)
            throw Error("weight '" + tensor.name + "' has an invalid shape " + shapeToString(tensor.shape));
    const std::int64_t elements = tensor.elementCount(); // a scalar (no axes) has one element
    const auto expected = storageBytesOf(tensor.type, elements);
    if (tensor.bytes.size() != expected)
        throw Error("weight '" + tensor.name + "' holds " + std::to_string(tensor.bytes.size())
                    + " bytes; its shape " + shapeToString(tensor.shape) + " and type "
                    + std::string(precisionName(tensor.type)) + " need " + std::to_string(expected));
    const std::string name = tensor.name;
    if (!m_tensors.emplace(name, std::move(tensor)).second)
        throw Error("two weights are named '" + name + "'");
}

void WeightStore::addOwnedFloats(const std::string& name, Shape shape, std::vector<float> values)
{
    auto owned = std::make_shared<std::vector<float>>(std::move(values));
    WeightTensor tensor;
    tensor.name = name;
    tensor.shape = std::move(shape);
    tensor.bytes = std::as_bytes(std::span<const float>(*owned));
    tensor.keepAlive = owned;
    add(std::move(tensor));
}

const WeightTensor* WeightStore::find(const std::string& name) const
{
    const auto it = m_tensors.find(name);
    return it == m_tensors.end() ? nullptr : &it->second;
}

const WeightTensor& WeightStore::at(const std::string& name) const
{
    if (const WeightTensor* tensor = find(name))
        return *tensor;
    throw Error("no weight tensor named '" + name + "'");
}

std::int64_t WeightStore::totalBytes() const
{
    std::int64_t total = 0;
    for (const auto& [name, tensor] : m_tensors)
        total += static_cast<std::int64_t>(tensor.bytes.size());
    return total;
}

} // namespace mdse::core
