#include "core/perf/mcu_evaluation.h"

namespace mdse::core {

McuEvaluation evaluateMcu(const Network& network, const PrecisionView& precision,
                          const hwlib::McuTarget& target, const McuMemoryOptions& options,
                          const LatencyOptions& latencyOptions)
{
    McuEvaluation evaluation;
    evaluation.target = target;
    evaluation.options = options;
    evaluation.memory = analyzeMcuMemory(network, precision, target, options);
    evaluation.latency = estimateLatency(network, precision, target, latencyOptions);
    return evaluation;
}

} // namespace mdse::core
