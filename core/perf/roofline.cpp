#include "core/perf/roofline.h"

#include "core/accel/dataflow_model.h"
#include "core/accel/fpga_resources.h"
#include "core/perf/latency_model.h"

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

const ComputeCeiling* peakCeiling(const Roofline& r)
{
    const auto top = std::max_element(r.compute.begin(), r.compute.end(),
                                      [](const auto& a, const auto& b) { return a.opsPerSecond < b.opsPerSecond; });
    return top == r.compute.end() ? nullptr : &*top;
}

std::vector<RooflineLevelSummary> summarizeRooflineLevels(const Roofline& r)
{
    std::vector<RooflineLevelSummary> levels;
    const ComputeCeiling* peak = peakCeiling(r);
    for (const BandwidthCeiling& b : r.bandwidth) {
        RooflineLevelSummary s{b.name, b.bytesPerSecond, peak ? ridgePoint(peak->opsPerSecond, b.bytesPerSecond) : 0};
        for (const RooflinePoint& p : r.points) {
            if (p.level != b.name)
                continue;
            ++s.points;
            s.memoryBoundPoints += p.bound == "memory" ? 1 : 0;
        }
        levels.push_back(s);
    }
    return levels;
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

Roofline mcuRoofline(const hwlib::McuTarget& target)
{
    Roofline r;
    double bestInt8MacsPerCycle = 0;
    for (int i = 0; i < hwlib::kKernelFamilyCount; ++i) {
        const auto family = static_cast<hwlib::KernelFamily>(i);
        if (family != hwlib::KernelFamily::Elementwise)
            bestInt8MacsPerCycle = std::max(bestInt8MacsPerCycle, target.macsPerCycle(family).value);
    }
    const double clock = double(target.clockHz);
    for (const Precision precision : {Precision::Int8, Precision::Int16, Precision::Fp32})
        r.compute.push_back({precisionName(precision) + " CPU",
                             2.0 * bestInt8MacsPerCycle * cpuPrecisionScale(precision) * clock});
    if (target.npu)
        r.compute.push_back({"int8 NPU (" + target.npu->name + ")",
                             2.0 * target.npu->macsPerCycle.value * double(target.npu->clockHz)});
    r.bandwidth.push_back({"flash", target.memoryBandwidth.flashBytesPerCycle.value * clock});
    r.bandwidth.push_back({"SRAM", target.memoryBandwidth.sramBytesPerCycle.value * clock});
    return r;
}

Roofline dataflowRoofline(const hwlib::AcceleratorTemplate& accel, const DataflowReport& report)
{
    Roofline r = acceleratorRoofline(accel);
    const double peak = r.compute.front().opsPerSecond, dram = r.bandwidth.front().bytesPerSecond;
    for (const auto& l : report.layers) {
        r.points.push_back(rooflinePoint(l.name, 2.0 * double(l.macs), l.dramBytes, l.seconds, peak, dram));
        r.points.back().level = "DRAM";
    }
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
