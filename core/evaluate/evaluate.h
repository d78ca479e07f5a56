#pragma once

#include "core/evaluate/design_spec.h"
#include "core/evaluate/evaluation.h"
#include "core/graph/network.h"
#include "core/util/progress.h"

namespace mdse::core {

// The one way any surface gets numbers: a pure function of the network as
// loaded and one design point. In order (docs/architecture.md):
//  1. validateSpec (core::Error naming the field);
//  2. the default precision rule for the target (default_precision.h);
//  3. resolve the design once, on the network as loaded (so rules and
//     index ranges mean the same with or without a target); a rule that
//     matches nothing is a warning;
//  4. fold batchnorms once (foldsBatchNorms), carrying each layer's
//     settings over by name; settings of a folded batchnorm are a warning;
//  5. structured pruning (core/compress), statistics once, compression
//     effects (stored bytes, effective MACs);
//  6. MCU: memory → latency → roofline; FPGA: dataflow → resources →
//     roofline; with `spec.systolic`, the SCALE-Sim array per conv/dense.
// `progress` may stop the work (Cancelled) between stages and inside the
// systolic replay. Throws core::Error for a design the network cannot take
// (an unknown layer, a bad rule, an impossible pruning).
Evaluation evaluate(const Network& network, const DesignSpec& spec, const ProgressCallback& progress = {});

} // namespace mdse::core
