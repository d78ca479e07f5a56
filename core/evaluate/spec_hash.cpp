#include "core/evaluate/spec_hash.h"

#include "core/util/content_hash.h"
#include "hwlib/fpga_writer.h"
#include "hwlib/mcu_part_writer.h"

namespace mdse::core {
namespace {

using std::int64_t;

template <typename T, typename Add>
void optional(ContentHasher& h, const std::optional<T>& value, Add add)
{
    h.add(value.has_value());
    if (value)
        add(*value);
}

void addPrecision(ContentHasher& h, Precision p) { h.add(precisionName(p)); }

void addPatch(ContentHasher& h, const CompressionPatch& p)
{
    optional(h, p.weights, [&](Precision v) { addPrecision(h, v); });
    optional(h, p.activations, [&](Precision v) { addPrecision(h, v); });
    optional(h, p.scales, [&](ScaleGranularity v) { h.add(scaleGranularityName(v)); });
    optional(h, p.pruning, [&](PruningKind v) { h.add(pruningKindName(v)); });
    optional(h, p.sparsity, [&](double v) { h.add(v); });
    optional(h, p.format, [&](SparseFormat v) { h.add(sparseFormatName(v)); });
    optional(h, p.indexBits, [&](int v) { h.add(int64_t{v}); });
    optional(h, p.rowPointerBits, [&](int v) { h.add(int64_t{v}); });
    optional(h, p.structuredRatio, [&](double v) { h.add(v); });
    optional(h, p.nm, [&](const std::pair<int, int>& v) { h.add(int64_t{v.first}).add(int64_t{v.second}); });
    optional(h, p.activationSparsity, [&](double v) { h.add(v); });
}

void addMatch(ContentHasher& h, const LayerMatch& m)
{
    optional(h, m.op, [&](const std::string& v) { h.add(v); });
    optional(h, m.namePattern, [&](const std::string& v) { h.add(v); });
    optional(h, m.layerRange, [&](const std::pair<long, long>& v) { h.add(int64_t{v.first}).add(int64_t{v.second}); });
    optional(h, m.position, [&](const std::string& v) { h.add(v); });
}

void addDesign(ContentHasher& h, const DesignConfig& design)
{
    addPatch(h, design.defaults);
    h.add(static_cast<int64_t>(design.rules.size()));
    for (const DesignRule& rule : design.rules) {
        addMatch(h, rule.match);
        addPatch(h, rule.set);
    }
    h.add(static_cast<int64_t>(design.layers.size()));
    for (const LayerOverride& entry : design.layers) {
        h.add(entry.layerName);
        addPatch(h, entry.set);
    }
}

void addTarget(ContentHasher& h, const TargetSpec& target)
{
    h.add(targetKindName(target.kind));
    if (target.kind == TargetKind::Mcu)
        h.add(target.mcu.id).add(hwlib::writeMcuTargetYaml(target.mcu));
    if (target.kind == TargetKind::Fpga)
        h.add(target.device.id)
            .add(hwlib::writeFpgaDeviceYaml(target.device))
            .add(target.accelerator.id)
            .add(hwlib::writeAcceleratorTemplateYaml(target.accelerator));
}

void addMcuOptions(ContentHasher& h, const DesignSpec& s)
{
    h.add(mcuRuntimeName(s.runtime));
    optional(h, s.kernels, [&](KernelPath v) { h.add(kernelPathName(v)); });
    h.add(sramModelName(s.sramModel));
    h.add(int64_t{s.patch.maxGrid}).add(s.patch.maxOverheadPercent).add(s.patch.inputResident);
    h.add(static_cast<int64_t>(s.exactReorderLimit));
    const LatencyOptions& l = s.latency;
    h.add(l.perLayerOverheadCycles).add(l.useNpu).add(l.lowFactor).add(l.highFactor);
}

void addAcceleratorOptions(ContentHasher& h, const DesignSpec& s)
{
    const AcceleratorOptions& a = s.accelerator;
    h.add(std::string(dataflowId(a.dataflow))).add(fastConvolutionName(a.fastConvolution));
    optional(h, a.sparsity, [&](const SparsityOptions& v) {
        h.add(v.weightDensity).add(v.activationDensity).add(v.structuredWeights).add(v.skipZeroWeights);
        h.add(v.skipZeroActivations).add(int64_t{v.weightBits}).add(int64_t{v.indexBits}).add(v.loadImbalance);
    });
    const MeasuredResources& m = a.measuredResources;
    for (const auto* field : {&m.dsps, &m.bram18, &m.luts, &m.flipFlops})
        optional(h, *field, [&](int64_t v) { h.add(v); });
    optional(h, s.systolic, [&](const SystolicConfig& c) {
        h.add(c.rows).add(c.cols).add(c.ifmapSramKb).add(c.filterSramKb).add(c.ofmapSramKb);
        h.add(static_cast<int64_t>(c.dataflow)).add(c.userBandwidth).add(c.bandwidthWordsPerCycle);
    });
    h.add(s.batch);
}

} // namespace

std::string specHash(const DesignSpec& spec)
{
    ContentHasher h;
    h.add("microdse-design-spec 1");
    addDesign(h, spec.design);
    addTarget(h, spec.target);
    h.add(batchNormFoldingName(spec.foldBatchNorms));
    addMcuOptions(h, spec);
    addAcceleratorOptions(h, spec);
    return h.hex();
}

} // namespace mdse::core
