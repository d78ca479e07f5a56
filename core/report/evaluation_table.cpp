// The text reports of an evaluation: per-layer tables and a summary per target.
#include "core/report/evaluation_report.h"

#include "core/report/quantity_text.h"

#include <fmt/format.h>

namespace mdse::core {
namespace {

std::string layersTable(const Evaluation& e)
{
    std::string out = "network: " + e.network.name() + "\n";
    out += fmt::format("{:<28} {:<16} {:<20} {:<20} {:>12} {:>15}\n", "layer", "op", "input", "output", "params", "MACs");
    for (const EvaluatedLayer& row : e.layers) {
        const LayerStats& s = row.stats;
        out += fmt::format("{:<28} {:<16} {:<20} {:<20} {:>12} {:>15}\n", s.name, opName(s.op),
                           shapesToString(s.inputShapes), shapesToString(s.outputShapes), s.params, s.macs);
    }
    const NetworkTotals& t = e.totals;
    out += fmt::format("total: {} layers, {} params ({}), {} MACs ({}), {} activation elements\n", e.layers.size(),
                       t.params, formatCount(t.params), t.macs, formatCount(t.macs), t.activationElements);
    return out;
}

std::string compressionTable(const Evaluation& e)
{
    std::string out = fmt::format("{:<28} {:>6} {:>6} {:<12} {:>8} {:>12} {:>12} {:>15} {:>18}\n", "layer", "wprec", "aprec",
                                  "pruning", "sparsity", "weightBytes", "actBytes", "effMACs", "BOPs");
    for (const EvaluatedLayer& row : e.layers) {
        const LayerEffects& c = row.compression;
        out += fmt::format("{:<28} {:>6} {:>6} {:<12} {:>8.3f} {:>12} {:>12} {:>15} {:>18}\n", c.name,
                           precisionName(row.settings.weights), precisionName(row.settings.activations),
                           pruningKindName(row.settings.pruning), c.sparsity, c.weightBytes, c.activationBytes,
                           c.effectiveMacs, c.bops);
    }
    const EffectsTotals& t = e.compression;
    out += fmt::format("compressed: {} weight bytes ({}B), compression {:.3f}x vs fp32, {} effective MACs, {} BOPs\n",
                       t.weightBytes, formatCount(t.weightBytes), t.compressionRatio, t.effectiveMacs, t.bops);
    return out;
}

// "  roofline (peak int8 CPU 259.2 MOPS)  flash 432 MB/s: ridge 0.6 op/B, 0 of 10 layers memory-bound; ..."
std::string rooflineLine(const Roofline& r)
{
    const ComputeCeiling* peak = peakCeiling(r);
    if (!peak)
        return {};
    const bool giga = peak->opsPerSecond >= 1e9;
    std::string out = fmt::format("  roofline (peak {} {:.4g} {}) ", peak->name, peak->opsPerSecond / (giga ? 1e9 : 1e6),
                                  giga ? "GOPS" : "MOPS");
    const char* separator = "";
    for (const RooflineLevelSummary& level : summarizeRooflineLevels(r)) {
        out += fmt::format("{} {} {:.4g} MB/s: ridge {:.3g} op/B, {} of {} layers memory-bound", separator, level.level,
                           level.bytesPerSecond / 1e6, level.ridgeOpsPerByte, level.memoryBoundPoints, level.points);
        separator = ";";
    }
    return out + "\n";
}

std::string mcuSummary(const Evaluation& e)
{
    const McuMemoryReport& m = e.mcu->memory;
    const hwlib::McuTarget& t = e.spec.target.mcu;
    std::string out = fmt::format("\nMCU {} ({}), runtime {}, kernels {}\n", t.name, t.id, mcuRuntimeName(e.spec.runtime),
                                  kernelPathName(m.kernelPath));
    const auto line = [&out](const char* label, const std::string& text) { out += fmt::format("  {:<26}{}\n", label, text); };
    line("closed form (max in+out)", formatBytes(m.closedForm.peakBytes) + " at " + m.closedForm.peakLayerName);
    line("live-set peak", formatBytes(m.liveSet.peakBytes) + " at step " + std::to_string(m.liveSet.peakStep) + " ("
                              + (m.liveSet.steps.empty() ? "" : m.liveSet.steps[m.liveSet.peakStep].layerName) + ")");
    line("in-place depthwise peak", formatBytes(m.inPlace.peakBytes));
    line("arena TFLM greedy (16 B)", formatBytes(m.greedy.plan.arenaBytes) + ", fragmentation "
                                         + groupedDigits(m.greedy.fragmentationBytes) + " B");
    line("arena first-fit (4 B)", formatBytes(m.firstFit.plan.arenaBytes) + ", in place, fragmentation "
                                      + groupedDigits(m.firstFit.fragmentationBytes) + " B");
    line(("reordering (" + m.reorder.method + ")").c_str(),
         " peak " + formatBytes(m.reorder.peakBytes) + ", saves " + groupedDigits(m.reorder.savingBytes) + " B");
    if (const auto& best = m.patch.best)
        line("patch plan", fmt::format("split after {}, {}x{}: peak {}, +{:.4g} % MACs", best->splitLayer, best->grid,
                                       best->grid, formatBytes(best->peakBytes), best->overheadPercent));
    const FlashBreakdown& f = m.flash;
    line("flash", fmt::format("{} (weights {}, scales {}, biases {}, requantisation {}, runtime {}{})", formatBytes(f.totalBytes),
                              groupedDigits(f.weightBytes), groupedDigits(f.scaleBytes), groupedDigits(f.biasBytes),
                              groupedDigits(f.quantParamBytes), groupedDigits(f.runtimeBytes),
                              f.runtimeEstimated ? " estimated" : ""));
    out += fmt::format("  SRAM fit ({} + runtime {} B) {}, margin {}; flash fit {}, margin {}\n", sramModelName(m.sramModel),
                       groupedDigits(m.runtimeSramBytes), m.sramFit.fits ? "yes" : "NO", formatBytes(m.sramFit.marginBytes),
                       m.flashFit.fits ? "yes" : "NO", formatBytes(m.flashFit.marginBytes));
    const LatencySummary& l = e.mcu->latency;
    out += fmt::format("  latency (estimate) {:.4g} s [{:.4g}, {:.4g}], energy {:.4g} J{}\n", l.totalSeconds, l.lowSeconds,
                       l.highSeconds, l.totalJoules, l.powerEstimated ? " (power estimated)" : "");
    return out + rooflineLine(e.mcu->roofline);
}

std::string acceleratorSummary(const Evaluation& e)
{
    const TargetSpec& t = e.spec.target;
    std::string out = fmt::format("\naccelerator {} on {} ({}), dataflow {}\n", t.accelerator.name, t.device.name,
                                  t.device.board, dataflowName(e.spec.accelerator.dataflow));
    out += "layer                    kind            MACs   util     cycles   energy uJ   DRAM kB\n";
    for (const EvaluatedLayer& row : e.layers) {
        if (!row.accelerator)
            continue;
        const DataflowLayerResult& l = row.accelerator->dataflow;
        out += fmt::format("{:<24.24} {:<9} {:>12} {:>6.3f} {:>10} {:>11.3f} {:>9.1f}\n", l.name, l.kind, l.macs,
                           l.mapping.utilization, l.cycles, l.energy.total() / 1e6, l.dramBytes / 1024.0);
    }
    const DataflowTotals& p = e.accelerator->totals;
    const FpgaResourceEstimate& r = e.accelerator->resources;
    out += fmt::format("total: {} MACs, {} cycles ({:.3f} ms), {:.3f} uJ; resources: {} DSP, {} BRAM18, {} LUT, {} FF: {}\n",
                       p.macs, p.cycles, p.seconds * 1e3, p.energy.total() / 1e6, r.dsps, r.bram18, r.luts, r.flipFlops,
                       r.verdict);
    return out + rooflineLine(e.accelerator->roofline);
}

std::string systolicSummary(const Evaluation& e)
{
    const SystolicTotals& t = *e.systolic;
    const SystolicConfig& c = *e.spec.systolic;
    return fmt::format("\nsystolic array {}x{}: {} layers, {} cycles ({} stalls), DRAM {} words read, {} written\n", c.rows,
                       c.cols, t.layers, t.totalCycles, t.stallCycles, t.dramReads, t.dramWrites);
}

} // namespace

std::string evaluationTable(const Evaluation& e)
{
    std::string out = layersTable(e) + compressionTable(e);
    out += "default precision: " + e.defaults.rule + "\n";
    if (e.mcu)
        out += mcuSummary(e);
    if (e.accelerator)
        out += acceleratorSummary(e);
    if (e.systolic)
        out += systolicSummary(e);
    for (const Warning& w : e.warnings)
        out += "warning: " + (w.where.file.empty() ? std::string() : formatLocation(w.where) + ": ") + w.message + "\n";
    return out;
}

std::string evaluationCsv(const Evaluation& e)
{
    const auto field = [](const std::string& text) {
        if (text.find_first_of(",\"\n") == std::string::npos)
            return text;
        std::string quoted = "\"";
        for (const char c : text)
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        return quoted + "\"";
    };
    std::string out = "name,op,inputShape,outputShape,weights,biases,params,macs,inputElements,outputElements,"
                      "weightPrecision,activationPrecision,pruning,sparsity,weightBytes,activationBytes,effectiveMacs,"
                      "latencySeconds,energyJoules\n";
    for (const EvaluatedLayer& row : e.layers) {
        const LayerStats& s = row.stats;
        const LayerEffects& c = row.compression;
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", field(s.name), opName(s.op),
                           field(shapesToString(s.inputShapes)), field(shapesToString(s.outputShapes)), s.weights, s.biases,
                           s.params, s.macs, s.inputElements, s.outputElements, precisionName(row.settings.weights),
                           precisionName(row.settings.activations), pruningKindName(row.settings.pruning), c.sparsity,
                           c.weightBytes, c.activationBytes, c.effectiveMacs,
                           row.latency ? fmt::format("{}", row.latency->seconds) : std::string(),
                           row.latency ? fmt::format("{}", row.latency->joules) : std::string());
    }
    return out;
}

} // namespace mdse::core
