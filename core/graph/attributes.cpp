#include "core/graph/attributes.h"

#include "core/util/error.h"

namespace mdse::core {
namespace {

template <typename T>
const T* lookup(const std::map<std::string, AttributeValue>& values, const std::string& name)
{
    const auto it = values.find(name);
    if (it == values.end())
        return nullptr;
    if (const T* value = std::get_if<T>(&it->second))
        return value;
    throw Error("attribute '" + name + "' has the wrong kind");
}

} // namespace

std::int64_t Attributes::getInt(const std::string& name, std::int64_t fallback) const
{
    const auto* value = lookup<std::int64_t>(m_values, name);
    return value ? *value : fallback;
}

double Attributes::getFloat(const std::string& name, double fallback) const
{
    const auto it = m_values.find(name);
    if (it != m_values.end())
        if (const auto* asInt = std::get_if<std::int64_t>(&it->second))
            return static_cast<double>(*asInt);
    const auto* value = lookup<double>(m_values, name);
    return value ? *value : fallback;
}

std::string Attributes::getString(const std::string& name, const std::string& fallback) const
{
    const auto* value = lookup<std::string>(m_values, name);
    return value ? *value : fallback;
}

std::vector<std::int64_t> Attributes::getInts(const std::string& name,
                                              const std::vector<std::int64_t>& fallback) const
{
    const auto* value = lookup<std::vector<std::int64_t>>(m_values, name);
    return value ? *value : fallback;
}

} // namespace mdse::core
