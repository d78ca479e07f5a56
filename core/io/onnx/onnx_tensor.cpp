// TensorProto -> ConstantValue (+ WeightStore entry): raw_data (moved out
// of the parsed message, no copy), typed fields, or external data files
// (memory-mapped next to the model).
#include "core/io/mapped_file.h"
#include "core/io/onnx/onnx_importer.h"

#include "core/util/checked_math.h"

#include <cstring>
#include <filesystem>

namespace mdse::core::onnx_import {
namespace {

using T = onnx::TensorProto;

bool isIntegerType(int type)
{
    return type == T::INT64 || type == T::INT32 || type == T::INT16 || type == T::INT8 || type == T::UINT8
        || type == T::UINT16 || type == T::UINT32 || type == T::UINT64 || type == T::BOOL;
}

std::size_t bytesPerElement(int type)
{
    switch (type) {
    case T::INT64: case T::DOUBLE: case T::UINT64: return 8;
    case T::FLOAT: case T::INT32: case T::UINT32: return 4;
    case T::FLOAT16: case T::INT16: case T::UINT16: case T::BFLOAT16: return 2;
    case T::INT8: case T::UINT8: case T::BOOL: return 1;
    default: return 0;
    }
}

bool storedAsWeight(int type)
{
    return type == T::FLOAT || type == T::FLOAT16 || type == T::INT8 || type == T::UINT8 || type == T::INT32
        || type == T::INT16;
}

// Little-endian element k of raw bytes as int64 / double.
std::int64_t rawInt(const std::byte* data, int type, std::size_t k)
{
    switch (type) {
    case T::INT64: case T::UINT64: { std::int64_t v; std::memcpy(&v, data + 8 * k, 8); return v; }
    case T::INT32: { std::int32_t v; std::memcpy(&v, data + 4 * k, 4); return v; }
    case T::UINT32: { std::uint32_t v; std::memcpy(&v, data + 4 * k, 4); return v; }
    case T::INT16: { std::int16_t v; std::memcpy(&v, data + 2 * k, 2); return v; }
    case T::UINT16: { std::uint16_t v; std::memcpy(&v, data + 2 * k, 2); return v; }
    case T::INT8: return static_cast<std::int8_t>(data[k]);
    default: return static_cast<std::uint8_t>(data[k]); // UINT8, BOOL
    }
}

struct ExternalData {
    std::string location;
    std::int64_t offset = 0;
    std::int64_t length = -1;
};

ExternalData readExternal(const T& tensor)
{
    ExternalData external;
    for (const auto& entry : tensor.external_data()) {
        if (entry.key() == "location")
            external.location = entry.value();
        else if (entry.key() == "offset" || entry.key() == "length") {
            const std::string& text = entry.value();
            if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
                throw Error("external data " + entry.key() + " '" + text + "' is not a number");
            (entry.key() == "offset" ? external.offset : external.length) = std::stoll(text);
        }
    }
    return external;
}

} // namespace

std::int64_t ConstantValue::elementCount() const
{
    std::int64_t count = 1;
    for (std::int64_t extent : dims) // folded shapes may be absurd: saturate, callers check
        count = std::min(checkedMul(count, std::max<std::int64_t>(extent, 0)).value_or(kMaxTensorElements + 1),
                         kMaxTensorElements + 1);
    return count;
}

bool ConstantValue::isInteger() const { return isIntegerType(dataType); }

Precision elementTypeOfOnnx(int dataType)
{
    switch (dataType) {
    case T::FLOAT: return Precision::Fp32;
    case T::FLOAT16: return Precision::Fp16;
    case T::INT32: return Precision::Int32;
    case T::INT16: return Precision::Int16;
    case T::INT8: return Precision::Int8;
    case T::UINT8: return Precision::UInt8;
    default: throw Error("tensors of type " + onnxTypeName(dataType) + " cannot be weights");
    }
}

std::string onnxTypeName(int dataType)
{
    return T::DataType_IsValid(dataType) ? T::DataType_Name(static_cast<T::DataType>(dataType))
                                         : "unknown type " + std::to_string(dataType);
}

ConstantValue Importer::tensorConstant(const onnx::TensorProto& constTensor, const std::string& context)
{
    auto& tensor = const_cast<T&>(constTensor); // raw_data is moved out of the message
    ConstantValue constant;
    constant.dataType = tensor.data_type();
    const std::size_t elementBytes = bytesPerElement(constant.dataType);
    if (elementBytes == 0)
        fail(context + " has unsupported element type " + onnxTypeName(constant.dataType));
    std::int64_t count = 1;
    for (std::int64_t extent : tensor.dims()) {
        const auto next = checkedMul(count, extent);
        if (extent < 0 || !next || *next > kMaxTensorElements)
            fail(context + " has an invalid shape");
        count = *next;
        constant.dims.push_back(extent);
    }
    const auto expectedBytes = static_cast<std::size_t>(count) * elementBytes;
    std::span<const std::byte> bytes;
    std::shared_ptr<const void> keepAlive;
    std::vector<std::byte> converted;
    if (tensor.data_location() == T::EXTERNAL) {
        const ExternalData external = readExternal(tensor);
        const std::filesystem::path relative(external.location);
        if (m_baseDir.empty() || external.location.empty() || relative.is_absolute()
            || external.location.find("..") != std::string::npos)
            fail(context + " names external data '" + external.location
                 + "'; only files beside the model (no absolute or '..' paths) are read");
        const auto file = MappedFile::open((std::filesystem::path(m_baseDir) / relative).string());
        const std::int64_t length = external.length < 0 ? static_cast<std::int64_t>(file->size()) - external.offset
                                                        : external.length;
        if (external.offset < 0 || length < 0 || static_cast<std::size_t>(external.offset) > file->size()
            || static_cast<std::size_t>(length) > file->size() - static_cast<std::size_t>(external.offset))
            fail(context + ": external data range is outside '" + external.location + "'");
        bytes = {file->data() + external.offset, static_cast<std::size_t>(length)};
        keepAlive = file;
    } else if (const auto view = m_rawData.find(&constTensor); view != m_rawData.end()) {
        bytes = view->second; // inside the mapped file
        keepAlive = m_fileKeepAlive;
    } else if (tensor.has_raw_data()) {
        std::shared_ptr<std::string> raw(tensor.release_raw_data());
        bytes = std::as_bytes(std::span<const char>(raw->data(), raw->size()));
        keepAlive = raw;
    } else {
        // Typed fields: float_data, int32_data (also int8/uint8/int16/f16/bool),
        // int64_data, double_data.
        const auto fill = [&](const auto& field, auto convert) {
            if (static_cast<std::int64_t>(field.size()) != count)
                fail(context + " holds " + std::to_string(field.size()) + " values; its shape needs "
                     + std::to_string(count));
            converted.resize(expectedBytes);
            for (std::size_t k = 0; k < static_cast<std::size_t>(count); ++k) {
                const auto value = convert(field[static_cast<int>(k)]);
                std::memcpy(converted.data() + k * elementBytes, &value, elementBytes);
            }
        };
        switch (constant.dataType) {
        case T::FLOAT: fill(tensor.float_data(), [](float v) { return v; }); break;
        case T::DOUBLE: fill(tensor.double_data(), [](double v) { return v; }); break;
        case T::INT64: fill(tensor.int64_data(), [](std::int64_t v) { return v; }); break;
        case T::UINT32: case T::UINT64: fill(tensor.uint64_data(), [](std::uint64_t v) { return v; }); break;
        default: fill(tensor.int32_data(), [](std::int32_t v) { return v; }); break; // narrowed little-endian
        }
        auto owned = std::make_shared<std::vector<std::byte>>(std::move(converted));
        bytes = *owned;
        keepAlive = owned;
    }
    if (bytes.size() != expectedBytes)
        fail(context + " holds " + std::to_string(bytes.size()) + " bytes; its shape "
             + shapeToString(constant.dims) + " of " + onnxTypeName(constant.dataType) + " needs "
             + std::to_string(expectedBytes));
    if (constant.isInteger()) {
        constant.ints.resize(static_cast<std::size_t>(count));
        for (std::size_t k = 0; k < constant.ints.size(); ++k)
            constant.ints[k] = rawInt(bytes.data(), constant.dataType, k);
        constant.materialised = true;
    } else if (constant.dataType == T::DOUBLE) {
        constant.reals.resize(static_cast<std::size_t>(count));
        std::memcpy(constant.reals.data(), bytes.data(), bytes.size());
        constant.materialised = true;
    }
    if (storedAsWeight(constant.dataType) && !tensor.name().empty() && !m_store->find(tensor.name())) {
        WeightTensor stored;
        stored.name = tensor.name();
        stored.shape = constant.dims;
        stored.type = elementTypeOfOnnx(constant.dataType);
        stored.bytes = bytes;
        stored.keepAlive = keepAlive;
        m_store->add(std::move(stored));
        constant.weightName = tensor.name();
    } else if (constant.dataType == T::FLOAT || constant.dataType == T::FLOAT16) {
        // An unnamed (Constant node attribute) float tensor: materialise.
        WeightTensor view;
        view.shape = constant.dims;
        view.type = elementTypeOfOnnx(constant.dataType);
        view.bytes = bytes;
        if (count > (std::int64_t{1} << 22))
            fail(context + " is an unnamed float constant of " + std::to_string(count) + " elements, too large");
        for (std::int64_t k = 0; k < count; ++k)
            constant.reals.push_back(view.valueAt(k));
        constant.materialised = true;
    } else if (constant.dataType == T::BFLOAT16) {
        fail(context + " has type BFLOAT16, which is not supported");
    }
    return constant;
}

} // namespace mdse::core::onnx_import
