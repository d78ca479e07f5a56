#include "core/memory/mcu_memory_analysis.h"

#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace mdse::core {

bool runtimeRunsInPlace(McuRuntime runtime) { return runtime == McuRuntime::CodeGenerated; }

std::vector<PlannerBuffer> arenaBuffers(const Network& network, const BufferLifetimes& lifetimes,
                                        KernelPath kernelPath, bool inPlaceDepthwise, const ScratchByLayer* scratchByLayer)
{
    std::vector<PlannerBuffer> tensors;
    std::vector<std::size_t> owner(lifetimes.buffers.size()); // tensor buffer -> the planner buffer holding it
    for (std::size_t b = 0; b < lifetimes.buffers.size(); ++b) {
        const TensorBuffer& buffer = lifetimes.buffers[b];
        tensors.push_back({buffer.tensor, buffer.bytes, buffer.firstStep, buffer.lastStep});
        owner[b] = b;
    }
    std::vector<bool> merged(tensors.size(), false);
    std::vector<PlannerBuffer> extra;
    for (std::size_t step = 0; step < lifetimes.order.size(); ++step) {
        const Layer& layer = network.layers()[lifetimes.order[step]];
        if (inPlaceDepthwise && canRunInPlace(network, lifetimes, layer, step)) {
            const std::size_t in = owner[lifetimes.bufferOf.at(layer.inputs.front())];
            const std::size_t out = lifetimes.bufferOf.at(layer.outputs.front());
            tensors[in].bytes = std::max(tensors[in].bytes, tensors[out].bytes);
            tensors[in].lastStep = std::max(tensors[in].lastStep, tensors[out].lastStep);
            owner[out] = in;
            merged[out] = true;
            extra.push_back({layer.name + ":channel", inPlaceChannelBytes(network, lifetimes, layer), step, step});
        }
        const std::int64_t scratch = scratchByLayer ? (*scratchByLayer)[lifetimes.order[step]]
                                                    : kernelScratchBytes(network, layer, kernelPath);
        if (scratch > 0)
            extra.push_back({layer.name + ":scratch", scratch, step, step});
    }
    std::vector<PlannerBuffer> buffers;
    for (std::size_t b = 0; b < tensors.size(); ++b)
        if (!merged[b])
            buffers.push_back(std::move(tensors[b]));
    buffers.insert(buffers.end(), extra.begin(), extra.end());
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

// fragmentation = arena - the live-set peak of the same buffers (in place for first fit).
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

McuMemoryReport analyzeMcuMemory(const Network& network, const NetworkStats& stats, const PrecisionView& precision,
                                 const hwlib::McuTarget& target, const McuMemoryOptions& options)
{
    McuMemoryReport report;
    report.kernelPath = options.kernels ? *options.kernels : parseKernelPath(target.kernelPath);
    const bool inPlace = runtimeRunsInPlace(options.runtime);
    const BufferLifetimes lifetimes = computeBufferLifetimes(network, network.executionOrder(), precision);
    report.closedForm = closedFormMemory(network, stats, precision);
    const ScratchByLayer scratch = kernelScratchByLayer(network, report.kernelPath);
    LiveSetOptions live{report.kernelPath, false, &scratch};
    report.liveSet = liveSetTimeline(network, lifetimes, live);
    live.inPlaceDepthwise = true;
    report.inPlace = liveSetTimeline(network, lifetimes, live);
    report.runtimePeakBytes = inPlace ? report.inPlace.peakBytes : report.liveSet.peakBytes;
    report.greedy = planArena(arenaBuffers(network, lifetimes, report.kernelPath, false, &scratch), true,
                              report.liveSet.peakBytes);
    report.firstFit = planArena(arenaBuffers(network, lifetimes, report.kernelPath, true, &scratch), false,
                                report.inPlace.peakBytes);
    const bool interpreter = options.runtime == McuRuntime::Interpreter;
    report.arenaBytes = interpreter ? report.greedy.plan.arenaBytes : report.firstFit.plan.arenaBytes;
    report.reorder = optimizeExecutionOrder(network, precision, report.kernelPath, options.exactReorderLimit, &scratch);
    PatchOptions patchOptions = options.patch;
    patchOptions.kernelPath = report.kernelPath;
    patchOptions.inPlaceDepthwise = inPlace;
    report.patch = PatchPlanner(network, stats, lifetimes, report.liveSet, inPlace ? report.inPlace : report.liveSet,
                                patchOptions).analyze();
    report.flash = flashUsage(network, stats, precision, target, options.runtime);
    const hwlib::RuntimeOverhead& overhead = interpreter ? target.interpreter : target.codegen;
    report.runtimeSramBytes = std::llround(overhead.sramBytes.value);
    report.sramModel = options.sramModel;
    report.sramModelBytes = modelBytes(report, options.sramModel);
    report.sramFit = fitVerdict(report.sramModelBytes + report.runtimeSramBytes, target.sramBytes);
    report.flashFit = fitVerdict(report.flash.totalBytes, target.flashBytes);
    return report;
}

} // namespace mdse::core
