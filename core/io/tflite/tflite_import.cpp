#include "core/io/tflite/tflite_import.h"

#include "core/io/mapped_file.h"
#include "core/io/tflite/tflite_importer.h"
#include "core/util/error.h"

#include <cstdint>
#include <cstring>
#include <vector>

namespace mdse::core {
namespace {

Network importFromBytes(std::span<const std::byte> bytes, const std::string& label,
                        std::shared_ptr<const void> keepAlive)
{
    tflite_import::FbReader reader(bytes, label);
    const tflite_import::TflModel model = tflite_import::readTflModel(reader);
    tflite_import::Importer importer(model, label, std::move(keepAlive));
    return Network(importer.run());
}

} // namespace

bool looksLikeTflite(std::span<const std::byte> head)
{
    return head.size() >= 8 && std::memcmp(head.data() + 4, "TFL3", 4) == 0;
}

Network importTfliteFile(const std::string& path)
{
    const std::shared_ptr<const MappedFile> file = MappedFile::open(path);
    return importFromBytes({file->data(), file->size()}, path, file);
}

Network importTfliteBytes(const void* data, std::size_t size, const std::string& label)
{
    // FlatBuffers align scalars relative to the buffer start; a buffer at an
    // address that is not 16-byte aligned is copied once to one that is.
    auto owned = std::make_shared<std::vector<std::max_align_t>>((size + sizeof(std::max_align_t) - 1)
                                                                 / sizeof(std::max_align_t));
    if (size > 0)
        std::memcpy(owned->data(), data, size);
    return importFromBytes({reinterpret_cast<const std::byte*>(owned->data()), size}, label, owned);
}

} // namespace mdse::core
