// Fuzzes the MCU analyses with arbitrary YAML networks: a network that
// loads must go through every memory analysis, the patch curve and the
// latency model without crashing; only core::Error may escape them.
#include "core/io/network_yaml.h"
#include "core/perf/mcu_evaluation.h"
#include "hwlib/catalogue.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const mdse::hwlib::McuTarget target = mdse::hwlib::builtInMcuTarget("alif_e7_hp");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const mdse::core::Network network = mdse::core::readNetworkYaml(text, "fuzz.yaml");
        if (network.layers().size() > 200)
            return 0; // keep each run short
        mdse::core::McuMemoryOptions options;
        options.exactReorderLimit = 12;
        const mdse::core::McuEvaluation evaluation
            = mdse::core::evaluateMcu(network, mdse::core::PrecisionView{}, target, options);
        if (evaluation.memory.liveSet.peakBytes < 0 || evaluation.memory.greedy.plan.arenaBytes
                < evaluation.memory.liveSet.peakBytes - evaluation.memory.liveSet.steps.at(
                      evaluation.memory.liveSet.peakStep).scratchBytes)
            __builtin_trap(); // an arena smaller than the live tensors is impossible
    } catch (const mdse::core::Error&) {
    }
    return 0;
}
