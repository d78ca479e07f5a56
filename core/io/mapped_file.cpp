#include "core/io/mapped_file.h"

#include "core/util/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mdse::core {

std::shared_ptr<const MappedFile> MappedFile::open(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(std::string("cannot open the file: ") + std::strerror(errno), {path, 0, 0});
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw Error("not a regular file", {path, 0, 0});
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    void* address = nullptr;
    if (size > 0) {
        address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (address == MAP_FAILED) {
            const int code = errno;
            ::close(fd);
            throw Error(std::string("cannot map the file: ") + std::strerror(code), {path, 0, 0});
        }
    }
    ::close(fd); // the mapping keeps the file open
    return std::shared_ptr<const MappedFile>(
        new MappedFile(static_cast<const std::byte*>(address), size));
}

MappedFile::~MappedFile()
{
    if (m_data)
        ::munmap(const_cast<std::byte*>(m_data), m_size);
}

} // namespace mdse::core
