#include "core/accel/loop_nest.h"

#include "core/util/error.h"

#include <algorithm>
#include <vector>

// Access counting of a loop nest, the tile analysis of Timeloop (Parashar
// et al., "Timeloop: A Systematic Approach to DNN Accelerator Evaluation",
// ISPASS 2019, Section V) reduced to one tile per buffer, with the reuse
// chain of Chen, Emer, Sze (ISCA 2016, Section V) as the unit of account:
// a word read a times from DRAM, ab times from the GLB, abc times over the
// array and abcd times from an RF. In words, per group:
//  - A level's tile of an operand is the footprint of all loops inside it.
//    The tile is refilled when a loop above it changes the operand; loops
//    above it that leave the operand unchanged and sit inside every loop
//    that changes it keep the tile (stationarity). The first changing loop
//    refetches the whole tile per iteration, except that an input tile
//    sliding along P/Q/R/S fetches only the new rows/columns (the union of
//    the windows); every loop outside it refetches (one tile per buffer).
//  - Inputs, weights kept in the RF: DRAM reads = GLB fills; GLB reads =
//    the fills of the union of the PEs' tiles (one read multicast to every
//    PE that needs it, diagonal reuse included); array = the PEs' fills
//    summed (a multicast to k PEs counts k); RF = one read per MAC.
//  - Inputs, weights not kept in the RF: every MAC gets its operand over
//    the array (array = MACs) and each cycle's operands are read once from
//    the GLB (the union over the PEs of that cycle; no reuse across cycles).
//  - Outputs: kept in the RF, each MAC reads and writes its psum there
//    (RF = 2 MACs); the RF tile drains to the array each time it is
//    refilled (array = drained words of all PEs) and psums of PEs that
//    differ only in C/R/S are summed on the way (spatial reduction of k
//    PEs), so k drains make one GLB update. Not kept, every MAC's product
//    leaves the PE (array = MACs, GLB updates = MACs / k). A GLB update is
//    a read and a write except each output's first (GLB = 2 updates - O).
//    The GLB tile is written to DRAM each time it is refilled and read back
//    except the first time (DRAM = 2 writes - O; O of the writes are final
//    outputs, the rest psum spills).

