#pragma once

#include "hwlib/accelerator_template.h"
#include "hwlib/fpga_device.h"
#include "hwlib/mcu_target.h"

#include <string>
#include <vector>

namespace mdse::core {

// The roofline model (Williams, Waterman, Patterson, CACM 2009; McGill EPEPS 2019 tutorial
// "roofline of accelerators"): attainable ops/s = min(peak ops/s,
// arithmetic intensity x bandwidth). One op = one multiply or one add, so a
// MAC is 2 ops (the convention of the GOPS figures in Mazumder et al., JETCAS 2021 Table IV).
struct ComputeCeiling {
    std::string name;        // "int16", "int8 (2 per DSP48E2)", ...
    double opsPerSecond = 0;
};

struct BandwidthCeiling {
    std::string name;        // "DRAM", "global buffer", "BRAM", "flash", "SRAM"
    double bytesPerSecond = 0;
};

struct RooflinePoint {
    std::string name;
    std::string level;                // the bandwidth ceiling the bytes refer to ("DRAM", "flash", "SRAM")
    double ops = 0;
    double bytes = 0;                 // traffic at the level the point refers to
    double arithmeticIntensity = 0;   // ops / byte
    double attainedOpsPerSecond = 0;  // from the latency model
    double roofOpsPerSecond = 0;      // min(peak, AI x bandwidth)
    std::string bound;                // "compute" or "memory"
};

struct Roofline {
    std::vector<ComputeCeiling> compute;
    std::vector<BandwidthCeiling> bandwidth;
    std::vector<RooflinePoint> points;
};

// For summaries (the CLI table, the studio): the highest compute ceiling
// (nullptr without ceilings) and, per bandwidth ceiling, its ridge under that
// peak and how many points at its level are memory-bound.
struct RooflineLevelSummary {
    std::string level;
    double bytesPerSecond = 0;
    double ridgeOpsPerByte = 0;
    int points = 0;
    int memoryBoundPoints = 0;
};
const ComputeCeiling* peakCeiling(const Roofline& roofline);
std::vector<RooflineLevelSummary> summarizeRooflineLevels(const Roofline& roofline);

double ridgePoint(double peakOpsPerSecond, double bytesPerSecond); // ops per byte

double attainableOpsPerSecond(double arithmeticIntensity, double peakOpsPerSecond, double bytesPerSecond);

// FPGA device at a clock: compute ceilings per precision from all DSPs
// (int16 1 MAC/DSP; int8 2/DSP48E2 or 1/DSP48E1; int4 4 lanes) and binary
// from LUTs (FINN lane cost); bandwidth ceilings DRAM and on-chip BRAM
// (BRAM36 x 72 bits x f, one 72-bit SDP read port each; UG473).
Roofline fpgaDeviceRoofline(const hwlib::FpgaDevice& device, double clockHz);

// Accelerator template: one compute ceiling (MACs/cycle x 2 x clock at its
// precision), DRAM and global-buffer ceilings (the buffer delivers one word
// per PE row and per PE column each cycle: (rows + cols) x activationBits).
Roofline acceleratorRoofline(const hwlib::AcceleratorTemplate& accel);

// MCU ceilings (no points): CPU compute per precision class = 2 x the best
// int8 MACs/cycle of the MAC kernel families x cpuPrecisionScale x clock
// ("int8", "int16", "fp32" CPU), the NPU's peak 2 x MACs/cycle x its clock
// when present; bandwidth: flash and SRAM = bytes/cycle x clock (part file).
Roofline mcuRoofline(const hwlib::McuTarget& target);

struct DataflowReport;

// Accelerator roofline of a dataflow analysis: acceleratorRoofline's
// ceilings and one DRAM-level point per layer (ops = 2 x MACs, bytes = the
// dataflow's DRAM traffic, attained = ops / the layer's latency).
Roofline dataflowRoofline(const hwlib::AcceleratorTemplate& accel, const DataflowReport& report);

// A layer point: `ops` over `bytes` moved at the ceiling's level, attained
// = ops / seconds.
RooflinePoint rooflinePoint(const std::string& name, double ops, double bytes, double seconds,
                            double peakOpsPerSecond, double bytesPerSecond);

} // namespace mdse::core
