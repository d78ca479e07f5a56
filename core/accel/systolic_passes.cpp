#include "core/accel/systolic_passes.h"

#include "core/accel/systolic_buffers.h"
#include "core/accel/systolic_demand.h"

#include <algorithm>
#include <vector>

// Which words each fold asks for (systolic_demand.h): folds run column fold
// fc outer, row fold fr inner; a fold of r used rows and c used columns
//   OS: ifmap  pixels [fr R, fr R + r) x all window elements  (set fr)
//       filter filters [fc C, fc C + c) x all elements       (set fc)
//   WS: ifmap  all pixels x elements [fr R, fr R + r)         (set fr)
//       filter elements [fr R, ...) x filters [fc C, ...)    (its own set)
//   IS: ifmap  pixels [fc C, ...) x elements [fr R, ...)      (its own set)
//       filter all filters x elements [fr R, fr R + r)       (set fr)

namespace mdse::core::systolic_detail {
namespace {

struct Fold {
    std::int64_t fc, fr, rows, cols; // used rows r and columns c
};

template <class Fn>
void forEachFold(const SystolicLayer& l, const SystolicConfig& c, Fn&& fn)
{
    const FoldGeometry g = foldsOf(l, c);
    for (std::int64_t fc = 0; fc < g.colFolds; ++fc)
        for (std::int64_t fr = 0; fr < g.rowFolds; ++fr)
            fn(Fold{fc, fr, std::min(c.rows, g.sr - fr * c.rows), std::min(c.cols, g.sc - fc * c.cols)});
}

// Real (inside the ifmap) requests of pixels [m0, m1) x window elements
// [k0, k1) when no two of them share a word (filter <= stride): per pixel,
// the elements whose tap (kr, kc) stays inside the ifmap.
class IfmapRequestCounter {
public:
    explicit IfmapRequestCounter(const SystolicLayer& l) : m_l(l) {}
    std::int64_t count(std::int64_t m0, std::int64_t m1, std::int64_t k0, std::int64_t k1) const
    {
        const std::int64_t fw = m_l.filterW, ch = m_l.channels;
        std::vector<std::int64_t> perTap(std::size_t(m_l.filterH * fw), 0); // channels of each tap in [k0, k1)
        for (std::size_t tap = 0; tap < perTap.size(); ++tap)
            perTap[tap] = std::max<std::int64_t>(0, std::min(k1, std::int64_t(tap + 1) * ch) - std::max(k0, std::int64_t(tap) * ch));
        const std::int64_t outW = m_l.ofmapW(), pixels = m_l.ofmapH() * outW;
        std::int64_t total = 0;
        for (std::int64_t m = m0; m < m1; ++m) {
            const std::int64_t pixel = m % pixels;
            const std::int64_t rowsLeft = m_l.ifmapH - (pixel / outW) * m_l.stride;
            const std::int64_t colsLeft = m_l.ifmapW - (pixel % outW) * m_l.stride;
            for (std::int64_t kr = 0; kr < std::min(m_l.filterH, rowsLeft); ++kr)
                for (std::int64_t kc = 0; kc < std::min(fw, colsLeft); ++kc)
                    total += perTap[std::size_t(kr * fw + kc)];
        }
        return total;
    }

private:
    SystolicLayer m_l;
};

std::int64_t blockWordsOf(std::int64_t kb) { return EstimatingReadBuffer::blockWords(kb); }

} // namespace

void FoldReadBuffer::pass(std::int64_t set, std::int64_t words)
{
    if (words == 0)
        return;
    const auto it = m_heldSuffix.find(set);
    const std::int64_t held = it == m_heldSuffix.end() ? 0 : it->second;
    const std::int64_t room = m_blockWords - m_wordsInBlock;
    if (words - held < room) {
        m_fetchedWords += words - held;
        m_wordsInBlock += words - held;
        m_heldSuffix[set] = words;
        return;
    }
    m_fetchedWords += words;
    m_wordsInBlock = (words - room) % m_blockWords;
    m_heldSuffix.clear();
    if (m_wordsInBlock > 0)
        m_heldSuffix[set] = m_wordsInBlock;
}

bool ifmapRequestsAreDistinct(const SystolicLayer& l) { return l.filterH <= l.stride && l.filterW <= l.stride; }

std::int64_t calcIfmapFetches(const SystolicLayer& l, const SystolicConfig& c)
{
    const IfmapRequestCounter counter(l);
    const FoldGeometry g = foldsOf(l, c);
    const std::int64_t R = c.rows, C = c.cols, M = l.gemmM(), K = l.gemmK();
    FoldReadBuffer buffer(blockWordsOf(c.ifmapSramKb));
    std::vector<std::int64_t> perRowFold(std::size_t(g.rowFolds), -1); // OS, WS: a set per row fold
    forEachFold(l, c, [&](const Fold& f) {
        std::int64_t& cached = perRowFold[std::size_t(f.fr)];
        switch (c.dataflow) {
        case SystolicDataflow::OutputStationary:
            if (cached < 0)
                cached = counter.count(f.fr * R, f.fr * R + f.rows, 0, K);
            buffer.pass(f.fr, cached);
            break;
        case SystolicDataflow::WeightStationary:
            if (cached < 0)
                cached = counter.count(0, M, f.fr * R, f.fr * R + f.rows);
            buffer.pass(f.fr, cached);
            break;
        case SystolicDataflow::InputStationary:
            buffer.pass(f.fc * g.rowFolds + f.fr, counter.count(f.fc * C, f.fc * C + f.cols, f.fr * R, f.fr * R + f.rows));
            break;
        }
    });
    return buffer.fetchedWords();
}

std::int64_t calcFilterFetches(const SystolicLayer& l, const SystolicConfig& c)
{
    const FoldGeometry g = foldsOf(l, c);
    const std::int64_t K = l.gemmK(), N = l.gemmN();
    FoldReadBuffer buffer(blockWordsOf(c.filterSramKb));
    forEachFold(l, c, [&](const Fold& f) {
        switch (c.dataflow) {
        case SystolicDataflow::OutputStationary: buffer.pass(f.fc, f.cols * K); break;
        case SystolicDataflow::WeightStationary: buffer.pass(f.fc * g.rowFolds + f.fr, f.rows * f.cols); break;
        case SystolicDataflow::InputStationary: buffer.pass(f.fr, N * f.rows); break;
        }
    });
    return buffer.fetchedWords();
}

} // namespace mdse::core::systolic_detail
