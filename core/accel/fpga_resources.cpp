#include "core/accel/fpga_resources.h"

#include <algorithm>
#include <cmath>

namespace mdse::core {
namespace {

std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

// Per-PE control/datapath overheads. HEURISTIC constants (no published
// source; real synthesis varies widely with the design and the tools):
// operand/psum pipeline registers and the PE's multiplexers and counters.
constexpr std::int64_t kLutsPerPe = 40;
constexpr std::int64_t kFlipFlopsPerLaneBits = 3; // ~3 registers per operand/psum bit per lane
// Register files up to this size go to distributed RAM (LUTRAM, 64 bits per
// LUT as RAM64X1D in a SLICEM, UG474), larger ones to block RAM.
constexpr std::int64_t kLutRamMaxBits = 2048;
constexpr std::int64_t kBitsPerLutRam = 64;

std::int64_t scaled(std::int64_t value, double factor)
{
    return static_cast<std::int64_t>(std::llround(double(value) * factor));
}

} // namespace

// Rules (Xilinx UG479/UG579, WP486; hls4ml and FINN multiplier mapping):
//  - binary/ternary (<= 2-bit weights and activations): XNOR + popcount in
//    LUTs, no DSP (FINN, BNN-PYNQ); LUTs per lane by FINN's LUT multiplier
//    cost (2*ceil((W+A)/6) - 1) * (W+A).
//  - <= 4 x <= 4 bits: 4 lanes per DSP (FINN mvu_4sx4u).
//  - <= 8 bits: 2 lanes per DSP48E2 sharing one operand (Xilinx WP486);
//    1 per DSP48E1 unless the shared-operand trick is enabled.
//  - up to 18 x 27 (DSP48E2) / 18 x 25 (DSP48E1): 1 lane per DSP.
//  - wider: ceil(a/18) * ceil(b/27) DSPs per multiplier (fpgaConvNet).
MacMapping macMapping(int weightBits, int activationBits, const std::string& dspType, const MacMappingOptions& o)
{
    const int narrow = std::min(weightBits, activationBits), wide = std::max(weightBits, activationBits);
    const bool e2 = dspType == "DSP48E2";
    if (wide <= 2) {
        const double w = weightBits + activationBits;
        return {"LUT", 0, (2 * std::ceil(w / 6) - 1) * w, "binary/ternary: XNOR-popcount in LUTs (FINN)"};
    }
    if (wide <= 4)
        return {"DSP", 4, 0, "<= 4-bit: 4 lanes per DSP (FINN mvu_4sx4u)"};
    if (wide <= 8) {
        if (e2 || o.sharedOperandOnDsp48e1)
            return {"DSP", 2, 0, "int8: 2 MACs per DSP sharing one operand (Xilinx WP486)"};
        return {"DSP", 1, 0, "int8 on DSP48E1: 1 MAC per DSP (shared-operand packing off)"};
    }
    if (narrow <= 18 && wide <= (e2 ? 27 : 25))
        return {"DSP", 1, 0, "up to 18x27: 1 MAC per DSP"};
    const double dsps = double(ceilDiv(narrow, 18) * ceilDiv(wide, 27));
    return {"DSP", 1.0 / dsps, 0, "wide: ceil(a/18)*ceil(b/27) DSPs per multiplier (fpgaConvNet)"};
}

std::int64_t bram18ForBuffer(std::int64_t depth, std::int64_t widthBits)
{
    if (depth <= 0 || widthBits <= 0)
        return 0;
    static constexpr std::int64_t shapes[][2] = {{16384, 1}, {8192, 2}, {4096, 4}, {2048, 9}, {1024, 18}, {512, 36}};
    std::int64_t best = -1;
    for (const auto& s : shapes) {
        const std::int64_t units = ceilDiv(depth, s[0]) * ceilDiv(widthBits, s[1]);
        best = best < 0 ? units : std::min(best, units);
    }
    return best;
}

FpgaResourceEstimate estimateFpgaResources(const hwlib::AcceleratorTemplate& t, const hwlib::FpgaDevice& d,
                                           const ResourceCalibration& c, const MacMappingOptions& options)
{
    FpgaResourceEstimate e;
    e.mapping = macMapping(t.weightBits, t.activationBits, d.dspType, options);
    e.macLanes = t.macsPerCycle();
    if (e.mapping.resource == "DSP")
        e.dsps = static_cast<std::int64_t>(std::ceil(double(e.macLanes) / e.mapping.macsPerDsp));
    std::int64_t luts = t.peCount() * kLutsPerPe + static_cast<std::int64_t>(std::ceil(e.macLanes * e.mapping.lutsPerMac));
    // Global buffer: banked to feed one array edge per cycle, i.e. a port
    // of activationBits x max(rows, cols) bits (an assumption of this model).
    const std::int64_t glbWidth = std::int64_t(t.activationBits) * std::max(t.peRows, t.peCols);
    std::int64_t bram = bram18ForBuffer(ceilDiv(t.globalBufferBytes * 8, glbWidth), glbWidth);
    const std::int64_t rfBits = t.rfBytesPerPe * 8;
    if (rfBits <= kLutRamMaxBits)
        luts += t.peCount() * ceilDiv(rfBits, kBitsPerLutRam);
    else
        bram += t.peCount() * bram18ForBuffer(ceilDiv(rfBits, t.activationBits), t.activationBits);
    const std::int64_t ffs = e.macLanes * kFlipFlopsPerLaneBits * (t.activationBits + t.weightBits + t.psumBits) / 2;
    e.dsps = scaled(e.dsps, c.dsp);
    e.bram18 = scaled(bram, c.bram);
    e.luts = scaled(luts, c.lut);
    e.flipFlops = scaled(ffs, c.ff);
    e.dspPercent = 100.0 * double(e.dsps) / double(d.dsps);
    e.bramPercent = 100.0 * double(e.bram18) / double(d.bram18);
    e.lutPercent = 100.0 * double(e.luts) / double(d.luts);
    e.ffPercent = 100.0 * double(e.flipFlops) / double(d.flipFlops);
    std::string over;
    if (e.dspPercent > 100) over += " DSP";
    if (e.bramPercent > 100) over += " BRAM";
    if (e.lutPercent > 100) over += " LUT";
    if (e.ffPercent > 100) over += " FF";
    e.fits = over.empty();
    e.verdict = e.fits ? "fits" : "does not fit:" + over;
    return e;
}

ResourceCalibration calibrateResources(const FpgaResourceEstimate& raw, const MeasuredResources& m)
{
    const auto ratio = [](const std::optional<std::int64_t>& measured, std::int64_t estimate) {
        return (measured && estimate > 0) ? double(*measured) / double(estimate) : 1.0;
    };
    return {ratio(m.dsps, raw.dsps), ratio(m.bram18, raw.bram18), ratio(m.luts, raw.luts),
            ratio(m.flipFlops, raw.flipFlops)};
}

} // namespace mdse::core
