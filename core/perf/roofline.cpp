#include "core/perf/roofline.h"

#include "core/accel/fpga_resources.h"

#include <algorithm>

namespace mdse::core {

double ridgePoint(double peakOpsPerSecond, double bytesPerSecond)
{
    return bytesPerSecond > 0 ? peakOpsPerSecond / bytesPerSecond : 0;
}

double attainableOpsPerSecond(double arithmeticIntensity, double peakOpsPerSecond, double bytesPerSecond)
{
    return std::min(peakOpsPerSecond, arithmeticIntensity * bytesPerSecond);
}

Roofline fpgaDeviceRoofline(const hwlib::FpgaDevice& d, double clockHz)
{
    Roofline r;
    const double dsps = double(d.dsps);
    for (const auto& [label, bits] : {std::pair{"int16", 16}, std::pair{"int8", 8}, std::pair{"int4", 4}}) {
        const MacMapping m = macMapping(bits, bits, d.dspType);
        r.compute.push_back({std::string(label) + " (" + m.rule + ")", 2.0 * dsps * m.macsPerDsp * clockHz});
    }
    const MacMapping binary = macMapping(1, 1, d.dspType);
    r.compute.push_back({"binary (" + binary.rule + ", all LUTs)", 2.0 * double(d.luts) / binary.lutsPerMac * clockHz});
    r.bandwidth.push_back({"DRAM", d.dramBytesPerSecond});
    r.bandwidth.push_back({"BRAM", double(d.bram18) / 2.0 * 72.0 / 8.0 * clockHz});
    return r;
}

Roofline acceleratorRoofline(const hwlib::AcceleratorTemplate& t)
{
    Roofline r;
    r.compute.push_back({"int" + std::to_string(std::max(t.weightBits, t.activationBits)),
                         2.0 * double(t.macsPerCycle()) * t.clockHz});
    r.bandwidth.push_back({"DRAM", t.dramBytesPerSecond});
    r.bandwidth.push_back({"global buffer", double(t.peRows + t.peCols) * t.activationBits / 8.0 * t.clockHz});
    return r;
}

Roofline mcuRoofline(const std::string& name, double clockHz, double macsPerCycle, double flashBytesPerCycle,
                     double sramBytesPerCycle)
{
    Roofline r;
    r.compute.push_back({name, 2.0 * macsPerCycle * clockHz});
    r.bandwidth.push_back({"flash", flashBytesPerCycle * clockHz});
    r.bandwidth.push_back({"SRAM", sramBytesPerCycle * clockHz});
    return r;
}

RooflinePoint rooflinePoint(const std::string& name, double ops, double bytes, double seconds,
                            double peakOpsPerSecond, double bytesPerSecond)
{
    RooflinePoint p;
    p.name = name;
    p.ops = ops;
    p.bytes = bytes;
    p.arithmeticIntensity = bytes > 0 ? ops / bytes : 0;
    p.attainedOpsPerSecond = seconds > 0 ? ops / seconds : 0;
    p.roofOpsPerSecond = bytes > 0 ? attainableOpsPerSecond(p.arithmeticIntensity, peakOpsPerSecond, bytesPerSecond)
                                   : peakOpsPerSecond;
    p.bound = p.arithmeticIntensity >= ridgePoint(peakOpsPerSecond, bytesPerSecond) ? "compute" : "memory";
    return p;
}

} // namespace mdse::core
