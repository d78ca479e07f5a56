// Fuzzes evaluate() on an MCU target with arbitrary YAML networks: a network
// that loads must go through every memory analysis, the patch curve, the
// latency model and the report writers without crashing; only core::Error
// may escape them.
#include "core/evaluate/evaluate.h"
#include "core/io/design_spec_yaml.h"
#include "core/io/network_yaml.h"
#include "core/report/evaluation_report.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const mdse::core::DesignSpec spec = [] {
        mdse::core::DesignSpec s;
        s.target = mdse::core::resolveTarget("alif_e7_hp");
        s.exactReorderLimit = 12;
        return s;
    }();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const mdse::core::Network network = mdse::core::readNetworkYaml(text, "fuzz.yaml");
        if (network.layers().size() > 200)
            return 0; // keep each run short
        const mdse::core::Evaluation e = mdse::core::evaluate(network, spec);
        const mdse::core::McuMemoryReport& m = e.mcu->memory;
        if (m.liveSet.peakBytes < 0
            || m.greedy.plan.arenaBytes < m.liveSet.peakBytes - m.liveSet.steps.at(m.liveSet.peakStep).scratchBytes)
            __builtin_trap(); // an arena smaller than the live tensors is impossible
        (void)mdse::core::evaluationJson(e);
    } catch (const mdse::core::Error&) {
    }
    return 0;
}
