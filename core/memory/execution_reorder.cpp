#include "core/memory/execution_reorder.h"

#include "core/memory/buffer_lifetimes.h"
#include "core/memory/live_set.h"

#include <algorithm>
#include <limits>

namespace mdse::core {
namespace {

// Order-independent view of the graph for the search: per buffer its bytes,
// the layer producing it (-1 = graph input) and the layers reading it.
struct SearchGraph {
    std::size_t layerCount = 0;
    std::vector<std::int64_t> bytes;
    std::vector<long> producer;
    std::vector<std::vector<std::size_t>> readers;
    std::vector<bool> keep;                    // graph outputs stay live
    std::vector<std::vector<std::size_t>> predecessors; // per layer
    std::vector<std::vector<std::size_t>> produces;     // buffers per layer
    std::vector<std::int64_t> scratch;
};

SearchGraph buildGraph(const Network& network, const PrecisionView& precision, KernelPath path,
                       const ScratchByLayer* scratchByLayer)
{
    const BufferLifetimes lifetimes = computeBufferLifetimes(network, network.executionOrder(), precision);
    SearchGraph graph;
    graph.layerCount = network.layers().size();
    graph.predecessors.resize(graph.layerCount);
    graph.produces.resize(graph.layerCount);
    for (const TensorBuffer& buffer : lifetimes.buffers) {
        graph.bytes.push_back(buffer.bytes);
        graph.producer.push_back(network.producerOf(buffer.tensor));
        graph.keep.push_back(buffer.graphOutput);
        std::vector<std::size_t> readers;
        for (const std::string& name : [&] {
                 std::vector<std::string> all{buffer.tensor};
                 all.insert(all.end(), buffer.aliases.begin(), buffer.aliases.end());
                 return all;
             }())
            for (const std::size_t reader : network.consumersOf(name))
                readers.push_back(reader);
        graph.readers.push_back(readers);
        if (graph.producer.back() >= 0)
            graph.produces[static_cast<std::size_t>(graph.producer.back())].push_back(graph.bytes.size() - 1);
    }
    for (std::size_t l = 0; l < graph.layerCount; ++l) {
        const Layer& layer = network.layers()[l];
        graph.scratch.push_back(scratchByLayer ? (*scratchByLayer)[l] : kernelScratchBytes(network, layer, path));
        for (const std::string& input : layer.inputs)
            if (const long p = network.producerOf(input); p >= 0)
                graph.predecessors[l].push_back(static_cast<std::size_t>(p));
    }
    return graph;
}

template <typename Executed>
std::int64_t liveAfter(const SearchGraph& graph, Executed executed)
{
    std::int64_t total = 0;
    for (std::size_t b = 0; b < graph.bytes.size(); ++b) {
        if (graph.producer[b] >= 0 && !executed(static_cast<std::size_t>(graph.producer[b])))
            continue;
        bool needed = graph.keep[b];
        for (const std::size_t reader : graph.readers[b])
            needed = needed || !executed(reader);
        if (needed)
            total += graph.bytes[b];
    }
    return total;
}

std::int64_t stepCost(const SearchGraph& graph, std::int64_t live, std::size_t layer)
{
    std::int64_t cost = live + graph.scratch[layer];
    for (const std::size_t b : graph.produces[layer])
        cost += graph.bytes[b];
    return cost;
}

ReorderResult exactSearch(const SearchGraph& graph)
{
    const std::size_t n = graph.layerCount;
    const std::uint32_t full = (std::uint32_t{1} << n) - 1;
    constexpr std::int64_t kUnreached = std::numeric_limits<std::int64_t>::max();
    std::vector<std::int64_t> best(std::size_t{full} + 1, kUnreached);
    std::vector<std::uint8_t> lastLayer(std::size_t{full} + 1, 0);
    best[0] = 0;
    for (std::uint32_t mask = 0; mask < full; ++mask) {
        if (best[mask] == kUnreached)
            continue;
        const auto executed = [mask](std::size_t l) { return (mask >> l) & 1u; };
        const std::int64_t live = liveAfter(graph, executed);
        for (std::size_t l = 0; l < n; ++l) {
            if (executed(l))
                continue;
            bool ready = true;
            for (const std::size_t p : graph.predecessors[l])
                ready = ready && executed(p);
            if (!ready)
                continue;
            const std::uint32_t next = mask | (std::uint32_t{1} << l);
            const std::int64_t peak = std::max(best[mask], stepCost(graph, live, l));
            if (peak < best[next]) {
                best[next] = peak;
                lastLayer[next] = static_cast<std::uint8_t>(l);
            }
        }
    }
    ReorderResult result;
    result.peakBytes = best[full];
    for (std::uint32_t mask = full; mask != 0; mask &= ~(std::uint32_t{1} << lastLayer[mask]))
        result.order.push_back(lastLayer[mask]);
    std::reverse(result.order.begin(), result.order.end());
    result.exact = true;
    result.method = "exact DP over subsets";
    return result;
}

ReorderResult greedySearch(const SearchGraph& graph, const std::vector<std::size_t>& defaultOrder)
{
    std::vector<bool> done(graph.layerCount, false);
    std::vector<std::size_t> rank(graph.layerCount);
    for (std::size_t i = 0; i < defaultOrder.size(); ++i)
        rank[defaultOrder[i]] = i;
    ReorderResult result;
    const auto executed = [&done](std::size_t l) { return static_cast<bool>(done[l]); };
    while (result.order.size() < graph.layerCount) {
        const std::int64_t live = liveAfter(graph, executed);
        std::size_t chosen = graph.layerCount;
        std::int64_t chosenCost = 0, chosenAfter = 0;
        for (std::size_t l = 0; l < graph.layerCount; ++l) {
            bool ready = !done[l];
            for (const std::size_t p : graph.predecessors[l])
                ready = ready && done[p];
            if (!ready)
                continue;
            const std::int64_t cost = stepCost(graph, live, l);
            done[l] = true;
            const std::int64_t after = liveAfter(graph, executed);
            done[l] = false;
            const bool better = chosen == graph.layerCount || cost < chosenCost
                || (cost == chosenCost && (after < chosenAfter || (after == chosenAfter && rank[l] < rank[chosen])));
            if (better) {
                chosen = l;
                chosenCost = cost;
                chosenAfter = after;
            }
        }
        done[chosen] = true;
        result.order.push_back(chosen);
        result.peakBytes = std::max(result.peakBytes, chosenCost);
    }
    result.method = "greedy: smallest step peak";
    return result;
}

} // namespace

ReorderResult optimizeExecutionOrder(const Network& network, const PrecisionView& precision,
                                     KernelPath kernelPath, std::size_t exactLayerLimit,
                                     const ScratchByLayer* scratchByLayer)
{
    const SearchGraph graph = buildGraph(network, precision, kernelPath, scratchByLayer);
    exactLayerLimit = std::min<std::size_t>(exactLayerLimit, 20); // 2^20 states: 9 MB of tables
    ReorderResult result = graph.layerCount <= exactLayerLimit ? exactSearch(graph)
                                                               : greedySearch(graph, network.executionOrder());
    LiveSetOptions options;
    options.kernelPath = kernelPath;
    options.scratchByLayer = scratchByLayer;
    result.defaultPeakBytes = liveSetTimeline(network, precision, options).peakBytes;
    if (result.peakBytes >= result.defaultPeakBytes) { // never worse than the default order
        result.order = network.executionOrder();
        result.peakBytes = result.defaultPeakBytes;
    }
    result.savingBytes = result.defaultPeakBytes - result.peakBytes;
    return result;
}

} // namespace mdse::core
