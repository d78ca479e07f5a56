#include "core/config/design_config.h"

#include <array>

namespace mdse::core {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& table,
                           std::string_view name)
{
    for (const auto& [value, text] : table)
        if (text == name)
            return value;
    return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value)
{
    for (const auto& [entry, text] : table)
        if (entry == value)
            return text;
    return "?";
}

constexpr std::array<std::pair<ScaleGranularity, std::string_view>, 2> kScales{{
    {ScaleGranularity::PerTensor, "per-tensor"}, {ScaleGranularity::PerChannel, "per-channel"},
}};
constexpr std::array<std::pair<PruningKind, std::string_view>, 4> kPruning{{
    {PruningKind::None, "none"}, {PruningKind::Unstructured, "unstructured"},
    {PruningKind::Structured, "structured"}, {PruningKind::NM, "nm"},
}};
constexpr std::array<std::pair<SparseFormat, std::string_view>, 4> kFormats{{
    {SparseFormat::Dense, "dense"}, {SparseFormat::Bitmap, "bitmap"}, {SparseFormat::Csr, "csr"},
    {SparseFormat::Rle, "rle"},
}};

void require(bool condition, const std::string& message, const SourceLocation& where)
{
    if (!condition)
        throw Error(message, where);
}

bool isFraction(double value) { return value >= 0.0 && value < 1.0; }

} // namespace

std::string_view scaleGranularityName(ScaleGranularity value) { return nameOf(kScales, value); }
std::string_view pruningKindName(PruningKind value) { return nameOf(kPruning, value); }
std::string_view sparseFormatName(SparseFormat value) { return nameOf(kFormats, value); }
std::optional<ScaleGranularity> parseScaleGranularity(std::string_view name)
{
    return lookup(kScales, name);
}
std::optional<PruningKind> parsePruningKind(std::string_view name) { return lookup(kPruning, name); }
std::optional<SparseFormat> parseSparseFormat(std::string_view name) { return lookup(kFormats, name); }

void CompressionPatch::applyTo(LayerCompression& settings) const
{
    if (weights) settings.weights = *weights;
    if (activations) settings.activations = *activations;
    if (scales) settings.scales = *scales;
    if (pruning) settings.pruning = *pruning;
    if (sparsity) settings.sparsity = *sparsity;
    if (format) settings.format = *format;
    if (indexBits) settings.indexBits = *indexBits;
    if (rowPointerBits) settings.rowPointerBits = *rowPointerBits;
    if (structuredRatio) settings.structuredRatio = *structuredRatio;
    if (nm) {
        settings.nmKeep = nm->first;
        settings.nmGroup = nm->second;
    }
    if (activationSparsity) settings.activationSparsity = *activationSparsity;
}

void CompressionPatch::mergeFrom(const CompressionPatch& later)
{
    if (later.weights) weights = later.weights;
    if (later.activations) activations = later.activations;
    if (later.scales) scales = later.scales;
    if (later.pruning) pruning = later.pruning;
    if (later.sparsity) sparsity = later.sparsity;
    if (later.format) format = later.format;
    if (later.indexBits) indexBits = later.indexBits;
    if (later.rowPointerBits) rowPointerBits = later.rowPointerBits;
    if (later.structuredRatio) structuredRatio = later.structuredRatio;
    if (later.nm) nm = later.nm;
    if (later.activationSparsity) activationSparsity = later.activationSparsity;
}

void validatePatch(const CompressionPatch& patch, const SourceLocation& where)
{
    if (patch.sparsity)
        require(isFraction(*patch.sparsity), "sparsity must be in [0, 1)", where);
    if (patch.structuredRatio)
        require(isFraction(*patch.structuredRatio), "ratio must be in [0, 1)", where);
    if (patch.activationSparsity)
        require(*patch.activationSparsity >= 0.0 && *patch.activationSparsity <= 1.0,
                "activationSparsity must be in [0, 1]", where);
    if (patch.indexBits)
        require(*patch.indexBits >= 1 && *patch.indexBits <= 32, "indexBits must be 1..32", where);
    if (patch.rowPointerBits)
        require(*patch.rowPointerBits >= 1 && *patch.rowPointerBits <= 64,
                "rowPointerBits must be 1..64", where);
    if (patch.nm)
        require(patch.nm->first >= 1 && patch.nm->first < patch.nm->second && patch.nm->second <= 64,
                "nm must be N:M with 1 <= N < M <= 64 (e.g. 2:4)", where);
}

} // namespace mdse::core
