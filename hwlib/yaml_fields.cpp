#include "hwlib/yaml_fields.h"

#include "hwlib/catalogue.h"

#include <algorithm>
#include <cmath>

namespace mdse::hwlib {

YamlFields::YamlFields(YAML::Node node, std::string fileLabel)
    : m_node(std::move(node)), m_file(std::move(fileLabel))
{
    if (!m_node.IsMap())
        fail(m_node, "expected a mapping");
}

YAML::Node YamlFields::load(std::string_view yaml, const std::string& fileLabel)
{
    try {
        return YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& error) {
        throw CatalogueError(fileLabel + ":" + std::to_string(error.mark.line + 1) + ":"
                             + std::to_string(error.mark.column + 1) + ": " + error.msg);
    }
}

void YamlFields::fail(const YAML::Node& at, const std::string& message) const
{
    const YAML::Mark mark = at.Mark();
    throw CatalogueError(m_file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1)
                         + ": " + message);
}

void YamlFields::failAt(const char* field, const std::string& message) const
{
    const YAML::Node at = m_node[field];
    fail(at ? at : m_node, message);
}

void YamlFields::allowOnly(std::initializer_list<const char*> known) const
{
    for (const auto& entry : m_node) {
        const std::string key = entry.first.Scalar();
        const bool ok = std::any_of(known.begin(), known.end(), [&](const char* k) { return key == k; });
        if (!ok)
            fail(entry.first, "unknown field '" + key + "'");
    }
}

const YAML::Node& YamlFields::required(const char* field) const
{
    const YAML::Node value = m_node[field];
    if (!value)
        fail(m_node, std::string("missing field '") + field + "'");
    m_scratch.reset(value);
    if (!m_scratch.IsScalar())
        fail(m_scratch, std::string("field '") + field + "' must be a scalar");
    return m_scratch;
}

std::string YamlFields::text(const char* field) const
{
    return required(field).Scalar();
}

std::string YamlFields::textOr(const char* field, const std::string& fallback) const
{
    return m_node[field] ? text(field) : fallback;
}

std::int64_t YamlFields::positiveInt(const char* field) const
{
    const std::int64_t value = nonNegativeInt(field);
    if (value == 0)
        fail(m_node[field], std::string("field '") + field + "' must be a positive integer");
    return value;
}

std::int64_t YamlFields::nonNegativeInt(const char* field) const
{
    const YAML::Node& node = required(field);
    std::int64_t value = 0;
    if (!YAML::convert<std::int64_t>::decode(node, value) || value < 0)
        fail(node, std::string("field '") + field + "' must be a non-negative integer");
    return value;
}

double YamlFields::positiveNumber(const char* field) const
{
    const YAML::Node& node = required(field);
    double value = 0;
    if (!YAML::convert<double>::decode(node, value) || !std::isfinite(value) || value <= 0)
        fail(node, std::string("field '") + field + "' must be a positive number");
    return value;
}

double YamlFields::numberOr(const char* field, double fallback) const
{
    if (!m_node[field])
        return fallback;
    const YAML::Node& node = required(field);
    double value = 0;
    if (!YAML::convert<double>::decode(node, value) || !std::isfinite(value) || value < 0)
        fail(node, std::string("field '") + field + "' must be a non-negative number");
    return value;
}

bool YamlFields::flagOr(const char* field, bool fallback) const
{
    if (!m_node[field])
        return fallback;
    const YAML::Node& node = required(field);
    bool value = false;
    if (!YAML::convert<bool>::decode(node, value))
        fail(node, std::string("field '") + field + "' must be true or false");
    return value;
}

std::vector<std::string> YamlFields::sources() const
{
    const YAML::Node list = m_node["sources"];
    if (!list || !list.IsSequence() || list.size() == 0)
        fail(list ? list : m_node, "field 'sources' must be a non-empty list");
    std::vector<std::string> result;
    for (const YAML::Node& source : list)
        result.push_back(source.Scalar());
    return result;
}

} // namespace mdse::hwlib
