#include "core/evaluate/design_spec.h"

#include "core/util/error.h"

#include <cmath>
#include <tuple>

namespace mdse::core {
namespace {

void require(bool condition, const std::string& message)
{
    if (!condition)
        throw Error("design spec: " + message);
}

bool sameSparsity(const std::optional<SparsityOptions>& a, const std::optional<SparsityOptions>& b)
{
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    return std::tie(a->weightDensity, a->activationDensity, a->structuredWeights, a->skipZeroWeights,
                    a->skipZeroActivations, a->weightBits, a->indexBits, a->loadImbalance)
        == std::tie(b->weightDensity, b->activationDensity, b->structuredWeights, b->skipZeroWeights,
                    b->skipZeroActivations, b->weightBits, b->indexBits, b->loadImbalance);
}

bool sameSystolic(const std::optional<SystolicConfig>& a, const std::optional<SystolicConfig>& b)
{
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    return std::tie(a->rows, a->cols, a->ifmapSramKb, a->filterSramKb, a->ofmapSramKb, a->dataflow, a->userBandwidth,
                    a->bandwidthWordsPerCycle)
        == std::tie(b->rows, b->cols, b->ifmapSramKb, b->filterSramKb, b->ofmapSramKb, b->dataflow, b->userBandwidth,
                    b->bandwidthWordsPerCycle);
}

void validateMcu(const DesignSpec& spec)
{
    require(spec.patch.maxGrid >= 1 && spec.patch.maxGrid <= 64, "patch.maxGrid must be 1 to 64");
    require(std::isfinite(spec.patch.maxOverheadPercent) && spec.patch.maxOverheadPercent >= 0,
            "patch.maxOverheadPercent must be a non-negative number");
    require(spec.exactReorderLimit <= 20, "reorder.exactLayerLimit must be at most 20 (exact search is O(2^n n))");
    const LatencyOptions& l = spec.latency;
    require(std::isfinite(l.perLayerOverheadCycles) && l.perLayerOverheadCycles >= 0,
            "latency.perLayerOverheadCycles must be a non-negative number");
    require(std::isfinite(l.lowFactor) && std::isfinite(l.highFactor) && l.lowFactor > 0 && l.lowFactor <= 1
                && l.highFactor >= 1,
            "latency.lowFactor must be in (0, 1] and latency.highFactor at least 1");
    if (spec.target.kind == TargetKind::Mcu) {
        const hwlib::McuTarget& mcu = spec.target.mcu;
        require(!mcu.id.empty() || !mcu.name.empty(), "the MCU target has no id");
        require(mcu.clockHz > 0, "the MCU target's clock must be positive");
        require(std::isfinite(mcu.calibration) && mcu.calibration > 0, "the MCU target's calibration must be positive");
    }
}

void validateAccelerator(const DesignSpec& spec)
{
    const AcceleratorOptions& a = spec.accelerator;
    require(spec.batch >= 1 && spec.batch <= 1'000'000, "batch must be 1 to 1,000,000");
    // Batch N is a dimension of the accelerator's problems (dataflow model,
    // mapper, systolic GEMM view: Chen, Emer, Sze, ISCA 2016, Table I's N).
    // MCU runtimes (TFLite Micro, TinyEngine) run one input per invocation.
    if (spec.batch != 1) {
        require(spec.target.kind != TargetKind::Mcu,
                "batch " + std::to_string(spec.batch) + ": an MCU runtime runs one input per inference (batch 1)");
        require(spec.target.kind == TargetKind::Fpga || spec.systolic.has_value(),
                "batch " + std::to_string(spec.batch)
                    + " applies to an FPGA target's accelerator or the systolic array, and the spec has neither");
    }
    if (a.sparsity) {
        const SparsityOptions& s = *a.sparsity;
        require(s.weightDensity > 0 && s.weightDensity <= 1, "accelerator.weightDensity must be in (0, 1]");
        require(s.activationDensity > 0 && s.activationDensity <= 1, "accelerator.activationDensity must be in (0, 1]");
    }
    if (spec.target.kind == TargetKind::Fpga) {
        const hwlib::AcceleratorTemplate& t = spec.target.accelerator;
        require(t.peRows > 0 && t.peCols > 0 && t.macsPerPe > 0, "the accelerator needs a positive PE array");
        require(t.clockHz > 0 && t.dramBytesPerSecond > 0, "the accelerator needs a positive clock and DRAM bandwidth");
        require(t.activationBits > 0 && t.weightBits > 0, "the accelerator needs positive word widths");
    }
    if (spec.systolic) {
        const SystolicConfig& c = *spec.systolic;
        require(c.rows >= 1 && c.cols >= 1 && c.rows <= 4096 && c.cols <= 4096, "systolic rows and cols must be 1 to 4096");
        require(c.ifmapSramKb >= 1 && c.filterSramKb >= 1 && c.ofmapSramKb >= 1, "systolic SRAM sizes must be at least 1 KB");
        require(!c.userBandwidth || c.bandwidthWordsPerCycle >= 1, "systolic bandwidth must be at least 1 word per cycle");
    }
}

} // namespace

const char* targetKindName(TargetKind kind)
{
    switch (kind) {
    case TargetKind::Mcu: return "mcu";
    case TargetKind::Fpga: return "fpga";
    case TargetKind::None: break;
    }
    return "none";
}

const char* batchNormFoldingName(BatchNormFolding folding)
{
    switch (folding) {
    case BatchNormFolding::Yes: return "yes";
    case BatchNormFolding::No: return "no";
    case BatchNormFolding::Auto: break;
    }
    return "auto";
}

const char* fastConvolutionName(FastConvolution method)
{
    switch (method) {
    case FastConvolution::Winograd: return "winograd";
    case FastConvolution::Fft: return "fft";
    case FastConvolution::None: break;
    }
    return "none";
}

bool AcceleratorOptions::operator==(const AcceleratorOptions& other) const
{
    const MeasuredResources& m = measuredResources;
    const MeasuredResources& n = other.measuredResources;
    return dataflow == other.dataflow && fastConvolution == other.fastConvolution
        && sameSparsity(sparsity, other.sparsity)
        && std::tie(m.dsps, m.bram18, m.luts, m.flipFlops) == std::tie(n.dsps, n.bram18, n.luts, n.flipFlops);
}

bool DesignSpec::operator==(const DesignSpec& other) const
{
    return design == other.design && target == other.target && foldBatchNorms == other.foldBatchNorms
        && runtime == other.runtime && kernels == other.kernels && sramModel == other.sramModel
        && patch == other.patch && exactReorderLimit == other.exactReorderLimit && latency == other.latency
        && accelerator == other.accelerator && sameSystolic(systolic, other.systolic) && batch == other.batch;
}

void validateSpec(const DesignSpec& spec)
{
    validateMcu(spec);
    validateAccelerator(spec);
}

KernelPath kernelsOf(const DesignSpec& spec)
{
    if (spec.kernels)
        return *spec.kernels;
    if (spec.target.kind == TargetKind::Mcu && !spec.target.mcu.kernelPath.empty())
        return parseKernelPath(spec.target.mcu.kernelPath);
    return KernelPath::CmsisNnDsp;
}

bool foldsBatchNorms(const DesignSpec& spec)
{
    if (spec.foldBatchNorms == BatchNormFolding::Auto)
        return spec.target.kind != TargetKind::None;
    return spec.foldBatchNorms == BatchNormFolding::Yes;
}

} // namespace mdse::core
