#include "core/io/network_loader.h"

#include "core/io/network_yaml.h"
#include "core/io/onnx/onnx_import.h"
#include "core/io/tflite/tflite_import.h"
#include "core/io/zoo.h"

#include <algorithm>
#include <array>
#include <cstddef>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace mdse::core {
namespace {

constexpr std::string_view kZooPrefix = "zoo:";

std::string lowercaseExtension(const std::string& path)
{
    std::string extension = std::filesystem::path(path).extension().string();
    for (char& c : extension)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return extension;
}

// The first bytes of a file (fewer when it is shorter).
std::vector<std::byte> readHead(const std::string& path, std::size_t bytes)
{
    std::error_code status;
    if (!std::filesystem::is_regular_file(path, status))
        throw Error("no such file (or not a regular file)", {path, 0, 0});
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        throw Error("cannot open the file for reading", {path, 0, 0});
    std::vector<std::byte> head(bytes);
    stream.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(bytes));
    head.resize(static_cast<std::size_t>(stream.gcount()));
    return head;
}

bool looksLikeText(const std::vector<std::byte>& head)
{
    return std::none_of(head.begin(), head.end(), [](std::byte b) {
        const auto c = static_cast<unsigned char>(b);
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    });
}

} // namespace

NetworkFileFormat networkFileFormat(const std::string& path)
{
    const std::vector<std::byte> head = readHead(path, 4096);
    if (looksLikeTflite(head))
        return NetworkFileFormat::Tflite;
    if (!head.empty() && head.front() == std::byte{0x08})
        return NetworkFileFormat::Onnx;
    const std::string extension = lowercaseExtension(path);
    if (extension == ".onnx")
        return NetworkFileFormat::Onnx;
    if (extension == ".tflite")
        return NetworkFileFormat::Tflite;
    if (extension == ".yaml" || extension == ".yml" || (!head.empty() && looksLikeText(head)))
        return NetworkFileFormat::Yaml;
    throw Error("unrecognised file content: not a TFLite model (no 'TFL3' at bytes 4..7), not an ONNX "
                "ModelProto (first byte is not 0x08, ir_version) and not YAML text"
                    + std::string(extension.empty() ? "" : " (extension '" + extension + "')"),
                {path, 0, 0});
}

std::string readTextFile(const std::string& path, std::size_t maxBytes)
{
    std::error_code status;
    if (!std::filesystem::is_regular_file(path, status))
        throw Error("no such file (or not a regular file)", {path, 0, 0});
    const auto size = std::filesystem::file_size(path, status);
    if (status)
        throw Error("cannot read the file size: " + status.message(), {path, 0, 0});
    if (size > maxBytes)
        throw Error("the file is " + std::to_string(size / (1024 * 1024)) + " MiB; the limit is "
                        + std::to_string(maxBytes / (1024 * 1024)) + " MiB",
                    {path, 0, 0});
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        throw Error("cannot open the file for reading", {path, 0, 0});
    std::ostringstream contents;
    contents << stream.rdbuf();
    return contents.str();
}

Network loadNetwork(const std::string& pathOrZooId)
{
    return loadNetwork(pathOrZooId, OnnxImportOptions{});
}

Network loadNetwork(const std::string& pathOrZooId, const OnnxImportOptions& onnxOptions)
{
    if (pathOrZooId.starts_with(kZooPrefix)) {
        const std::string id = pathOrZooId.substr(kZooPrefix.size());
        const auto yaml = zooYaml(id);
        if (!yaml) {
            std::string known;
            for (const std::string& zooId : zooIds())
                known += (known.empty() ? "" : ", ") + zooId;
            throw Error("unknown zoo network '" + id + "' (known: " + known + ")");
        }
        return readNetworkYaml(*yaml, pathOrZooId);
    }
    switch (networkFileFormat(pathOrZooId)) {
    case NetworkFileFormat::Tflite: return importTfliteFile(pathOrZooId);
    case NetworkFileFormat::Onnx: return importOnnxFile(pathOrZooId, onnxOptions);
    case NetworkFileFormat::Yaml: break;
    }
    return readNetworkYaml(readTextFile(pathOrZooId, kMaxNetworkYamlBytes), pathOrZooId);
}

} // namespace mdse::core
