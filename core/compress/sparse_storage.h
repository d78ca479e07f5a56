#pragma once

#include <cstdint>
#include <span>

namespace mdse::core {

// Index overhead of sparse weight storage, in bits. Value bits are counted
// separately (packedBytes of the stored entries); these are the extra
// structures that say where the non-zeros are. Definitions and sources in
// docs/design-config.md.

// Bitmap: one presence bit per weight, zero or not.
constexpr std::int64_t bitmapIndexBits(std::int64_t elements) { return elements; }

// CSR over the weight matrix as rows = output channels: one column index
// per non-zero and rows + 1 row pointers.
constexpr std::int64_t csrIndexBits(std::int64_t nonZeros, std::int64_t rows, int columnBits,
                                    int rowPointerBits)
{
    return nonZeros * columnBits + (rows + 1) * rowPointerBits;
}

// Bits that address any of `count` positions: ceil(log2(count)), at least 1.
int indexBitsFor(std::int64_t count);

// N:M: each kept value carries its position inside its group of M,
// ceil(log2 M) bits (2 bits for 2:4, as NVIDIA's sparse tensor cores store;
// Mishra et al., arXiv:2104.08378, 2021). Kept values: N per full group plus
// up to N of a trailing partial group.
std::int64_t nmKeptValues(std::int64_t elements, int keep, int group);

// Deep Compression relative indexing (Han et al., ICLR 2016, Sec. 2 and
// Fig. 2): each stored entry records its distance to the previous one in
// `indexBits` bits; a distance larger than 2^indexBits is bridged by filler
// zero entries placed every 2^indexBits positions. Distances count from
// position 0 (Fig. 2 stores 1 for an entry at index 1). Returns stored
// entries (non-zeros + fillers) of a real tensor.
std::int64_t relativeIndexEntries(std::span<const float> weights, int indexBits);

// The same count expected when `nonZeros` of `elements` positions are kept
// uniformly at random (no real weights): gaps are geometric with
// p = density, a gap needs a filler per full span 2^b it exceeds, so each
// non-zero brings E = q / (1 - q) fillers with q = (1 - p)^(2^b);
// entries = nonZeros / (1 - q), rounded to the nearest integer.
std::int64_t expectedRelativeIndexEntries(std::int64_t elements, std::int64_t nonZeros, int indexBits);

} // namespace mdse::core
