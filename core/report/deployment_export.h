#pragma once

#include "core/store/experiment.h"

#include <string>

namespace mdse::core {

// Exports of a design (docs/experiments.md, "Deployment exports"). Each
// takes a stored experiment: its per-layer precision and pruning, memory
// plan (arena bytes and tensor offsets, when a planner ran), patch plan and
// target. Layers whose bit widths are unknown are written as 0.

// The deployment config, `format: microdse-deployment`, as YAML or JSON
// (the same members in both).
std::string deploymentYaml(const Experiment& experiment);
std::string deploymentJson(const Experiment& experiment);

// A C99 header of constants for an MCU build: MDSE_ARENA_BYTES, layer
// indices, per-layer bit widths as array initialisers, tensor offsets and
// the patch plan. Throws core::Error for an FPGA target.
std::string deploymentCHeader(const Experiment& experiment);

struct Hls4mlOptions {
    long reuseFactor = 1; // hls4ml ReuseFactor of every layer (1 = fully parallel)
};

// An hls4ml configuration (HLSConfig with Model and LayerName precision
// and ReuseFactor). Throws core::Error for an MCU target or a reuse factor
// below 1.
std::string deploymentHls4ml(const Experiment& experiment, const Hls4mlOptions& options = {});

// ap_fixed<W,I> type of weights at `bits` (see the mapping in
// docs/experiments.md): fp32/fp16 -> hls4ml's default ap_fixed<16,6>,
// 2..16 bits -> ap_fixed<bits,1>, 1 bit -> ap_uint<1>.
std::string hls4mlWeightType(std::int64_t bits);
std::string hls4mlResultType(std::int64_t bits);

// Per-layer results as CSV (RFC 4180), one row per layer, a header row.
std::string layerResultsCsv(const Experiment& experiment);

// `text` as a C identifier: upper case, [A-Z0-9_], never starting with a digit.
std::string cIdentifier(const std::string& text);

} // namespace mdse::core
