#include "hwlib/fpga_catalogue.h"

#include "hwlib/catalogue_nodes.h"
#include "hwlib/fpga_catalogue_data.h"
#include "hwlib/yaml_fields.h"

#include <algorithm>
#include <span>

namespace mdse::hwlib {
namespace {

template <typename T>
void sortById(std::vector<T>& items)
{
    std::sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.id < b.id; });
}

std::string label(const char* folder, std::string_view id)
{
    return std::string("hwlib/catalogue/") + folder + "/" + std::string(id) + ".yaml";
}

// Every entry of one built-in catalogue folder, parsed and sorted by id.
template <typename Parse>
auto parseAll(std::span<const CatalogueEntry> entries, const char* folder, Parse parse)
{
    std::vector<decltype(parse(std::string_view(), std::string(), std::string()))> result;
    for (const CatalogueEntry& e : entries)
        result.push_back(parse(e.yaml, std::string(e.id), label(folder, e.id)));
    sortById(result);
    return result;
}

// Entry `id` of one built-in catalogue folder, parsed; `what` names the
// kind in the error for an unknown id.
template <typename Parse>
auto parseOne(std::span<const CatalogueEntry> entries, std::string_view id, const char* folder, const char* what,
              Parse parse)
{
    for (const CatalogueEntry& e : entries)
        if (e.id == id)
            return parse(e.yaml, std::string(id), label(folder, id));
    throw CatalogueError("unknown " + std::string(what) + " '" + std::string(id) + "'");
}

} // namespace

FpgaDevice parseFpgaDevice(std::string_view yaml, const std::string& id, const std::string& fileLabel)
{
    return readFpgaDevice(YamlFields::load(yaml, fileLabel), id, fileLabel);
}

FpgaDevice readFpgaDevice(const YAML::Node& node, const std::string& id, const std::string& fileLabel)
{
    const YamlFields f(node, fileLabel);
    f.allowOnly({"name", "board", "family", "luts", "flipFlops", "dsps", "dspType", "bram18", "uram",
                 "typicalClockHz", "dramBytesPerSecond", "staticPowerWatts", "staticPowerEstimated", "sources"});
    FpgaDevice d;
    d.id = id;
    d.name = f.text("name");
    d.board = f.text("board");
    d.family = f.text("family");
    d.luts = f.positiveInt("luts");
    d.flipFlops = f.positiveInt("flipFlops");
    d.dsps = f.positiveInt("dsps");
    d.dspType = f.text("dspType");
    if (d.dspType != "DSP48E1" && d.dspType != "DSP48E2")
        f.failAt("dspType", "field 'dspType' must be DSP48E1 or DSP48E2");
    d.bram18 = f.positiveInt("bram18");
    d.uram = f.nonNegativeInt("uram");
    d.typicalClockHz = f.positiveNumber("typicalClockHz");
    d.dramBytesPerSecond = f.positiveNumber("dramBytesPerSecond");
    d.staticPowerWatts = f.positiveNumber("staticPowerWatts");
    d.staticPowerEstimated = f.flagOr("staticPowerEstimated", true);
    d.sources = f.sources();
    return d;
}

AcceleratorTemplate parseAcceleratorTemplate(std::string_view yaml, const std::string& id,
                                             const std::string& fileLabel)
{
    return readAcceleratorTemplate(YamlFields::load(yaml, fileLabel), id, fileLabel);
}

AcceleratorTemplate readAcceleratorTemplate(const YAML::Node& node, const std::string& id, const std::string& fileLabel)
{
    const YamlFields f(node, fileLabel);
    f.allowOnly({"name", "peRows", "peCols", "macsPerPe", "rfBytesPerPe", "globalBufferBytes",
                 "dramBytesPerSecond", "clockHz", "activationBits", "weightBits", "psumBits", "sources"});
    AcceleratorTemplate t;
    t.id = id;
    t.name = f.text("name");
    t.peRows = f.positiveInt("peRows");
    t.peCols = f.positiveInt("peCols");
    t.macsPerPe = f.positiveInt("macsPerPe");
    t.rfBytesPerPe = f.nonNegativeInt("rfBytesPerPe");
    t.globalBufferBytes = f.positiveInt("globalBufferBytes");
    t.dramBytesPerSecond = f.positiveNumber("dramBytesPerSecond");
    t.clockHz = f.positiveNumber("clockHz");
    const auto width = [&f](const char* field) {
        const std::int64_t bits = f.positiveInt(field);
        if (bits > 64)
            f.failAt(field, "word widths must be at most 64 bits");
        return static_cast<int>(bits);
    };
    t.activationBits = width("activationBits");
    t.weightBits = width("weightBits");
    t.psumBits = width("psumBits");
    t.sources = f.sources();
    return t;
}

