#include "core/io/network_loader.h"

#include "core/io/network_yaml.h"
#include "core/io/onnx/onnx_import.h"
#include "core/io/zoo.h"

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

} // namespace

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
    const std::string extension = lowercaseExtension(pathOrZooId);
    if (extension == ".yaml" || extension == ".yml")
        return readNetworkYaml(readTextFile(pathOrZooId, kMaxNetworkYamlBytes), pathOrZooId);
    if (extension == ".onnx")
        return importOnnxFile(pathOrZooId, onnxOptions);
    throw Error("unsupported file type '" + extension + "' (expected .yaml, .yml or .onnx, or zoo:<id>)",
                {pathOrZooId, 0, 0});
}

} // namespace mdse::core
