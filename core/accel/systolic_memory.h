#pragma once

#include "core/accel/systolic_simulator.h"

#include <cstdint>

namespace mdse::core {

// DRAM traffic of one layer under SCALE-Sim v2's memory system in CALC
// bandwidth mode (its default), replayed request by request so that the
// counts equal SCALE-Sim's also when an operand overflows its buffer:
//  - each read buffer (ifmap, filter) keeps the words fetched since its
//    last "block" of 50 sets x floor(bytes / 100) words; a request for a
//    word outside the current block is fetched again;
//  - the ofmap write buffer fills lines of C words and drains
//    floor(bytes / 2) words' worth of lines whenever more than that much is
//    waiting (see systolic_memory.cpp for the exact rules and quirks).
struct SystolicDramTraffic {
    std::int64_t ifmapReadWords = 0;
    std::int64_t filterReadWords = 0;
    std::int64_t ofmapWriteWords = 0;
    std::int64_t stallCycles = 0; // cycles the array waits for a full ofmap buffer
};

SystolicDramTraffic replayScaleSimMemory(const SystolicLayer& layer, const SystolicConfig& config);

// Distinct ifmap words the layer reads (rows and columns covered by at
// least one window, times channels).
std::int64_t uniqueIfmapWords(const SystolicLayer& layer);

} // namespace mdse::core
