#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace mdse::core {

// Content identity: XXH3-128 (xxHash 0.8, github.com/Cyan4973/xxHash,
// libxxhash), as 32 lowercase hex digits of its canonical (big-endian) form.
// Identifies stored networks, targets, design specs and experiments across
// databases. Not a cryptographic hash: it names content, it does not protect it.
std::string contentHash(std::string_view bytes);

// The same over a sequence of fields. Every add() is length- or
// type-prefixed, so ("ab", "c") and ("a", "bc") hash differently.
class ContentHasher {
public:
    ContentHasher();
    ~ContentHasher();
    ContentHasher(const ContentHasher&) = delete;
    ContentHasher& operator=(const ContentHasher&) = delete;

    ContentHasher& add(std::string_view text);
    // Without this, a string literal would convert to bool before string_view.
    ContentHasher& add(const char* text) { return add(std::string_view(text)); }
    ContentHasher& add(std::int64_t number);
    ContentHasher& add(double number);
    ContentHasher& add(bool flag);
    std::string hex() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace mdse::core
