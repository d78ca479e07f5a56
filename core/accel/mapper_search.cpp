#include "core/accel/mapper_search.h"

#include "core/accel/access_energy.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

// The search (mapping_space.h for the space of each dataflow):
//  1. If the whole space (every legal spatial assignment, RF tile, buffer
//     tile and distinct loop order at the buffer and DRAM levels) holds at
//     most maxEvaluations mappings, every one is evaluated.
//  2. Otherwise it is pruned by dominance: only spatial assignments and
//     buffer tiles no factor of which can grow to its next divisor and
//     still fit, RF tiles no factor of which can grow by a prime and stay
//     within the RF or a half, quarter or eighth of it (larger tiles refill
//     nothing more often; innerMappings); loop orders stay one per reuse
//     class (symmetry). Each inner choice (spatial assignment + RF
//     tile) then draws outer choices (buffer tile x loop orders) at random
//     from its own generator, seeded by (seed, inner index), in rounds of
//     successive halving (Jamieson & Talwalkar, AISTATS 2016): after each
//     round the better half of the inner choices stays and draws twice as
//     many (when there are too many inner choices even for that, a seeded
//     sample of them starts). The last few are refined by coordinate descent: every loop
//     order pair of the best buffer tile, then every buffer tile with the
//     best orders, until nothing improves.
// Inner choices are searched in parallel, each on its own state, and ties
// go to the first in enumeration order, so the result is the same for any
// thread count.

namespace mdse::core::mapper_detail {
namespace {

constexpr std::int64_t kMinPerRound = 4;

struct Best {
    double cost = kInfinity;
    std::array<std::int64_t, 4> index{}; // inner, buffer tile, buffer order, DRAM order
    LoopNest nest;
    std::int64_t evaluated = 0;
    bool sampled = false;

    void offer(double c, const std::array<std::int64_t, 4>& at, const LoopNest& n)
    {
        ++evaluated;
        if (c < cost || (c == cost && at < index)) {
            cost = c;
            index = at;
            nest = n;
        }
    }
    static Best join(Best a, const Best& b)
    {
        const bool bWins = b.cost < a.cost || (b.cost == a.cost && b.index < a.index);
        Best r = bWins ? b : a;
        r.evaluated = a.evaluated + b.evaluated;
        r.sampled = a.sampled || b.sampled;
        return r;
    }
};

// splitmix64 (Steele, Lea, Flood, OOPSLA 2014): a small portable generator.
struct SplitMix {
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    std::int64_t below(std::int64_t n) { return std::int64_t(next() % std::uint64_t(n)); }
};

// The outer space of one inner choice: buffer tiles and their order pairs.
struct OuterSpace {
    using Orders = std::vector<std::array<LoopDim, kLoopDimCount>>;
    std::vector<LoopFactors> buffers, drams;
    std::vector<const Orders*> bufferOrders, dramOrders;
    std::vector<std::int64_t> firstIndex; // prefix sums of order pairs per tile
    std::int64_t size() const { return firstIndex.empty() ? 0 : firstIndex.back(); }
};

OuterSpace outerSpace(const Context& c, const InnerMapping& inner, bool maximalOnly)
{
    OuterSpace s;
    s.buffers = bufferFactorChoices(c.problem, inner, c.space, c.limits, maximalOnly);
    const LoopFactors bound = problemExtents(c.problem);
    const std::size_t n = s.buffers.size();
    s.drams.reserve(n);
    s.bufferOrders.reserve(n);
    s.dramOrders.reserve(n);
    s.firstIndex.reserve(n + 1);
    s.firstIndex.push_back(0);
    for (const LoopFactors& b : s.buffers) {
        LoopFactors d;
        for (std::size_t i = 0; i < d.size(); ++i)
            d[i] = bound[i] / (b[i] * inner.rows[i] * inner.cols[i] * inner.registers[i]);
        s.drams.push_back(d);
        s.bufferOrders.push_back(&c.orders.orders(LoopOrderClasses::maskOf(b)));
        s.dramOrders.push_back(&c.orders.orders(LoopOrderClasses::maskOf(d)));
        s.firstIndex.push_back(s.firstIndex.back()
                               + std::int64_t(s.bufferOrders.back()->size() * s.dramOrders.back()->size()));
    }
    return s;
}

LoopNest nestOf(const Context& c, const InnerMapping& inner, const OuterSpace& s, std::size_t tile,
                std::int64_t pair, std::int64_t& bufferOrder, std::int64_t& dramOrder)
{
    LoopNest n;
    n.rows = inner.rows;
    n.cols = inner.cols;
    n.registers = inner.registers;
    n.rfKeeps = c.space.rfKeeps;
    n.buffer.factors = s.buffers[tile];
    n.dram.factors = s.drams[tile];
    const std::int64_t dramCount = std::int64_t(s.dramOrders[tile]->size());
    bufferOrder = pair / dramCount;
    dramOrder = pair % dramCount;
    n.buffer.order = (*s.bufferOrders[tile])[std::size_t(bufferOrder)];
    n.dram.order = (*s.dramOrders[tile])[std::size_t(dramOrder)];
    return n;
}

void tryAt(const Context& c, const InnerMapping& inner, const OuterSpace& s, std::int64_t innerIndex,
           std::int64_t flat, Best& best)
{
    const std::size_t tile = std::size_t(std::upper_bound(s.firstIndex.begin(), s.firstIndex.end(), flat)
                                         - s.firstIndex.begin() - 1);
    std::int64_t bo = 0, dro = 0;
    const LoopNest n = nestOf(c, inner, s, tile, flat - s.firstIndex[tile], bo, dro);
    best.offer(scoreOf(c, n), {innerIndex, std::int64_t(tile), bo, dro}, n);
}

// One inner choice under search: its outer space, best so far, generator.
struct InnerSearch {
    OuterSpace space;
    Best best;
    SplitMix rng{0};
    bool exhausted = false;
};

// At most the machine's hardware threads (0: oneTBB's default).
int arenaThreads(int requested)
{
    const int available = tbb::info::default_concurrency();
    return requested > 0 ? std::min(requested, available) : tbb::task_arena::automatic;
}

template <class Fn>
void forEachInParallel(const std::vector<std::size_t>& indices, int threads, Fn&& fn)
{
    tbb::task_arena arena(arenaThreads(threads));
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, indices.size()), [&](const auto& range) {
            for (std::size_t k = range.begin(); k != range.end(); ++k)
                fn(indices[k]);
        });
    });
}

