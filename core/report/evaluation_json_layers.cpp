// Per-layer and total members of the evaluation document.
#include "core/report/evaluation_sections.h"

namespace mdse::core::report {
namespace {

Json statsMembers(const Evaluation& e, const EvaluatedLayer& row)
{
    const Layer& layer = e.network.layers()[row.layerIndex];
    const LayerStats& s = row.stats;
    Json j;
    j["name"] = layer.name;
    j["op"] = opName(layer.op);
    if (!layer.sourceNode.empty())
        j["sourceNode"] = layer.sourceNode;
    if (const std::string variant = convVariant(layer, s.inputShapes.front()); !variant.empty())
        j["variant"] = variant;
    j["inputs"] = layer.inputs;
    j["inputShape"] = shapeJson(s.inputShapes.front());
    j["outputShape"] = shapeJson(s.outputShapes.front());
    if (s.inputShapes.size() > 1) {
        j["inputShapes"] = Json::array();
        for (const Shape& shape : s.inputShapes)
            j["inputShapes"].push_back(shapeJson(shape));
    }
    if (s.outputShapes.size() > 1) {
        j["outputShapes"] = Json::array();
        for (const Shape& shape : s.outputShapes)
            j["outputShapes"].push_back(shapeJson(shape));
    }
    j["weights"] = s.weights;
    j["biases"] = s.biases;
    j["params"] = s.params;
    j["macs"] = s.macs;
    j["inputElements"] = s.inputElements;
    j["outputElements"] = s.outputElements;
    return j;
}

void addCompression(Json& j, const EvaluatedLayer& row)
{
    const LayerEffects& c = row.compression;
    const LayerCompression& s = row.settings;
    j["weightBits"] = s.weights.bits();
    j["activationBits"] = s.activations.bits();
    j["weightPrecision"] = precisionName(s.weights);
    j["activationPrecision"] = precisionName(s.activations);
    j["scales"] = scaleGranularityName(s.scales);
    j["pruning"] = pruningKindName(s.pruning);
    j["sparsity"] = c.sparsity;
    j["activationSparsity"] = c.activationSparsity;
    j["nonZeroWeights"] = c.nonZeroWeights;
    j["weightBytes"] = c.weightBytes;
    j["weightValueBytes"] = c.valueBytes;
    j["weightIndexBytes"] = c.indexBytes;
    j["scaleBytes"] = c.scaleBytes;
    j["biasBytes"] = c.biasBytes;
    j["activationBytes"] = c.activationBytes;
    j["effectiveMacs"] = c.effectiveMacs;
    j["zeroSkipMacs"] = c.zeroSkipMacs;
    j["bops"] = c.bops;
}

void addMcu(Json& j, const EvaluatedLayer& row)
{
    if (row.latency) {
        j["kernelFamily"] = row.latency->family;
        j["unit"] = row.latency->unit;
        j["kernelPrecision"] = precisionName(row.latency->precision);
        j["latencySeconds"] = row.latency->seconds;
        j["energyJoules"] = row.latency->joules;
    }
    if (row.memory) {
        j["step"] = row.memory->step;
        j["liveBytes"] = row.memory->liveBytes;
        j["inPlaceLiveBytes"] = row.memory->inPlaceLiveBytes;
        j["scratchBytes"] = row.memory->scratchBytes;
    }
}

Json levels(const LevelAccesses& a)
{
    return {{"dram", a.dram}, {"globalBuffer", a.globalBuffer}, {"array", a.array}, {"registerFile", a.registerFile}};
}

Json energy(const LevelEnergy& e)
{
    return {{"mac", e.mac},   {"registerFile", e.registerFile}, {"array", e.array},
            {"globalBuffer", e.globalBuffer}, {"dram", e.dram}, {"total", e.total()}};
}

Json fastConvolution(const Evaluation& e, const LayerAccelerator& a)
{
    Json j = {{"method", fastConvolutionName(e.spec.accelerator.fastConvolution)}, {"applicable", a.fastConvolution.has_value()}};
    if (const auto& c = a.fastConvolution) {
        j["directMultiplications"] = c->directMultiplications;
        j["elementwiseMultiplications"] = c->elementwiseMultiplications;
        j["inputTransformOps"] = c->inputTransformOps;
        j["outputTransformOps"] = c->outputTransformOps;
        j["filterTransformOpsOffline"] = c->filterTransformOps;
    }
    return j;
}

void addAccelerator(Json& j, const Evaluation& e, const LayerAccelerator& a)
{
    const DataflowLayerResult& r = a.dataflow;
    j["kind"] = r.kind;
    j["dataflow"] = {{"id", dataflowId(r.dataflow)},
                     {"spatial", r.mapping.spatial},
                     {"temporal", r.mapping.temporal},
                     {"inputs", levels(r.accesses.inputs)},
                     {"weights", levels(r.accesses.weights)},
                     {"psums", levels(r.accesses.psums)}};
    j["energyPicojoules"] = energy(r.energy);
    j["energyNormalizedMacUnits"] = energy(a.normalizedEnergy);
    j["cycles"] = r.cycles;
    j["computeCycles"] = r.computeCycles;
    j["memoryCycles"] = r.memoryCycles;
    j["utilization"] = r.mapping.utilization;
    j["dramBytes"] = r.dramBytes;
    if (e.spec.accelerator.fastConvolution != FastConvolution::None)
        j["fastConvolution"] = fastConvolution(e, a);
    if (const auto& s = a.sparsity)
        j["sparsity"] = {{"cycleFactor", s->cycleFactor},
                         {"cycles", static_cast<std::int64_t>(double(r.cycles) * s->cycleFactor)},
                         {"macEnergyFactor", s->macEnergyFactor},
                         {"macEnergyPicojoules", r.energy.mac * s->macEnergyFactor},
                         {"weightStorageBits", s->weightStorageBits},
                         {"indexOverheadBits", s->indexOverheadBits}};
}

} // namespace

Json systolicLayerJson(const SystolicLayerReport& r)
{
    return {{"name", r.name},
            {"totalCycles", r.totalCycles},
            {"stallCycles", r.stallCycles},
            {"overallUtilizationPercent", r.overallUtilizationPercent},
            {"mappingEfficiencyPercent", r.mappingEfficiencyPercent},
            {"computeUtilizationPercent", r.computeUtilizationPercent},
            {"sramIfmapReads", r.sramIfmapReads},
            {"sramFilterReads", r.sramFilterReads},
            {"sramOfmapWrites", r.sramOfmapWrites},
            {"dramIfmapReads", r.dramIfmapReads},
            {"dramFilterReads", r.dramFilterReads},
            {"dramOfmapWrites", r.dramOfmapWrites}};
}

const char* systolicDataflowId(SystolicDataflow dataflow)
{
    switch (dataflow) {
    case SystolicDataflow::WeightStationary: return "ws";
    case SystolicDataflow::InputStationary: return "is";
    case SystolicDataflow::OutputStationary: break;
    }
    return "os";
}

Json layerJson(const Evaluation& e, const EvaluatedLayer& row)
{
    Json j = statsMembers(e, row);
    addCompression(j, row);
    addMcu(j, row);
    if (row.accelerator)
        addAccelerator(j, e, *row.accelerator);
    if (row.systolic)
        j["systolic"] = systolicLayerJson(*row.systolic);
    return j;
}

Json totalsJson(const Evaluation& e)
{
    const NetworkTotals& s = e.totals;
    const EffectsTotals& c = e.compression;
    Json j = {{"weights", s.weights},
              {"biases", s.biases},
              {"params", s.params},
              {"macs", s.macs},
              {"activationElements", s.activationElements},
              {"nonZeroWeights", c.nonZeroWeights},
              {"weightBytes", c.weightBytes},
              {"activationBytes", c.activationBytes},
              {"effectiveMacs", c.effectiveMacs},
              {"zeroSkipMacs", c.zeroSkipMacs},
              {"bops", c.bops},
              {"fp32Bytes", c.fp32Bytes},
              {"compressionRatio", c.compressionRatio}};
    if (e.accelerator) {
        const DataflowTotals& t = e.accelerator->totals;
        j["acceleratorMacs"] = t.macs;
        j["cycles"] = t.cycles;
        j["seconds"] = t.seconds;
        j["utilization"] = t.utilization;
        j["dramBytes"] = t.dramBytes;
        j["energyPicojoules"] = energy(t.energy);
        j["energyNormalizedMacUnits"] = energy(e.accelerator->normalizedEnergy);
    }
    return j;
}

} // namespace mdse::core::report
