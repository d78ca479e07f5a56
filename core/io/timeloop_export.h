#pragma once

#include "core/accel/conv_problem.h"
#include "core/accel/dataflow.h"
#include "core/accel/layer_operands.h"
#include "core/accel/loop_nest.h"
#include "hwlib/accelerator_template.h"

#include <string>
#include <utility>
#include <vector>

namespace mdse::core {

// A layer on an accelerator template as a Timeloop v0.4 specification
// (Timeloop/Accelergy infrastructure, github.com/NVlabs/timeloop; the v0.4
// format of timeloopfe as in Accelergy-Project/timeloop-accelergy-exercises),
// one YAML document with three top-level keys:
//  problem:      the conv2D shape (dimensions C M R S N P Q, the Weights /
//                Inputs / Outputs projections with Hstride/Wstride and
//                dilation coefficients) and this layer's instance; one group
//                of a grouped layer (the others are identical copies); the
//                weight and input densities when below 1;
//  architecture: DRAM -> GlobalBuffer (smartbuffer_SRAM) -> PE_column
//                container (meshX = columns) -> PE container (meshY = rows)
//                -> RegisterFile
//                (smartbuffer_RF, keeping the operands the dataflow keeps;
//                absent for NLR) -> MAC (intmac);
//  mapping:      the loop nest: temporal factors and permutations (innermost
//                first) at DRAM, GlobalBuffer and RegisterFile, the spatial
//                factors of the columns at PE_column (split 7: all on X) and
//                of the rows at PE (split 0: all on Y), and the RF's
//                keep/bypass.
// docs/accelerator-models.md lists which of our quantities correspond to
// which of Timeloop's. Words are `datawidth` bits of the layer's input width.
std::string timeloopSpecYaml(const ConvProblem& problem, const hwlib::AcceleratorTemplate& accel,
                             Dataflow dataflow, const LayerOperands& operands, const LoopNest& nest);

// One specification per layer (file name "<index>_<layer>.yaml", the name
// reduced to [A-Za-z0-9_-]), for a whole network whose mappings the caller
// chose (e.g. mapLayers). core::Error when the sizes differ.
std::vector<std::pair<std::string, std::string>> timeloopNetworkSpecs(
    const std::vector<ConvProblem>& problems, const hwlib::AcceleratorTemplate& accel, Dataflow dataflow,
    const std::vector<LayerOperands>& operands, const std::vector<LoopNest>& nests);

} // namespace mdse::core
