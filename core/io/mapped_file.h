#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace mdse::core {

// A read-only memory mapping of a whole file (POSIX mmap). Weights may keep
// a std::shared_ptr<const MappedFile> so views into it stay valid.
class MappedFile {
public:
    // Throws core::Error naming the file if it cannot be opened or mapped.
    static std::shared_ptr<const MappedFile> open(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::byte* data() const { return m_data; }
    std::size_t size() const { return m_size; }

private:
    MappedFile(const std::byte* data, std::size_t size) : m_data(data), m_size(size) {}
    const std::byte* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace mdse::core
