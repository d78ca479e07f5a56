#pragma once

#include "core/accel/dataflow.h"
#include "core/accel/fpga_resources.h"
#include "core/accel/systolic_simulator.h"
#include "core/accel/zero_skipping.h"
#include "core/config/design_config.h"
#include "core/memory/flash_usage.h"
#include "core/memory/kernel_scratch.h"
#include "core/memory/mcu_memory_analysis.h"
#include "core/memory/patch_inference.h"
#include "core/perf/latency_model.h"
#include "hwlib/accelerator_template.h"
#include "hwlib/fpga_device.h"
#include "hwlib/mcu_target.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mdse::core {

// What the design is deployed on. The target is held as used (the whole
// part, device and template), not by reference: a later catalogue change
// does not change what a saved design means.
enum class TargetKind { None, Mcu, Fpga };
const char* targetKindName(TargetKind kind); // "none", "mcu", "fpga"

struct TargetSpec {
    TargetKind kind = TargetKind::None;
    hwlib::McuTarget mcu;                   // kind == Mcu
    hwlib::FpgaDevice device;               // kind == Fpga
    hwlib::AcceleratorTemplate accelerator; // kind == Fpga

    bool operator==(const TargetSpec&) const = default;
};

// Whether batchnorms are folded into their producers before anything is
// counted. Auto (the default) folds for a deployment target (MCU or FPGA:
// deployment converters do) and keeps them without a target, so the plain
// statistics match the papers' parameter counts.
enum class BatchNormFolding { Auto, Yes, No };
const char* batchNormFoldingName(BatchNormFolding folding); // "auto", "yes", "no"

enum class FastConvolution { None, Winograd, Fft }; // Winograd F(2x2, 3x3) where it applies
const char* fastConvolutionName(FastConvolution method); // "none", "winograd", "fft"

// Options of the accelerator engine (FPGA targets).
struct AcceleratorOptions {
    Dataflow dataflow = Dataflow::RowStationary;
    FastConvolution fastConvolution = FastConvolution::None;
    // Sparsity shorthands of `analyze --weight-density/--activation-density/
    // --structured/--skip-zeros`: the per-layer effect on the array's work.
    std::optional<SparsityOptions> sparsity;
    MeasuredResources measuredResources; // a measured build calibrates the resource estimate

    bool operator==(const AcceleratorOptions& other) const;
};

// One whole design point: everything evaluate() needs besides the network.
// A plain value with a YAML form (core/io/design_spec_yaml.h,
// docs/design-spec.md); every field has an explicit, documented default.
struct DesignSpec {
    DesignConfig design;   // per-layer precision and pruning, rules, overrides
    TargetSpec target;
    BatchNormFolding foldBatchNorms = BatchNormFolding::Auto;
    // MCU deployment
    McuRuntime runtime = McuRuntime::Interpreter;  // tflm
    std::optional<KernelPath> kernels;             // unset: the part's own kernel set
    SramModel sramModel = SramModel::Arena;
    PatchOptions patch;                            // its kernelPath is set by evaluate()
    std::size_t exactReorderLimit = 20;
    LatencyOptions latency;
    // Accelerator (FPGA) deployment
    AcceleratorOptions accelerator;
    // SCALE-Sim systolic array simulation of every conv/dense layer (any target)
    std::optional<SystolicConfig> systolic;
    // Inputs per inference (the accelerator and systolic models' N)
    std::int64_t batch = 1;

    bool operator==(const DesignSpec& other) const;
};

// Throws core::Error naming the field when a value is outside its range
// (batch < 1, a patch grid < 1, a negative overhead, an empty target, ...).
void validateSpec(const DesignSpec& spec);

// The kernel set the MCU analyses model: the spec's, else the part's.
KernelPath kernelsOf(const DesignSpec& spec);

// Whether batchnorms are folded for this spec (resolves Auto).
bool foldsBatchNorms(const DesignSpec& spec);

} // namespace mdse::core