std::vector<ReferenceAccelerator> parseReferenceAccelerators(std::string_view yaml, const std::string& fileLabel)
{
    const YAML::Node root = YamlFields::load(yaml, fileLabel);
    const YamlFields top(root, fileLabel);
    top.allowOnly({"accelerators", "sources"});
    top.sources();
    const YAML::Node list = root["accelerators"];
    if (!list || !list.IsSequence())
        top.fail(root, "field 'accelerators' must be a list");
    std::vector<ReferenceAccelerator> result;
    for (const YAML::Node& item : list) {
        const YamlFields f(item, fileLabel);
        f.allowOnly({"id", "name", "reference", "table", "device", "precision", "workload", "clockHz",
                     "powerWatts", "throughputGops", "efficiencyGopsPerWatt", "bramPercent", "note"});
        ReferenceAccelerator a;
        a.id = f.text("id");
        a.name = f.text("name");
        a.reference = f.text("reference");
        a.table = f.text("table");
        a.device = f.text("device");
        a.precision = f.text("precision");
        a.workload = f.textOr("workload", "");
        a.clockHz = f.numberOr("clockHz", -1);
        a.powerWatts = f.numberOr("powerWatts", -1);
        a.throughputGops = f.numberOr("throughputGops", -1);
        a.efficiencyGopsPerWatt = f.numberOr("efficiencyGopsPerWatt", -1);
        a.bramPercent = f.numberOr("bramPercent", -1);
        a.note = f.textOr("note", "");
        result.push_back(a);
    }
    return result;
}

EnergyCostTable parseEnergyCostTable(std::string_view yaml, const std::string& id, const std::string& fileLabel)
{
    const YamlFields f(YamlFields::load(yaml, fileLabel), fileLabel);
    f.allowOnly({"name", "normalized", "wordBits", "mac", "registerFile", "array", "globalBuffer", "dram",
                 "sources"});
    EnergyCostTable t;
    t.id = id;
    t.name = f.text("name");
    t.normalized = f.flagOr("normalized", false);
    t.wordBits = static_cast<int>(f.positiveInt("wordBits"));
    t.mac = f.positiveNumber("mac");
    t.registerFile = f.positiveNumber("registerFile");
    t.array = f.positiveNumber("array");
    t.globalBuffer = f.positiveNumber("globalBuffer");
    t.dram = f.positiveNumber("dram");
    t.sources = f.sources();
    return t;
}

std::vector<FpgaDevice> builtInFpgaDevices()
{
    return parseAll(fpgaDeviceEntries(), "fpga", parseFpgaDevice);
}

bool isFpgaDeviceId(std::string_view id)
{
    for (const CatalogueEntry& e : fpgaDeviceEntries())
        if (e.id == id)
            return true;
    return false;
}

FpgaDevice builtInFpgaDevice(std::string_view id)
{
    return parseOne(fpgaDeviceEntries(), id, "fpga", "FPGA device", parseFpgaDevice);
}

std::vector<AcceleratorTemplate> builtInAcceleratorTemplates()
{
    return parseAll(acceleratorTemplateEntries(), "accelerators", parseAcceleratorTemplate);
}

AcceleratorTemplate builtInAcceleratorTemplate(std::string_view id)
{
    return parseOne(acceleratorTemplateEntries(), id, "accelerators", "accelerator template",
                    parseAcceleratorTemplate);
}

std::vector<ReferenceAccelerator> builtInReferenceAccelerators()
{
    std::vector<ReferenceAccelerator> result;
    for (const CatalogueEntry& e : referenceAcceleratorEntries()) {
        auto part = parseReferenceAccelerators(e.yaml, label("reference", e.id));
        result.insert(result.end(), part.begin(), part.end());
    }
    sortById(result);
    return result;
}

EnergyCostTable builtInEnergyCostTable(std::string_view id)
{
    return parseOne(energyCostEntries(), id, "energy", "energy cost table", parseEnergyCostTable);
}

} // namespace mdse::hwlib
