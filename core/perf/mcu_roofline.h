#pragma once

#include "core/memory/precision_view.h"
#include "core/perf/latency_model.h"
#include "core/perf/roofline.h"

namespace mdse::core {

// The roofline of a network on an MCU: mcuRoofline's ceilings and, per
// executed layer, one point per memory level (hierarchical roofline, Yang
// et al., "Hierarchical Roofline Analysis", 2020):
//   flash: the layer's stored weight values, sparse indices and biases, each
//          read once (storedWeightsOf; the kernels read requantisation, not scales);
//   SRAM:  its input and output activations, each touched once
// (compulsory traffic: kernels that re-read operands sit further left).
// ops = 2 x MACs (1 per element for element-wise layers); attained =
// ops / the latency estimate's seconds for the layer; the point's compute
// ceiling is its kernel's rate (LayerLatency::workPerSecond) in ops/s.
// Layers without work (views) have no point; layers without weights have
// no flash point.
Roofline mcuNetworkRoofline(const Network& network, const NetworkStats& stats, const PrecisionView& precision,
                            const hwlib::McuTarget& target, const LatencyEstimate& latency);

} // namespace mdse::core
