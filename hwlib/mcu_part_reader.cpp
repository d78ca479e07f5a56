#include "hwlib/mcu_part_reader.h"

#include "hwlib/catalogue.h"
#include "hwlib/op_class.h"

#include <yaml-cpp/yaml.h>

#include <cmath>

namespace mdse::hwlib {

void McuPartReader::fail(const YAML::Node& node, const std::string& message) const
{
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0)
        throw CatalogueError(m_file + ": " + message);
    throw CatalogueError(m_file + ":" + std::to_string(mark.line + 1) + ":"
                         + std::to_string(mark.column + 1) + ": " + message);
}

void McuPartReader::checkKeys(const YAML::Node& map, const std::string& path,
                              std::initializer_list<const char*> allowed) const
{
    if (!map.IsMap())
        fail(map, "field '" + path + "' must be a mapping");
    for (const auto& entry : map) {
        const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string("?");
        bool known = false;
        for (const char* name : allowed)
            known = known || key == name;
        if (!known)
            fail(entry.first, "unknown field '" + (path.empty() ? key : path + "." + key) + "'");
    }
}

YAML::Node McuPartReader::required(const YAML::Node& map, const std::string& path, const char* key) const
{
    const std::string full = path.empty() ? std::string(key) : path + "." + key;
    if (!map[key])
        fail(map, "missing field '" + full + "'");
    return map[key];
}

std::string McuPartReader::text(const YAML::Node& node, const std::string& path) const
{
    if (!node.IsScalar() || node.Scalar().empty())
        fail(node, "field '" + path + "' must be a non-empty string");
    return node.Scalar();
}

std::int64_t McuPartReader::positiveInt(const YAML::Node& node, const std::string& path) const
{
    std::int64_t value = 0;
    if (!node.IsScalar() || !YAML::convert<std::int64_t>::decode(node, value) || value <= 0)
        fail(node, "field '" + path + "' must be a positive integer");
    return value;
}

double McuPartReader::positiveNumber(const YAML::Node& node, const std::string& path) const
{
    double value = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || !std::isfinite(value)
        || value <= 0)
        fail(node, "field '" + path + "' must be a positive number");
    return value;
}

bool McuPartReader::flag(const YAML::Node& node, const std::string& path) const
{
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
        fail(node, "field '" + path + "' must be true or false");
    return value;
}

// {<valueKey>: x, source: "...", estimated: bool}; `source` is mandatory so
// no number enters the catalogue without saying where it came from.
SourcedValue McuPartReader::sourced(const YAML::Node& node, const std::string& path,
                                    const char* valueKey) const
{
    checkKeys(node, path, {valueKey, "source", "estimated"});
    SourcedValue result;
    result.value = positiveNumber(required(node, path, valueKey), path + "." + valueKey);
    result.source = text(required(node, path, "source"), path + ".source");
    if (node["estimated"])
        result.estimated = flag(node["estimated"], path + ".estimated");
    return result;
}

void McuPartReader::readRegions(const YAML::Node& node, McuTarget& target) const
{
    if (!node.IsSequence() || node.size() == 0)
        fail(node, "field 'sramRegions' must be a non-empty list");
    for (std::size_t i = 0; i < node.size(); ++i) {
        const std::string path = "sramRegions[" + std::to_string(i) + "]";
        const YAML::Node entry = node[i];
        checkKeys(entry, path, {"name", "bytes", "arena"});
        SramRegion region;
        region.name = text(required(entry, path, "name"), path + ".name");
        region.bytes = positiveInt(required(entry, path, "bytes"), path + ".bytes");
        region.arena = flag(required(entry, path, "arena"), path + ".arena");
        if (region.arena)
            target.sramBytes = std::max(target.sramBytes, region.bytes);
        target.sramRegions.push_back(region);
    }
    if (target.sramBytes == 0)
        fail(node, "field 'sramRegions' needs at least one region with arena: true");
}

