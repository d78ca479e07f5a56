#pragma once

#include <string>
#include <string_view>

namespace mdse::core {

// Deepest nesting of flow collections ([ ] and { }) a YAML network file may
// use. Real files nest two or three levels (`inputs: [{shape: [3, 224,
// 224]}]`). yaml-cpp refuses nesting beyond 2000 levels itself, but only
// after its scanner has tokenized every bracket of the file, which for a
// 16 MiB file of `[` takes tens of seconds; this check refuses it at once.
inline constexpr int kMaxYamlFlowNesting = 64;

// Cheap checks on the raw text before it reaches the YAML parser: the text
// must be UTF-8 without NUL bytes (anything else is binary or a different
// encoding), and flow collections must nest at most kMaxYamlFlowNesting
// deep. Throws core::Error at the line and column of the first offending
// byte.
void checkYamlText(std::string_view text, const std::string& fileLabel);

} // namespace mdse::core
