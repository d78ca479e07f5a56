#pragma once

#include "core/graph/precision.h"
#include "core/util/error.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mdse::core {

enum class ScaleGranularity { PerTensor, PerChannel };
enum class PruningKind { None, Unstructured, Structured, NM };
// How the non-zero weights of an unstructured-pruned tensor are stored.
enum class SparseFormat { Dense, Bitmap, Csr, Rle };

std::string_view scaleGranularityName(ScaleGranularity value);
std::string_view pruningKindName(PruningKind value);
std::string_view sparseFormatName(SparseFormat value);
std::optional<ScaleGranularity> parseScaleGranularity(std::string_view name);
std::optional<PruningKind> parsePruningKind(std::string_view name);
std::optional<SparseFormat> parseSparseFormat(std::string_view name);

// The settings of one layer once the base, the file's own precision, the
// design's defaults, rules and overrides are applied (resolve(),
// design_resolution.h). The member defaults here are only the base of a
// design without a target (fp32, dense); evaluate() chooses the base per
// target (core/evaluate/default_precision.h). Definitions and sources:
// docs/design-config.md.
struct LayerCompression {
    Precision weights = Precision::Fp32;
    Precision activations = Precision::Fp32;
    ScaleGranularity scales = ScaleGranularity::PerTensor;
    PruningKind pruning = PruningKind::None;
    double sparsity = 0.0;        // unstructured: fraction of weights that are zero
    SparseFormat format = SparseFormat::Dense;
    int indexBits = 0;            // csr column / rle relative index width; 0 = format default
    int rowPointerBits = 32;      // csr row pointer width
    double structuredRatio = 0.0; // structured: fraction of output channels removed
    int nmKeep = 2;               // N:M: keep N of every M consecutive weights
    int nmGroup = 4;
    std::optional<double> activationSparsity; // zeros in the input; unset = ReLU default

    bool operator==(const LayerCompression&) const = default;
};

// A partial LayerCompression: only the fields a file sets. Applying a patch
// overwrites exactly those fields, so later patches override earlier ones.
struct CompressionPatch {
    std::optional<Precision> weights;
    std::optional<Precision> activations;
    std::optional<ScaleGranularity> scales;
    std::optional<PruningKind> pruning;
    std::optional<double> sparsity;
    std::optional<SparseFormat> format;
    std::optional<int> indexBits;
    std::optional<int> rowPointerBits;
    std::optional<double> structuredRatio;
    std::optional<std::pair<int, int>> nm;
    std::optional<double> activationSparsity;

    void applyTo(LayerCompression& settings) const;
    // Takes every field `later` sets (later patches override earlier ones).
    void mergeFrom(const CompressionPatch& later);
    bool empty() const { return *this == CompressionPatch{}; }
    bool operator==(const CompressionPatch&) const = default;
};

// Which layers a bulk rule selects; every criterion given must hold.
// `layerRange` indexes the execution order (0-based, inclusive);
// `position` "first"/"last" = the first/last layer that has weights.
struct LayerMatch {
    std::optional<std::string> op;       // op name or conv variant: depthwise, pointwise, standard
    std::optional<std::string> namePattern; // ECMAScript regex over the whole name
    std::optional<std::pair<long, long>> layerRange;
    std::optional<std::string> position; // "first" or "last"

    bool operator==(const LayerMatch&) const = default;
};

struct DesignRule {
    LayerMatch match;
    CompressionPatch set;
    SourceLocation origin;

    bool operator==(const DesignRule& other) const
    {
        return match == other.match && set == other.set;
    }
};

struct LayerOverride {
    std::string layerName;
    CompressionPatch set;
    SourceLocation origin; // where the name was written, for "unknown layer"

    bool operator==(const LayerOverride& other) const
    {
        return layerName == other.layerName && set == other.set;
    }
};

// The user's per-layer design choices for one network: network-wide
// defaults, then ordered bulk rules, then per-layer overrides (each later one
// wins). Only what the design sets is stored: the base the defaults apply to
// comes from the target (the default precision rule, core/evaluate). The
// whole design point (target, runtime, dataflow, ...) is a DesignSpec
// (core/evaluate/design_spec.h), which holds one of these.
struct DesignConfig {
    CompressionPatch defaults;
    std::vector<DesignRule> rules;
    std::vector<LayerOverride> layers;
    SourceLocation origin;

    bool operator==(const DesignConfig& other) const
    {
        return defaults == other.defaults && rules == other.rules && layers == other.layers;
    }
};

// Throws core::Error (at `where`) when a value is out of its range:
// sparsity and ratio in [0, 1), N < M, index widths 1..32, ...
void validatePatch(const CompressionPatch& patch, const SourceLocation& where);

} // namespace mdse::core