void McuPartReader::readThroughput(const YAML::Node& node, McuTarget& target) const
{
    checkKeys(node, "int8MacsPerCycle", {"conv", "depthwise", "pointwise", "fc", "elementwise"});
    for (int i = 0; i < kKernelFamilyCount; ++i) {
        const char* family = kernelFamilyName(static_cast<KernelFamily>(i));
        const std::string path = std::string("int8MacsPerCycle.") + family;
        target.int8MacsPerCycle.push_back(sourced(required(node, "int8MacsPerCycle", family), path, "value"));
    }
}

NpuSpec McuPartReader::readNpu(const YAML::Node& node) const
{
    checkKeys(node, "npu", {"name", "macsPerCycle", "clockHz", "utilization"});
    NpuSpec npu;
    npu.name = text(required(node, "npu", "name"), "npu.name");
    npu.macsPerCycle = sourced(required(node, "npu", "macsPerCycle"), "npu.macsPerCycle", "value");
    npu.clockHz = positiveInt(required(node, "npu", "clockHz"), "npu.clockHz");
    npu.utilization = sourced(required(node, "npu", "utilization"), "npu.utilization", "value");
    if (npu.utilization.value > 1.0)
        fail(node["utilization"], "field 'npu.utilization.value' must be at most 1");
    return npu;
}

MemoryBandwidth McuPartReader::readBandwidth(const YAML::Node& node) const
{
    checkKeys(node, "memoryBandwidth", {"flashBytesPerCycle", "sramBytesPerCycle"});
    MemoryBandwidth bandwidth;
    bandwidth.flashBytesPerCycle = sourced(required(node, "memoryBandwidth", "flashBytesPerCycle"),
                                           "memoryBandwidth.flashBytesPerCycle", "value");
    bandwidth.sramBytesPerCycle = sourced(required(node, "memoryBandwidth", "sramBytesPerCycle"),
                                          "memoryBandwidth.sramBytesPerCycle", "value");
    return bandwidth;
}

RuntimeOverhead McuPartReader::readRuntime(const YAML::Node& node, const std::string& path) const
{
    checkKeys(node, path, {"flashBytes", "sramBytes"});
    RuntimeOverhead overhead;
    overhead.flashBytes = sourced(required(node, path, "flashBytes"), path + ".flashBytes", "value");
    overhead.sramBytes = sourced(required(node, path, "sramBytes"), path + ".sramBytes", "value");
    return overhead;
}

// engineCalibrations: [{engine, workPerCycle: {conv, pointwise, depthwise,
// fc, pooling, elementwise}, basis, worstErrorPercent}], one per engine.
std::vector<EngineCalibration> McuPartReader::readEngineCalibrations(const YAML::Node& node) const
{
    if (!node.IsSequence())
        fail(node, "field 'engineCalibrations' must be a list");
    std::vector<EngineCalibration> result;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const std::string path = "engineCalibrations[" + std::to_string(i) + "]";
        const YAML::Node entry = node[i];
        checkKeys(entry, path, {"engine", "workPerCycle", "cyclesPerPixel", "basis", "worstErrorPercent"});
        EngineCalibration calibration;
        calibration.engine = text(required(entry, path, "engine"), path + ".engine");
        for (const EngineCalibration& earlier : result)
            if (earlier.engine == calibration.engine)
                fail(entry["engine"], "field '" + path + ".engine' repeats engine '" + calibration.engine + "'");
        const YAML::Node rates = required(entry, path, "workPerCycle");
        const std::string ratesPath = path + ".workPerCycle";
        checkKeys(rates, ratesPath, {"conv", "pointwise", "depthwise", "fc", "pooling", "elementwise"});
        for (int c = 0; c < kOpClassCount; ++c) {
            const char* name = opClassName(static_cast<OpClass>(c));
            calibration.workPerCycle.push_back(positiveNumber(required(rates, ratesPath, name), ratesPath + "." + name));
        }
        if (entry["cyclesPerPixel"]) {
            const YAML::Node pixels = entry["cyclesPerPixel"];
            const std::string pixelsPath = path + ".cyclesPerPixel";
            checkKeys(pixels, pixelsPath, {"conv", "pointwise", "depthwise", "fc", "pooling", "elementwise"});
            for (int c = 0; c < kOpClassCount; ++c) {
                const char* name = opClassName(static_cast<OpClass>(c));
                const YAML::Node value = required(pixels, pixelsPath, name);
                double cycles = -1;
                if (!value.IsScalar() || !YAML::convert<double>::decode(value, cycles) || !std::isfinite(cycles) || cycles < 0)
                    fail(value, "field '" + pixelsPath + "." + name + "' must be a non-negative number");
                calibration.cyclesPerPixel.push_back(cycles);
            }
        }
        calibration.basis = text(required(entry, path, "basis"), path + ".basis");
        if (entry["worstErrorPercent"])
            calibration.worstErrorPercent = positiveNumber(entry["worstErrorPercent"], path + ".worstErrorPercent");
        result.push_back(calibration);
    }
    return result;
}

