// Fuzzes the design spec reader (core/io/design_spec_yaml.h): any text must
// either give a spec that writes back and reads back equal, or a core::Error;
// nothing else may escape, nothing may crash.
#include "core/io/design_spec_yaml.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const mdse::core::DesignSpec spec = mdse::core::readDesignSpecYaml(text, "fuzz-spec.yaml");
        const mdse::core::DesignSpec back
            = mdse::core::readDesignSpecYaml(mdse::core::writeDesignSpecYaml(spec), "written.yaml");
        if (!(back == spec))
            __builtin_trap(); // the writer must keep every field
    } catch (const mdse::core::Error&) {
    }
    return 0;
}
