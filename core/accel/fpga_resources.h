#pragma once

#include "hwlib/accelerator_template.h"
#include "hwlib/fpga_device.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mdse::core {

// How many multiply lanes one DSP slice carries at a precision, and where
// the multipliers go (rules and sources in fpga_resources.cpp).
struct MacMapping {
    std::string resource;     // "DSP" or "LUT"
    double macsPerDsp = 0;    // lanes per DSP (0 when LUT-mapped)
    double lutsPerMac = 0;    // LUTs per lane when LUT-mapped
    std::string rule;         // the rule applied, for reports
};

struct MacMappingOptions {
    // Two int8 products sharing one operand in one DSP48E1 (25 x 18): works
    // with guard bits and a correction step, as on DSP48E2 (WP486), but is
    // not the default for 7-series tools; off unless the user turns it on.
    bool sharedOperandOnDsp48e1 = false;
};

MacMapping macMapping(int weightBits, int activationBits, const std::string& dspType,
                      const MacMappingOptions& options = {});

// Measured post-implementation resources; any given field calibrates the
// estimate (scale factor = measured / raw estimate).
struct MeasuredResources {
    std::optional<std::int64_t> dsps, bram18, luts, flipFlops;
};

struct ResourceCalibration {
    double dsp = 1, bram = 1, lut = 1, ff = 1;
};

struct FpgaResourceEstimate {
    MacMapping mapping;
    std::int64_t macLanes = 0;
    std::int64_t dsps = 0, bram18 = 0, luts = 0, flipFlops = 0;
    double dspPercent = 0, bramPercent = 0, lutPercent = 0, ffPercent = 0;
    bool fits = false;
    std::string verdict; // "fits" or which resources overflow
};

// Raw estimate of an accelerator template on a device, scaled by `calibration`.
FpgaResourceEstimate estimateFpgaResources(const hwlib::AcceleratorTemplate& accel, const hwlib::FpgaDevice& device,
                                           const ResourceCalibration& calibration = {},
                                           const MacMappingOptions& options = {});

// Calibration factors from one measured build of the same template.
ResourceCalibration calibrateResources(const FpgaResourceEstimate& raw, const MeasuredResources& measured);

// Block RAM (in 18 Kb units) for a buffer of `depth` words of `widthBits`,
// choosing the best RAMB18 aspect ratio (UG473: 16Kx1, 8Kx2, 4Kx4, 2Kx9,
// 1Kx18, 512x36 in simple dual port).
std::int64_t bram18ForBuffer(std::int64_t depth, std::int64_t widthBits);

} // namespace mdse::core
