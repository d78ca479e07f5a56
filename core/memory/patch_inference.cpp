#include "core/memory/patch_inference.h"

#include "core/graph/tensor_bytes.h"
#include "core/graph/window_geometry.h"
#include "core/memory/live_set.h"
#include "core/util/error.h"

#include <algorithm>

namespace mdse::core {

namespace {

LiveSetTimeline timelineOf(const Network& network, const BufferLifetimes& lifetimes, KernelPath path, bool inPlace)
{
    return liveSetTimeline(network, lifetimes, LiveSetOptions{path, inPlace});
}

} // namespace

PatchPlanner::PatchPlanner(const Network& network, const NetworkStats& stats, const PrecisionView& precision,
                           const PatchOptions& options)
    : PatchPlanner(network, stats, computeBufferLifetimes(network, network.executionOrder(), precision), options)
{
}

PatchPlanner::PatchPlanner(const Network& network, const NetworkStats& stats, BufferLifetimes lifetimes,
                           const PatchOptions& options)
    : PatchPlanner(network, stats, lifetimes, timelineOf(network, lifetimes, options.kernelPath, false),
                   timelineOf(network, lifetimes, options.kernelPath, options.inPlaceDepthwise), options)
{
}

PatchPlanner::PatchPlanner(const Network& network, const NetworkStats& stats, BufferLifetimes lifetimes,
                           const LiveSetTimeline& perPatch, const LiveSetTimeline& timeline, const PatchOptions& options)
    : m_network(network)
    , m_options(options)
    , m_lifetimes(std::move(lifetimes))
    , m_totalMacs(stats.totals.macs)
{
    m_macsByLayer.assign(network.layers().size(), 0);
    for (const LayerStats& layer : stats.layers)
        m_macsByLayer[layer.layerIndex] = layer.macs;
    m_perLayerPeak = timeline.peakBytes;
    const std::size_t steps = m_lifetimes.order.size();
    m_scratch.resize(steps);
    m_liveAt.resize(steps);
    m_restPeakAfter.assign(steps, 0);
    m_stageBuffers.assign(steps, 0);
    for (std::size_t s = 0; s < steps; ++s) {
        m_scratch[s] = perPatch.steps[s].scratchBytes;
        for (std::size_t b = 0; b < m_lifetimes.buffers.size(); ++b) {
            const TensorBuffer& buffer = m_lifetimes.buffers[b];
            if (buffer.firstStep <= s && s <= buffer.lastStep)
                m_liveAt[s].push_back(b);
            if (buffer.firstStep <= s) // buffers come in step order: a prefix
                m_stageBuffers[s] = b + 1;
        }
    }
    for (std::size_t s = steps; s-- > 1;)
        m_restPeakAfter[s - 1] = std::max(s < steps - 1 ? m_restPeakAfter[s] : 0, timeline.steps[s].totalBytes);
    resolveGeometry();
    for (std::size_t s = 0; s < steps; ++s)
        m_validSplit.push_back(checkSplit(s));
}

void PatchPlanner::resolveGeometry()
{
    for (const TensorBuffer& buffer : m_lifetimes.buffers) {
        const Shape& shape = m_network.tensor(buffer.tensor).shape;
        m_channels.push_back(shape.size() == 3 ? shape[0] : 0);
    }
    bool prefixSpatial = true;
    for (const std::size_t layerIndex : m_lifetimes.order) {
        const Layer& layer = m_network.layers()[layerIndex];
        StageStep step;
        bool spatial = prefixSpatial && hasSpatialLocality(layer) && layer.outputs.size() == 1;
        bool square = m_squarePrefix.empty() || m_squarePrefix.back();
        for (const std::string& input : layer.inputs)
            spatial = spatial && m_network.tensor(input).shape.size() == 3;
        prefixSpatial = spatial;
        m_spatial.push_back(spatial);
        const Shape& out = m_network.tensor(layer.outputs.front()).shape;
        m_outPixels.push_back(out.size() == 3 ? out[1] * out[2] : 1);
        if (spatial) {
            step.outBuffer = m_lifetimes.bufferOf.at(layer.outputs.front());
            for (const std::string& input : layer.inputs) {
                const Shape& in = m_network.tensor(input).shape;
                InputStep geometry;
                geometry.buffer = m_lifetimes.bufferOf.at(input);
                geometry.extent[0] = in[1];
                geometry.extent[1] = in[2];
                const Window2D w = *spatialWindow(layer, in);
                geometry.kernel[0] = w.kernelH;
                geometry.kernel[1] = w.kernelW;
                geometry.stride[0] = w.strideH;
                geometry.stride[1] = w.strideW;
                geometry.dilation[0] = w.dilationH;
                geometry.dilation[1] = w.dilationW;
                geometry.padBegin[0] = w.padTop;
                geometry.padBegin[1] = w.padLeft;
                square = square && in[1] == in[2] && w.kernelH == w.kernelW && w.strideH == w.strideW
                    && w.dilationH == w.dilationW && w.padTop == w.padLeft && w.padBottom == w.padRight;
                step.inputs.push_back(geometry);
            }
        }
        m_squarePrefix.push_back(spatial && square && out[1] == out[2]);
        m_geometry.push_back(step);
    }
}

bool PatchPlanner::isValidSplit(std::size_t splitStep) const
{
    return splitStep < m_validSplit.size() && m_validSplit[splitStep];
}

// m_spatial is a prefix property: step s is spatial only if all before it are.
bool PatchPlanner::checkSplit(std::size_t splitStep) const
{
    if (!m_spatial[splitStep])
        return false;
    const Layer& split = m_network.layers()[m_lifetimes.order[splitStep]];
    const std::size_t splitBuffer = m_lifetimes.bufferOf.at(split.outputs.front());
    for (std::size_t b = 0; b < m_lifetimes.buffers.size(); ++b) {
        const TensorBuffer& buffer = m_lifetimes.buffers[b];
        const bool inStage = buffer.graphInput || buffer.firstStep <= splitStep;
        if (b != splitBuffer && inStage && (buffer.lastStep > splitStep || buffer.graphOutput))
            return false;
    }
    return true;
}

// The receptive-field walk: from the tile of the split output backwards
// through the stage in reverse execution order; a tensor read by several
// layers (a residual skip) needs the hull of their regions.
std::vector<Interval> PatchPlanner::regionsForTile(std::size_t splitStep, int axis, const Interval& tile) const
{
    std::vector<Interval> regions;
    regionsInto(splitStep, axis, tile, regions);
    regions.resize(m_lifetimes.buffers.size());
    return regions;
}

// The walk itself, into `regions` indexed by buffer over the buffers that
// exist by the split (a prefix of them: every later buffer's region is empty).
void PatchPlanner::regionsInto(std::size_t splitStep, int axis, const Interval& tile, std::vector<Interval>& regions) const
{
    regions.assign(m_stageBuffers[splitStep], Interval{});
    regions[m_geometry[splitStep].outBuffer] = tile;
    const std::size_t a = axis == 1 ? 0 : 1;
    for (std::size_t s = splitStep + 1; s-- > 0;) {
        const StageStep& step = m_geometry[s];
        const Interval out = regions[step.outBuffer];
        if (out.length() == 0)
            continue;
        for (const InputStep& input : step.inputs) {
            const Interval in = windowInputInterval(out, input.kernel[a], input.stride[a], input.dilation[a],
                                                    input.padBegin[a], input.extent[a]);
            regions[input.buffer] = hull(regions[input.buffer], in);
        }
    }
}

std::int64_t PatchPlanner::patchBytes(std::size_t buffer, std::size_t splitBuffer, std::int64_t rows,
                                      std::int64_t cols) const
{
    const TensorBuffer& info = m_lifetimes.buffers[buffer];
    if (buffer == splitBuffer || (info.graphInput && m_options.inputResident))
        return info.bytes;
    return packedBytes(m_channels[buffer] * rows * cols, precisionBits(info.precision));
}

namespace {

// Indices of the tiles no other tile dominates: t is dominated when another
// tile's region is at least as long in every buffer (and it is not the first
// of equals). A patch's bytes grow with each buffer's region (patchBytes is
// C x rows x cols, packed), so the worst patch is always a pair of maximal
// tiles: checking only those is exact. `lengths` is [tile * buffers + buffer].
std::vector<std::size_t> maximalTiles(const std::vector<std::int64_t>& lengths, std::size_t tiles, std::size_t buffers)
{
    const auto tile = [&](std::size_t t) { return lengths.data() + t * buffers; };
    const auto covers = [&](std::size_t a, std::size_t b) { // a's regions at least b's everywhere
        const std::int64_t* la = tile(a);
        const std::int64_t* lb = tile(b);
        for (std::size_t buffer = 0; buffer < buffers; ++buffer)
            if (la[buffer] < lb[buffer])
                return false;
        return true;
    };
    // Tiles of equal lengths (the interior tiles of an even split) first
    // collapse to their first one; then the dominated ones go.
    std::vector<std::size_t> distinct;
    for (std::size_t t = 0; t < tiles; ++t) {
        bool seen = false;
        for (std::size_t d = 0; d < distinct.size() && !seen; ++d)
            seen = std::equal(tile(t), tile(t) + buffers, tile(distinct[d]));
        if (!seen)
            distinct.push_back(t);
    }
    std::vector<std::size_t> maximal;
    for (const std::size_t t : distinct) {
        bool dominated = false;
        for (std::size_t other = 0; other < distinct.size() && !dominated; ++other)
            dominated = distinct[other] != t && covers(distinct[other], t);
        if (!dominated)
            maximal.push_back(t);
    }
    return maximal;
}

} // namespace

PatchPlan PatchPlanner::evaluate(std::size_t splitStep, int grid) const
{
    TileRegions scratch;
    return evaluate(splitStep, grid, scratch);
}

// The tiles' region lengths along one axis (1 = H, 2 = W) of an n-way split
// of `extent`: tile t covers [t*extent/n, (t+1)*extent/n).
void PatchPlanner::tileLengths(std::size_t splitStep, int axis, std::int64_t extent, std::int64_t n,
                               TileRegions& regions, std::vector<std::int64_t>& lengths) const
{
    const std::size_t buffers = regions.buffers;
    lengths.resize(static_cast<std::size_t>(n) * buffers);
    for (std::int64_t t = 0; t < n; ++t) {
        regionsInto(splitStep, axis, {t * extent / n, (t + 1) * extent / n}, regions.walk);
        std::int64_t* row = lengths.data() + static_cast<std::size_t>(t) * buffers;
        for (std::size_t b = 0; b < buffers; ++b)
            row[b] = regions.walk[b].length();
    }
}

PatchPlan PatchPlanner::evaluate(std::size_t splitStep, int grid, TileRegions& regions) const
{
    if (!isValidSplit(splitStep))
        throw Error("cannot split the network for patches after step " + std::to_string(splitStep));
    const Layer& split = m_network.layers()[m_lifetimes.order[splitStep]];
    const Shape& splitShape = m_network.tensor(split.outputs.front()).shape;
    if (grid < 1 || grid > splitShape[1] || grid > splitShape[2])
        throw Error("patch grid " + std::to_string(grid) + " does not fit the split output "
                    + shapeToString(splitShape));
    const std::size_t splitBuffer = m_geometry[splitStep].outBuffer;
    const auto n = static_cast<std::int64_t>(grid);
    // Square maps seen through square windows give the same columns as rows.
    const bool square = m_squarePrefix[splitStep];
    const std::size_t buffers = m_stageBuffers[splitStep];
    regions.buffers = buffers;
    tileLengths(splitStep, 1, splitShape[1], n, regions, regions.rows);
    if (!square)
        tileLengths(splitStep, 2, splitShape[2], n, regions, regions.columns);
    const std::vector<std::int64_t>& rows = regions.rows;
    const std::vector<std::int64_t>& cols = square ? regions.rows : regions.columns;
    PatchPlan plan;
    plan.splitStep = splitStep;
    plan.splitLayer = split.name;
    plan.grid = grid;
    // Halo MACs: a conv's MACs are uniform per output pixel, so the patches
    // cost macs/(H*W) * (sum of tile rows) * (sum of tile columns).
    for (std::size_t s = 0; s <= splitStep; ++s) {
        const std::int64_t macs = m_macsByLayer[m_lifetimes.order[s]];
        plan.stageMacs += macs;
        if (macs == 0)
            continue;
        const std::size_t b = m_geometry[s].outBuffer;
        std::int64_t sumRows = 0, sumCols = 0;
        for (std::size_t t = 0; t < static_cast<std::size_t>(n); ++t) {
            sumRows += rows[t * buffers + b];
            sumCols += cols[t * buffers + b];
        }
        plan.extraMacs += macs / m_outPixels[s] * sumRows * sumCols - macs;
    }
    // The worst patch is a pair of maximal tiles (maximalTiles): evaluate
    // those. With square tiles a patch's bytes, sum of C x rows_i x rows_j,
    // are symmetric in (i, j): each unordered pair once.
    const std::vector<std::size_t> rowTiles = maximalTiles(rows, static_cast<std::size_t>(n), buffers);
    const std::vector<std::size_t> colTiles =
        square ? rowTiles : maximalTiles(cols, static_cast<std::size_t>(n), buffers);
    const TensorBuffer& splitInfo = m_lifetimes.buffers[splitBuffer];
    for (std::size_t i = 0; i < rowTiles.size(); ++i)
        for (std::size_t j = square ? i : 0; j < colTiles.size(); ++j) {
            const std::int64_t* rowLengths = rows.data() + rowTiles[i] * buffers;
            const std::int64_t* colLengths = cols.data() + colTiles[j] * buffers;
            for (std::size_t s = 0; s <= splitStep; ++s) {
                std::int64_t bytes = m_scratch[s] + (s < splitInfo.firstStep ? splitInfo.bytes : 0);
                for (const std::size_t b : m_liveAt[s])
                    bytes += patchBytes(b, splitBuffer, rowLengths[b], colLengths[b]);
                plan.patchStagePeakBytes = std::max(plan.patchStagePeakBytes, bytes);
            }
        }
    plan.restPeakBytes = m_restPeakAfter[splitStep];
    plan.peakBytes = std::max(plan.patchStagePeakBytes, plan.restPeakBytes);
    const std::int64_t totalMacs = m_totalMacs;
    plan.overheadPercent = totalMacs > 0 ? 100.0 * static_cast<double>(plan.extraMacs) / static_cast<double>(totalMacs) : 0.0;
    return plan;
}

PatchAnalysis PatchPlanner::analyze() const
{
    PatchAnalysis analysis;
    analysis.perLayerPeakBytes = m_perLayerPeak;
    TileRegions regions; // reused by every plan: no allocation per tile
    for (std::size_t step = 0; step < m_lifetimes.order.size(); ++step) {
        if (!isValidSplit(step))
            continue;
        const Shape& out = m_network.tensor(m_network.layers()[m_lifetimes.order[step]].outputs.front()).shape;
        for (int grid = 1; grid <= m_options.maxGrid && grid <= out[1] && grid <= out[2]; ++grid)
            analysis.curve.push_back(evaluate(step, grid, regions));
    }
    for (const PatchPlan& plan : analysis.curve) {
        if (plan.overheadPercent > m_options.maxOverheadPercent)
            continue;
        if (!analysis.best || plan.peakBytes < analysis.best->peakBytes
            || (plan.peakBytes == analysis.best->peakBytes && plan.extraMacs < analysis.best->extraMacs))
            analysis.best = plan;
    }
    return analysis;
}

} // namespace mdse::core
