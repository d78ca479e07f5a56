#pragma once

#include "core/evaluate/design_spec.h"

#include <string>
#include <string_view>

namespace mdse::core {

// The design spec file (docs/design-spec.md): one whole design point. Every
// key is optional and has the documented default; `target` may name a
// catalogue entry or a part file, or hold the target inline. Unknown keys
// and bad values throw core::Error at file:line:column.
DesignSpec readDesignSpecYaml(std::string_view text, const std::string& fileLabel);
DesignSpec loadDesignSpec(const std::string& path);

// Writes every field explicitly, the target inline as used, so the file
// means the same after the catalogue changes; readDesignSpecYaml reads it
// back equal.
std::string writeDesignSpecYaml(const DesignSpec& spec);

// A target by name, as `analyze --target` and a spec's `target: <name>`
// take it: an FPGA device id (with the default accelerator template), an
// MCU catalogue id, or a path to an MCU part file (.yaml/.yml).
TargetSpec resolveTarget(const std::string& idOrPath);

} // namespace mdse::core
