#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace mdse::core {

// One attribute value of a layer. Booleans are stored as 0/1 integers;
// attributes declared as integer lists always hold a list (a scalar `3` in
// a file becomes {3}), so a written and re-read network compares equal.
using AttributeValue = std::variant<std::int64_t, double, std::string, std::vector<std::int64_t>>;

// Named attributes of a layer, e.g. {"filters": 64, "kernel": [3, 3]}.
// Accessors take the default to use when the attribute is absent; reading
// an attribute of the wrong kind is a programming error (the loaders
// validate kinds against the op registry), reported as core::Error.
class Attributes {
public:
    void set(const std::string& name, AttributeValue value) { m_values[name] = std::move(value); }
    bool has(const std::string& name) const { return m_values.count(name) != 0; }
    bool holdsString(const std::string& name) const
    {
        const auto it = m_values.find(name);
        return it != m_values.end() && std::holds_alternative<std::string>(it->second);
    }

    std::int64_t getInt(const std::string& name, std::int64_t fallback) const;
    double getFloat(const std::string& name, double fallback) const;
    std::string getString(const std::string& name, const std::string& fallback) const;
    std::vector<std::int64_t> getInts(const std::string& name,
                                      const std::vector<std::int64_t>& fallback) const;

    const std::map<std::string, AttributeValue>& values() const { return m_values; }

    bool operator==(const Attributes&) const = default;

private:
    std::map<std::string, AttributeValue> m_values;
};

} // namespace mdse::core
