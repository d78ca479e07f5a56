#include "core/io/tflite/tflite_flatbuffer.h"

#include "core/util/error.h"

namespace mdse::core::tflite_import {

FbReader::FbReader(std::span<const std::byte> bytes, std::string label)
    : m_base(reinterpret_cast<const std::uint8_t*>(bytes.data())), m_size(bytes.size()),
      m_label(std::move(label))
{
    // FlatBuffers offsets are 32-bit: a buffer is at most 2 GiB
    // (FLATBUFFERS_MAX_BUFFER_SIZE); the Verifier asserts on larger ones.
    if (m_size >= FLATBUFFERS_MAX_BUFFER_SIZE)
        throw Error("the file is " + std::to_string(m_size >> 20)
                        + " MiB; a FlatBuffer is at most 2 GiB",
                    {m_label, 0, 0});
    flatbuffers::Verifier::Options options;
    options.max_depth = 64;
    options.max_tables = 50'000'000; // every table of a large model, verified once each
    m_verifier = std::make_unique<flatbuffers::Verifier>(m_base, m_size, options);
}

std::size_t FbReader::offsetOf(const void* at) const
{
    return static_cast<std::size_t>(static_cast<const std::uint8_t*>(at) - m_base);
}

void FbReader::fail(const void* at, const std::string& what) const
{
    failAtOffset(at ? offsetOf(at) : 0, what);
}

void FbReader::failAtOffset(std::size_t offset, const std::string& what) const
{
    throw Error("byte offset " + std::to_string(offset) + ": " + what, {m_label, 0, 0});
}

const flatbuffers::Table* FbReader::root(const char* identifier)
{
    // A FlatBuffer starts with the root table's uoffset_t, then the 4-byte
    // file identifier (flatbuffers docs/source/Internals.md).
    if (m_size < 8)
        failAtOffset(0, "the file is " + std::to_string(m_size)
                            + " bytes, too short for a FlatBuffer (root offset and identifier: 8 bytes)");
    if (!flatbuffers::BufferHasIdentifier(m_base, identifier))
        failAtOffset(4, std::string("the file identifier is not '") + identifier + "'");
    const flatbuffers::uoffset_t rootOffset = m_verifier->VerifyOffset(0);
    if (rootOffset == 0)
        failAtOffset(0, "the root table offset points outside the file");
    const auto* table = reinterpret_cast<const flatbuffers::Table*>(m_base + rootOffset);
    verifyTable(table, "the model table");
    return table;
}

void FbReader::verifyTable(const flatbuffers::Table* table, const std::string& what)
{
    if (!table->VerifyTableStart(*m_verifier))
        fail(table, what + ": its vtable lies outside the file, is misaligned, or the file has too many tables");
    m_verifier->EndTable();
}

FbTable::FbTable(FbReader& reader, const flatbuffers::Table* table, std::string what)
    : m_reader(&reader), m_table(table), m_what(std::move(what))
{
    if (m_table)
        m_reader->verifyTable(m_table, m_what);
}

std::span<const std::byte> FbTable::vectorBytes(int id, std::size_t elementBytes) const
{
    if (!m_table || !m_table->CheckField(fieldSlot(id)))
        return {};
    if (!m_table->VerifyOffset(m_reader->verifier(), fieldSlot(id)))
        m_reader->fail(m_table, m_what + ": the offset of field " + std::to_string(id) + " points outside the file");
    const auto* vector = m_table->GetPointer<const flatbuffers::Vector<std::uint8_t>*>(fieldSlot(id));
    // VerifyVectorOrString checks the length word and that length x element
    // size bytes follow inside the buffer.
    if (!m_reader->verifier().VerifyVectorOrString(reinterpret_cast<const std::uint8_t*>(vector), elementBytes))
        m_reader->fail(vector, m_what + ": vector field " + std::to_string(id) + " runs past the end of the file");
    const flatbuffers::uoffset_t length = flatbuffers::ReadScalar<flatbuffers::uoffset_t>(vector);
    return {reinterpret_cast<const std::byte*>(vector) + sizeof(flatbuffers::uoffset_t),
            static_cast<std::size_t>(length) * elementBytes};
}

std::string FbTable::string(int id) const
{
    if (!m_table || !m_table->CheckField(fieldSlot(id)))
        return {};
    if (!m_table->VerifyOffset(m_reader->verifier(), fieldSlot(id)))
        m_reader->fail(m_table, m_what + ": the offset of string field " + std::to_string(id) + " points outside the file");
    const auto* text = m_table->GetPointer<const flatbuffers::String*>(fieldSlot(id));
    if (!m_reader->verifier().VerifyString(text))
        m_reader->fail(text, m_what + ": string field " + std::to_string(id) + " runs past the end of the file or is not terminated");
    return text->str();
}

FbTable FbTable::table(int id, const std::string& what) const
{
    if (!m_table || !m_table->CheckField(fieldSlot(id)))
        return {};
    if (!m_table->VerifyOffset(m_reader->verifier(), fieldSlot(id)))
        m_reader->fail(m_table, what + ": its offset points outside the file");
    return {*m_reader, m_table->GetPointer<const flatbuffers::Table*>(fieldSlot(id)), what};
}

const flatbuffers::Vector<flatbuffers::uoffset_t>* FbTable::offsetVector(int id) const
{
    const std::span<const std::byte> raw = vectorBytes(id, sizeof(flatbuffers::uoffset_t));
    if (raw.data() == nullptr)
        return nullptr;
    return reinterpret_cast<const flatbuffers::Vector<flatbuffers::uoffset_t>*>(raw.data() - sizeof(flatbuffers::uoffset_t));
}

std::size_t FbTable::tableCount(int id) const
{
    const auto* vector = offsetVector(id);
    return vector ? vector->size() : 0;
}

FbTable FbTable::tableAt(int id, std::size_t index, const std::string& what) const
{
    const auto* vector = offsetVector(id);
    if (!vector || index >= vector->size())
        m_reader->fail(m_table, m_what + ": no element " + std::to_string(index) + " in field " + std::to_string(id));
    // Element i is a uoffset_t relative to its own position.
    const auto* slot = reinterpret_cast<const std::uint8_t*>(vector->Data()) + index * sizeof(flatbuffers::uoffset_t);
    const flatbuffers::uoffset_t offset = m_reader->verifier().VerifyOffset(m_reader->offsetOf(slot));
    if (offset == 0)
        m_reader->fail(slot, what + ": its offset points outside the file");
    return {*m_reader, reinterpret_cast<const flatbuffers::Table*>(slot + offset), what};
}

} // namespace mdse::core::tflite_import
