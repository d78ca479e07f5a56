#pragma once

#include "core/graph/layer_stats.h"
#include "core/graph/receptive_field.h"
#include "core/memory/buffer_lifetimes.h"
#include "core/memory/kernel_scratch.h"
#include "core/memory/live_set.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mdse::core {

// One patch-based inference plan (MCUNetV2, Lin et al. NeurIPS 2021;
// MCUNet/MCUNetV2 (Lin et al.)): the layers up to and including `splitLayer` (a prefix of the
// execution order, the "patch stage") run patch by patch on an n x n grid
// of the split layer's output; the rest runs layer by layer.
struct PatchPlan {
    std::size_t splitStep = 0;       // position of the split layer in the execution order
    std::string splitLayer;
    int grid = 1;                    // n: n x n patches
    std::int64_t patchStagePeakBytes = 0; // worst patch: its live regions + the whole split output + scratch
    std::int64_t restPeakBytes = 0;       // live-set peak of the steps after the split
    std::int64_t peakBytes = 0;           // max of the two
    std::int64_t stageMacs = 0;           // MACs of the patch stage run layer by layer
    std::int64_t extraMacs = 0;           // recomputed halo MACs summed over patches
    double overheadPercent = 0.0;         // extraMacs / network MACs * 100
};

struct PatchOptions {
    int maxGrid = 8;
    double maxOverheadPercent = 20.0; // constraint for the best plan
    // The graph input stays whole in SRAM (true) or is streamed patch by
    // patch from the sensor/flash (false, as MCUNetV2 assumes).
    bool inputResident = true;
    KernelPath kernelPath = KernelPath::CmsisNnDsp;
    // The runtime runs depthwise convs in place (TinyEngine; live_set.h):
    // the layer-by-layer remainder and the per-layer peak then use the
    // in-place live set. Set by evaluate() from the runtime.
    bool inPlaceDepthwise = false;

    bool operator==(const PatchOptions&) const = default;
};

struct PatchAnalysis {
    std::int64_t perLayerPeakBytes = 0;  // live-set peak without patches (in place when the runtime does it)
    std::vector<PatchPlan> curve;        // every valid split x n = 1..maxGrid
    std::optional<PatchPlan> best;       // lowest peak within the overhead limit
};

// Evaluates patch plans for one network and precision. Precomputes the
// lifetimes, stats and live-set totals once so the whole curve is cheap.
class PatchPlanner {
public:
    PatchPlanner(const Network& network, const NetworkStats& stats, const PrecisionView& precision,
                 const PatchOptions& options);
    PatchPlanner(const Network& network, const NetworkStats& stats, BufferLifetimes lifetimes, const PatchOptions& options);
    // With the timelines the caller already has: `perPatch` without in-place
    // (the patch stage's scratch), `timeline` under the runtime's rule
    // (options.inPlaceDepthwise: the per-layer peak and the remainder).
    PatchPlanner(const Network& network, const NetworkStats& stats, BufferLifetimes lifetimes,
                 const LiveSetTimeline& perPatch, const LiveSetTimeline& timeline, const PatchOptions& options);

    // A split is valid when every stage layer has spatial locality
    // (receptive_field.h), reads [C, H, W], and no stage tensor other than
    // the split output is needed after the stage.
    bool isValidSplit(std::size_t splitStep) const;
    // Throws core::Error for an invalid split or a grid larger than the
    // split output.
    PatchPlan evaluate(std::size_t splitStep, int grid) const;
    PatchAnalysis analyze() const;

    // The input region of every stage buffer for one tile along one axis
    // (1 = H, 2 = W), indexed like BufferLifetimes::buffers; empty intervals
    // for buffers the tile does not need. Exposed for tests and views.
    std::vector<Interval> regionsForTile(std::size_t splitStep, int axis, const Interval& tile) const;

private:
    // Receptive-field step of one stage layer input, resolved once
    // (window_geometry.h) so the walk is integer arithmetic only.
    struct InputStep {
        std::size_t buffer = 0;
        // spatialWindow() of the layer per axis ([0] = H, [1] = W) and the
        // input's extent along it.
        std::int64_t kernel[2] = {1, 1};
        std::int64_t stride[2] = {1, 1};
        std::int64_t dilation[2] = {1, 1};
        std::int64_t padBegin[2] = {0, 0};
        std::int64_t extent[2] = {0, 0};
    };
    struct StageStep {
        std::size_t outBuffer = 0;
        std::vector<InputStep> inputs;
    };
    // Per tile, the region length of every stage buffer, flat as
    // [tile * buffers + buffer]: a patch's bytes, its halo MACs and the
    // dominance test need only the lengths (one allocation per curve).
    struct TileRegions {
        std::size_t buffers = 0;
        std::vector<std::int64_t> rows, columns;
        std::vector<Interval> walk; // the receptive-field walk's scratch
    };
    PatchPlan evaluate(std::size_t splitStep, int grid, TileRegions& regions) const;
    void resolveGeometry();
    void regionsInto(std::size_t splitStep, int axis, const Interval& tile, std::vector<Interval>& regions) const;
    void tileLengths(std::size_t splitStep, int axis, std::int64_t extent, std::int64_t n, TileRegions& regions,
                     std::vector<std::int64_t>& lengths) const;
    bool checkSplit(std::size_t splitStep) const;
    std::int64_t patchBytes(std::size_t buffer, std::size_t splitBuffer, std::int64_t rows,
                            std::int64_t cols) const;

    const Network& m_network;
    PatchOptions m_options;
    BufferLifetimes m_lifetimes;
    std::int64_t m_totalMacs = 0;
    std::vector<std::int64_t> m_macsByLayer;
    std::vector<std::int64_t> m_scratch;          // per step
    std::vector<std::vector<std::size_t>> m_liveAt; // buffers live per step
    std::vector<std::size_t> m_stageBuffers;       // per step: buffers that exist by then (a prefix)
    std::vector<std::int64_t> m_restPeakAfter;   // max step total over steps > s
    std::int64_t m_perLayerPeak = 0;
    std::vector<StageStep> m_geometry;          // per step (valid where m_spatial)
    std::vector<bool> m_spatial;                // step has spatial locality
    std::vector<bool> m_validSplit;             // per step
    std::vector<std::int64_t> m_channels;       // per buffer: C of [C, H, W], else 0
    std::vector<std::int64_t> m_outPixels;      // per step: H*W of the output
    std::vector<bool> m_squarePrefix;           // steps 0..s all square maps and windows
};

} // namespace mdse::core
