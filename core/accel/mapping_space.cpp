#include "core/accel/mapping_space.h"

#include <algorithm>
#include <unordered_set>

namespace mdse::core {
namespace {

using D = LoopDim;

std::vector<std::int64_t> divisors(std::int64_t n)
{
    std::vector<std::int64_t> low, high;
    for (std::int64_t d = 1; d * d <= n; ++d) {
        if (n % d != 0)
            continue;
        low.push_back(d);
        if (d != n / d)
            high.push_back(n / d);
    }
    low.insert(low.end(), high.rbegin(), high.rend());
    return low;
}

// The smallest divisor of n above f (0 if none).
std::int64_t nextDivisor(std::int64_t n, std::int64_t f)
{
    for (std::int64_t d = f + 1; d <= n; ++d)
        if (n % d == 0)
            return d;
    return 0;
}

std::int64_t productOf(const LoopFactors& f)
{
    std::int64_t r = 1;
    for (std::int64_t v : f)
        r *= v;
    return r;
}

LoopFactors times(const LoopFactors& a, const LoopFactors& b)
{
    LoopFactors r;
    for (std::size_t i = 0; i < r.size(); ++i)
        r[i] = a[i] * b[i];
    return r;
}

std::int64_t tileWords(Operand o, const LoopFactors& e, const ConvProblem& p)
{
    switch (o) {
    case Operand::Weights: return at(e, D::M) * at(e, D::C) * at(e, D::R) * at(e, D::S);
    case Operand::Outputs: return at(e, D::N) * at(e, D::M) * at(e, D::P) * at(e, D::Q);
    case Operand::Inputs:
        return at(e, D::N) * at(e, D::C) * inputSpan(at(e, D::P), at(e, D::R), p.strideH)
            * inputSpan(at(e, D::Q), at(e, D::S), p.strideW);
    }
    return 0;
}

double widthOf(Operand o, const OperandBits& b)
{
    return o == Operand::Weights ? b.weights : o == Operand::Inputs ? b.inputs : b.psums;
}

double occupancyBits(const LoopFactors& tile, const std::array<bool, 3>& kept, const OperandBits& widths,
                     const ConvProblem& p)
{
    double bits = 0;
    for (Operand o : kAllOperands)
        if (kept[std::size_t(o)])
            bits += double(tileWords(o, tile, p)) * widthOf(o, widths);
    return bits;
}

// Spatial factors of `dims` on one axis of `limit` PEs, each dividing what
// `taken` leaves of the loop; calls fn(factors) for every assignment.
// Returns false when fn asked to stop.
bool forEachAxis(const std::vector<LoopDim>& dims, std::size_t i, const LoopFactors& bound, const LoopFactors& taken,
                 std::int64_t limit, LoopFactors& axis, const std::function<bool(const LoopFactors&)>& fn)
{
    if (i == dims.size())
        return fn(axis);
    const LoopDim d = dims[i];
    const std::int64_t room = at(bound, d) / at(taken, d);
    bool go = true;
    for (std::int64_t f : divisors(room)) {
        if (f > limit || !go)
            break;
        at(axis, d) = f;
        go = forEachAxis(dims, i + 1, bound, taken, limit / f, axis, fn);
    }
    at(axis, d) = 1;
    return go;
}

bool axisIsMaximal(const std::vector<LoopDim>& dims, const LoopFactors& bound, const LoopFactors& other,
                   const LoopFactors& axis, std::int64_t limit)
{
    const std::int64_t used = productOf(axis);
    for (LoopDim d : dims) {
        const std::int64_t room = at(bound, d) / at(other, d), f = at(axis, d);
        const std::int64_t next = nextDivisor(room, f);
        if (next != 0 && used / f * next <= limit)
            return false;
    }
    return true;
}

bool forEachRegisterTile(const ConvProblem& p, const DataflowSpace& s, const MappingLimits& l, std::size_t i,
                         const LoopFactors& left, LoopFactors& rf, const std::function<bool()>& fn)
{
    if (i == s.rfDims.size())
        return occupancyBits(rf, s.rfKeeps, l.rfWidths, p) > l.rfBits || fn();
    const LoopDim d = s.rfDims[i];
    const bool whole = std::find(s.rfWhole.begin(), s.rfWhole.end(), d) != s.rfWhole.end();
    bool go = true;
    for (std::int64_t f : divisors(at(left, d))) {
        if (!go)
            break;
        if (whole && f != at(left, d))
            continue;
        at(rf, d) = f;
        if (occupancyBits(rf, s.rfKeeps, l.rfWidths, p) > l.rfBits)
            break; // larger factors only grow the tiles
        go = forEachRegisterTile(p, s, l, i + 1, left, rf, fn);
    }
    at(rf, d) = 1;
    return go;
}

// No RF factor can grow by a prime that divides what is left and keep the
// tiles within `capacityBits` (the smallest prime grows them least).
bool registersAreMaximal(const ConvProblem& p, const DataflowSpace& s, const MappingLimits& l, const LoopFactors& left,
                         const LoopFactors& rf, double capacityBits)
{
    for (LoopDim d : s.rfDims) {
        const std::int64_t room = at(left, d) / at(rf, d);
        for (std::int64_t prime = 2; prime <= room; ++prime) {
            if (room % prime != 0)
                continue;
            LoopFactors grown = rf;
            at(grown, d) *= prime;
            if (occupancyBits(grown, s.rfKeeps, l.rfWidths, p) <= capacityBits)
                return false;
            break;
        }
    }
    return true;
}

// An RF tile on the ladder of capacities RF, RF/2, RF/4, RF/8: maximal
// under one of them. A full RF is not always best: the global buffer
// must also hold the PEs' tiles together, with room to tile above them.
bool registersOnLadder(const ConvProblem& p, const DataflowSpace& s, const MappingLimits& l, const LoopFactors& left,
                       const LoopFactors& rf)
{
    const double used = occupancyBits(rf, s.rfKeeps, l.rfWidths, p);
    for (double cap = l.rfBits; cap >= used && cap >= l.rfBits / 8; cap /= 2)
        if (registersAreMaximal(p, s, l, left, rf, cap))
            return true;
    return false;
}

using DivisorLists = std::array<std::vector<std::int64_t>, kLoopDimCount>;

// With `largestLast`, only the largest factor that fits for the last loop
// (any smaller one could grow: not maximal).
void forEachBufferTile(const ConvProblem& p, const LoopFactors& below, const DivisorLists& choices,
                       const MappingLimits& l, int i, bool largestLast, LoopFactors& tile,
                       const std::function<void(const LoopFactors&)>& fn)
{
    constexpr std::array<bool, 3> all{true, true, true};
    if (i == kLoopDimCount) {
        fn(tile);
        return;
    }
    const std::int64_t base = below[std::size_t(i)];
    const auto fits = [&](std::int64_t f) {
        tile[std::size_t(i)] = base * f;
        return occupancyBits(tile, all, l.bufferWidths, p) <= l.bufferBits;
    };
    const std::vector<std::int64_t>& fs = choices[std::size_t(i)];
    if (largestLast && i == kLoopDimCount - 1) {
        for (auto f = fs.rbegin(); f != fs.rend(); ++f)
            if (fits(*f)) {
                fn(tile);
                break;
            }
    } else {
        for (std::int64_t f : fs) {
            if (!fits(f))
                break;
            forEachBufferTile(p, below, choices, l, i + 1, largestLast, tile, fn);
        }
    }
    tile[std::size_t(i)] = base;
}

// What a permutation (innermost first) does for each operand: the loops it
// keeps the operand across and the first loop that changes it.
std::uint32_t reuseKey(const std::array<LoopDim, kLoopDimCount>& order, int size)
{
    std::uint32_t key = 0;
    for (Operand o : kAllOperands) {
        std::uint32_t skipped = 0, first = kLoopDimCount;
        for (int i = 0; i < size; ++i) {
            if (isRelevant(o, order[std::size_t(i)])) {
                first = std::uint32_t(order[std::size_t(i)]);
                break;
            }
            skipped |= 1u << std::uint32_t(order[std::size_t(i)]);
        }
        key = key << 10 | skipped << 3 | first;
    }
    return key;
}

} // namespace

// Each space follows the dataflow's definition in ISCA 2016 Section III
// (taxonomy) and Section IV (RS):
//  WS: "once a weight is fetched to the RF of a PE, the PE runs through all
//   the N x E x E operations that use it": the RF keeps weights (one or
//   more per PE); N, P, Q stay temporal; inputs and psums move every MAC,
//   psums summed down the columns: the rows carry reduction loops (C, R,
//   S), the columns filters (M), as in nn-X/NeuFlow and TPU-style arrays.
//  OS: the psum of each output stays in a PE's RF until done; the paper's
//   variants put output pixels (OS_A, "SOC-MOP": P, Q), pixels and filters
//   (OS_B, "MOC-MOP") or filters alone (OS_C, "MOC-SOP": M) on the array:
//   rows and columns carry M, P, Q; weights and inputs move every MAC.
//  NLR: no RF; PEs of a group read the same input with different filters
//   (columns: M), groups take different channels (rows: C) and the psums
//   are summed across the array (DianNao, DaDianNao).
//  RS: the RF keeps a filter row (all of S) of p filters x q channels
//   (p*q*S words), the input window of n images (n*q*S) and p x n psums;
//   a PE set of R rows (psums summed vertically) x E columns (inputs reused
//   diagonally, filter rows horizontally; E = P); further sets replicate
//   over filters (t) on either axis and over channels (r) stacked
//   vertically, where their psums add up on the way up the columns (the
//   array moves psums vertically only).
DataflowSpace dataflowSpace(Dataflow dataflow)
{
    DataflowSpace s;
    s.dataflow = dataflow;
    switch (dataflow) {
    case Dataflow::WeightStationary:
        s.rfKeeps = {true, false, false};
        s.rowDims = {D::C, D::R, D::S};
        s.colDims = {D::M};
        s.rfDims = {D::M, D::C, D::R, D::S};
        break;
    case Dataflow::OutputStationary:
        s.rfKeeps = {false, false, true};
        s.rowDims = {D::M, D::P, D::Q};
        s.colDims = {D::M, D::P, D::Q};
        s.rfDims = {D::N, D::M, D::P, D::Q};
        break;
    case Dataflow::NoLocalReuse:
        s.rowDims = {D::C};
        s.colDims = {D::M};
        break;
    case Dataflow::RowStationary:
        s.rfKeeps = {true, true, true};
        s.rowDims = {D::R, D::M, D::C};
        s.colDims = {D::P, D::M};
        s.rfDims = {D::S, D::C, D::M, D::N};
        s.rfWhole = {D::S};
        break;
    }
    return s;
}

void forEachInnerMapping(const ConvProblem& p, const DataflowSpace& s, const MappingLimits& l, bool maximalOnly,
                         const std::function<bool(const InnerMapping&)>& fn)
{
    const LoopFactors bound = problemExtents(p);
    LoopFactors rows = kUnitFactors, cols = kUnitFactors;
    forEachAxis(s.rowDims, 0, bound, kUnitFactors, l.rows, rows, [&](const LoopFactors& r) {
        return forEachAxis(s.colDims, 0, bound, r, l.cols, cols, [&](const LoopFactors& c) {
            if (maximalOnly && !(axisIsMaximal(s.rowDims, bound, c, r, l.rows) && axisIsMaximal(s.colDims, bound, r, c, l.cols)))
                return true;
            LoopFactors left;
            for (std::size_t i = 0; i < left.size(); ++i)
                left[i] = bound[i] / (r[i] * c[i]);
            LoopFactors rf = kUnitFactors;
            return forEachRegisterTile(p, s, l, 0, left, rf, [&] {
                return (maximalOnly && !registersOnLadder(p, s, l, left, rf)) || fn({r, c, rf});
            });
        });
    });
}

std::vector<InnerMapping> innerMappings(const ConvProblem& p, const DataflowSpace& s, const MappingLimits& l,
                                        bool maximalOnly, std::size_t limit)
{
    std::vector<InnerMapping> result;
    forEachInnerMapping(p, s, l, maximalOnly, [&](const InnerMapping& m) {
        result.push_back(m);
        return result.size() <= limit;
    });
    return result;
}

std::vector<LoopFactors> bufferFactorChoices(const ConvProblem& p, const InnerMapping& inner,
                                             const DataflowSpace&, const MappingLimits& l, bool maximalOnly)
{
    const LoopFactors bound = problemExtents(p);
    const LoopFactors below = times(times(inner.registers, inner.rows), inner.cols);
    LoopFactors left;
    DivisorLists choices;
    for (std::size_t i = 0; i < left.size(); ++i) {
        left[i] = bound[i] / below[i];
        choices[i] = divisors(left[i]);
    }
    constexpr std::array<bool, 3> all{true, true, true};
    std::vector<LoopFactors> result;
    LoopFactors tile = below;
    forEachBufferTile(p, below, choices, l, 0, maximalOnly, tile, [&](const LoopFactors& t) {
        LoopFactors b;
        for (std::size_t i = 0; i < b.size(); ++i)
            b[i] = t[i] / below[i];
        if (maximalOnly) {
            for (std::size_t i = 0; i < b.size(); ++i) {
                const std::int64_t next = nextDivisor(left[i], b[i]);
                if (next == 0)
                    continue;
                LoopFactors grown = t;
                grown[i] = below[i] * next;
                if (occupancyBits(grown, all, l.bufferWidths, p) <= l.bufferBits)
                    return;
            }
        }
        result.push_back(b);
    });
    return result;
}

LoopOrderClasses::LoopOrderClasses()
{
    for (unsigned mask = 0; mask < m_orders.size(); ++mask) {
        std::array<LoopDim, kLoopDimCount> order{};
        int size = 0;
        for (LoopDim d : kAllLoopDims)
            if (mask & (1u << unsigned(d)))
                order[std::size_t(size++)] = d;
        int tail = size;
        for (LoopDim d : kAllLoopDims)
            if (!(mask & (1u << unsigned(d))))
                order[std::size_t(tail++)] = d;
        std::unordered_set<std::uint32_t> seen;
        do {
            if (seen.insert(reuseKey(order, size)).second)
                m_orders[mask].push_back(order);
        } while (std::next_permutation(order.begin(), order.begin() + size));
    }
}

unsigned LoopOrderClasses::maskOf(const LoopFactors& factors)
{
    unsigned mask = 0;
    for (LoopDim d : kAllLoopDims)
        if (at(factors, d) > 1)
            mask |= 1u << unsigned(d);
    return mask;
}

} // namespace mdse::core
