#pragma once

#include "core/accel/systolic_simulator.h"
#include "core/util/progress.h"

#include <cstdint>

namespace mdse::core {

// DRAM traffic and stalls of one layer under SCALE-Sim v2's memory system,
// replayed request by request so that the counts equal SCALE-Sim's also
// when an operand overflows its buffer, in both bandwidth modes:
//  - CALC: each read buffer (ifmap, filter) keeps the words fetched since
//    its last "block" of 50 sets x floor(bytes / 100) words and fetches a
//    word again when it is requested after its block retired;
//  - USER: each read buffer prefetches its operand in SCALE-Sim's order at
//    the configured words per cycle and the array stalls while a needed
//    word is still on its way;
//  - the ofmap write buffer drains lines whenever more than half of it
//    waits, stalling the array when it is full.
// Rules and quirks: systolic_buffers.h, systolic_demand.h, systolic_memory.cpp.
struct SystolicDramTraffic {
    std::int64_t ifmapReadWords = 0;
    std::int64_t filterReadWords = 0;
    std::int64_t ofmapWriteWords = 0;
    std::int64_t stallCycles = 0; // cycles the array waits for the buffers
    std::int64_t totalCycles = 0; // the cycle the last ofmap row is served (SCALE-Sim's total)
};

SystolicDramTraffic replayScaleSimMemory(const SystolicLayer& layer, const SystolicConfig& config,
                                         const ProgressCallback& progress = {});

// Distinct ifmap words the layer reads (rows and columns covered by at
// least one window, times channels and images).
std::int64_t uniqueIfmapWords(const SystolicLayer& layer);

} // namespace mdse::core
