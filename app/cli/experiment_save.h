#pragma once

#include "app/cli/cli_args.h"
#include "core/compress/compressed_design.h"
#include "core/accel/dataflow_model.h"
#include "core/perf/mcu_evaluation.h"
#include "hwlib/accelerator_template.h"
#include "hwlib/fpga_device.h"

#include <iosfwd>

namespace mdse::app {

// `microdse analyze ... --save NAME [--db FILE]`: stores what analyze
// computed as experiment NAME (the network as YAML, per-layer results,
// summary metrics, the design config and per-layer precision/pruning, and
// the --target part when given). Does nothing without --save. Refuses an
// existing name (core::Error). Writes one confirmation line to `err`.
void saveAnalysisIfAsked(const CliArgs& args, const core::CompressedDesign& design, const core::DesignConfig& config,
                         std::ostream& err);

// The same for `analyze NET --target MCU ... --save NAME`: also stores the
// target, memory plan, patch plan, flash, latency and energy. Without
// --config the MCU analysis assumes int8 everywhere, and so does the
// stored config.
void saveMcuAnalysisIfAsked(const CliArgs& args, const core::Network& network, const hwlib::McuTarget& target,
                            const core::McuEvaluation& evaluation, std::ostream& err);

// The same for `analyze NET --target FPGA [--dataflow D] ... --save NAME`:
// the design at the accelerator's word widths, the
// device, template and dataflow as used (target kind "fpga"), and the
// dataflow model's latency and energy (Horowitz pJ), so the experiment can
// be compared and exported as an hls4ml configuration.
void saveAcceleratorAnalysisIfAsked(const CliArgs& args, const core::Network& network,
                                    const hwlib::FpgaDevice& device, const hwlib::AcceleratorTemplate& accelerator,
                                    std::string_view dataflowId, const core::DataflowReport& report,
                                    std::ostream& err);

// The --db FILE option, else the default database.
std::string databasePath(const CliArgs& args);

} // namespace mdse::app
