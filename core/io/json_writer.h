#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mdse::core {

// A small streaming JSON writer (RFC 8259): objects, arrays, strings with
// escaping, integers and finite doubles. Indents two spaces per level;
// arrays of plain numbers stay on one line.
class JsonWriter {
public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& integers(const std::vector<std::int64_t>& numbers); // one-line array

    std::string str() const { return m_out + "\n"; }

private:
    void beforeValue();
    void newline();

    std::string m_out;
    std::vector<bool> m_hasItems; // per open container
    bool m_afterKey = false;
};

std::string jsonEscape(std::string_view text);

} // namespace mdse::core
