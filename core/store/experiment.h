#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdse::core {

// A network as stored: the network as it was loaded (before any folding or
// pruning the design applies), as YAML text (core::writeNetworkYaml) so an
// experiment reopens without the original file, and the content hash of that
// text (XXH3-128), which identifies it across databases.
struct StoredNetwork {
    std::string name;
    std::string sourcePath; // where it was loaded from ("zoo:<id>" or a path)
    std::string yaml;
    std::string contentHash; // filled in by the store when empty
};

// The target as it was when the experiment ran (a later catalogue change
// must not rewrite history): its id, kind ("mcu" or "fpga") and the full
// part description text.
struct StoredTarget {
    std::string id;
    std::string kind = "mcu";
    std::string description;
};

// Summary metrics, real columns of the experiments table (null = not
// computed for this experiment).
struct ExperimentMetrics {
    std::optional<double> params;
    std::optional<double> macs;
    std::optional<double> weightBytes;
    std::optional<double> peakSramBytes;
    std::optional<double> flashBytes;
    std::optional<double> latencySeconds;
    std::optional<double> energyJoules;
};

// The names of the metrics above, as used by list --sort, compare and the
// YAML/JSON formats: params, macs, weightBytes, peakSramBytes, flashBytes,
// latencySeconds, energyJoules.
const std::vector<std::string>& metricNames();
std::optional<double> metricValue(const ExperimentMetrics& metrics, const std::string& name);
void setMetricValue(ExperimentMetrics& metrics, const std::string& name, std::optional<double> value);

// One row of per-layer results: the analyze fields and, when computed, the
// compression and performance figures of that layer.
struct LayerResult {
    std::string name;
    std::string op;
    std::string inputShape;  // "[3,224,224]"; several inputs separated by spaces
    std::string outputShape;
    std::int64_t weights = 0;
    std::int64_t biases = 0;
    std::int64_t params = 0;
    std::int64_t macs = 0;
    std::int64_t inputElements = 0;
    std::int64_t outputElements = 0;
    std::optional<std::int64_t> weightBits;
    std::optional<std::int64_t> activationBits;
    std::string pruning; // "", "unstructured", "structured", "nm"
    std::optional<double> sparsity;
    std::optional<double> weightBytes;
    std::optional<double> latencySeconds;
    std::optional<double> energyJoules;

    bool operator==(const LayerResult&) const = default;
};

// A user-entered measurement on real hardware or a real dataset, e.g.
// key "accuracy" value 0.713, key "latency_seconds", key "board" text
// "Nucleo-F746ZG". Either the number or the text (or both) is set.
struct Measurement {
    std::string key;
    std::optional<double> value;
    std::string text;
    std::int64_t measuredAtSeconds = 0; // Unix time; 0 = now on save

    bool operator==(const Measurement&) const = default;
};

// Where each tensor sits in the arena (when a memory planner ran).
struct TensorPlacement {
    std::string tensor;
    std::int64_t offsetBytes = 0;
    std::int64_t sizeBytes = 0;

    bool operator==(const TensorPlacement&) const = default;
};

struct MemoryPlan {
    std::optional<std::int64_t> arenaBytes;
    std::vector<TensorPlacement> tensors;

    bool operator==(const MemoryPlan&) const = default;
};

// Patch-based inference (MCUNetV2): layers up to and including splitLayer
// run per patch on a grid x grid split of the input.
struct ExperimentPatchPlan {
    std::string splitLayer;
    std::int64_t grid = 1;
    std::optional<std::int64_t> peakBytes;
    std::optional<double> overheadPercent; // extra MACs from halos

    bool operator==(const ExperimentPatchPlan&) const = default;
};

// One saved design and what was computed for it.
struct Experiment {
    std::int64_t id = 0; // assigned by the store
    std::string name;
    std::string notes;
    std::vector<std::string> tags;
    std::int64_t createdSeconds = 0;  // Unix time, set by the store
    std::int64_t modifiedSeconds = 0;
    StoredNetwork network;
    std::optional<StoredTarget> target;
    std::string configYaml; // the design's per-layer config (DesignConfig) as YAML ("" = defaults)
    // The whole DesignSpec as YAML (core/io/design_spec_yaml.h), target as
    // used included: re-evaluating the stored network with it gives the
    // stored numbers. "" for experiments saved before schema version 4.
    std::string specYaml;
    ExperimentMetrics metrics;
    std::vector<LayerResult> layers;
    MemoryPlan memory;
    std::optional<ExperimentPatchPlan> patch;
    std::vector<Measurement> measurements;
};

// Content hashes (XXH3-128, core/util/content_hash.h). A design is
// identified by its network and its whole design spec (the target and the
// per-layer config included): two experiments with equal hashes describe the
// same design (merge de-duplicates on it; designs differing in any spec
// field, e.g. only the runtime, are kept apart).
std::string networkContentHash(const StoredNetwork& network);
std::string targetContentHash(const StoredTarget& target);
std::string targetContentHash(std::string_view id, std::string_view kind, std::string_view description);
std::string experimentContentHash(const Experiment& experiment);
std::string experimentContentHash(std::string_view networkHash, std::string_view targetHash, std::string_view configYaml,
                                  std::string_view specYaml);

} // namespace mdse::core
