// The systolic simulator's closed forms (core/accel/systolic_passes.h,
// WriteBuffer::quietCycles) against the request-by-request replay of
// SCALE-Sim's CALC-mode buffers they replace (systolic_buffers.h,
// systolic_demand.h, which tst_systolic_simulator checks against real
// SCALE-Sim runs): equal on every one of 600 random small layers with
// overflowing 1 kB SRAMs, every dataflow.
#include "core/accel/systolic_buffers.h"
#include "core/accel/systolic_demand.h"
#include "core/accel/systolic_passes.h"
#include "core/accel/systolic_simulator.h"

#include <QtTest>

#include <random>

using namespace mdse::core;
using namespace mdse::core::systolic_detail;

namespace {

// Every request into one buffer, every cycle's ofmap words into another.
struct Reference {
    EstimatingReadBuffer* ifmapBuffer;
    EstimatingReadBuffer* filterBuffer;
    WriteBuffer ofmap;
    std::int64_t row = 0, stalls = 0, lastServed = 0;
    void ifmap(std::int64_t a) { ifmapBuffer->request(a); }
    void filter(std::int64_t a) { filterBuffer->request(a); }
    void endCycle(std::int64_t words)
    {
        const std::int64_t cycle = row++ + stalls;
        const std::int64_t stall = ofmap.write(cycle, words);
        stalls += stall;
        lastServed = cycle + stall;
    }
};

} // namespace

class TestSystolicClosedForms : public QObject {
    Q_OBJECT
private slots:
    void foldsEqualTheRequestReplay();
};

void TestSystolicClosedForms::foldsEqualTheRequestReplay()
{
    std::mt19937 rng(2024); // fixed: the same 600 layers every run
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    int distinctIfmaps = 0, draining = 0, overflowing = 0;
    for (int n = 0; n < 600; ++n) {
        SystolicLayer l;
        l.name = "random";
        l.stride = pick(1, 3);
        l.filterH = pick(1, 3);
        l.filterW = pick(1, 3);
        l.ifmapH = pick(l.filterH, 14);
        l.ifmapW = pick(l.filterW, 14);
        l.channels = pick(1, 8);
        l.filters = pick(1, 40);
        l.batch = pick(1, 2);
        SystolicConfig c;
        c.rows = pick(2, 8);
        c.cols = pick(2, 8);
        c.dataflow = std::array{SystolicDataflow::OutputStationary, SystolicDataflow::WeightStationary,
                                SystolicDataflow::InputStationary}[std::size_t(n % 3)];
        c.ifmapSramKb = c.filterSramKb = c.ofmapSramKb = 1; // 500-word blocks, 512-word drains
        const IfmapAddressing ifmapAt(l);
        EstimatingReadBuffer ifmapBuffer(ifmapAt.addressCount(), c.ifmapSramKb);
        EstimatingReadBuffer filterBuffer(l.gemmK() * l.gemmN(), c.filterSramKb);
        Reference ref{&ifmapBuffer, &filterBuffer, WriteBuffer(c.ofmapSramKb, c.cols)};
        walkDemand(l, c, ifmapAt, true, true, ref, {});
        ref.ofmap.finish(ref.lastServed);
        const QByteArray what = QByteArray::number(n);
        QVERIFY2(calcFilterFetches(l, c) == filterBuffer.fetchedWords(), what);
        if (ifmapRequestsAreDistinct(l)) {
            ++distinctIfmaps;
            QVERIFY2(calcIfmapFetches(l, c) == ifmapBuffer.fetchedWords(), what);
        }
        const SystolicLayerReport r = simulateSystolicLayer(l, c);
        QVERIFY2(r.dramIfmapReads == ifmapBuffer.fetchedWords(), what);
        QVERIFY2(r.dramFilterReads == filterBuffer.fetchedWords(), what);
        QVERIFY2(r.dramOfmapWrites == ref.ofmap.drainedWords(), what);
        QVERIFY2(r.stallCycles == ref.stalls, what);
        QVERIFY2(r.totalCycles == ref.lastServed, what);
        draining += r.sramOfmapWrites > 2 * 512; // drains start while the array runs
        overflowing += filterBuffer.fetchedWords() > l.gemmK() * l.gemmN();
    }
    // CALC mode never stalls here (as in every SCALE-Sim CALC run we have):
    // the drains and refetches are what the closed forms must get right.
    QVERIFY(draining > 100 && overflowing > 50);
    QVERIFY(distinctIfmaps > 100); // the closed form of the ifmap is exercised
}

QTEST_APPLESS_MAIN(TestSystolicClosedForms)
#include "tst_systolic_closed_forms.moc"
