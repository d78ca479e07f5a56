#include "core/accel/systolic_demand.h"

// Prefetch matrices (SCALE-Sim v2 systolic_compute_*.py create_*_prefetch_mat):
// per fold the operand block, padded with -1 to the array width, folds
// stacked vertically; some are then read anti-diagonal by anti-diagonal
// (row descending within a diagonal), the others row by row:
//   OS ifmap  rows fr*K + k,  cols j -> m = fr*R + j   (diagonal)
//   OS filter rows fc*K + k,  cols j -> n = fc*C + j   (diagonal)
//   WS ifmap  rows fr*M + m,  cols j -> k = fr*R + j   (diagonal)
//   WS filter rows fc*K + k,  cols j -> n = fc*C + j   (row by row)
//   IS ifmap  rows fc*K + k,  cols j -> m = fc*C + j   (row by row)
//   IS filter rows fr*N + n,  cols j -> k = fr*R + j   (diagonal)

namespace mdse::core::systolic_detail {
namespace {

// The A x B matrix `at(row, col)` in SCALE-Sim's fetch order.
template <class At>
std::vector<std::int64_t> ordered(std::int64_t rows, std::int64_t cols, bool diagonal, At&& at)
{
    std::vector<std::int64_t> out;
    out.reserve(std::size_t(rows * cols));
    if (!diagonal) {
        for (std::int64_t i = 0; i < rows; ++i)
            for (std::int64_t j = 0; j < cols; ++j)
                out.push_back(at(i, j));
        return out;
    }
    for (std::int64_t d = 0; d < rows + cols - 1; ++d)
        for (std::int64_t i = std::min(d, rows - 1); i >= std::max<std::int64_t>(0, d - cols + 1); --i)
            out.push_back(at(i, d - i));
    return out;
}

} // namespace

IfmapAddressing::IfmapAddressing(const SystolicLayer& l) : m_layer(l)
{
    const std::int64_t outW = l.ofmapW(), pixels = l.ofmapH() * outW;
    m_rowH.reserve(std::size_t(l.gemmM()));
    m_rowW.reserve(std::size_t(l.gemmM()));
    m_rowImage.reserve(std::size_t(l.gemmM()));
    m_colH.reserve(std::size_t(l.gemmK()));
    m_colW.reserve(std::size_t(l.gemmK()));
    m_colCh.reserve(std::size_t(l.gemmK()));
    for (std::int64_t m = 0; m < l.gemmM(); ++m) {
        const std::int64_t pixel = m % pixels;
        m_rowH.push_back((pixel / outW) * l.stride);
        m_rowW.push_back((pixel % outW) * l.stride);
        m_rowImage.push_back((m / pixels) * l.ifmapH * l.ifmapW * l.channels);
    }
    for (std::int64_t k = 0; k < l.gemmK(); ++k) {
        const std::int64_t rem = k % (l.filterW * l.channels);
        m_colH.push_back(k / (l.filterW * l.channels));
        m_colW.push_back(rem / l.channels);
        m_colCh.push_back(rem % l.channels);
    }
}

FoldGeometry foldsOf(const SystolicLayer& l, const SystolicConfig& c)
{
    FoldGeometry g;
    switch (c.dataflow) {
    case SystolicDataflow::OutputStationary: g.sr = l.gemmM(), g.sc = l.gemmN(), g.t = l.gemmK(); break;
    case SystolicDataflow::WeightStationary: g.sr = l.gemmK(), g.sc = l.gemmN(), g.t = l.gemmM(); break;
    case SystolicDataflow::InputStationary: g.sr = l.gemmK(), g.sc = l.gemmM(), g.t = l.gemmN(); break;
    }
    g.rowFolds = ceilDiv(g.sr, c.rows);
    g.colFolds = ceilDiv(g.sc, c.cols);
    const bool os = c.dataflow == SystolicDataflow::OutputStationary;
    g.foldCycles = os ? g.t + c.rows + c.cols - 2 : g.t + 2 * c.rows + c.cols - 2;
    return g;
}

std::vector<std::int64_t> ifmapPrefetchOrder(const SystolicLayer& l, const SystolicConfig& c,
                                             const IfmapAddressing& ifmapAt)
{
    const std::int64_t M = l.gemmM(), K = l.gemmK(), R = c.rows, C = c.cols;
    switch (c.dataflow) {
    case SystolicDataflow::OutputStationary:
        return ordered(K * ceilDiv(M, R), R, true, [&](std::int64_t i, std::int64_t j) {
            const std::int64_t m = (i / K) * R + j;
            return m < M ? ifmapAt(m, i % K) : -1;
        });
    case SystolicDataflow::WeightStationary:
        return ordered(M * ceilDiv(K, R), R, true, [&](std::int64_t i, std::int64_t j) {
            const std::int64_t k = (i / M) * R + j;
            return k < K ? ifmapAt(i % M, k) : -1;
        });
    case SystolicDataflow::InputStationary:
        return ordered(K * ceilDiv(M, C), C, false, [&](std::int64_t i, std::int64_t j) {
            const std::int64_t m = (i / K) * C + j;
            return m < M ? ifmapAt(m, i % K) : -1;
        });
    }
    return {};
}

std::vector<std::int64_t> filterPrefetchOrder(const SystolicLayer& l, const SystolicConfig& c)
{
    const std::int64_t K = l.gemmK(), N = l.gemmN(), R = c.rows, C = c.cols;
    const auto byColumnFold = [&](bool diagonal) {
        return ordered(K * ceilDiv(N, C), C, diagonal, [&](std::int64_t i, std::int64_t j) {
            const std::int64_t n = (i / K) * C + j;
            return n < N ? n * K + i % K : -1;
        });
    };
    switch (c.dataflow) {
    case SystolicDataflow::OutputStationary: return byColumnFold(true);
    case SystolicDataflow::WeightStationary: return byColumnFold(false);
    case SystolicDataflow::InputStationary:
        return ordered(N * ceilDiv(K, R), R, true, [&](std::int64_t i, std::int64_t j) {
            const std::int64_t k = (i / N) * R + j;
            return k < K ? (i % N) * K + k : -1;
        });
    }
    return {};
}

} // namespace mdse::core::systolic_detail
