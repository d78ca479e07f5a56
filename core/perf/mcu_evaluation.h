#pragma once

#include "core/memory/mcu_memory_analysis.h"
#include "core/perf/latency_model.h"
#include "core/perf/roofline.h"

namespace mdse::core {

// Everything the studio shows for one network on one MCU: the memory
// analyses, the latency/energy estimate and the fit verdicts. A pure
// function of (network, precision, target, options).
struct McuEvaluation {
    hwlib::McuTarget target;
    McuMemoryOptions options;
    McuMemoryReport memory;
    LatencyEstimate latency;
    Roofline roofline; // mcuNetworkRoofline of the latency estimate
};

McuEvaluation evaluateMcu(const Network& network, const PrecisionView& precision,
                          const hwlib::McuTarget& target, const McuMemoryOptions& options = {},
                          const LatencyOptions& latencyOptions = {});

} // namespace mdse::core
