#pragma once

// Internal to core/accel: SCALE-Sim's CALC-mode read buffer
// (EstimatingReadBuffer, systolic_buffers.h) in closed form, one fold at a
// time instead of one request at a time, for operands whose requests in a
// fold are distinct words.
//
// A fold requests a set of words, each once, in an order that is the same
// every time the fold's set comes back; folds with different sets request
// disjoint words. Then, by induction, the words of a set that are in the
// buffer's current block are always the last b of the set's order (a
// suffix): the prefix of the next pass over the set misses, the suffix
// hits. With room = block words - words in the block, a pass of L words
// of which the last b are held:
//   L - b < room: L - b misses, no block retires; the whole set is held;
//   otherwise:    the room-th miss retires the block, after which every
//                 remaining request misses (the held suffix is now stale,
//                 the set's new words are not asked again): L misses,
//                 (L - room) / W more blocks retire, and the last
//                 (L - room) mod W words of the pass are the new block;
//                 every other set's suffix is dropped.
// Sets: filter words are always distinct; ifmap words are distinct per
// (pixel, window element) when the windows do not overlap (filter <=
// stride in both directions), otherwise the caller replays requests.

#include "core/accel/systolic_simulator.h"

#include <cstdint>
#include <unordered_map>

namespace mdse::core::systolic_detail {

class FoldReadBuffer {
public:
    explicit FoldReadBuffer(std::int64_t blockWords) : m_blockWords(blockWords) {}
    // One fold over set `set` with `words` real (non-padding) requests.
    void pass(std::int64_t set, std::int64_t words);
    std::int64_t fetchedWords() const { return m_fetchedWords; }

private:
    std::int64_t m_blockWords;
    std::int64_t m_wordsInBlock = 0;
    std::int64_t m_fetchedWords = 0;
    std::unordered_map<std::int64_t, std::int64_t> m_heldSuffix; // set -> words of it in the current block
};

// True when every ifmap word is asked by at most one (pixel, window element).
bool ifmapRequestsAreDistinct(const SystolicLayer& layer);

// DRAM words SCALE-Sim's CALC read buffer fetches for the ifmap (requires
// ifmapRequestsAreDistinct) or the filter operand, fold by fold.
std::int64_t calcIfmapFetches(const SystolicLayer& layer, const SystolicConfig& config);
std::int64_t calcFilterFetches(const SystolicLayer& layer, const SystolicConfig& config);

} // namespace mdse::core::systolic_detail
