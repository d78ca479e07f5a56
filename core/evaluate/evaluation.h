#pragma once

#include "core/accel/dataflow_model.h"
#include "core/accel/fast_convolution.h"
#include "core/accel/fpga_resources.h"
#include "core/accel/systolic_simulator.h"
#include "core/accel/zero_skipping.h"
#include "core/compress/compression_effects.h"
#include "core/evaluate/default_precision.h"
#include "core/evaluate/design_spec.h"
#include "core/graph/layer_stats.h"
#include "core/memory/mcu_memory_analysis.h"
#include "core/perf/latency_model.h"
#include "core/perf/roofline.h"
#include "core/util/warning.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mdse::core {

// A layer's place in the MCU memory schedule (MCU targets).
struct LayerMemory {
    std::size_t step = 0;              // position in the execution order
    std::int64_t outputBytes = 0;      // its output at its precision (0 for views)
    std::int64_t liveBytes = 0;        // live set while it runs, tensors + scratch
    std::int64_t inPlaceLiveBytes = 0; // the same with in-place depthwise
    std::int64_t scratchBytes = 0;     // kernel scratch of its kernel set
};

// The accelerator's per-layer results (FPGA targets; conv and dense layers).
struct LayerAccelerator {
    DataflowLayerResult dataflow;          // accesses, energy in picojoules, cycles
    LevelEnergy normalizedEnergy;          // the same accesses in Eyeriss MAC units
    std::optional<FastConvCost> fastConvolution; // when asked and applicable
    std::optional<SparsityEffect> sparsity;      // when the sparsity shorthands are set
    ConvProblem problem;
};

// One row per layer of the evaluated network, in execution order, keyed by
// its index; the optional sections are filled by the analyses that ran.
struct EvaluatedLayer {
    std::size_t layerIndex = 0;       // in Evaluation::network.layers()
    std::size_t sourceLayerIndex = 0; // in the network as loaded
    LayerStats stats;
    LayerCompression settings;        // as resolved (base, file, design)
    LayerEffects compression;         // stored bytes, effective MACs, BOPs
    std::optional<LayerMemory> memory;
    std::optional<LayerLatency> latency;
    std::optional<LayerAccelerator> accelerator;
    std::optional<SystolicLayerReport> systolic;
};

// A batchnorm of the network as loaded that was folded into its producer.
struct FoldedLayer {
    std::size_t sourceLayerIndex = 0;
    std::string name;
    std::size_t intoLayerIndex = 0; // in Evaluation::network.layers()
    std::string into;
};

// MCU targets: the memory analyses (timeline, arenas, reordering, patch
// curve, flash, fits), the latency summary and the roofline.
struct McuResults {
    KernelPath kernels = KernelPath::CmsisNnDsp;
    McuMemoryReport memory; // memory.runtimePeakBytes: the live-set peak under the runtime's in-place rule
    LatencySummary latency;
    Roofline roofline;
};

// FPGA targets: the dataflow totals, resources and roofline.
struct AcceleratorResults {
    std::string energyTableId;           // picojoules (Horowitz 45 nm)
    std::string normalizedEnergyTableId; // Eyeriss MAC units
    DataflowTotals totals;
    LevelEnergy normalizedEnergy;
    FpgaResourceEstimate resources;
    Roofline roofline;
};

struct SystolicTotals {
    std::int64_t totalCycles = 0;
    std::int64_t stallCycles = 0;
    std::int64_t dramReads = 0;  // ifmap + filter words
    std::int64_t dramWrites = 0; // ofmap words
    std::int64_t layers = 0;
};

// Where an evaluation came from: enough to say what produced each number.
struct CatalogueEntry {
    std::string kind; // "mcu", "fpga", "accelerator", "energy"
    std::string id;
};
struct Provenance {
    std::string toolVersion;
    std::string specHash; // XXH3-128 of the DesignSpec (spec_hash.h)
    std::vector<CatalogueEntry> catalogue;
};

struct Evaluation {
    explicit Evaluation(Network evaluated) : network(std::move(evaluated)) {}

    DesignSpec spec;
    Network network;                    // as evaluated: folded, structurally pruned
    std::string sourceNetworkName;
    std::vector<EvaluatedLayer> layers; // execution order
    std::vector<FoldedLayer> folded;
    NetworkTotals totals;               // of `network`
    EffectsTotals compression;
    DefaultPrecision defaults;
    std::optional<McuResults> mcu;
    std::optional<AcceleratorResults> accelerator;
    std::optional<SystolicTotals> systolic;
    Warnings warnings;
    Provenance provenance;

    // The row of the layer named `name` (a folded batchnorm: its producer's), or nullptr.
    const EvaluatedLayer* layer(const std::string& name) const;
};

} // namespace mdse::core
