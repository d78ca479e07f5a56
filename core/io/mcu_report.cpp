#include "core/io/mcu_report.h"

#include "core/io/json_writer.h"
#include "core/io/roofline_json.h"

#include <cstdio>
#include <sstream>

namespace mdse::core {
namespace {

std::string grouped(std::int64_t value)
{
    const std::string digits = std::to_string(value < 0 ? -value : value);
    std::string result = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            result += ',';
        result += digits[i];
    }
    return result;
}

void writeTimeline(JsonWriter& json, const LiveSetTimeline& timeline)
{
    json.beginArray();
    for (std::size_t step = 0; step < timeline.steps.size(); ++step) {
        const TimelineStep& s = timeline.steps[step];
        json.beginObject();
        json.key("step").value(static_cast<std::int64_t>(step));
        json.key("layer").value(s.layerName);
        json.key("totalBytes").value(s.totalBytes);
        json.key("tensorBytes").value(s.tensorBytes);
        json.key("scratchBytes").value(s.scratchBytes);
        json.key("inPlace").value(s.inPlace);
        json.key("live").beginArray();
        for (const LiveTensor& live : s.live) {
            json.beginObject();
            json.key("tensor").value(live.tensor);
            json.key("bytes").value(live.bytes);
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
}

void writeArena(JsonWriter& json, const ArenaReport& arena)
{
    json.beginObject();
    json.key("planner").value(arena.planner);
    json.key("alignmentBytes").value(arena.alignmentBytes);
    json.key("arenaBytes").value(arena.plan.arenaBytes);
    json.key("fragmentationBytes").value(arena.fragmentationBytes);
    json.key("buffers").beginArray();
    for (std::size_t i = 0; i < arena.buffers.size(); ++i) {
        json.beginObject();
        json.key("name").value(arena.buffers[i].name);
        json.key("bytes").value(arena.buffers[i].bytes);
        json.key("firstStep").value(static_cast<std::int64_t>(arena.buffers[i].firstStep));
        json.key("lastStep").value(static_cast<std::int64_t>(arena.buffers[i].lastStep));
        json.key("offset").value(arena.plan.offsets[i]);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void writePlan(JsonWriter& json, const PatchPlan& plan)
{
    json.beginObject();
    json.key("splitLayer").value(plan.splitLayer);
    json.key("splitStep").value(static_cast<std::int64_t>(plan.splitStep));
    json.key("grid").value(static_cast<std::int64_t>(plan.grid));
    json.key("peakBytes").value(plan.peakBytes);
    json.key("patchStagePeakBytes").value(plan.patchStagePeakBytes);
    json.key("restPeakBytes").value(plan.restPeakBytes);
    json.key("extraMacs").value(plan.extraMacs);
    json.key("overheadPercent").value(plan.overheadPercent);
    json.endObject();
}

void writeMemory(JsonWriter& json, const Network& network, const McuMemoryReport& memory)
{
    json.key("memory").beginObject();
    json.key("kernelPath").value(kernelPathName(memory.kernelPath));
    json.key("closedFormPeakBytes").value(memory.closedForm.peakBytes);
    json.key("closedFormPeakLayer").value(memory.closedForm.peakLayerName);
    json.key("liveSetPeakBytes").value(memory.liveSet.peakBytes);
    json.key("peakStep").value(static_cast<std::int64_t>(memory.liveSet.peakStep));
    json.key("peakLayer").value(memory.liveSet.steps.empty() ? std::string() : memory.liveSet.steps[memory.liveSet.peakStep].layerName);
    json.key("inPlacePeakBytes").value(memory.inPlace.peakBytes);
    json.key("arenaBytes").value(memory.arenaBytes);
    json.key("timeline");
    writeTimeline(json, memory.liveSet);
    json.key("arena").beginObject();
    json.key("greedy");
    writeArena(json, memory.greedy);
    json.key("firstFit");
    writeArena(json, memory.firstFit);
    json.endObject();
    json.key("reorder").beginObject();
    json.key("method").value(memory.reorder.method);
    json.key("exact").value(memory.reorder.exact);
    json.key("defaultPeakBytes").value(memory.reorder.defaultPeakBytes);
    json.key("peakBytes").value(memory.reorder.peakBytes);
    json.key("savingBytes").value(memory.reorder.savingBytes);
    json.key("order").beginArray();
    for (const std::size_t layer : memory.reorder.order)
        json.value(network.layers()[layer].name);
    json.endArray();
    json.endObject();
    json.key("flashBytes").value(memory.flash.totalBytes);
    json.key("flash").beginObject();
    json.key("runtime").value(memory.flash.runtime);
    json.key("weightBytes").value(memory.flash.weightBytes);
    json.key("biasBytes").value(memory.flash.biasBytes);
    json.key("quantParamBytes").value(memory.flash.quantParamBytes);
    json.key("runtimeBytes").value(memory.flash.runtimeBytes);
    json.key("runtimeEstimated").value(memory.flash.runtimeEstimated);
    json.endObject();
    json.endObject();
}

void writePatch(JsonWriter& json, const PatchAnalysis& patch, const PatchOptions& options)
{
    json.key("patch").beginObject();
    json.key("perLayerPeakBytes").value(patch.perLayerPeakBytes);
    json.key("maxOverheadPercent").value(options.maxOverheadPercent);
    json.key("inputResident").value(options.inputResident);
    json.key("best");
    if (patch.best)
        writePlan(json, *patch.best);
    else
        json.value("none");
    json.key("curve").beginArray();
    for (const PatchPlan& plan : patch.curve)
        writePlan(json, plan);
    json.endArray();
    json.endObject();
}

void writeFit(JsonWriter& json, const char* name, const FitVerdict& fit)
{
    json.key(name).beginObject();
    json.key("fits").value(fit.fits);
    json.key("requiredBytes").value(fit.requiredBytes);
    json.key("availableBytes").value(fit.availableBytes);
    json.key("marginBytes").value(fit.marginBytes);
    json.endObject();
}

// "  roofline (peak int8 CPU 259.2 MOPS)  flash 432 MB/s: ridge 0.6 op/B, 0 of
//   10 layers memory-bound; SRAM ..."
std::string rooflineSummary(const Roofline& r)
{
    const ComputeCeiling* peak = peakCeiling(r);
    if (!peak)
        return {};
    char text[200];
    const bool giga = peak->opsPerSecond >= 1e9;
    std::snprintf(text, sizeof text, "  roofline (peak %s %.4g %s) ", peak->name.c_str(),
                  peak->opsPerSecond / (giga ? 1e9 : 1e6), giga ? "GOPS" : "MOPS");
    std::string out = text;
    const char* separator = "";
    for (const RooflineLevelSummary& level : summarizeRooflineLevels(r)) {
        std::snprintf(text, sizeof text, "%s %s %.4g MB/s: ridge %.3g op/B, %d of %d layers memory-bound", separator,
                      level.level.c_str(), level.bytesPerSecond / 1e6, level.ridgeOpsPerByte,
                      level.memoryBoundPoints, level.points);
        out += text;
        separator = ";";
    }
    return out + "\n";
}

} // namespace

std::string formatBytes(std::int64_t bytes)
{
    char text[96];
    std::snprintf(text, sizeof text, " B (%.2f KiB, %.2f kB)", static_cast<double>(bytes) / 1024.0,
                  static_cast<double>(bytes) / 1000.0);
    return grouped(bytes) + text;
}

void writeMcuMembers(JsonWriter& json, const Network& network, const McuEvaluation& evaluation)
{
    const hwlib::McuTarget& target = evaluation.target;
    json.key("mcu").beginObject();
    json.key("id").value(target.id);
    json.key("name").value(target.name);
    json.key("clockHz").value(target.clockHz);
    json.key("arenaSramBytes").value(target.sramBytes);
    json.key("flashBytes").value(target.flashBytes);
    json.key("runtime").value(mcuRuntimeName(evaluation.options.runtime));
    json.endObject();
    writeMemory(json, network, evaluation.memory);
    writePatch(json, evaluation.memory.patch, evaluation.options.patch);
    const LatencyEstimate& latency = evaluation.latency;
    json.key("latency").beginObject();
    json.key("estimate").value(true);
    json.key("model").value(latency.model);
    json.key("calibration").value(latency.calibration);
    json.key("lowSeconds").value(latency.lowSeconds);
    json.key("highSeconds").value(latency.highSeconds);
    json.key("powerEstimated").value(latency.powerEstimated);
    json.endObject();
    json.key("latencySeconds").value(latency.totalSeconds);
    json.key("roofline");
    writeRoofline(json, evaluation.roofline);
    json.key("energyJoules").value(latency.totalJoules);
    json.key("fits").beginObject();
    json.key("sramModel").value(sramModelName(evaluation.memory.sramModel));
    json.key("runtimeSramBytes").value(evaluation.memory.runtimeSramBytes);
    writeFit(json, "sram", evaluation.memory.sramFit);
    writeFit(json, "flash", evaluation.memory.flashFit);
    json.endObject();
}

StatsJsonExtras mcuLayerExtras(const McuEvaluation& evaluation, const NetworkStats& stats, StatsJsonExtras base)
{
    StatsJsonExtras extras = base;
    const auto baseLayer = base.layer;
    extras.layer = [&evaluation, &stats, baseLayer](JsonWriter& json, std::size_t row) {
        if (baseLayer)
            baseLayer(json, row);
        for (const LayerLatency& layer : evaluation.latency.layers) {
            if (layer.layerIndex != stats.layers[row].layerIndex)
                continue;
            json.key("kernelFamily").value(layer.family);
            json.key("unit").value(layer.unit);
            json.key("latencySeconds").value(layer.seconds);
            json.key("energyJoules").value(layer.joules);
        }
    };
    return extras;
}

std::string mcuReportToText(const Network& network, const McuEvaluation& evaluation)
{
    const McuMemoryReport& m = evaluation.memory;
    std::ostringstream out;
    out << "\nMCU " << evaluation.target.name << " (" << evaluation.target.id << "), runtime "
        << mcuRuntimeName(evaluation.options.runtime) << ", kernels " << kernelPathName(m.kernelPath) << "\n";
    out << "  closed form (max in+out)  " << formatBytes(m.closedForm.peakBytes) << " at " << m.closedForm.peakLayerName << "\n";
    out << "  live-set peak             " << formatBytes(m.liveSet.peakBytes) << " at step " << m.liveSet.peakStep
        << " (" << (m.liveSet.steps.empty() ? "" : m.liveSet.steps[m.liveSet.peakStep].layerName) << ")\n";
    out << "  in-place depthwise peak   " << formatBytes(m.inPlace.peakBytes) << "\n";
    out << "  arena TFLM greedy (16 B)  " << formatBytes(m.greedy.plan.arenaBytes) << ", fragmentation "
        << grouped(m.greedy.fragmentationBytes) << " B\n";
    out << "  arena first-fit (4 B)     " << formatBytes(m.firstFit.plan.arenaBytes) << ", fragmentation "
        << grouped(m.firstFit.fragmentationBytes) << " B\n";
    out << "  reordering (" << m.reorder.method << ")  peak " << formatBytes(m.reorder.peakBytes) << ", saves "
        << grouped(m.reorder.savingBytes) << " B\n";
    if (m.patch.best)
        out << "  patch plan                split after " << m.patch.best->splitLayer << ", " << m.patch.best->grid << "x"
            << m.patch.best->grid << ": peak " << formatBytes(m.patch.best->peakBytes) << ", +"
            << m.patch.best->overheadPercent << " % MACs\n";
    out << "  flash                     " << formatBytes(m.flash.totalBytes) << " (weights " << grouped(m.flash.weightBytes)
        << ", biases " << grouped(m.flash.biasBytes) << ", quant params " << grouped(m.flash.quantParamBytes)
        << ", runtime " << grouped(m.flash.runtimeBytes) << (m.flash.runtimeEstimated ? " estimated" : "") << ")\n";
    out << "  SRAM fit (" << sramModelName(m.sramModel) << " + runtime " << grouped(m.runtimeSramBytes) << " B) "
        << (m.sramFit.fits ? "yes" : "NO") << ", margin " << formatBytes(m.sramFit.marginBytes)
        << "; flash fit " << (m.flashFit.fits ? "yes" : "NO") << ", margin " << formatBytes(m.flashFit.marginBytes) << "\n";
    char line[200];
    std::snprintf(line, sizeof line, "  latency (estimate) %.4g s [%.4g, %.4g], energy %.4g J%s\n",
                  evaluation.latency.totalSeconds, evaluation.latency.lowSeconds, evaluation.latency.highSeconds,
                  evaluation.latency.totalJoules, evaluation.latency.powerEstimated ? " (power estimated)" : "");
    out << line;
    out << rooflineSummary(evaluation.roofline);
    (void)network;
    return out.str();
}

} // namespace mdse::core