void draw(const Context& c, const InnerMapping& inner, std::int64_t index, InnerSearch& s, std::int64_t count)
{
    if (s.exhausted)
        return;
    if (s.space.size() <= count + s.best.evaluated) {
        for (std::int64_t i = 0; i < s.space.size(); ++i)
            tryAt(c, inner, s.space, index, i, s.best);
        s.exhausted = true;
        return;
    }
    s.best.sampled = true;
    for (std::int64_t k = 0; k < count; ++k)
        tryAt(c, inner, s.space, index, s.rng.below(s.space.size()), s.best);
}

// Coordinate descent from the best mapping of one inner choice.
void refine(const Context& c, const InnerMapping& inner, std::int64_t index, InnerSearch& s)
{
    if (s.exhausted || s.best.cost == kInfinity)
        return;
    for (int pass = 0; pass < 4; ++pass) {
        const double before = s.best.cost;
        const std::size_t tile = std::size_t(s.best.index[1]);
        for (std::int64_t i = s.space.firstIndex[tile]; i < s.space.firstIndex[tile + 1]; ++i)
            tryAt(c, inner, s.space, index, i, s.best);
        const TemporalLoops bufferLoops = s.best.nest.buffer, dramLoops = s.best.nest.dram;
        for (std::size_t t = 0; t < s.space.buffers.size(); ++t) {
            LoopNest n = s.best.nest;
            n.buffer = {s.space.buffers[t], bufferLoops.order};
            n.dram = {s.space.drams[t], dramLoops.order};
            s.best.offer(scoreOf(c, n), {index, std::int64_t(t), 1 << 20, pass}, n);
        }
        if (!(s.best.cost < before))
            break;
    }
}

// Every inner choice of the whole space when that space holds at most
// `limit` mappings (stops counting as soon as it holds more).
std::optional<std::vector<InnerMapping>> wholeSpaceWithin(const Context& c, std::int64_t limit, double& size)
{
    std::vector<InnerMapping> inners;
    size = 0;
    forEachInnerMapping(c.problem, c.space, c.limits, false, [&](const InnerMapping& m) {
        inners.push_back(m);
        size += double(outerSpace(c, m, false).size());
        return size <= double(limit);
    });
    if (size > double(limit))
        return std::nullopt;
    return inners;
}

Best searchExhaustive(const Context& c, const std::vector<InnerMapping>& inners, int threads)
{
    const auto body = [&](const tbb::blocked_range<std::size_t>& range, Best acc) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
            const OuterSpace s = outerSpace(c, inners[i], false);
            for (std::int64_t k = 0; k < s.size(); ++k)
                tryAt(c, inners[i], s, std::int64_t(i), k, acc);
        }
        return acc;
    };
    tbb::task_arena arena(arenaThreads(threads));
    return arena.execute([&] {
        return tbb::parallel_reduce(tbb::blocked_range<std::size_t>(0, inners.size()), Best{}, body, Best::join);
    });
}

