#pragma once

#include "core/memory/arena_planner.h"
#include "core/memory/closed_form.h"
#include "core/memory/execution_reorder.h"
#include "core/memory/flash_usage.h"
#include "core/memory/live_set.h"
#include "core/memory/patch_inference.h"

#include <optional>
#include <vector>

namespace mdse::core {

// The arena plan of one planner over the live buffers and kernel scratch
// (each scratch buffer lives for its one step).
struct ArenaReport {
    std::string planner;                 // "tflm-greedy-by-size" | "tinyengine-first-fit"
    std::int64_t alignmentBytes = 0;
    std::vector<PlannerBuffer> buffers;
    ArenaPlan plan;
    std::int64_t fragmentationBytes = 0; // arena - live-set peak
};

// Which memory figure the SRAM fit verdict uses (each analysis is always
// computed and reported; this selects the one judged against the part).
enum class SramModel {
    ClosedForm, // SpArSe max(in + out)
    LiveSet,    // live-set peak incl. scratch
    InPlace,    // live-set peak with in-place depthwise
    Arena,      // the runtime's planner arena (default)
    Patch,      // the best patch plan's peak (falls back to Arena without one)
};
const char* sramModelName(SramModel model); // "closed-form", "live-set", "in-place", "arena", "patch"
SramModel parseSramModel(const std::string& name); // throws core::Error

struct McuMemoryOptions {
    McuRuntime runtime = McuRuntime::Interpreter;
    SramModel sramModel = SramModel::Arena;
    std::size_t exactReorderLimit = 20;
    PatchOptions patch;       // kernelPath and inPlaceDepthwise are set from the kernels and the runtime
    std::optional<KernelPath> kernels; // unset: the target's kernel set
};

// The runtime's in-place rule: TinyEngine-like generated code runs depthwise
// convs in place (Lin et al., MCUNet, NeurIPS 2020, Sec. 3.3); TFLite Micro
// does not (every tensor gets its own arena buffer).
bool runtimeRunsInPlace(McuRuntime runtime);

// Every memory analysis of issue #5 for one network, precision and target.
struct McuMemoryReport {
    KernelPath kernelPath = KernelPath::CmsisNnDsp;
    ClosedFormMemory closedForm;
    LiveSetTimeline liveSet;       // default order, no in-place
    LiveSetTimeline inPlace;       // with MCUNet in-place depthwise
    ArenaReport greedy;            // TFLM: one buffer per tensor
    ArenaReport firstFit;          // TinyEngine-like: in-place depthwise buffers merged
    std::int64_t arenaBytes = 0;   // of the chosen runtime's planner
    std::int64_t runtimePeakBytes = 0; // live-set peak under the runtime's in-place rule
    ReorderResult reorder;
    PatchAnalysis patch;
    FlashBreakdown flash;
    std::int64_t runtimeSramBytes = 0;
    SramModel sramModel = SramModel::Arena;
    std::int64_t sramModelBytes = 0; // the figure of `sramModel`
    FitVerdict sramFit;            // sramModelBytes + runtime SRAM vs the largest arena region
    FitVerdict flashFit;           // flash total vs usable flash
};

McuMemoryReport analyzeMcuMemory(const Network& network, const NetworkStats& stats, const PrecisionView& precision,
                                 const hwlib::McuTarget& target, const McuMemoryOptions& options);

// Planner input from lifetimes plus one single-step buffer per kernel
// scratch. With `inPlaceDepthwise`, each depthwise that runs in place
// (canRunInPlace) writes over its input: the output's buffer merges into the
// input's (max of the two sizes, living until the output's last use) and the
// step gets its one-channel temporary buffer ("<layer>:channel").
std::vector<PlannerBuffer> arenaBuffers(const Network& network, const BufferLifetimes& lifetimes,
                                        KernelPath kernelPath, bool inPlaceDepthwise = false,
                                        const ScratchByLayer* scratchByLayer = nullptr);

} // namespace mdse::core
