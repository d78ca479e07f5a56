#pragma once

#include "core/evaluate/design_spec.h"

#include <CLI/CLI.hpp>

#include <string>

namespace mdse::app {

// The design flags of `analyze` (and the commands that evaluate a design):
// each one maps onto one field of the DesignSpec, applied over `--spec
// FILE` when both are given (docs/design-spec.md, "Flags").
struct SpecFlags {
    std::string specFile, configFile, target, runtime, kernels, sramModel, streamInput, dataflow, accelerator;
    std::string fastConvolution, skipZeros, structured, measured, systolicArray, systolicDataflow;
    double maxPatchOverhead = 0, calibration = 0, weightDensity = 1, activationDensity = 1;
    std::int64_t batch = 1;

    CLI::Option* specOption = nullptr;
    CLI::Option *runtimeOption = nullptr, *kernelsOption = nullptr, *sramModelOption = nullptr;
    CLI::Option *overheadOption = nullptr, *streamOption = nullptr, *calibrationOption = nullptr;
    CLI::Option *dataflowOption = nullptr, *acceleratorOption = nullptr, *fastOption = nullptr;
    CLI::Option *weightDensityOption = nullptr, *activationDensityOption = nullptr, *skipOption = nullptr;
    CLI::Option *structuredOption = nullptr, *measuredOption = nullptr, *batchOption = nullptr;
    CLI::Option *systolicOption = nullptr, *systolicDataflowOption = nullptr, *configOption = nullptr;
    CLI::Option* targetOption = nullptr;
};

void addSpecFlags(CLI::App& command, SpecFlags& flags);

// The spec the flags describe. Throws UsageError for a flag that does not
// apply to the target (e.g. --dataflow without an FPGA target), core::Error
// for a file that does not load or a value out of range.
core::DesignSpec specFromFlags(const SpecFlags& flags);

} // namespace mdse::app
