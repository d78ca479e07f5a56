#include "hwlib/mcu_part_writer.h"

#include "hwlib/op_class.h"

#include <yaml-cpp/yaml.h>

namespace mdse::hwlib {
namespace {

void emitSourced(YAML::Emitter& out, const char* key, const char* valueKey, const SourcedValue& value)
{
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << valueKey << YAML::Value << value.value;
    if (value.estimated)
        out << YAML::Key << "estimated" << YAML::Value << true;
    out << YAML::Key << "source" << YAML::Value << YAML::DoubleQuoted << value.source;
    out << YAML::EndMap;
}

void emitRuntime(YAML::Emitter& out, const char* key, const RuntimeOverhead& runtime)
{
    out << YAML::Key << key << YAML::Value << YAML::BeginMap;
    emitSourced(out, "flashBytes", "value", runtime.flashBytes);
    emitSourced(out, "sramBytes", "value", runtime.sramBytes);
    out << YAML::EndMap;
}

void emitNpu(YAML::Emitter& out, const NpuSpec& npu)
{
    out << YAML::Key << "npu" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << npu.name;
    emitSourced(out, "macsPerCycle", "value", npu.macsPerCycle);
    out << YAML::Key << "clockHz" << YAML::Value << npu.clockHz;
    emitSourced(out, "utilization", "value", npu.utilization);
    out << YAML::EndMap;
}

void emitEngineCalibrations(YAML::Emitter& out, const std::vector<EngineCalibration>& calibrations)
{
    if (calibrations.empty())
        return;
    out << YAML::Key << "engineCalibrations" << YAML::Value << YAML::BeginSeq;
    for (const EngineCalibration& calibration : calibrations) {
        out << YAML::BeginMap << YAML::Key << "engine" << YAML::Value << calibration.engine;
        out << YAML::Key << "workPerCycle" << YAML::Value << YAML::Flow << YAML::BeginMap;
        for (std::size_t c = 0; c < calibration.workPerCycle.size(); ++c)
            out << YAML::Key << opClassName(static_cast<OpClass>(c)) << YAML::Value << calibration.workPerCycle[c];
        out << YAML::EndMap;
        if (!calibration.cyclesPerPixel.empty()) {
            out << YAML::Key << "cyclesPerPixel" << YAML::Value << YAML::Flow << YAML::BeginMap;
            for (std::size_t c = 0; c < calibration.cyclesPerPixel.size(); ++c)
                out << YAML::Key << opClassName(static_cast<OpClass>(c)) << YAML::Value << calibration.cyclesPerPixel[c];
            out << YAML::EndMap;
        }
        out << YAML::Key << "basis" << YAML::Value << YAML::DoubleQuoted << calibration.basis;
        if (calibration.worstErrorPercent > 0)
            out << YAML::Key << "worstErrorPercent" << YAML::Value << calibration.worstErrorPercent;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

} // namespace

std::string writeMcuTargetYaml(const McuTarget& target)
{
    YAML::Emitter out;
    out.SetDoublePrecision(17);
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << target.name;
    out << YAML::Key << "core" << YAML::Value << target.core;
    out << YAML::Key << "kernelPath" << YAML::Value << target.kernelPath;
    out << YAML::Key << "clockHz" << YAML::Value << target.clockHz;
    out << YAML::Key << "maxClockHz" << YAML::Value << target.maxClockHz;
    out << YAML::Key << "sramRegions" << YAML::Value << YAML::BeginSeq;
    for (const SramRegion& region : target.sramRegions)
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << region.name
            << YAML::Key << "bytes" << YAML::Value << region.bytes << YAML::Key << "arena"
            << YAML::Value << region.arena << YAML::EndMap;
    out << YAML::EndSeq;
    out << YAML::Key << "flashBytes" << YAML::Value << target.flashBytes;
    if (target.npu)
        emitNpu(out, *target.npu);
    out << YAML::Key << "int8MacsPerCycle" << YAML::Value << YAML::BeginMap;
    for (int i = 0; i < kKernelFamilyCount; ++i) {
        const auto family = static_cast<KernelFamily>(i);
        emitSourced(out, kernelFamilyName(family), "value", target.macsPerCycle(family));
    }
    out << YAML::EndMap;
    out << YAML::Key << "memoryBandwidth" << YAML::Value << YAML::BeginMap;
    emitSourced(out, "flashBytesPerCycle", "value", target.memoryBandwidth.flashBytesPerCycle);
    emitSourced(out, "sramBytesPerCycle", "value", target.memoryBandwidth.sramBytesPerCycle);
    out << YAML::EndMap;
    emitSourced(out, "activePower", "watts", target.activePowerWatts);
    out << YAML::Key << "runtimes" << YAML::Value << YAML::BeginMap;
    emitRuntime(out, "tflm", target.interpreter);
    emitRuntime(out, "tinyengine", target.codegen);
    out << YAML::EndMap;
    out << YAML::Key << "calibration" << YAML::Value << target.calibration;
    emitEngineCalibrations(out, target.engineCalibrations);
    out << YAML::Key << "sources" << YAML::Value << YAML::BeginSeq;
    for (const std::string& source : target.sources)
        out << YAML::DoubleQuoted << source;
    out << YAML::EndSeq << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace mdse::hwlib
