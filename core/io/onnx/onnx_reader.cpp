// Reading an ONNX file: memory-map it and parse the ModelProto from the
// mapped bytes with protobuf, leaving initializers' raw_data in the mapping
// (weights are views into the file: no copy, memory ~ one file).
#include "core/io/mapped_file.h"
#include "core/io/onnx/onnx_import.h"
#include "core/io/onnx/onnx_importer.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <climits>
#include <filesystem>
#include <map>
#include <span>

namespace mdse::core {
namespace {

using google::protobuf::io::CodedInputStream;
using google::protobuf::internal::WireFormatLite;
using RawData = std::map<const void*, std::span<const std::byte>>;

constexpr std::uint32_t kModelGraph = 7, kGraphInitializer = 5, kTensorRawData = 9; // onnx.proto

// Calls visit(field, wireType, fieldBegin, fieldEnd, payload, payloadSize)
// for each field of the serialized message in [data, data + size), using
// protobuf's own CodedInputStream/WireFormatLite to step over fields.
// Returns false on malformed wire data.
template <typename Visit>
bool forEachField(const std::uint8_t* data, std::size_t size, Visit visit)
{
    CodedInputStream in(data, static_cast<int>(size));
    while (static_cast<std::size_t>(in.CurrentPosition()) < size) {
        const int begin = in.CurrentPosition();
        const std::uint32_t tag = in.ReadTag();
        if (tag == 0)
            return false;
        const std::uint32_t field = tag >> 3, wireType = tag & 7;
        const std::uint8_t* payload = nullptr;
        std::uint32_t length = 0;
        if (wireType == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
            if (!in.ReadVarint32(&length) || length > size - static_cast<std::size_t>(in.CurrentPosition()))
                return false;
            payload = data + in.CurrentPosition();
            if (!in.Skip(static_cast<int>(length)))
                return false;
        } else if (!WireFormatLite::SkipField(&in, tag)) {
            return false;
        }
        if (!visit(field, wireType, data + begin, data + in.CurrentPosition(), payload, length))
            return false;
    }
    return true;
}

bool mergeField(google::protobuf::MessageLite& message, const std::uint8_t* begin, const std::uint8_t* end)
{
    CodedInputStream in(begin, static_cast<int>(end - begin));
    return message.MergePartialFromCodedStream(&in) && in.ConsumedEntireMessage();
}

// Parses a ModelProto from `data` with protobuf, except that the raw_data
// bytes of graph initializers are not copied: `rawData` maps each
// initializer to its bytes inside `data` (which must outlive the weights).
bool parseModel(const std::uint8_t* data, std::size_t size, onnx::ModelProto& model, RawData& rawData)
{
    const auto tensor = [&](onnx::TensorProto& target, const std::uint8_t* payload, std::uint32_t length) {
        return forEachField(payload, length, [&](std::uint32_t field, std::uint32_t wire, const std::uint8_t* begin,
                                                 const std::uint8_t* end, const std::uint8_t* bytes, std::uint32_t n) {
            if (field == kTensorRawData && wire == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
                rawData[&target] = std::as_bytes(std::span<const std::uint8_t>(bytes, n));
                return true;
            }
            return mergeField(target, begin, end);
        });
    };
    const auto graph = [&](onnx::GraphProto& target, const std::uint8_t* payload, std::uint32_t length) {
        return forEachField(payload, length, [&](std::uint32_t field, std::uint32_t wire, const std::uint8_t* begin,
                                                 const std::uint8_t* end, const std::uint8_t* bytes, std::uint32_t n) {
            if (field == kGraphInitializer && wire == WireFormatLite::WIRETYPE_LENGTH_DELIMITED)
                return tensor(*target.add_initializer(), bytes, n);
            return mergeField(target, begin, end);
        });
    };
    return forEachField(data, size, [&](std::uint32_t field, std::uint32_t wire, const std::uint8_t* begin,
                                        const std::uint8_t* end, const std::uint8_t* bytes, std::uint32_t n) {
        if (field == kModelGraph && wire == WireFormatLite::WIRETYPE_LENGTH_DELIMITED)
            return graph(*model.mutable_graph(), bytes, n);
        return mergeField(model, begin, end);
    });
}

constexpr std::size_t kMaxProtobufBytes = INT_MAX; // protobuf's own 2 GiB message limit

[[noreturn]] void failParse(const std::string& label, std::size_t size)
{
    throw Error("not a readable ONNX model: the protobuf data is truncated or corrupt ("
                    + std::to_string(size) + " bytes)",
                {label, 0, 0});
}

Network importParsed(const std::uint8_t* data, std::size_t size, const std::string& label,
                     const std::string& baseDir, std::shared_ptr<const void> keepAlive,
                     const OnnxImportOptions& options)
{
    if (size > kMaxProtobufBytes)
        throw Error("the data is larger than 2 GiB, protobuf's limit for one message; export the "
                    "weights as ONNX external data",
                    {label, 0, 0});
    onnx::ModelProto model;
    RawData rawData;
    if (size == 0 || !parseModel(data, size, model, rawData))
        failParse(label, size);
    onnx_import::Importer importer(model, label, baseDir, std::move(keepAlive), options);
    importer.setRawData(std::move(rawData));
    return Network(importer.run());
}

} // namespace

Network importOnnxFile(const std::string& path, const OnnxImportOptions& options)
{
    const auto file = MappedFile::open(path);
    const std::string baseDir = std::filesystem::path(path).parent_path().string();
    return importParsed(reinterpret_cast<const std::uint8_t*>(file->data()), file->size(), path,
                        baseDir.empty() ? "." : baseDir, file, options);
}

Network importOnnxBytes(const void* data, std::size_t size, const std::string& label,
                        const OnnxImportOptions& options)
{
    // Weights view the bytes, so keep a copy that lives as long as they do.
    auto copy = std::make_shared<std::string>(static_cast<const char*>(data), size);
    return importParsed(reinterpret_cast<const std::uint8_t*>(copy->data()), copy->size(), label, {}, copy,
                        options);
}

std::optional<std::pair<std::string, Shape>> parseInputShapeOverride(const std::string& text)
{
    const std::size_t equals = text.rfind('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 >= text.size())
        return std::nullopt;
    Shape shape;
    std::size_t position = equals + 1;
    while (position <= text.size()) {
        const std::size_t end = std::min(text.find('x', position), text.size());
        const std::string part = text.substr(position, end - position);
        if (part.empty() || part.size() > 12 || part.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        shape.push_back(std::stoll(part));
        position = end + 1;
    }
    return std::make_pair(text.substr(0, equals), shape);
}

} // namespace mdse::core
