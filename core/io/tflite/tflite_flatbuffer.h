#pragma once

// Internal to core/io/tflite: reading FlatBuffers tables by field id, each
// access verified first (flatbuffers::Verifier), so a corrupt or truncated
// file is a core::Error naming the byte offset, never a read out of bounds.
// Only this folder sees flatbuffers types.

#include <flatbuffers/flatbuffers.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace mdse::core::tflite_import {

// The vtable offset of field `id`: FlatBuffers stores a table's fields in
// declaration order, field n at vtable slot 4 + 2n (flatbuffers
// docs/source/Internals.md, "Tables").
constexpr flatbuffers::voffset_t fieldSlot(int id)
{
    return static_cast<flatbuffers::voffset_t>(4 + 2 * id);
}

class FbReader {
public:
    // `bytes` must stay alive while tables are read; it must start at a
    // 16-byte aligned address (mapped files and heap buffers do).
    FbReader(std::span<const std::byte> bytes, std::string label);
    FbReader(const FbReader&) = delete;
    FbReader& operator=(const FbReader&) = delete;

    // Checks the size, the file identifier at bytes 4..7 and the root
    // offset; returns the root table (verified).
    const flatbuffers::Table* root(const char* identifier);

    [[noreturn]] void fail(const void* at, const std::string& what) const;
    [[noreturn]] void failAtOffset(std::size_t offset, const std::string& what) const;
    std::size_t offsetOf(const void* at) const;
    flatbuffers::Verifier& verifier() { return *m_verifier; }
    const std::uint8_t* base() const { return m_base; }
    std::size_t size() const { return m_size; }
    const std::string& label() const { return m_label; }
    // Verifies the table at `table` (vtable in bounds); `what` names it in errors.
    void verifyTable(const flatbuffers::Table* table, const std::string& what);

private:
    const std::uint8_t* m_base;
    std::size_t m_size;
    std::string m_label;
    std::unique_ptr<flatbuffers::Verifier> m_verifier;
};

// One verified table; every accessor verifies the field before reading it
// and throws core::Error (with the byte offset and `what`) when it is out
// of bounds. An absent table reads every field as its default.
class FbTable {
public:
    FbTable() = default;
    FbTable(FbReader& reader, const flatbuffers::Table* table, std::string what);

    bool present() const { return m_table != nullptr; }
    bool has(int id) const { return m_table && m_table->CheckField(fieldSlot(id)); }
    const std::string& what() const { return m_what; }
    std::size_t offset() const { return m_table ? m_reader->offsetOf(m_table) : 0; }

    template <typename T>
    T scalar(int id, T fallback) const
    {
        if (!m_table)
            return fallback;
        if (!m_table->VerifyField<T>(m_reader->verifier(), fieldSlot(id), sizeof(T)))
            m_reader->fail(m_table, m_what + ": field " + std::to_string(id) + " lies outside the file");
        return m_table->GetField<T>(fieldSlot(id), fallback);
    }

    // A vector of scalars, copied (elements read with memcpy: a corrupt file
    // may misalign them). Absent = empty.
    template <typename T>
    std::vector<T> scalars(int id) const
    {
        const std::span<const std::byte> raw = vectorBytes(id, sizeof(T));
        std::vector<T> values(raw.size() / sizeof(T));
        if (!values.empty())
            std::memcpy(values.data(), raw.data(), raw.size());
        return values;
    }
    // The bytes of a vector of `elementBytes`-sized scalars, a view into the file.
    std::span<const std::byte> vectorBytes(int id, std::size_t elementBytes) const;
    std::string string(int id) const;
    FbTable table(int id, const std::string& what) const;
    // A vector of tables: its length, and element i (verified).
    std::size_t tableCount(int id) const;
    FbTable tableAt(int id, std::size_t index, const std::string& what) const;

private:
    const flatbuffers::Vector<flatbuffers::uoffset_t>* offsetVector(int id) const;

    FbReader* m_reader = nullptr;
    const flatbuffers::Table* m_table = nullptr;
    std::string m_what;
};

} // namespace mdse::core::tflite_import
