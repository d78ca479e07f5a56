#include "hwlib/fpga_writer.h"

#include <yaml-cpp/yaml.h>

namespace mdse::hwlib {
namespace {

template <typename T>
void entry(YAML::Emitter& out, const char* key, const T& value)
{
    out << YAML::Key << key << YAML::Value << value;
}

void sources(YAML::Emitter& out, const std::vector<std::string>& list)
{
    out << YAML::Key << "sources" << YAML::Value << YAML::BeginSeq;
    for (const std::string& source : list)
        out << YAML::DoubleQuoted << source;
    out << YAML::EndSeq;
}

} // namespace

std::string writeFpgaDeviceYaml(const FpgaDevice& d)
{
    YAML::Emitter out;
    out.SetDoublePrecision(17);
    out << YAML::BeginMap;
    entry(out, "name", d.name);
    entry(out, "board", d.board);
    entry(out, "family", d.family);
    entry(out, "luts", d.luts);
    entry(out, "flipFlops", d.flipFlops);
    entry(out, "dsps", d.dsps);
    entry(out, "dspType", d.dspType);
    entry(out, "bram18", d.bram18);
    entry(out, "uram", d.uram);
    entry(out, "typicalClockHz", d.typicalClockHz);
    entry(out, "dramBytesPerSecond", d.dramBytesPerSecond);
    entry(out, "staticPowerWatts", d.staticPowerWatts);
    entry(out, "staticPowerEstimated", d.staticPowerEstimated);
    sources(out, d.sources);
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

std::string writeAcceleratorTemplateYaml(const AcceleratorTemplate& t)
{
    YAML::Emitter out;
    out.SetDoublePrecision(17);
    out << YAML::BeginMap;
    entry(out, "name", t.name);
    entry(out, "peRows", t.peRows);
    entry(out, "peCols", t.peCols);
    entry(out, "macsPerPe", t.macsPerPe);
    entry(out, "rfBytesPerPe", t.rfBytesPerPe);
    entry(out, "globalBufferBytes", t.globalBufferBytes);
    entry(out, "dramBytesPerSecond", t.dramBytesPerSecond);
    entry(out, "clockHz", t.clockHz);
    entry(out, "activationBits", t.activationBits);
    entry(out, "weightBits", t.weightBits);
    entry(out, "psumBits", t.psumBits);
    sources(out, t.sources);
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace mdse::hwlib
