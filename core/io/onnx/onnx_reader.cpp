// Reading an ONNX file: memory-map it, parse the ModelProto from the mapped
// bytes, hand the message to the Importer.
#include "core/io/onnx/mapped_file.h"
#include "core/io/onnx/onnx_import.h"
#include "core/io/onnx/onnx_importer.h"

#include <google/protobuf/io/zero_copy_stream.h>

#include <climits>
#include <filesystem>

namespace mdse::core {
namespace {

// Hands the mapped file to protobuf in 8 MiB chunks and lets the kernel
// drop the pages of chunks two behind the current one: the parse copies
// every raw_data string once, so without this the peak resident size would
// be twice the file.
class ReleasingInputStream final : public google::protobuf::io::ZeroCopyInputStream {
public:
    explicit ReleasingInputStream(const MappedFile& file) : m_file(file) {}

    bool Next(const void** data, int* size) override
    {
        if (m_position >= m_file.size())
            return false;
        if (m_position >= 2 * kChunk)
            m_file.release(m_released, m_position - kChunk - m_released), m_released = m_position - kChunk;
        const std::size_t length = std::min(kChunk, m_file.size() - m_position);
        *data = m_file.data() + m_position;
        *size = static_cast<int>(length);
        m_position += length;
        return true;
    }
    void BackUp(int count) override { m_position -= static_cast<std::size_t>(count); }
    bool Skip(int count) override
    {
        const std::size_t step = std::min<std::size_t>(static_cast<std::size_t>(count), m_file.size() - m_position);
        m_position += step;
        return step == static_cast<std::size_t>(count);
    }
    std::int64_t ByteCount() const override { return static_cast<std::int64_t>(m_position); }

private:
    static constexpr std::size_t kChunk = std::size_t{8} << 20;
    const MappedFile& m_file;
    std::size_t m_position = 0;
    std::size_t m_released = 0;
};

constexpr std::size_t kMaxProtobufBytes = INT_MAX; // protobuf's own 2 GiB message limit

[[noreturn]] void failParse(const std::string& label, std::size_t size)
{
    throw Error("not a readable ONNX model: the protobuf data is truncated or corrupt ("
                    + std::to_string(size) + " bytes)",
                {label, 0, 0});
}

Network importParsed(onnx::ModelProto& model, const std::string& label, const std::string& baseDir,
                     std::shared_ptr<const void> keepAlive, const OnnxImportOptions& options)
{
    onnx_import::Importer importer(model, label, baseDir, std::move(keepAlive), options);
    return Network(importer.run());
}

} // namespace

Network importOnnxFile(const std::string& path, const OnnxImportOptions& options)
{
    const auto file = MappedFile::open(path);
    if (file->size() > kMaxProtobufBytes)
        throw Error("the file is larger than 2 GiB, protobuf's limit for one message; export the "
                    "weights as ONNX external data",
                    {path, 0, 0});
    onnx::ModelProto model;
    ReleasingInputStream stream(*file);
    if (file->size() == 0 || !model.ParseFromZeroCopyStream(&stream))
        failParse(path, file->size());
    const std::string baseDir = std::filesystem::path(path).parent_path().string();
    return importParsed(model, path, baseDir.empty() ? "." : baseDir, file, options);
}

Network importOnnxBytes(const void* data, std::size_t size, const std::string& label,
                        const OnnxImportOptions& options)
{
    if (size > kMaxProtobufBytes)
        throw Error("the data is larger than 2 GiB, protobuf's limit for one message", {label, 0, 0});
    onnx::ModelProto model;
    if (size == 0 || !model.ParseFromArray(data, static_cast<int>(size)))
        failParse(label, size);
    return importParsed(model, label, {}, nullptr, options);
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
