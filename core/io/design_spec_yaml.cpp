// Reader and writer of the design spec YAML; see docs/design-spec.md.
#include "core/io/design_spec_yaml.h"

#include "core/io/design_config_yaml.h"
#include "core/io/network_loader.h"
#include "core/io/yaml_nodes.h"
#include "core/io/yaml_reader.h"
#include "hwlib/catalogue.h"
#include "hwlib/catalogue_nodes.h"
#include "hwlib/fpga_catalogue.h"
#include "hwlib/fpga_writer.h"
#include "hwlib/mcu_part_writer.h"

#include <regex>

namespace mdse::core {
namespace {

constexpr std::size_t kMaxSpecBytes = 8u * 1024u * 1024u;

std::optional<McuRuntime> runtimeNamed(std::string_view name)
{
    if (name == "tflm")
        return McuRuntime::Interpreter;
    if (name == "tinyengine")
        return McuRuntime::CodeGenerated;
    return std::nullopt;
}

template <typename Enum, typename NameOf>
std::optional<Enum> byName(std::string_view name, std::initializer_list<Enum> values, NameOf nameOf)
{
    for (const Enum value : values)
        if (name == nameOf(value))
            return value;
    return std::nullopt;
}

std::optional<SramModel> sramModelNamed(std::string_view name)
{
    return byName(name, {SramModel::ClosedForm, SramModel::LiveSet, SramModel::InPlace, SramModel::Arena, SramModel::Patch},
                  sramModelName);
}

std::optional<KernelPath> kernelsNamed(std::string_view name)
{
    return byName(name, {KernelPath::CmsisNnDsp, KernelPath::CmsisNnMve, KernelPath::None}, kernelPathName);
}

std::optional<BatchNormFolding> foldingNamed(std::string_view name)
{
    return byName(name, {BatchNormFolding::Auto, BatchNormFolding::Yes, BatchNormFolding::No}, batchNormFoldingName);
}

std::optional<FastConvolution> fastConvolutionNamed(std::string_view name)
{
    return byName(name, {FastConvolution::None, FastConvolution::Winograd, FastConvolution::Fft}, fastConvolutionName);
}

const char* systolicDataflowName(SystolicDataflow dataflow)
{
    switch (dataflow) {
    case SystolicDataflow::WeightStationary: return "ws";
    case SystolicDataflow::InputStationary: return "is";
    case SystolicDataflow::OutputStationary: break;
    }
    return "os";
}

std::optional<SystolicDataflow> systolicDataflowNamed(std::string_view name)
{
    return byName(name, {SystolicDataflow::OutputStationary, SystolicDataflow::WeightStationary,
                         SystolicDataflow::InputStationary},
                  systolicDataflowName);
}

bool endsWith(const std::string& text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// hwlib's errors read "file:line:column: message" (or have no location):
// as core::Error, located there, else at `fallback`.
Error located(const hwlib::CatalogueError& error, const SourceLocation& fallback)
{
    static const std::regex prefix(R"(^(.*):(\d+):(\d+): (.*)$)");
    std::smatch m;
    const std::string what = error.what();
    if (std::regex_match(what, m, prefix))
        return Error(m[4].str(), {m[1].str(), std::stoi(m[2].str()), std::stoi(m[3].str())});
    return Error(what, fallback);
}

template <typename Read>
auto catalogue(Read read, const SourceLocation& where = {})
{
    try {
        return read();
    } catch (const hwlib::CatalogueError& error) {
        throw located(error, where);
    }
}

class SpecReader : public YamlReader {
public:
    using YamlReader::YamlReader;
    DesignSpec read(const YAML::Node& root) const;

private:
    // An entry as a name (catalogue id or file) or inline (its fields plus an optional `id`).
    template <typename Resolve, typename Inline>
    auto entry(const YAML::Node& node, const std::string& what, Resolve resolve, Inline readInline) const
    {
        if (node.IsScalar())
            return catalogue([&] { return resolve(node.Scalar()); }, at(node));
        expectMap(node, what);
        // The entry's own fields without `id`; the values keep their marks,
        // the new mapping has none (errors at it fall back to `node`).
        YAML::Node fields(YAML::NodeType::Map);
        for (const auto& entry : node)
            if (scalar(entry.first, what + " key") != "id")
                fields[entry.first] = entry.second;
        const std::string id = node["id"] ? scalar(node["id"], what + ".id") : std::string("inline");
        return catalogue([&] { return readInline(fields, id, file()); }, at(node));
    }
    TargetSpec target(const YAML::Node& node) const;
    void patch(const YAML::Node& node, PatchOptions& options) const;
    void latency(const YAML::Node& node, DesignSpec& spec) const;
    void accelerator(const YAML::Node& node, AcceleratorOptions& options) const;
    SparsityOptions sparsity(const YAML::Node& node) const;
    MeasuredResources measured(const YAML::Node& node) const;
    SystolicConfig systolic(const YAML::Node& node) const;
    void setting(const std::string& key, const YAML::Node& value, DesignSpec& spec) const;
};

TargetSpec SpecReader::target(const YAML::Node& node) const
{
    if (node.IsScalar()) {
        try {
            return resolveTarget(node.Scalar());
        } catch (const Error& error) {
            throw Error(error.message(), at(node));
        }
    }
    expectMap(node, "target");
    allowOnly(node, "target", {"mcu", "fpga", "accelerator"});
    TargetSpec t;
    if (node["mcu"]) {
        if (node["fpga"] || node["accelerator"])
            fail(node, "a target is either an mcu or an fpga with an accelerator, not both");
        t.kind = TargetKind::Mcu;
        t.mcu = entry(node["mcu"], "target.mcu", hwlib::resolveMcuTarget, hwlib::readMcuTarget);
        return t;
    }
    if (!node["fpga"])
        fail(node, "a target needs 'mcu' or 'fpga'");
    t.kind = TargetKind::Fpga;
    t.device = entry(node["fpga"], "target.fpga", [](const std::string& id) { return hwlib::builtInFpgaDevice(id); },
                     hwlib::readFpgaDevice);
    const auto accelerator = [](const std::string& name) {
        if (!endsWith(name, ".yaml"))
            return hwlib::builtInAcceleratorTemplate(name);
        return hwlib::parseAcceleratorTemplate(readTextFile(name, kMaxSpecBytes), name, name);
    };
    t.accelerator = node["accelerator"]
        ? entry(node["accelerator"], "target.accelerator", accelerator, hwlib::readAcceleratorTemplate)
        : catalogue([] { return hwlib::builtInAcceleratorTemplate(hwlib::kDefaultAcceleratorId); }, at(node));
    return t;
}

void SpecReader::patch(const YAML::Node& node, PatchOptions& options) const
{
    expectMap(node, "patch");
    allowOnly(node, "patch", {"maxGrid", "maxOverheadPercent", "inputResident"});
    if (node["maxGrid"])
        options.maxGrid = number<int>(node["maxGrid"], "patch.maxGrid");
    if (node["maxOverheadPercent"])
        options.maxOverheadPercent = number<double>(node["maxOverheadPercent"], "patch.maxOverheadPercent");
    if (node["inputResident"])
        options.inputResident = number<bool>(node["inputResident"], "patch.inputResident");
}

void SpecReader::latency(const YAML::Node& node, DesignSpec& spec) const
{
    expectMap(node, "latency");
    allowOnly(node, "latency", {"perLayerOverheadCycles", "useNpu", "lowFactor", "highFactor", "calibration"});
    LatencyOptions& l = spec.latency;
    if (node["perLayerOverheadCycles"])
        l.perLayerOverheadCycles = number<double>(node["perLayerOverheadCycles"], "latency.perLayerOverheadCycles");
    if (node["useNpu"])
        l.useNpu = number<bool>(node["useNpu"], "latency.useNpu");
    if (node["lowFactor"])
        l.lowFactor = number<double>(node["lowFactor"], "latency.lowFactor");
    if (node["highFactor"])
        l.highFactor = number<double>(node["highFactor"], "latency.highFactor");
    if (node["calibration"]) {
        if (spec.target.kind != TargetKind::Mcu)
            fail(node["calibration"], "latency.calibration needs an MCU target");
        spec.target.mcu.calibration = number<double>(node["calibration"], "latency.calibration");
        if (!(spec.target.mcu.calibration > 0))
            fail(node["calibration"], "latency.calibration must be positive");
    }
}

SparsityOptions SpecReader::sparsity(const YAML::Node& node) const
{
    expectMap(node, "accelerator.sparsity");
    allowOnly(node, "accelerator.sparsity", {"weightDensity", "activationDensity", "structured", "skipZeros"});
    SparsityOptions s;
    if (node["weightDensity"])
        s.weightDensity = number<double>(node["weightDensity"], "weightDensity");
    if (node["activationDensity"])
        s.activationDensity = number<double>(node["activationDensity"], "activationDensity");
    if (node["structured"])
        s.structuredWeights = number<bool>(node["structured"], "structured");
    if (node["skipZeros"]) {
        const std::string skip = scalar(node["skipZeros"], "skipZeros");
        if (skip != "none" && skip != "weights" && skip != "activations" && skip != "both")
            fail(node["skipZeros"], "skipZeros must be none, weights, activations or both");
        s.skipZeroWeights = skip == "weights" || skip == "both";
        s.skipZeroActivations = skip == "activations" || skip == "both";
    }
    return s;
}

MeasuredResources SpecReader::measured(const YAML::Node& node) const
{
    expectMap(node, "accelerator.measured");
    allowOnly(node, "accelerator.measured", {"dsp", "bram18", "lut", "ff"});
    MeasuredResources m;
    const auto read = [&](const char* key, std::optional<std::int64_t>& slot) {
        if (!node[key])
            return;
        slot = number<std::int64_t>(node[key], std::string("measured.") + key);
        if (*slot < 0)
            fail(node[key], std::string("measured.") + key + " must not be negative");
    };
    read("dsp", m.dsps);
    read("bram18", m.bram18);
    read("lut", m.luts);
    read("ff", m.flipFlops);
    return m;
}

void SpecReader::accelerator(const YAML::Node& node, AcceleratorOptions& options) const
{
    expectMap(node, "accelerator");
    allowOnly(node, "accelerator", {"dataflow", "fastConvolution", "sparsity", "measured"});
    if (node["dataflow"])
        options.dataflow = choice(node["dataflow"], "dataflow", parseDataflow, "ws, os, rs or nlr");
    if (node["fastConvolution"])
        options.fastConvolution = choice(node["fastConvolution"], "fastConvolution", fastConvolutionNamed,
                                         "none, winograd or fft");
    if (node["sparsity"])
        options.sparsity = sparsity(node["sparsity"]);
    if (node["measured"])
        options.measuredResources = measured(node["measured"]);
}

SystolicConfig SpecReader::systolic(const YAML::Node& node) const
{
    expectMap(node, "systolic");
    allowOnly(node, "systolic", {"rows", "cols", "dataflow", "ifmapSramKb", "filterSramKb", "ofmapSramKb", "bandwidth",
                                 "bandwidthWordsPerCycle"});
    SystolicConfig c;
    const auto integer = [&](const char* key, std::int64_t& slot) {
        if (node[key])
            slot = number<std::int64_t>(node[key], std::string("systolic.") + key);
    };
    integer("rows", c.rows);
    integer("cols", c.cols);
    integer("ifmapSramKb", c.ifmapSramKb);
    integer("filterSramKb", c.filterSramKb);
    integer("ofmapSramKb", c.ofmapSramKb);
    integer("bandwidthWordsPerCycle", c.bandwidthWordsPerCycle);
    if (node["dataflow"])
        c.dataflow = choice(node["dataflow"], "systolic dataflow", systolicDataflowNamed, "os, ws or is");
    if (node["bandwidth"]) {
        const std::string mode = scalar(node["bandwidth"], "systolic.bandwidth");
        if (mode != "calc" && mode != "user")
            fail(node["bandwidth"], "systolic.bandwidth must be calc or user (SCALE-Sim's InterfaceBandwidth)");
        c.userBandwidth = mode == "user";
    }
    return c;
}

void SpecReader::setting(const std::string& key, const YAML::Node& value, DesignSpec& spec) const
{
    if (key == "design")
        spec.design = readDesignConfigNode(value, file());
    else if (key == "foldBatchNorms")
        spec.foldBatchNorms = choice(value, "foldBatchNorms value", foldingNamed, "auto, yes or no");
    else if (key == "runtime")
        spec.runtime = choice(value, "runtime", runtimeNamed, "tflm or tinyengine");
    else if (key == "kernels")
        spec.kernels = scalar(value, "kernels") == "part"
            ? std::nullopt
            : std::optional(choice(value, "kernel set", kernelsNamed, "part, cmsis-nn-dsp, cmsis-nn-mve or none"));
    else if (key == "sramModel")
        spec.sramModel = choice(value, "SRAM model", sramModelNamed, "closed-form, live-set, in-place, arena or patch");
    else if (key == "patch")
        patch(value, spec.patch);
    else if (key == "reorder") {
        expectMap(value, "reorder");
        allowOnly(value, "reorder", {"exactLayerLimit"});
        if (value["exactLayerLimit"])
            spec.exactReorderLimit = number<std::size_t>(value["exactLayerLimit"], "reorder.exactLayerLimit");
    } else if (key == "latency")
        latency(value, spec);
    else if (key == "accelerator")
        accelerator(value, spec.accelerator);
    else if (key == "systolic")
        spec.systolic = systolic(value);
    else if (key == "batch")
        spec.batch = number<std::int64_t>(value, "batch");
}

DesignSpec SpecReader::read(const YAML::Node& root) const
{
    DesignSpec spec;
    spec.design.origin = {file(), 0, 0};
    if (!root.IsDefined() || root.IsNull())
        return spec;
    expectMap(root, "a design spec");
    allowOnly(root, "a design spec", {"format", "design", "target", "foldBatchNorms", "runtime", "kernels", "sramModel",
                                      "patch", "reorder", "latency", "accelerator", "systolic", "batch"});
    if (root["format"] && scalar(root["format"], "format") != "microdse-design-spec")
        fail(root["format"], "format must be microdse-design-spec");
    if (root["target"]) // first: latency.calibration edits the part
        spec.target = target(root["target"]);
    for (const auto& item : root)
        if (const std::string key = scalar(item.first, "a key"); key != "target")
            setting(key, item.second, spec);
    try {
        validateSpec(spec);
    } catch (const Error& error) {
        throw Error(error.message(), {file(), 0, 0});
    }
    return spec;
}

// --- writer

void emitText(YAML::Emitter& out, const std::string& text)
{
    out << YAML::Load(text);
}

template <typename T>
void entryOf(YAML::Emitter& out, const char* key, const T& value)
{
    out << YAML::Key << key << YAML::Value << value;
}

// An inline catalogue entry: `id` followed by the entry's own fields.
void emitInline(YAML::Emitter& out, const char* key, const std::string& id, const std::string& yaml)
{
    out << YAML::Key << key << YAML::Value << YAML::BeginMap << YAML::Key << "id" << YAML::Value << id;
    for (const auto& field : YAML::Load(yaml))
        out << YAML::Key << field.first << YAML::Value << field.second;
    out << YAML::EndMap;
}

void emitTarget(YAML::Emitter& out, const TargetSpec& t)
{
    if (t.kind == TargetKind::None)
        return;
    out << YAML::Key << "target" << YAML::Value << YAML::BeginMap;
    if (t.kind == TargetKind::Mcu) {
        hwlib::McuTarget part = t.mcu;
        emitInline(out, "mcu", part.id, hwlib::writeMcuTargetYaml(part));
    } else {
        emitInline(out, "fpga", t.device.id, hwlib::writeFpgaDeviceYaml(t.device));
        emitInline(out, "accelerator", t.accelerator.id, hwlib::writeAcceleratorTemplateYaml(t.accelerator));
    }
    out << YAML::EndMap;
}

void emitAccelerator(YAML::Emitter& out, const AcceleratorOptions& a)
{
    out << YAML::Key << "accelerator" << YAML::Value << YAML::BeginMap;
    entryOf(out, "dataflow", std::string(dataflowId(a.dataflow)));
    entryOf(out, "fastConvolution", std::string(fastConvolutionName(a.fastConvolution)));
    if (a.sparsity) {
        const SparsityOptions& s = *a.sparsity;
        const char* skip = s.skipZeroWeights ? (s.skipZeroActivations ? "both" : "weights")
                                             : (s.skipZeroActivations ? "activations" : "none");
        out << YAML::Key << "sparsity" << YAML::Value << YAML::Flow << YAML::BeginMap;
        entryOf(out, "weightDensity", s.weightDensity);
        entryOf(out, "activationDensity", s.activationDensity);
        entryOf(out, "structured", s.structuredWeights);
        entryOf(out, "skipZeros", std::string(skip));
        out << YAML::EndMap;
    }
    const MeasuredResources& m = a.measuredResources;
    if (m.dsps || m.bram18 || m.luts || m.flipFlops) {
        out << YAML::Key << "measured" << YAML::Value << YAML::Flow << YAML::BeginMap;
        if (m.dsps) entryOf(out, "dsp", *m.dsps);
        if (m.bram18) entryOf(out, "bram18", *m.bram18);
        if (m.luts) entryOf(out, "lut", *m.luts);
        if (m.flipFlops) entryOf(out, "ff", *m.flipFlops);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void emitSystolic(YAML::Emitter& out, const SystolicConfig& c)
{
    out << YAML::Key << "systolic" << YAML::Value << YAML::Flow << YAML::BeginMap;
    entryOf(out, "rows", c.rows);
    entryOf(out, "cols", c.cols);
    entryOf(out, "dataflow", std::string(systolicDataflowName(c.dataflow)));
    entryOf(out, "ifmapSramKb", c.ifmapSramKb);
    entryOf(out, "filterSramKb", c.filterSramKb);
    entryOf(out, "ofmapSramKb", c.ofmapSramKb);
    entryOf(out, "bandwidth", std::string(c.userBandwidth ? "user" : "calc"));
    entryOf(out, "bandwidthWordsPerCycle", c.bandwidthWordsPerCycle);
    out << YAML::EndMap;
}

void emitMcuOptions(YAML::Emitter& out, const DesignSpec& spec)
{
    entryOf(out, "runtime", std::string(mcuRuntimeName(spec.runtime)));
    entryOf(out, "kernels", std::string(spec.kernels ? kernelPathName(*spec.kernels) : "part"));
    entryOf(out, "sramModel", std::string(sramModelName(spec.sramModel)));
    out << YAML::Key << "patch" << YAML::Value << YAML::Flow << YAML::BeginMap;
    entryOf(out, "maxGrid", spec.patch.maxGrid);
    entryOf(out, "maxOverheadPercent", spec.patch.maxOverheadPercent);
    entryOf(out, "inputResident", spec.patch.inputResident);
    out << YAML::EndMap;
    out << YAML::Key << "reorder" << YAML::Value << YAML::Flow << YAML::BeginMap;
    entryOf(out, "exactLayerLimit", spec.exactReorderLimit);
    out << YAML::EndMap;
    const LatencyOptions& l = spec.latency;
    out << YAML::Key << "latency" << YAML::Value << YAML::Flow << YAML::BeginMap;
    entryOf(out, "perLayerOverheadCycles", l.perLayerOverheadCycles);
    entryOf(out, "useNpu", l.useNpu);
    entryOf(out, "lowFactor", l.lowFactor);
    entryOf(out, "highFactor", l.highFactor);
    out << YAML::EndMap;
}

} // namespace

TargetSpec resolveTarget(const std::string& idOrPath)
{
    TargetSpec t;
    if (hwlib::isFpgaDeviceId(idOrPath)) {
        t.kind = TargetKind::Fpga;
        t.device = hwlib::builtInFpgaDevice(idOrPath);
        t.accelerator = hwlib::builtInAcceleratorTemplate(hwlib::kDefaultAcceleratorId);
        return t;
    }
    t.kind = TargetKind::Mcu;
    t.mcu = catalogue([&] { return hwlib::resolveMcuTarget(idOrPath); });
    return t;
}

DesignSpec readDesignSpecYaml(std::string_view text, const std::string& fileLabel)
{
    if (text.size() > kMaxSpecBytes)
        throw Error("the file is larger than 8 MiB; design specs are limited to 8 MiB", {fileLabel, 0, 0});
    return SpecReader(fileLabel).read(YamlReader::loadDocument(text, fileLabel));
}

DesignSpec loadDesignSpec(const std::string& path)
{
    return readDesignSpecYaml(readTextFile(path, kMaxSpecBytes), path);
}

std::string writeDesignSpecYaml(const DesignSpec& spec)
{
    YAML::Emitter out;
    out.SetDoublePrecision(17);
    out << YAML::BeginMap;
    entryOf(out, "format", std::string("microdse-design-spec"));
    out << YAML::Key << "design" << YAML::Value;
    emitText(out, writeDesignConfigYaml(spec.design));
    emitTarget(out, spec.target);
    entryOf(out, "foldBatchNorms", std::string(batchNormFoldingName(spec.foldBatchNorms)));
    emitMcuOptions(out, spec);
    emitAccelerator(out, spec.accelerator);
    if (spec.systolic)
        emitSystolic(out, *spec.systolic);
    entryOf(out, "batch", spec.batch);
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace mdse::core
