// libFuzzer target for the YAML network reader (issue #2, "Tests and bad
// input"). Any input must either give a core::Error or a valid network;
// a valid network must survive computeStats (or refuse with core::Error on
// overflow) and must come back equal after writeNetworkYaml and a re-read.
// Anything else (crash, sanitizer report, other exception, mismatch) is a
// finding. Run longer by hand:
//   ./build-asan/tests/fuzz/fuzz_yaml_network -max_total_time=600 \
//       tests/fuzz/corpus/fuzz_yaml_network
#include "core/graph/layer_stats.h"
#include "core/io/network_yaml.h"
#include "core/util/error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

using namespace mdse::core;

namespace {

[[noreturn]] void finding(const char* what, const std::string& detail)
{
    std::fprintf(stderr, "fuzz_yaml_network: %s\n%s\n", what, detail.c_str());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::optional<Network> network;
    try {
        network.emplace(readNetworkYaml(text, "<fuzz>"));
    } catch (const Error&) {
        return 0; // refused with a located message: the expected outcome
    }
    try {
        computeStats(*network);
    } catch (const Error&) {
        // counts beyond int64 are refused, not wrapped
    }
    const std::string written = writeNetworkYaml(network->definition());
    std::optional<Network> reread;
    try {
        reread.emplace(readNetworkYaml(written, "<rewritten>"));
    } catch (const Error& error) {
        finding("a written network does not read back", std::string(error.what()) + "\n" + written);
    }
    if (!(*reread == *network))
        finding("a written and re-read network differs from the original", written);
    return 0;
}
