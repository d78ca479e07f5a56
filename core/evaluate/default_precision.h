#pragma once

#include "core/graph/precision.h"

#include <string>

namespace mdse::core {

struct TargetSpec;

// The one documented default precision rule, shown in every report: the
// base every layer starts from before the model file's own precision and
// the design's settings apply (resolve(), core/config/design_resolution.h).
//   no target   fp32 weights and activations: the precision the network
//               files and the zoo's parameter counts describe
//   MCU         int8 weights and activations (int32 biases): the TFLite Micro
//               / CMSIS-NN int8 scheme every MCU deployment flow uses;
//               a pruning-only design keeps it
//   FPGA        the accelerator template's word widths (weightBits and
//               activationBits: 16 -> int16, 8 -> int8, 32 -> fp32)
struct DefaultPrecision {
    Precision weights = Precision::Fp32;
    Precision activations = Precision::Fp32;
    std::string rule; // "no target: fp32", "MCU deployment: int8", ...

    bool operator==(const DefaultPrecision&) const = default;
};

DefaultPrecision defaultPrecision(const TargetSpec& target);

} // namespace mdse::core
