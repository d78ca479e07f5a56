#include "core/evaluate/spec_hash.h"

#include "core/util/content_hash.h"

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

void addSourced(ContentHasher& h, const hwlib::SourcedValue& v) { h.add(v.value).add(v.estimated).add(v.source); }

void addStrings(ContentHasher& h, const std::vector<std::string>& texts)
{
    h.add(static_cast<int64_t>(texts.size()));
    for (const std::string& text : texts)
        h.add(text);
}

void addReals(ContentHasher& h, const std::vector<double>& values)
{
    h.add(static_cast<int64_t>(values.size()));
    for (const double value : values)
        h.add(value);
}

// Every field of the part (hwlib/mcu_target.h), in declaration order.
void addMcu(ContentHasher& h, const hwlib::McuTarget& t)
{
    h.add(t.id).add(t.name).add(t.core).add(t.kernelPath).add(t.clockHz).add(t.maxClockHz);
    h.add(static_cast<int64_t>(t.sramRegions.size()));
    for (const hwlib::SramRegion& r : t.sramRegions)
        h.add(r.name).add(r.bytes).add(r.arena);
    h.add(t.sramBytes).add(t.flashBytes);
    optional(h, t.npu, [&](const hwlib::NpuSpec& n) {
        h.add(n.name);
        addSourced(h, n.macsPerCycle);
        h.add(n.clockHz);
        addSourced(h, n.utilization);
    });
    h.add(static_cast<int64_t>(t.int8MacsPerCycle.size()));
    for (const hwlib::SourcedValue& v : t.int8MacsPerCycle)
        addSourced(h, v);
    addSourced(h, t.memoryBandwidth.flashBytesPerCycle);
    addSourced(h, t.memoryBandwidth.sramBytesPerCycle);
    addSourced(h, t.activePowerWatts);
    for (const hwlib::RuntimeOverhead* r : {&t.interpreter, &t.codegen}) {
        addSourced(h, r->flashBytes);
        addSourced(h, r->sramBytes);
    }
    h.add(t.calibration);
    h.add(static_cast<int64_t>(t.engineCalibrations.size()));
    for (const hwlib::EngineCalibration& c : t.engineCalibrations) {
        h.add(c.engine);
        addReals(h, c.workPerCycle);
        addReals(h, c.cyclesPerPixel);
        h.add(c.basis).add(c.worstErrorPercent);
    }
    addStrings(h, t.sources);
}

void addDevice(ContentHasher& h, const hwlib::FpgaDevice& d)
{
    h.add(d.id).add(d.name).add(d.board).add(d.family).add(d.luts).add(d.flipFlops).add(d.dsps).add(d.dspType);
    h.add(d.bram18).add(d.uram).add(d.typicalClockHz).add(d.dramBytesPerSecond).add(d.staticPowerWatts);
    h.add(d.staticPowerEstimated);
    addStrings(h, d.sources);
}

void addTemplate(ContentHasher& h, const hwlib::AcceleratorTemplate& a)
{
    h.add(a.id).add(a.name).add(a.peRows).add(a.peCols).add(a.macsPerPe).add(a.rfBytesPerPe).add(a.globalBufferBytes);
    h.add(a.dramBytesPerSecond).add(a.clockHz).add(int64_t{a.activationBits}).add(int64_t{a.weightBits});
    h.add(int64_t{a.psumBits});
    addStrings(h, a.sources);
}

// Field by field (not through the catalogue writers: emitting YAML would cost
// more than the whole evaluation of a small network).
void addTarget(ContentHasher& h, const TargetSpec& target)
{
    h.add(targetKindName(target.kind));
    if (target.kind == TargetKind::Mcu)
        addMcu(h, target.mcu);
    if (target.kind == TargetKind::Fpga) {
        addDevice(h, target.device);
        addTemplate(h, target.accelerator);
    }
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