McuTarget McuPartReader::read(std::string_view yaml, const std::string& id) const
{
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& error) {
        throw CatalogueError(m_file + ":" + std::to_string(error.mark.line + 1) + ": " + error.msg);
    }
    return readNode(root, id);
}

McuTarget McuPartReader::readNode(const YAML::Node& root, const std::string& id) const
{
    if (!root.IsMap())
        throw CatalogueError(m_file + ": a part file must be a mapping");
    checkKeys(root, "", {"name", "core", "kernelPath", "clockHz", "maxClockHz", "sramRegions",
                         "flashBytes", "npu", "int8MacsPerCycle", "memoryBandwidth", "activePower", "runtimes",
                         "calibration", "engineCalibrations", "sources"});
    McuTarget target;
    target.id = id;
    target.name = text(required(root, "", "name"), "name");
    target.core = text(required(root, "", "core"), "core");
    target.kernelPath = text(required(root, "", "kernelPath"), "kernelPath");
    if (target.kernelPath != "cmsis-nn-dsp" && target.kernelPath != "cmsis-nn-mve"
        && target.kernelPath != "none")
        fail(root["kernelPath"], "field 'kernelPath' must be cmsis-nn-dsp, cmsis-nn-mve or none");
    target.clockHz = positiveInt(required(root, "", "clockHz"), "clockHz");
    target.maxClockHz = positiveInt(required(root, "", "maxClockHz"), "maxClockHz");
    if (target.maxClockHz < target.clockHz)
        fail(root["maxClockHz"], "field 'maxClockHz' is below 'clockHz'");
    readRegions(required(root, "", "sramRegions"), target);
    target.flashBytes = positiveInt(required(root, "", "flashBytes"), "flashBytes");
    if (root["npu"])
        target.npu = readNpu(root["npu"]);
    readThroughput(required(root, "", "int8MacsPerCycle"), target);
    if (root["memoryBandwidth"])
        target.memoryBandwidth = readBandwidth(root["memoryBandwidth"]);
    target.activePowerWatts = sourced(required(root, "", "activePower"), "activePower", "watts");
    const YAML::Node runtimes = required(root, "", "runtimes");
    checkKeys(runtimes, "runtimes", {"tflm", "tinyengine"});
    target.interpreter = readRuntime(required(runtimes, "runtimes", "tflm"), "runtimes.tflm");
    target.codegen = readRuntime(required(runtimes, "runtimes", "tinyengine"), "runtimes.tinyengine");
    if (root["calibration"])
        target.calibration = positiveNumber(root["calibration"], "calibration");
    if (root["engineCalibrations"])
        target.engineCalibrations = readEngineCalibrations(root["engineCalibrations"]);
    const YAML::Node sources = required(root, "", "sources");
    if (!sources.IsSequence() || sources.size() == 0)
        fail(sources, "field 'sources' must be a non-empty list");
    for (std::size_t i = 0; i < sources.size(); ++i)
        target.sources.push_back(text(sources[i], "sources[" + std::to_string(i) + "]"));
    return target;
}

} // namespace mdse::hwlib
