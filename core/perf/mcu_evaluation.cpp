#include "core/perf/mcu_evaluation.h"

#include "core/perf/mcu_roofline.h"

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
    evaluation.roofline = mcuNetworkRoofline(network, precision, target, evaluation.latency);
    return evaluation;
}

} // namespace mdse::core
