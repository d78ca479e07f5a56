// libFuzzer target for the design-config reader and everything a config
// drives (issue #4): resolve, structured pruning, effects. Any input must
// give a core::Error or a config that (a) survives a write and re-read
// unchanged and (b) applies to a small residual network with or without a
// core::Error. Anything else is a finding. Run longer by hand:
//   ./build-asan/tests/fuzz/fuzz_design_config -max_total_time=600 \
//       tests/fuzz/corpus/fuzz_design_config
#include "core/compress/compressed_design.h"
#include "core/io/design_config_yaml.h"
#include "core/io/network_yaml.h"
#include "core/util/error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

using namespace mdse::core;

namespace {

const char* kNetwork = R"(name: f
inputs: [{name: x, shape: [3, 8, 8]}]
layers:
  - {name: stem, op: conv2d, filters: 16, kernel: 3, padding: 1, activation: relu}
  - {name: expand, op: conv2d, filters: 32, kernel: 1, activation: relu6}
  - {name: dw, op: conv2d, filters: 32, groups: 32, kernel: 3, padding: 1}
  - {name: project, op: conv2d, filters: 16, kernel: 1, groups: 2}
  - {name: add, op: add, inputs: [stem, project]}
  - {name: pool, op: global_avgpool}
  - {name: flat, op: flatten}
  - {name: fc, op: dense, units: 10}
)";

[[noreturn]] void finding(const char* what, const std::string& detail)
{
    std::fprintf(stderr, "fuzz_design_config: %s\n%s\n", what, detail.c_str());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const Network network = readNetworkYaml(kNetwork, "<fuzz-net>");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::optional<DesignConfig> config;
    try {
        config.emplace(readDesignConfigYaml(text, "<fuzz>"));
    } catch (const Error&) {
        return 0;
    }
    const std::string written = writeDesignConfigYaml(*config);
    try {
        if (!(readDesignConfigYaml(written, "<rewritten>") == *config))
            finding("re-read config differs", written);
    } catch (const Error& error) {
        finding("written config does not read back", std::string(error.what()) + "\n" + written);
    }
    try {
        applyDesign(network, *config);
    } catch (const Error&) {
    }
    return 0;
}
