#pragma once

#include "core/memory/mcu_memory_analysis.h"
#include "core/perf/latency_model.h"
#include "core/store/experiment.h"
#include "hwlib/mcu_target.h"

namespace mdse::core {

// The part as used, written down whole in the part-file format (every
// figure with its source, and the latency calibration factor) so a later
// catalogue change does not rewrite history and the part can be re-read
// with hwlib::parseMcuTarget.
StoredTarget storedMcuTarget(const hwlib::McuTarget& target);

// Adds what the MCU analyses computed to an experiment (docs/experiments.md):
//   target          storedMcuTarget(target)
//   peakSramBytes   live-set peak (default order, no in-place)
//   flashBytes      flash total (weights, biases, quantization parameters, runtime)
//   latencySeconds, energyJoules  the estimate's totals; per layer too (by name)
//   memory          arena bytes of the runtime's planner and every buffer's offset
//   patch           the best patch plan, if one was found
void addMcuResults(Experiment& experiment, const hwlib::McuTarget& target, const McuMemoryReport& memory,
                   const LatencyEstimate& latency);

} // namespace mdse::core
