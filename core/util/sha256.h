#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mdse::core {

// SHA-256 (NIST FIPS 180-4, "Secure Hash Standard", 2015, section 6.2).
// Used as the content hash of stored networks and experiments, so equal
// content is recognised across databases (docs/experiments.md).
class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    std::array<std::uint8_t, 32> finish();

private:
    void compressBlock(const std::uint8_t* block);

    std::array<std::uint32_t, 8> m_state{};
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_totalBytes = 0;
};

// The digest of `bytes` as 64 lowercase hex digits.
std::string sha256Hex(std::string_view bytes);

} // namespace mdse::core
