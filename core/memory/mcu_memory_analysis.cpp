#include "core/memory/mcu_memory_analysis.h"

#include "core/util/error.h"

#include <cmath>

namespace mdse::core {

std::vector<PlannerBuffer> arenaBuffers(const Network& network, const BufferLifetimes& lifetimes,
                                        KernelPath kernelPath)
{
    std::vector<PlannerBuffer> buffers;
    for (const TensorBuffer& buffer : lifetimes.buffers)
        buffers.push_back({buffer.tensor, buffer.bytes, buffer.firstStep, buffer.lastStep});
    for (std::size_t step = 0; step < lifetimes.order.size(); ++step) {
        const Layer& layer = network.layers()[lifetimes.order[step]];
        if (const std::int64_t scratch = kernelScratchBytes(network, layer, kernelPath); scratch > 0)
            buffers.push_back({layer.name + ":scratch", scratch, step, step});
    }
    return buffers;
}

const char* sramModelName(SramModel model)
{
    switch (model) {
    case SramModel::ClosedForm: return "closed-form";
    case SramModel::LiveSet: return "live-set";
    case SramModel::InPlace: return "in-place";
    case SramModel::Arena: return "arena";
    case SramModel::Patch: return "patch";
    }
    return "arena";
}

SramModel parseSramModel(const std::string& name)
{
    for (const SramModel model : {SramModel::ClosedForm, SramModel::LiveSet, SramModel::InPlace,
                                  SramModel::Arena, SramModel::Patch})
        if (name == sramModelName(model))
            return model;
    throw Error("unknown SRAM model '" + name + "' (use closed-form, live-set, in-place, arena or patch)");
}

namespace {

std::int64_t modelBytes(const McuMemoryReport& report, SramModel model)
{
    switch (model) {
    case SramModel::ClosedForm: return report.closedForm.peakBytes;
    case SramModel::LiveSet: return report.liveSet.peakBytes;
    case SramModel::InPlace: return report.inPlace.peakBytes;
    case SramModel::Patch: return report.patch.best ? report.patch.best->peakBytes : report.arenaBytes;
    case SramModel::Arena: break;
    }
    return report.arenaBytes;
}

ArenaReport planArena(std::vector<PlannerBuffer> buffers, bool greedy, std::int64_t livePeak)
{
    ArenaReport report;
    report.planner = greedy ? "tflm-greedy-by-size" : "tinyengine-first-fit";
    report.alignmentBytes = greedy ? 16 : 4; // TFLM kBufferAlignment; TinyEngine 4-byte rounding
    report.buffers = std::move(buffers);
    report.plan = greedy ? planGreedyBySize(report.buffers, report.alignmentBytes)
                         : planFirstFit(report.buffers, report.alignmentBytes);
    report.fragmentationBytes = report.plan.arenaBytes - livePeak;
    return report;
}

} // namespace

McuMemoryReport analyzeMcuMemory(const Network& network, const PrecisionView& precision,
                                 const hwlib::McuTarget& target, const McuMemoryOptions& options)
{
    McuMemoryReport report;
    report.kernelPath = parseKernelPath(target.kernelPath);
    const BufferLifetimes lifetimes = computeBufferLifetimes(network, network.executionOrder(), precision);
    report.closedForm = closedFormMemory(network, precision);
    LiveSetOptions live{report.kernelPath, false};
    report.liveSet = liveSetTimeline(network, lifetimes, live);
    live.inPlaceDepthwise = true;
    report.inPlace = liveSetTimeline(network, lifetimes, live);
    const std::vector<PlannerBuffer> buffers = arenaBuffers(network, lifetimes, report.kernelPath);
    report.greedy = planArena(buffers, true, report.liveSet.peakBytes);
    report.firstFit = planArena(buffers, false, report.liveSet.peakBytes);
    const bool interpreter = options.runtime == McuRuntime::Interpreter;
    report.arenaBytes = interpreter ? report.greedy.plan.arenaBytes : report.firstFit.plan.arenaBytes;
    report.reorder = optimizeExecutionOrder(network, precision, report.kernelPath, options.exactReorderLimit);
    PatchOptions patchOptions = options.patch;
    patchOptions.kernelPath = report.kernelPath;
    report.patch = PatchPlanner(network, precision, patchOptions).analyze();
    report.flash = flashUsage(network, precision, target, options.runtime);
    const hwlib::RuntimeOverhead& overhead = interpreter ? target.interpreter : target.codegen;
    report.runtimeSramBytes = std::llround(overhead.sramBytes.value);
    report.sramModel = options.sramModel;
    report.sramModelBytes = modelBytes(report, options.sramModel);
    report.sramFit = fitVerdict(report.sramModelBytes + report.runtimeSramBytes, target.sramBytes);
    report.flashFit = fitVerdict(report.flash.totalBytes, target.flashBytes);
    return report;
}

} // namespace mdse::core
