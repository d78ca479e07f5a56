// The MCU and FPGA members of the evaluation document (docs/mcu-analysis.md,
// docs/accelerator-models.md).
#include "core/report/evaluation_sections.h"

namespace mdse::core::report {
namespace {

Json timelineJson(const LiveSetTimeline& timeline)
{
    Json steps = Json::array();
    for (std::size_t step = 0; step < timeline.steps.size(); ++step) {
        const TimelineStep& s = timeline.steps[step];
        Json live = Json::array();
        for (const LiveTensor& tensor : s.live)
            live.push_back({{"tensor", tensor.tensor}, {"bytes", tensor.bytes}});
        steps.push_back({{"step", step},
                         {"layer", s.layerName},
                         {"totalBytes", s.totalBytes},
                         {"tensorBytes", s.tensorBytes},
                         {"scratchBytes", s.scratchBytes},
                         {"inPlace", s.inPlace},
                         {"live", live}});
    }
    return steps;
}

Json arenaJson(const ArenaReport& arena)
{
    Json buffers = Json::array();
    for (std::size_t i = 0; i < arena.buffers.size(); ++i)
        buffers.push_back({{"name", arena.buffers[i].name},
                           {"bytes", arena.buffers[i].bytes},
                           {"firstStep", arena.buffers[i].firstStep},
                           {"lastStep", arena.buffers[i].lastStep},
                           {"offset", arena.plan.offsets[i]}});
    return {{"planner", arena.planner},
            {"alignmentBytes", arena.alignmentBytes},
            {"arenaBytes", arena.plan.arenaBytes},
            {"fragmentationBytes", arena.fragmentationBytes},
            {"buffers", buffers}};
}

Json planJson(const PatchPlan& plan)
{
    return {{"splitLayer", plan.splitLayer},
            {"splitStep", plan.splitStep},
            {"grid", plan.grid},
            {"peakBytes", plan.peakBytes},
            {"patchStagePeakBytes", plan.patchStagePeakBytes},
            {"restPeakBytes", plan.restPeakBytes},
            {"extraMacs", plan.extraMacs},
            {"overheadPercent", plan.overheadPercent}};
}

Json memoryJson(const Network& network, const McuMemoryReport& m)
{
    Json order = Json::array();
    for (const std::size_t layer : m.reorder.order)
        order.push_back(network.layers()[layer].name);
    const FlashBreakdown& f = m.flash;
    return {{"kernelPath", kernelPathName(m.kernelPath)},
            {"closedFormPeakBytes", m.closedForm.peakBytes},
            {"closedFormPeakLayer", m.closedForm.peakLayerName},
            {"closedFormParameterBytes", m.closedForm.parameterBytes},
            {"liveSetPeakBytes", m.liveSet.peakBytes},
            {"peakStep", m.liveSet.peakStep},
            {"peakLayer", m.liveSet.steps.empty() ? std::string() : m.liveSet.steps[m.liveSet.peakStep].layerName},
            {"inPlacePeakBytes", m.inPlace.peakBytes},
            {"runtimePeakBytes", m.runtimePeakBytes},
            {"arenaBytes", m.arenaBytes},
            {"timeline", timelineJson(m.liveSet)},
            {"arena", {{"greedy", arenaJson(m.greedy)}, {"firstFit", arenaJson(m.firstFit)}}},
            {"reorder",
             {{"method", m.reorder.method},
              {"exact", m.reorder.exact},
              {"defaultPeakBytes", m.reorder.defaultPeakBytes},
              {"peakBytes", m.reorder.peakBytes},
              {"savingBytes", m.reorder.savingBytes},
              {"order", order}}},
            {"flashBytes", f.totalBytes},
            {"flash",
             {{"runtime", f.runtime},
              {"weightBytes", f.weightBytes},
              {"scaleBytes", f.scaleBytes},
              {"biasBytes", f.biasBytes},
              {"quantParamBytes", f.quantParamBytes},
              {"persistentRequantBytes", f.persistentRequantBytes},
              {"runtimeBytes", f.runtimeBytes},
              {"runtimeEstimated", f.runtimeEstimated}}}};
}

Json patchJson(const PatchAnalysis& patch, const DesignSpec& spec)
{
    Json curve = Json::array();
    for (const PatchPlan& plan : patch.curve)
        curve.push_back(planJson(plan));
    return {{"perLayerPeakBytes", patch.perLayerPeakBytes},
            {"maxOverheadPercent", spec.patch.maxOverheadPercent},
            {"inputResident", spec.patch.inputResident},
            {"best", patch.best ? planJson(*patch.best) : Json("none")},
            {"curve", curve}};
}

Json fitJson(const FitVerdict& fit)
{
    return {{"fits", fit.fits},
            {"requiredBytes", fit.requiredBytes},
            {"availableBytes", fit.availableBytes},
            {"marginBytes", fit.marginBytes}};
}

Json resourcesJson(const FpgaResourceEstimate& r)
{
    return {{"macMapping", r.mapping.rule}, {"dsp", r.dsps},          {"bram18", r.bram18},
            {"lut", r.luts},                {"ff", r.flipFlops},      {"dspPercent", r.dspPercent},
            {"bram18Percent", r.bramPercent}, {"lutPercent", r.lutPercent}, {"ffPercent", r.ffPercent},
            {"fits", r.fits},               {"verdict", r.verdict}};
}

} // namespace

void addMcuMembers(Json& d, const Evaluation& e)
{
    const McuResults& r = *e.mcu;
    const hwlib::McuTarget& target = e.spec.target.mcu;
    d["mcu"] = {{"id", target.id},
                {"name", target.name},
                {"clockHz", target.clockHz},
                {"arenaSramBytes", target.sramBytes},
                {"flashBytes", target.flashBytes},
                {"runtime", mcuRuntimeName(e.spec.runtime)},
                {"kernels", kernelPathName(r.kernels)}};
    d["memory"] = memoryJson(e.network, r.memory);
    d["patch"] = patchJson(r.memory.patch, e.spec);
    const LatencySummary& l = r.latency;
    d["latency"] = {{"estimate", true},
                    {"model", l.model},
                    {"calibration", l.calibration},
                    {"lowSeconds", l.lowSeconds},
                    {"highSeconds", l.highSeconds},
                    {"powerEstimated", l.powerEstimated}};
    d["latencySeconds"] = l.totalSeconds;
    d["roofline"] = rooflineJson(r.roofline);
    d["energyJoules"] = l.totalJoules;
    d["fits"] = {{"sramModel", sramModelName(r.memory.sramModel)},
                 {"runtimeSramBytes", r.memory.runtimeSramBytes},
                 {"sram", fitJson(r.memory.sramFit)},
                 {"flash", fitJson(r.memory.flashFit)}};
}

void addAcceleratorMembers(Json& d, const Evaluation& e)
{
    const AcceleratorResults& r = *e.accelerator;
    const TargetSpec& t = e.spec.target;
    d["target"] = t.device.id;
    d["accelerator"] = t.accelerator.id.empty() ? t.accelerator.name : t.accelerator.id;
    d["dataflow"] = dataflowId(e.spec.accelerator.dataflow);
    d["energyTables"] = {{"picojoules", r.energyTableId}, {"normalized", r.normalizedEnergyTableId}};
    d["resources"] = resourcesJson(r.resources);
    d["roofline"] = rooflineJson(r.roofline);
}

} // namespace mdse::core::report