namespace mdse::core {
namespace {

struct Loop {
    LoopDim dim;
    std::int64_t factor;
};

// Loops with a factor above 1, innermost first.
struct LoopSequence {
    std::array<Loop, 2 * kLoopDimCount> loops{};
    int size = 0;
    void append(const TemporalLoops& level)
    {
        for (LoopDim d : level.order)
            if (at(level.factors, d) > 1)
                loops[std::size_t(size++)] = {d, at(level.factors, d)};
    }
};

struct Strides {
    std::int64_t h = 1, w = 1;
};

std::int64_t footprint(Operand o, const LoopFactors& e, const Strides& u)
{
    using D = LoopDim;
    switch (o) {
    case Operand::Weights: return at(e, D::M) * at(e, D::C) * at(e, D::R) * at(e, D::S);
    case Operand::Outputs: return at(e, D::N) * at(e, D::M) * at(e, D::P) * at(e, D::Q);
    case Operand::Inputs:
        return at(e, D::N) * at(e, D::C) * inputSpan(at(e, D::P), at(e, D::R), u.h)
            * inputSpan(at(e, D::Q), at(e, D::S), u.w);
    }
    return 0;
}

// Words moved into one instance of a level holding `tile` over the loops
// above it (rules at the top of the file).
std::int64_t fills(Operand o, const LoopFactors& tile, const LoopSequence& above, const Strides& u)
{
    int i = 0;
    while (i < above.size && !isRelevant(o, above.loops[std::size_t(i)].dim))
        ++i;
    if (i == above.size)
        return footprint(o, tile, u);
    LoopFactors swept = tile;
    at(swept, above.loops[std::size_t(i)].dim) *= above.loops[std::size_t(i)].factor;
    std::int64_t words = footprint(o, swept, u);
    for (++i; i < above.size; ++i)
        words *= above.loops[std::size_t(i)].factor;
    return words;
}

// Distinct values of a*s1 + b*s2 for a < n1, b < n2 (s1, s2 >= 1).
std::int64_t distinctOffsets(std::int64_t n1, std::int64_t s1, std::int64_t n2, std::int64_t s2)
{
    if (n1 == 1 || n2 == 1 || s1 > (n2 - 1) * s2 || s2 > (n1 - 1) * s1)
        return n1 * n2;
    if (s1 % s2 == 0)
        return (n1 - 1) * (s1 / s2) + n2;
    if (s2 % s1 == 0)
        return (n2 - 1) * (s2 / s1) + n1;
    std::vector<std::int64_t> values;
    values.reserve(std::size_t(n1 * n2));
    for (std::int64_t a = 0; a < n1; ++a)
        for (std::int64_t b = 0; b < n2; ++b)
            values.push_back(a * s1 + b * s2);
    std::sort(values.begin(), values.end());
    return std::unique(values.begin(), values.end()) - values.begin();
}

// Distinct words of a bypassed operand the PEs use in one cycle: PEs that
// differ only in loops irrelevant to it share the word (multicast).
std::int64_t wordsPerCycle(Operand o, const LoopNest& n, const Strides& u)
{
    using D = LoopDim;
    LoopFactors sp;
    for (LoopDim d : kAllLoopDims)
        at(sp, d) = at(n.rows, d) * at(n.cols, d);
    if (o == Operand::Weights)
        return at(sp, D::M) * at(sp, D::C) * at(sp, D::R) * at(sp, D::S);
    // A PE's p is (spatial index) * (RF factor) + (RF index): the PEs of one
    // cycle sit RF-factor apart in p and r (likewise q and s).
    const LoopFactors& rf = n.registers;
    return at(sp, D::N) * at(sp, D::C)
        * distinctOffsets(at(sp, D::P), at(rf, D::P) * u.h, at(sp, D::R), at(rf, D::R))
        * distinctOffsets(at(sp, D::Q), at(rf, D::Q) * u.w, at(sp, D::S), at(rf, D::S));
}

void checkFactors(const ConvProblem& p, const LoopNest& n)
{
    const LoopFactors bound = problemExtents(p);
    for (LoopDim d : kAllLoopDims) {
        const std::int64_t product = at(n.dram.factors, d) * at(n.buffer.factors, d) * at(n.rows, d)
            * at(n.cols, d) * at(n.registers, d);
        if (product != at(bound, d))
            throw Error("loop nest for '" + p.name + "': the factors of " + std::string(1, loopDimLetter(d))
                        + " multiply to " + std::to_string(product) + ", the layer has "
                        + std::to_string(at(bound, d)));
    }
}

LoopFactors times(const LoopFactors& a, const LoopFactors& b)
{
    LoopFactors r;
    for (std::size_t i = 0; i < r.size(); ++i)
        r[i] = a[i] * b[i];
    return r;
}

std::int64_t product(const LoopFactors& f, std::initializer_list<LoopDim> dims)
{
    std::int64_t r = 1;
    for (LoopDim d : dims)
        r *= at(f, d);
    return r;
}

std::int64_t product(const LoopFactors& f)
{
    std::int64_t r = 1;
    for (std::int64_t v : f)
        r *= v;
    return r;
}

} // namespace

char loopDimLetter(LoopDim dim) { return "NMCPQRS"[std::size_t(dim)]; }

LoopFactors problemExtents(const ConvProblem& p)
{
    return {p.batch, p.filters, p.channels, p.outputH, p.outputW, p.kernelH, p.kernelW};
}

bool isRelevant(Operand operand, LoopDim dim)
{
    switch (operand) {
    case Operand::Weights: return dim == LoopDim::M || dim == LoopDim::C || dim == LoopDim::R || dim == LoopDim::S;
    case Operand::Inputs: return dim != LoopDim::M;
    case Operand::Outputs: return dim == LoopDim::N || dim == LoopDim::M || dim == LoopDim::P || dim == LoopDim::Q;
    }
    return false;
}

std::string_view operandName(Operand operand)
{
    switch (operand) {
    case Operand::Weights: return "weights";
    case Operand::Inputs: return "inputs";
    case Operand::Outputs: return "outputs";
    }
    return "?";
}

std::int64_t inputSpan(std::int64_t p, std::int64_t r, std::int64_t stride)
{
    return stride <= r ? (p - 1) * stride + r : p * r;
}

LoopNestCounts countLoopNest(const ConvProblem& p, const LoopNest& n)
{
    checkFactors(p, n);
    const Strides u{p.strideH, p.strideW};
    const LoopFactors arrayTile = times(times(n.registers, n.rows), n.cols);
    const LoopFactors bufferTile = times(arrayTile, n.buffer.factors);
    LoopSequence aboveRf, aboveBuffer;
    aboveRf.append(n.buffer);
    aboveRf.append(n.dram);
    aboveBuffer.append(n.dram);
    LoopNestCounts c;
    c.usedPes = product(n.rows) * product(n.cols);
    c.steps = product(n.registers) * product(n.buffer.factors) * product(n.dram.factors);
    c.macs = c.usedPes * c.steps;
    c.outputWords = footprint(Operand::Outputs, problemExtents(p), u);
    for (Operand o : kAllOperands) {
        const std::size_t i = std::size_t(o);
        c.bufferTileWords[i] = footprint(o, bufferTile, u);
        c.rfTileWords[i] = n.rfKeeps[i] ? footprint(o, n.registers, u) : 0;
    }
    for (Operand o : {Operand::Weights, Operand::Inputs}) {
        LevelAccesses& a = o == Operand::Weights ? c.accesses.weights : c.accesses.inputs;
        a.dram = fills(o, bufferTile, aboveBuffer, u);
        if (n.rfKeeps[std::size_t(o)]) {
            a.array = fills(o, n.registers, aboveRf, u) * c.usedPes;
            a.globalBuffer = fills(o, arrayTile, aboveRf, u);
            a.registerFile = c.macs;
        } else {
            a.array = c.macs;
            a.globalBuffer = wordsPerCycle(o, n, u) * c.steps;
        }
    }
    using D = LoopDim;
    const std::int64_t reduction = product(n.rows, {D::C, D::R, D::S}) * product(n.cols, {D::C, D::R, D::S});
    LevelAccesses& psums = c.accesses.psums;
    if (n.rfKeeps[std::size_t(Operand::Outputs)]) {
        psums.registerFile = 2 * c.macs;
        psums.array = fills(Operand::Outputs, n.registers, aboveRf, u) * c.usedPes;
    } else {
        psums.array = c.macs;
    }
    const std::int64_t updates = psums.array / reduction;
    psums.globalBuffer = 2 * updates - c.outputWords;
    psums.dram = 2 * fills(Operand::Outputs, bufferTile, aboveBuffer, u) - c.outputWords;
    return c;
}

std::string printLoopNest(const LoopNest& n)
{
    const auto temporal = [](const TemporalLoops& level) {
        std::string s;
        for (auto d = level.order.rbegin(); d != level.order.rend(); ++d)
            if (at(level.factors, *d) > 1)
                s += std::string(s.empty() ? "" : " ") + "for " + loopDimLetter(*d) + " in [0:"
                    + std::to_string(at(level.factors, *d)) + ")";
        return s.empty() ? std::string("-") : s;
    };
    const auto spatial = [](const LoopFactors& f, const char* axis) {
        std::string s;
        for (LoopDim d : kAllLoopDims)
            if (at(f, d) > 1)
                s += std::string(s.empty() ? "" : ", ") + "spatial " + loopDimLetter(d) + " in [0:"
                    + std::to_string(at(f, d)) + ") on " + axis;
        return s;
    };
    std::string array = spatial(n.rows, "rows");
    const std::string cols = spatial(n.cols, "cols");
    array += (array.empty() || cols.empty() ? "" : ", ") + cols;
    TemporalLoops rf;
    rf.factors = n.registers;
    rf.order = {LoopDim::S, LoopDim::R, LoopDim::Q, LoopDim::P, LoopDim::C, LoopDim::M, LoopDim::N};
    std::string keeps;
    for (Operand o : kAllOperands)
        if (n.rfKeeps[std::size_t(o)])
            keeps += std::string(keeps.empty() ? "" : ", ") + std::string(operandName(o));
    return "DRAM    " + temporal(n.dram) + "\nGLB     " + temporal(n.buffer) + "\narray   "
        + (array.empty() ? std::string("-") : array) + "\nRF      " + temporal(rf) + "   [keeps "
        + (keeps.empty() ? std::string("nothing") : keeps) + "]\n        MAC\n";
}

} // namespace mdse::core
