#include "app/cli/spec_flags.h"

#include "app/cli/commands.h"
#include "core/io/design_config_yaml.h"
#include "core/io/design_spec_yaml.h"
#include "core/io/network_loader.h"
#include "hwlib/fpga_catalogue.h"

#include <charconv>
#include <sstream>

namespace mdse::app {
namespace {

bool given(const CLI::Option* option) { return option && option->count() > 0; }

void requireTarget(const core::DesignSpec& spec, core::TargetKind kind, const CLI::Option* option)
{
    if (given(option) && spec.target.kind != kind)
        throw UsageError(option->get_name() + " needs " + (kind == core::TargetKind::Mcu ? "an MCU" : "an FPGA")
                         + " target (--target or the spec's target)");
}

// --measured dsp=180,bram18=200,lut=30000,ff=40000: a measured build of the template.
core::MeasuredResources measuredResources(const std::string& text)
{
    core::MeasuredResources m;
    std::stringstream list(text);
    for (std::string item; std::getline(list, item, ',');) {
        const std::size_t eq = item.find('=');
        const std::string key = item.substr(0, eq);
        std::int64_t value = -1;
        if (eq != std::string::npos) {
            const auto [end, problem] = std::from_chars(item.data() + eq + 1, item.data() + item.size(), value);
            if (problem != std::errc() || end != item.data() + item.size())
                value = -1;
        }
        std::optional<std::int64_t>* slot = key == "dsp" ? &m.dsps : key == "bram18" ? &m.bram18
            : key == "lut" ? &m.luts : key == "ff" ? &m.flipFlops : nullptr;
        if (!slot || value < 0)
            throw UsageError("--measured expects dsp=N,bram18=N,lut=N,ff=N, got '" + item + "'");
        *slot = value;
    }
    return m;
}

hwlib::AcceleratorTemplate acceleratorTemplate(const std::string& name)
{
    if (name.size() < 5 || name.substr(name.size() - 5) != ".yaml")
        return hwlib::builtInAcceleratorTemplate(name);
    return hwlib::parseAcceleratorTemplate(core::readTextFile(name, 1u << 20), "user", name);
}

void applyMcuFlags(const SpecFlags& f, core::DesignSpec& spec)
{
    for (const CLI::Option* option : {f.runtimeOption, f.kernelsOption, f.sramModelOption, f.overheadOption,
                                      f.streamOption, f.calibrationOption})
        requireTarget(spec, core::TargetKind::Mcu, option);
    if (given(f.runtimeOption))
        spec.runtime = f.runtime == "tinyengine" ? core::McuRuntime::CodeGenerated : core::McuRuntime::Interpreter;
    if (given(f.kernelsOption))
        spec.kernels = f.kernels == "part" ? std::nullopt : std::optional(core::parseKernelPath(f.kernels));
    if (given(f.sramModelOption))
        spec.sramModel = core::parseSramModel(f.sramModel);
    if (given(f.overheadOption))
        spec.patch.maxOverheadPercent = f.maxPatchOverhead;
    if (given(f.streamOption))
        spec.patch.inputResident = f.streamInput == "no";
    if (given(f.calibrationOption))
        spec.target.mcu.calibration = f.calibration; // measured / estimated latency of this part
}

void applyAcceleratorFlags(const SpecFlags& f, core::DesignSpec& spec)
{
    for (const CLI::Option* option : {f.dataflowOption, f.acceleratorOption, f.fastOption, f.weightDensityOption,
                                      f.activationDensityOption, f.skipOption, f.structuredOption, f.measuredOption})
        requireTarget(spec, core::TargetKind::Fpga, option);
    core::AcceleratorOptions& a = spec.accelerator;
    if (given(f.acceleratorOption))
        spec.target.accelerator = acceleratorTemplate(f.accelerator);
    if (given(f.dataflowOption))
        a.dataflow = *core::parseDataflow(f.dataflow);
    if (given(f.fastOption))
        a.fastConvolution = f.fastConvolution == "winograd" ? core::FastConvolution::Winograd
                                                            : core::FastConvolution::Fft;
    if (given(f.weightDensityOption) || given(f.activationDensityOption) || given(f.skipOption) || given(f.structuredOption)) {
        core::SparsityOptions s = a.sparsity.value_or(core::SparsityOptions{});
        s.weightDensity = given(f.weightDensityOption) ? f.weightDensity : s.weightDensity;
        s.activationDensity = given(f.activationDensityOption) ? f.activationDensity : s.activationDensity;
        s.structuredWeights = given(f.structuredOption) ? f.structured == "yes" : s.structuredWeights;
        if (given(f.skipOption)) {
            s.skipZeroWeights = f.skipZeros == "weights" || f.skipZeros == "both";
            s.skipZeroActivations = f.skipZeros == "activations" || f.skipZeros == "both";
        }
        s.weightBits = spec.target.accelerator.weightBits;
        a.sparsity = s;
    }
    if (given(f.measuredOption))
        a.measuredResources = measuredResources(f.measured);
}

void applySystolicFlags(const SpecFlags& f, core::DesignSpec& spec)
{
    if (given(f.systolicDataflowOption) && !given(f.systolicOption) && !spec.systolic)
        throw UsageError("--systolic-dataflow needs --systolic-array RxC (or the spec's systolic section)");
    if (given(f.systolicOption)) {
        core::SystolicConfig config = spec.systolic.value_or(core::SystolicConfig{});
        const std::size_t x = f.systolicArray.find('x');
        std::int64_t rows = 0, cols = 0;
        const char* text = f.systolicArray.data();
        const auto [rowsEnd, rowsProblem] = std::from_chars(text, text + (x == std::string::npos ? 0 : x), rows);
        const auto [colsEnd, colsProblem] = std::from_chars(text + x + 1, text + f.systolicArray.size(), cols);
        if (x == std::string::npos || rowsProblem != std::errc() || colsProblem != std::errc()
            || colsEnd != text + f.systolicArray.size() || rows < 1 || cols < 1)
            throw UsageError("--systolic-array expects ROWSxCOLS, e.g. 32x32, got '" + f.systolicArray + "'");
        (void)rowsEnd;
        config.rows = rows;
        config.cols = cols;
        spec.systolic = config;
    }
    if (given(f.systolicDataflowOption))
        spec.systolic->dataflow = f.systolicDataflow == "ws"   ? core::SystolicDataflow::WeightStationary
                                  : f.systolicDataflow == "is" ? core::SystolicDataflow::InputStationary
                                                               : core::SystolicDataflow::OutputStationary;
}

} // namespace

void addSpecFlags(CLI::App& c, SpecFlags& f)
{
    f.specOption = c.add_option("--spec", f.specFile, "A design spec file (docs/design-spec.md); the flags below override it");
    f.configOption = c.add_option("--config", f.configFile, "A design config: per-layer precision and pruning (docs/design-config.md)");
    f.targetOption = c.add_option("--target", f.target, "An MCU or FPGA catalogue id (microdse targets) or an MCU part file");
    f.runtimeOption = c.add_option("--runtime", f.runtime, "MCU runtime (default tflm)")->check(formats({"tflm", "tinyengine"}));
    f.kernelsOption = c.add_option("--kernels", f.kernels, "Kernel set for scratch buffers (default part: the part's own)")
                          ->check(formats({"part", "cmsis-nn-dsp", "cmsis-nn-mve", "none"}));
    f.sramModelOption = c.add_option("--sram-model", f.sramModel, "The SRAM figure judged against the part (default arena)")
                            ->check(formats({"closed-form", "live-set", "in-place", "arena", "patch"}));
    f.overheadOption = c.add_option("--max-patch-overhead", f.maxPatchOverhead, "Largest MAC overhead of the best patch plan, percent (default 20)")
                           ->check(CLI::NonNegativeNumber);
    f.streamOption = c.add_option("--stream-input", f.streamInput, "Stream the input patch by patch (default no)")->check(formats({"yes", "no"}));
    f.calibrationOption = c.add_option("--calibration", f.calibration, "Measured / estimated latency of this part (default 1)")
                              ->check(CLI::PositiveNumber);
    f.dataflowOption = c.add_option("--dataflow", f.dataflow, "Accelerator dataflow (default rs)")->check(formats({"ws", "os", "rs", "nlr"}));
    f.acceleratorOption = c.add_option("--accelerator", f.accelerator, "Accelerator template id or template.yaml (default eyeriss-like)");
    f.fastOption = c.add_option("--fast-conv", f.fastConvolution, "Also cost fast convolution per layer")->check(formats({"winograd", "fft"}));
    f.weightDensityOption = c.add_option("--weight-density", f.weightDensity, "Fraction of non-zero weights, in (0, 1]")
                                ->check(CLI::Range(0.0, 1.0));
    f.activationDensityOption = c.add_option("--activation-density", f.activationDensity, "Fraction of non-zero activations, in (0, 1]")
                                    ->check(CLI::Range(0.0, 1.0));
    f.skipOption = c.add_option("--skip-zeros", f.skipZeros, "Zero skipping of the array")
                       ->check(formats({"none", "weights", "activations", "both"}));
    f.structuredOption = c.add_option("--structured", f.structured, "Pruned weights are whole filters")->check(formats({"yes", "no"}));
    f.measuredOption = c.add_option("--measured", f.measured, "A measured build: dsp=N,bram18=N,lut=N,ff=N");
    f.systolicOption = c.add_option("--systolic-array", f.systolicArray, "Also simulate every conv/dense on a ROWSxCOLS systolic array (SCALE-Sim)");
    f.systolicDataflowOption = c.add_option("--systolic-dataflow", f.systolicDataflow, "Systolic dataflow (default os)")
                                   ->check(formats({"os", "ws", "is"}));
    f.batchOption = c.add_option("--batch", f.batch, "Inputs per inference for an FPGA accelerator or the systolic array (default 1; an MCU runs batch 1)")->check(CLI::PositiveNumber);
}

core::DesignSpec specFromFlags(const SpecFlags& f)
{
    core::DesignSpec spec = given(f.specOption) ? core::loadDesignSpec(f.specFile) : core::DesignSpec{};
    if (given(f.configOption))
        spec.design = core::loadDesignConfig(f.configFile);
    if (given(f.targetOption))
        spec.target = core::resolveTarget(f.target);
    applyMcuFlags(f, spec);
    applyAcceleratorFlags(f, spec);
    applySystolicFlags(f, spec);
    if (given(f.batchOption))
        spec.batch = f.batch;
    if (given(f.weightDensityOption) && !(f.weightDensity > 0))
        throw UsageError("--weight-density must be in (0, 1]");
    if (given(f.activationDensityOption) && !(f.activationDensity > 0))
        throw UsageError("--activation-density must be in (0, 1]");
    core::validateSpec(spec);
    return spec;
}

} // namespace mdse::app
