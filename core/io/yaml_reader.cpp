#include "core/io/yaml_reader.h"

#include "core/io/yaml_text_check.h"

namespace mdse::core {

YAML::Node YamlReader::loadDocument(std::string_view text, const std::string& fileLabel)
{
    checkYamlText(text, fileLabel); // UTF-8, no NUL, bounded nesting
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::Exception& error) {
        throw Error("YAML syntax error: " + error.msg, {fileLabel, error.mark.line + 1, error.mark.column + 1});
    }
}

void YamlReader::allowOnly(const YAML::Node& map, const std::string& what,
                           std::initializer_list<const char*> allowed) const
{
    for (const auto& entry : map) {
        const std::string key = scalar(entry.first, "a key");
        bool known = false;
        for (const char* name : allowed)
            known = known || key == name;
        if (known)
            continue;
        std::string list;
        for (const char* name : allowed)
            list += (list.empty() ? "" : ", ") + std::string(name);
        fail(entry.first, "unknown key '" + key + "' in " + what + " (allowed: " + list + ")");
    }
}

} // namespace mdse::core
