#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mdse::hwlib {

// An FPGA device on a board, as described by hwlib/catalogue/fpga/<id>.yaml.
// Resource counts come from the vendor overview data sheets (DS190, DS891,
// DS180, DS962); BRAM is stored in 18 Kb units (one RAMB36 = two RAMB18),
// "tiles" in Vivado reports = bram18 / 2. Bandwidth is the theoretical board
// DRAM peak (bus width x transfer rate); achievable DMA is ~0.6-0.8 of it.
struct FpgaDevice {
    std::string id;      // file name without extension, e.g. "xc7z020"
    std::string name;    // "XC7Z020-1CLG400"
    std::string board;   // "PYNQ-Z1 / PYNQ-Z2"
    std::string family;  // "Zynq-7000"
    std::int64_t luts = 0;
    std::int64_t flipFlops = 0;
    std::int64_t dsps = 0;
    std::string dspType;        // "DSP48E1" (7-series) or "DSP48E2" (UltraScale+)
    std::int64_t bram18 = 0;    // 18 Kb block RAM units
    std::int64_t uram = 0;      // 288 Kb UltraRAM blocks (4K x 72)
    double typicalClockHz = 0;  // a fabric clock designs on this part commonly close at
    double dramBytesPerSecond = 0;
    double staticPowerWatts = 0;
    bool staticPowerEstimated = true; // true when not taken from a vendor power report
    std::vector<std::string> sources;

    bool operator==(const FpgaDevice&) const = default;
};

// Block RAM geometry used by the resource model (UG473 / UG573):
// RAMB18 in true dual port: 16Kx1, 8Kx2, 4Kx4, 2Kx9, 1Kx18; simple dual port 512x36.
inline constexpr std::int64_t kBram18Bits = 18 * 1024;
inline constexpr std::int64_t kUramBits = 288 * 1024;

} // namespace mdse::hwlib
