#include "core/accel/dataflow_mapping.h"

#include <algorithm>

// Access counting follows the reuse-chain view of Chen, Emer, Sze,
// "Eyeriss: A Spatial Architecture for Energy-Efficient Dataflow for CNNs",
// ISCA 2016, Section V: a datum read a times from DRAM, ab times from the
// global buffer (GLB), abc times over the array and abcd times from an RF.
// Accesses are counted in words; an array "access" is one delivery to one
// PE (a multicast to k PEs counts k). Psum accumulation in an RF costs a
// read and a write per MAC. Notation (ISCA 2016 Table I), per group:
// N images, C channels, M filters, R x S filter, E x F output, H x W input,
// U stride, MACs = N*E*F*R*S*C*M, I = N*H*W*C input words, Wt = R*S*C*M,
// O = N*E*F*M. The N images of a batch run back to back inside each fold
// (weights are shared by the batch; inputs and outputs are per image), so
// at N = 1 every count is the single-image one.

namespace mdse::core {
namespace {

std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

struct Dims {
    std::int64_t N, C, M, R, S, E, F, H, W, Wpad, macs, I, Wt, O;
};

Dims dimsOf(const ConvProblem& p)
{
    return {p.batch, p.channels, p.filters, p.kernelH, p.kernelW, p.outputH, p.outputW, p.inputH, p.inputW,
            p.paddedW, p.macsPerGroup(), p.inputWordsPerGroup(), p.weightWordsPerGroup(),
            p.outputWordsPerGroup()};
}

std::string str(std::int64_t v) { return std::to_string(v); }

// WS, TPU/NVDLA style: the K = R*S*C reduction axis on rows, M filters on
// columns; each PE holds one weight for the whole N*E*F output planes.
//  weights: GLB Wt, array Wt (loaded once per fold), RF = MACs (one read per MAC)
//  inputs:  GLB I * ceil(M/cols) (the input is streamed once per M-fold),
//           array = MACs (an input hops into every PE that uses it), no RF
//  psums:   array = MACs (passed down the column), GLB O*(2*kFolds - 1)
//           (the first K-fold writes, each later one reads and writes), no RF
DataflowMapping weightStationary(const Dims& d, const ArrayShape& a)
{
    const std::int64_t k = d.R * d.S * d.C;
    const std::int64_t kFolds = ceilDiv(k, a.rows), mFolds = ceilDiv(d.M, a.cols);
    DataflowMapping m;
    m.spatial = "R*S*C=" + str(k) + " on rows, M=" + str(d.M) + " on cols";
    m.folds = kFolds * mFolds;
    m.temporal = str(kFolds) + " K-folds x " + str(mFolds) + " M-folds, N*E*F=" + str(d.N * d.E * d.F) + " per fold";
    m.utilization = double(k * d.M) / double(m.folds * a.rows * a.cols);
    m.onChip.weights = {0, d.Wt, d.Wt, d.macs};
    m.onChip.inputs = {0, d.I * mFolds, d.macs, 0};
    m.onChip.psums = {0, d.O * (2 * kFolds - 1), d.macs, 0};
    return m;
}

// OS, ShiDianNao style: an E x F output tile on the array, one output per
// PE accumulating in its RF, one filter and one image at a time.
//  psums:   RF 2*MACs (read-modify-write), GLB O (final write), no array
//  weights: broadcast: GLB Wt * tiles * N (again for every image), array = MACs, no RF
//  inputs:  shifted between neighbours: GLB I * M (the input plane is read
//           once per filter), array = MACs, no RF
DataflowMapping outputStationary(const Dims& d, const ArrayShape& a)
{
    const std::int64_t eFolds = ceilDiv(d.E, a.rows), fFolds = ceilDiv(d.F, a.cols);
    DataflowMapping m;
    m.spatial = "E=" + str(d.E) + " on rows, F=" + str(d.F) + " on cols";
    m.folds = eFolds * fFolds * d.M * d.N;
    m.temporal = str(eFolds * fFolds) + " output tiles x M=" + str(d.M) + " x N=" + str(d.N) + ", R*S*C="
        + str(d.R * d.S * d.C) + " per tile";
    m.utilization = double(d.E * d.F) / double(eFolds * a.rows * fFolds * a.cols);
    m.onChip.psums = {0, d.O, 0, 2 * d.macs};
    m.onChip.weights = {0, d.Wt * eFolds * fFolds * d.N, d.macs, 0};
    m.onChip.inputs = {0, d.I * d.M, d.macs, 0};
    return m;
}

// NLR, DianNao style: C input channels on rows, M filters on columns,
// an adder tree reduces over the rows; no RF at all.
//  weights: GLB = MACs (no reuse), array = MACs
//  inputs:  GLB = MACs * mFolds / M (one read multicast to the filters in
//           the array), array = MACs
//  psums:   array = MACs (adder tree), GLB 2*O*R*S*cFolds - O
DataflowMapping noLocalReuse(const Dims& d, const ArrayShape& a)
{
    const std::int64_t cFolds = ceilDiv(d.C, a.rows), mFolds = ceilDiv(d.M, a.cols);
    DataflowMapping m;
    m.spatial = "C=" + str(d.C) + " on rows, M=" + str(d.M) + " on cols";
    m.folds = cFolds * mFolds * d.R * d.S * d.E * d.F * d.N;
    m.temporal = str(cFolds) + " C-folds x " + str(mFolds) + " M-folds x N*R*S*E*F="
        + str(d.N * d.R * d.S * d.E * d.F);
    m.utilization = double(d.C * d.M) / double(cFolds * a.rows * mFolds * a.cols);
    m.onChip.weights = {0, d.macs, d.macs, 0};
    m.onChip.inputs = {0, ceilDiv(d.macs * mFolds, d.M), d.macs, 0};
    m.onChip.psums = {0, 2 * d.O * d.R * d.S * cFolds - d.O, d.macs, 0};
    return m;
}

// RS, Eyeriss (ISCA 2016 Section IV, ISSCC 2016): a logical PE set of R x E
// PEs; PE (r, e) convolves filter row r with input row e*U + r into psum
// row e. The RF (split as Eyeriss's 224/12/24-word filter/ifmap/psum
// scratchpads of 260) holds p filters x q channels: q*S <= ifmap words,
// p <= psum words, p*q*S <= filter words.
//  weights: RF = MACs; array = MACs / (F*N) (a filter row is delivered once
//           per output row and reused across the F sliding positions and
//           the N images, which run back to back while it stays in the RF);
//           GLB Wt * eFolds (a read is multicast along a PE row)
//  inputs:  RF = MACs; array = MACs * Wpad / (p*F*S) (an input row of Wpad
//           words serves p filters x F positions x S taps);
//           GLB I * ceil(M / (p*sets)) (multicast along the diagonal)
//  psums:   RF 2*MACs; array O * R * ceil(C/q) (vertical accumulation);
//           GLB O * (2*ceil(C/q) - 1)
DataflowMapping rowStationary(const Dims& d, const ArrayShape& a)
{
    const std::int64_t filterWords = a.rfWords * 224 / 260, ifmapWords = a.rfWords * 12 / 260;
    const std::int64_t psumWords = std::max<std::int64_t>(1, a.rfWords * 24 / 260);
    const std::int64_t q = std::clamp<std::int64_t>(ifmapWords / d.S, 1, d.C);
    const std::int64_t p = std::clamp<std::int64_t>(std::min(psumWords, filterWords / (q * d.S)), 1, d.M);
    const std::int64_t rFolds = ceilDiv(d.R, a.rows), eFolds = ceilDiv(d.E, a.cols);
    const std::int64_t sets = d.R <= a.rows ? std::max<std::int64_t>(1, a.rows / d.R) : 1;
    const std::int64_t setsUsed = std::min(sets, ceilDiv(d.M, p) * ceilDiv(d.C, q));
    DataflowMapping m;
    m.spatial = "R=" + str(d.R) + " x E=" + str(d.E) + " PE set, " + str(setsUsed) + " set(s) stacked; p="
        + str(p) + " filters, q=" + str(q) + " channels per PE";
    m.folds = rFolds * eFolds * ceilDiv(ceilDiv(d.M, p) * ceilDiv(d.C, q), setsUsed) * d.N;
    m.temporal = str(m.folds) + " passes (R, E, M/p, C/q folds, N images), F*S*p*q MACs per PE per pass";
    const double rowUse = d.R <= a.rows ? double(setsUsed * d.R) / double(a.rows)
                                        : double(d.R) / double(rFolds * a.rows);
    m.utilization = rowUse * double(d.E) / double(eFolds * a.cols);
    m.onChip.weights = {0, d.Wt * eFolds, ceilDiv(d.macs, d.F * d.N), d.macs};
    m.onChip.inputs = {0, d.I * ceilDiv(d.M, p * setsUsed), ceilDiv(d.macs * d.Wpad, p * d.F * d.S), d.macs};
    const std::int64_t cBlocks = ceilDiv(d.C, q);
    m.onChip.psums = {0, d.O * (2 * cBlocks - 1), d.O * d.R * cBlocks, 2 * d.macs};
    return m;
}

} // namespace

DataflowMapping mapDataflow(const ConvProblem& problem, const ArrayShape& array, Dataflow dataflow)
{
    const Dims d = dimsOf(problem);
    switch (dataflow) {
    case Dataflow::WeightStationary: return weightStationary(d, array);
    case Dataflow::OutputStationary: return outputStationary(d, array);
    case Dataflow::RowStationary: return rowStationary(d, array);
    case Dataflow::NoLocalReuse: return noLocalReuse(d, array);
    }
    return {};
}

} // namespace mdse::core
