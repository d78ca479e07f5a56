#include "core/evaluate/evaluate.h"

#include "core/compress/compression_effects.h"
#include "core/evaluate/evaluate_stages.h"
#include "core/evaluate/spec_hash.h"

#ifndef MDSE_VERSION
#define MDSE_VERSION "unknown"
#endif

namespace mdse::core {
namespace {

void addRows(Evaluation& e, const stages::PreparedDesign& design, const NetworkStats& stats,
             CompressionEffects& effects)
{
    for (std::size_t r = 0; r < stats.layers.size(); ++r) {
        EvaluatedLayer row;
        row.layerIndex = stats.layers[r].layerIndex;
        row.sourceLayerIndex = design.sourceIndex[row.layerIndex];
        row.stats = stats.layers[r];
        row.settings = design.settings[row.layerIndex];
        row.compression = std::move(effects.layers[r]);
        e.layers.push_back(std::move(row));
    }
}

Provenance provenanceOf(const DesignSpec& spec)
{
    Provenance p;
    p.toolVersion = MDSE_VERSION;
    p.specHash = specHash(spec);
    if (spec.target.kind == TargetKind::Mcu)
        p.catalogue.push_back({"mcu", spec.target.mcu.id});
    if (spec.target.kind == TargetKind::Fpga) {
        p.catalogue.push_back({"fpga", spec.target.device.id});
        p.catalogue.push_back({"accelerator", spec.target.accelerator.id});
    }
    return p;
}

} // namespace

namespace stages {

PrecisionView precisionViewOf(const Network& network, const std::vector<LayerCompression>& settings,
                              const CompressionEffects& effects)
{
    PrecisionView view;
    for (std::size_t i = 0; i < network.layers().size(); ++i) {
        const Layer& layer = network.layers()[i];
        for (const std::string& output : layer.outputs)
            view.activations[output] = settings[i].activations;
        view.weights[layer.name] = settings[i].weights;
    }
    for (const LayerEffects& e : effects.layers)
        if (e.weights > 0)
            view.stored[e.name] = {e.valueBytes, e.indexBytes, e.scaleBytes, e.biasBytes, e.nonZeroWeights};
    for (const TensorInfo& input : network.inputs()) {
        const std::vector<std::size_t> readers = network.consumersOf(input.name);
        if (!readers.empty())
            view.activations[input.name] = settings[readers.front()].activations;
    }
    return view;
}

} // namespace stages

const EvaluatedLayer* Evaluation::layer(const std::string& name) const
{
    std::string wanted = name;
    for (const FoldedLayer& f : folded)
        if (f.name == name)
            wanted = f.into;
    for (const EvaluatedLayer& row : layers)
        if (network.layers()[row.layerIndex].name == wanted)
            return &row;
    return nullptr;
}

Evaluation evaluate(const Network& source, const DesignSpec& spec, const ProgressCallback& progress)
{
    validateSpec(spec);
    const DefaultPrecision defaults = defaultPrecision(spec.target);
    LayerCompression base;
    base.weights = defaults.weights;
    base.activations = defaults.activations;
    Warnings warnings;
    stages::PreparedDesign design = stages::prepareDesign(source, spec, base, warnings);
    reportProgress(progress, 0.1);
    Evaluation e(std::move(design.network));
    e.spec = spec;
    e.sourceNetworkName = source.name();
    e.defaults = defaults;
    e.folded = design.folded;
    e.provenance = provenanceOf(spec);
    const NetworkStats stats = computeStats(e.network);
    const std::int64_t referenceParams = design.referenceParams > 0 ? design.referenceParams : stats.totals.params;
    CompressionEffects effects = computeEffects(e.network, stats, design.settings, referenceParams);
    e.totals = stats.totals;
    e.compression = effects.totals;
    const PrecisionView precision = stages::precisionViewOf(e.network, design.settings, effects);
    addRows(e, design, stats, effects);
    reportProgress(progress, 0.3);
    if (spec.target.kind == TargetKind::Mcu)
        stages::evaluateMcu(e, stats, precision);
    if (spec.target.kind == TargetKind::Fpga)
        stages::evaluateAccelerator(e, precision);
    reportProgress(progress, 0.6);
    if (spec.systolic)
        stages::evaluateSystolic(e, [&progress](double done) { return !progress || progress(0.6 + 0.4 * done); });
    e.warnings = std::move(warnings);
    reportProgress(progress, 1.0);
    return e;
}

} // namespace mdse::core
