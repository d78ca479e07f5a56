#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdse::hwlib {

// A number taken from a datasheet, board file or paper, or an editable
// default (`estimated`) when no primary source gave it. `source` says which.
struct SourcedValue {
    double value = 0.0;
    bool estimated = false;
    std::string source;

    bool operator==(const SourcedValue&) const = default;
};

// One on-chip SRAM region. A tensor arena is one contiguous array, so only
// a region flagged `arena` (and contiguous by itself) can hold it.
struct SramRegion {
    std::string name;
    std::int64_t bytes = 0;
    bool arena = false;

    bool operator==(const SramRegion&) const = default;
};

// A neural processing unit next to the CPU (e.g. Arm Ethos-U55).
struct NpuSpec {
    std::string name;        // "Ethos-U55-256"
    SourcedValue macsPerCycle; // int8 MACs per NPU cycle (peak)
    std::int64_t clockHz = 0;
    SourcedValue utilization;  // sustained fraction of the peak

    bool operator==(const NpuSpec&) const = default;
};

// Kernel families whose int8 throughput differs on a CPU (CMSIS-NN has a
// separate path for each).
enum class KernelFamily { Conv, Depthwise, Pointwise, FullyConnected, Elementwise };
inline constexpr int kKernelFamilyCount = 5;
const char* kernelFamilyName(KernelFamily family); // "conv", "depthwise", ...

// Flash and SRAM a runtime adds on top of weights and the tensor arena.
struct RuntimeOverhead {
    SourcedValue flashBytes;
    SourcedValue sramBytes;

    bool operator==(const RuntimeOverhead&) const = default;
};

// Sustained data bandwidth of the memories inference reads, for the
// roofline's memory ceilings: weights stream from flash, activations from
// SRAM. Bytes per CPU cycle at clockHz.
struct MemoryBandwidth {
    SourcedValue flashBytesPerCycle;
    SourcedValue sramBytesPerCycle;

    bool operator==(const MemoryBandwidth&) const = default;
};

// What a part file without `memoryBandwidth` gets: one 32-bit word per CPU
// cycle from each memory (a 32-bit bus, no wait states), marked estimated.
MemoryBandwidth defaultMemoryBandwidth();

// Per-op-class rates fitted from measurements of this part running one
// inference engine (core/perf/latency_fit.h, `microdse calibrate`), stored
// with the part like `calibration`. Work per CPU cycle at int8, indexed by
// hwlib::OpClass (conv, pointwise, depthwise, fc, pooling, elementwise).
struct EngineCalibration {
    std::string engine;                // inference engine id, e.g. "x-cube-ai-9.0"
    std::vector<double> workPerCycle;  // kOpClassCount entries, all > 0
    std::vector<double> cyclesPerPixel; // kOpClassCount entries >= 0, or empty (none)
    std::string basis;                 // which measurements, e.g. "4 rows of board.csv"
    double worstErrorPercent = 0.0;    // largest |estimate - measured| / measured of the fit

    bool operator==(const EngineCalibration&) const = default;
};

// A microcontroller target as described by a catalogue file
// (hwlib/catalogue/mcu/<id>.yaml). Every number comes with its source.
struct McuTarget {
    std::string id;        // file name without extension, e.g. "stm32f746"
    std::string name;      // "STM32F746NG (32F746G-DISCO)"
    std::string core;      // "Cortex-M7"
    std::string kernelPath; // scratch model: "cmsis-nn-dsp", "cmsis-nn-mve", "none"
    std::int64_t clockHz = 0;     // typical clock the board runs at
    std::int64_t maxClockHz = 0;  // datasheet maximum
    std::vector<SramRegion> sramRegions;
    std::int64_t sramBytes = 0;  // largest arena-capable region (the arena limit)
    std::int64_t flashBytes = 0; // usable for code and weights
    std::optional<NpuSpec> npu;
    // int8 MACs (elements for Elementwise) per CPU cycle, indexed by KernelFamily.
    std::vector<SourcedValue> int8MacsPerCycle;
    MemoryBandwidth memoryBandwidth = defaultMemoryBandwidth();
    SourcedValue activePowerWatts; // whole chip, running at clockHz
    RuntimeOverhead interpreter;   // TFLite Micro
    RuntimeOverhead codegen;       // TinyEngine-like generated code
    double calibration = 1.0;      // multiplies estimated latency (1 = uncalibrated)
    std::vector<EngineCalibration> engineCalibrations; // per engine, from measurements
    std::vector<std::string> sources;

    const SourcedValue& macsPerCycle(KernelFamily family) const
    {
        return int8MacsPerCycle.at(static_cast<std::size_t>(family));
    }
    std::int64_t totalSramBytes() const;
    // The calibration stored for `engine`, or null.
    const EngineCalibration* engineCalibration(std::string_view engine) const;

    bool operator==(const McuTarget&) const = default;
};

// The core family the latency fit groups parts by: the core name without
// its FPU suffix or core count ("Cortex-M4F" -> "Cortex-M4",
// "Cortex-M0+ (dual)" -> "Cortex-M0+").
std::string coreFamilyOf(const std::string& core);

} // namespace mdse::hwlib
