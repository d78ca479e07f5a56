#include "core/util/content_hash.h"

#include <xxhash.h>

#include <cstring>
#include <stdexcept>

namespace mdse::core {
namespace {

std::string toHex(XXH128_hash_t hash)
{
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, hash);
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * sizeof canonical.digest);
    for (const unsigned char byte : canonical.digest) {
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 15];
    }
    return hex;
}

} // namespace

struct ContentHasher::State {
    XXH3_state_t* state = nullptr;
};

std::string contentHash(std::string_view bytes)
{
    return toHex(XXH3_128bits(bytes.data(), bytes.size()));
}

ContentHasher::ContentHasher()
    : m_state(std::make_unique<State>())
{
    m_state->state = XXH3_createState();
    if (!m_state->state || XXH3_128bits_reset(m_state->state) != XXH_OK)
        throw std::bad_alloc();
}

ContentHasher::~ContentHasher() { XXH3_freeState(m_state->state); }

ContentHasher& ContentHasher::add(std::string_view text)
{
    const std::uint64_t length = text.size();
    XXH3_128bits_update(m_state->state, "s", 1);
    XXH3_128bits_update(m_state->state, &length, sizeof length);
    XXH3_128bits_update(m_state->state, text.data(), text.size());
    return *this;
}

ContentHasher& ContentHasher::add(std::int64_t number)
{
    XXH3_128bits_update(m_state->state, "i", 1);
    XXH3_128bits_update(m_state->state, &number, sizeof number);
    return *this;
}

ContentHasher& ContentHasher::add(double number)
{
    std::uint64_t bits = 0;
    std::memcpy(&bits, &number, sizeof bits);
    XXH3_128bits_update(m_state->state, "d", 1);
    XXH3_128bits_update(m_state->state, &bits, sizeof bits);
    return *this;
}

ContentHasher& ContentHasher::add(bool flag)
{
    XXH3_128bits_update(m_state->state, flag ? "T" : "F", 1);
    return *this;
}

std::string ContentHasher::hex() const { return toHex(XXH3_128bits_digest(m_state->state)); }

} // namespace mdse::core