// The inner choices the halving starts from, in enumeration order: all of
// them, or, when even kMinPerRound draws each over ~16 rounds would exceed
// the budget, a sample without replacement (partial Fisher-Yates).
std::vector<std::size_t> innerSample(std::size_t count, std::int64_t budget, std::uint64_t seed)
{
    std::vector<std::size_t> all(count);
    for (std::size_t i = 0; i < count; ++i)
        all[i] = i;
    const std::size_t keep = std::max<std::size_t>(4, std::size_t(budget / (16 * kMinPerRound)));
    if (count <= keep)
        return all;
    SplitMix rng{seed ^ 0x5851f42d4c957f2dull};
    for (std::size_t i = 0; i < keep; ++i)
        std::swap(all[i], all[i + std::size_t(rng.below(std::int64_t(count - i)))]);
    all.resize(keep);
    std::sort(all.begin(), all.end());
    return all;
}

Best searchPruned(const Context& c, const std::vector<InnerMapping>& inners, std::int64_t budget, int threads,
                  double& spaceSize)
{
    constexpr std::size_t kRefined = 4;
    std::vector<InnerSearch> states(inners.size());
    std::vector<std::size_t> alive = innerSample(inners.size(), budget, c.seed);
    Best sampledInners;
    sampledInners.sampled = alive.size() < inners.size();
    forEachInParallel(alive, threads, [&](std::size_t i) {
        states[i].space = outerSpace(c, inners[i], true);
        states[i].rng = SplitMix{c.seed ^ (std::uint64_t(i) * 0xd1b54a32d192ed03ull)};
    });
    spaceSize = 0;
    for (std::size_t i : alive)
        spaceSize += double(states[i].space.size());
    spaceSize *= double(inners.size()) / double(std::max<std::size_t>(1, alive.size())); // an estimate when sampled
    const double rounds = std::ceil(std::log2(double(std::max<std::size_t>(2, alive.size()))));
    std::int64_t perRound = std::max<std::int64_t>(
        kMinPerRound, std::int64_t(double(budget) / (2.0 * double(alive.size()) * rounds)));
    while (true) {
        forEachInParallel(alive, threads, [&](std::size_t i) { draw(c, inners[i], std::int64_t(i), states[i], perRound); });
        std::stable_sort(alive.begin(), alive.end(), [&](std::size_t a, std::size_t b) {
            return states[a].best.cost < states[b].best.cost;
        });
        if (alive.size() <= kRefined)
            break;
        alive.resize((alive.size() + 1) / 2);
        perRound *= 2;
    }
    forEachInParallel(alive, threads, [&](std::size_t i) { refine(c, inners[i], std::int64_t(i), states[i]); });
    Best best = sampledInners;
    for (const InnerSearch& s : states)
        best = Best::join(best, s.best);
    return best;
}

} // namespace

// The objective of a mapping (evaluate's figures, without the report).
double scoreOf(const Context& c, const LoopNest& nest)
{
    const LoopNestCounts n = countLoopNest(c.problem, nest);
    const double g = double(c.problem.groups);
    const auto energy = [&] { return accessEnergy(n.accesses, n.macs, n.outputWords, c.operands, *c.costs).total() * g; };
    const auto cycles = [&] {
        const double compute = std::ceil(double(n.steps) * g * skippedCycleFactor(c.operands));
        const double bytes = dramBytes(n.accesses, n.outputWords, c.operands) * g;
        return std::max(compute, std::ceil(bytes / (c.accel->dramBytesPerSecond / c.accel->clockHz)));
    };
    switch (c.objective) {
    case MapperObjective::Energy: return energy();
    case MapperObjective::Latency: return cycles();
    case MapperObjective::EnergyDelay: return energy() * cycles();
    }
    return kInfinity;
}

SearchOutcome searchMappings(const Context& c, std::int64_t budget, int threads)
{
    SearchOutcome out;
    const std::optional<std::vector<InnerMapping>> whole = wholeSpaceWithin(c, budget, out.spaceSize);
    Best best;
    out.search = "exhaustive";
    if (whole) {
        best = searchExhaustive(c, *whole, threads);
    } else {
        const std::vector<InnerMapping> pruned = innerMappings(c.problem, c.space, c.limits, true);
        best = searchPruned(c, pruned, budget, threads, out.spaceSize);
        out.search = best.sampled ? "pruned, sampled" : "pruned";
    }
    out.found = best.cost < kInfinity;
    out.nest = best.nest;
    out.evaluated = best.evaluated;
    return out;
}

} // namespace mdse::core::mapper_detail
