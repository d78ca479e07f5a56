// The loop-nest access model (core/accel/loop_nest.h): accesses of one
// hand-written loop nest per dataflow on a tiny layer, counted by hand at
// batch 1 and 2, and the loop-nest text.
#include "core/accel/loop_nest.h"
#include "core/util/error.h"

#include <QtTest>

using namespace mdse::core;
using D = LoopDim;

namespace {

// Layer: C = 2, M = 2, 4x4 input, 3x3 filter, 2x2 output, stride 1, batch N.
// MACs = 144 N, I = 32 N, Wt = 36, O = 8 N.
ConvProblem tinyLayer(std::int64_t batch)
{
    ConvProblem p = makeConvProblem("tiny", 2, 4, 4, 2, 3, 3, 1);
    p.batch = batch;
    return p;
}

LoopFactors factors(std::initializer_list<std::pair<LoopDim, std::int64_t>> list)
{
    LoopFactors f = kUnitFactors;
    for (const auto& [d, v] : list)
        at(f, d) = v;
    return f;
}

// Innermost first, then the others in N..S order.
TemporalLoops loops(std::initializer_list<std::pair<LoopDim, std::int64_t>> innermostFirst)
{
    TemporalLoops t;
    t.factors = factors(innermostFirst);
    std::size_t i = 0;
    for (const auto& [d, v] : innermostFirst)
        t.order[i++] = d;
    for (LoopDim d : kAllLoopDims)
        if (std::find(t.order.begin(), t.order.begin() + std::ptrdiff_t(i), d) == t.order.begin() + std::ptrdiff_t(i))
            t.order[i++] = d;
    return t;
}

// The nests on a 3 x 2 array (rows x cols); `n` = the batch.
LoopNest nestFor(const QString& dataflow, std::int64_t n)
{
    LoopNest nest;
    if (dataflow == QStringLiteral("ws")) {
        // Filter rows R on the 3 rows, filters on the 2 columns; each PE keeps
        // the 2 x 3 weights of its (r, m) for channels C and columns S; the
        // buffer walks Q, P, N.
        nest.rows = factors({{D::R, 3}});
        nest.cols = factors({{D::M, 2}});
        nest.registers = factors({{D::C, 2}, {D::S, 3}});
        nest.buffer = loops({{D::Q, 2}, {D::P, 2}, {D::N, n}});
        nest.rfKeeps = {true, false, false};
    } else if (dataflow == QStringLiteral("os")) {
        // A 2 x 2 output tile on rows x cols, 2 filters (x N images) of psums per PE.
        nest.rows = factors({{D::P, 2}});
        nest.cols = factors({{D::Q, 2}});
        nest.registers = factors({{D::M, 2}, {D::N, n}});
        nest.buffer = loops({{D::S, 3}, {D::R, 3}, {D::C, 2}});
        nest.rfKeeps = {false, false, true};
    } else if (dataflow == QStringLiteral("nlr")) {
        nest.rows = factors({{D::C, 2}});
        nest.cols = factors({{D::M, 2}});
        nest.buffer = loops({{D::S, 3}, {D::R, 3}, {D::Q, 2}, {D::P, 2}, {D::N, n}});
    } else {
        // RS: the R x E = 3 x 2 PE set; each PE keeps a filter row (S = 3) of
        // both filters and the input window of the N images; the buffer
        // slides the windows along Q, then takes the next channel.
        nest.rows = factors({{D::R, 3}});
        nest.cols = factors({{D::P, 2}});
        nest.registers = factors({{D::S, 3}, {D::M, 2}, {D::N, n}});
        nest.buffer = loops({{D::Q, 2}, {D::C, 2}});
        nest.rfKeeps = {true, true, true};
    }
    return nest;
}

} // namespace

class TestLoopNest : public QObject {
    Q_OBJECT
private slots:
    void tinyLayerAccesses_data();
    void tinyLayerAccesses();
    void dramTilingRefetchesAndSpills();
    void factorsMustMultiplyToTheLayer();
    void printsTheNestOuterToInner();
};

void TestLoopNest::tinyLayerAccesses_data()
{
    QTest::addColumn<QString>("dataflow");
    QTest::addColumn<qlonglong>("batch");
    QTest::addColumn<QList<qlonglong>>("inputs"); // GLB, array, RF
    QTest::addColumn<QList<qlonglong>>("weights");
    QTest::addColumn<QList<qlonglong>>("psums");
    using L = QList<qlonglong>;
    // WS: 6 PEs x 24 cycles. Each PE's 6 weights arrive once (array 36, GLB 36: the
    //  buffer loops Q, P, N leave them unchanged), read per MAC (144).
    //  Inputs every MAC (144); per cycle the 3 rows need 3 distinct words
    //  (c, p + r, q + s), multicast to both columns: 3 x 24 = 72 GLB reads.
    //  Psums every MAC down the 3-PE columns (144); 144 / 3 = 48 GLB updates,
    //  the 8 first ones writes only: 2 x 48 - 8 = 88.
    QTest::newRow("ws") << "ws" << 1LL << L{72, 144, 0} << L{36, 36, 144} << L{88, 144, 0};
    // OS: 4 PEs x 36 cycles. Psums RMW per MAC (288), each PE drains its 2 once (8),
    //  8 GLB writes. Weights: one word per cycle broadcast to the 4 PEs (36 GLB, 144 array).
    //  Inputs: the 2 x 2 PEs need 4 distinct words per cycle: 144 GLB, 144 array.
    QTest::newRow("os") << "os" << 1LL << L{144, 144, 0} << L{36, 144, 0} << L{8, 8, 288};
    // NLR: 4 PEs x 36 cycles. Weights: 4 distinct per cycle (144); inputs: 2 per cycle,
    //  multicast to both filters (72); psums: 144 / 2 = 72 updates after the adder
    //  tree, 2 x 72 - 8 = 136.
    QTest::newRow("nlr") << "nlr" << 1LL << L{72, 144, 0} << L{144, 144, 0} << L{136, 144, 0};
    // RS: 6 PEs x 24 cycles. Weights: each PE's 6 (2 filters x 3 taps) stay over Q,
    //  refilled for the second channel: 12 per PE = 72 array; the 18 of a channel are
    //  multicast along the PE rows: 36 GLB. Inputs: a 3-word window slides one word
    //  along Q (4 words per channel) = 8 per PE, 48 array; the PE set's union is
    //  4 rows x 4 columns per channel: 32 GLB. Psums: 2 per PE per (q, c) = 8 per PE,
    //  48 array, summed over the 3 rows: 16 GLB updates, 2 x 16 - 8 = 24.
    QTest::newRow("rs") << "rs" << 1LL << L{32, 48, 144} << L{36, 72, 144} << L{24, 48, 288};
    // Batch 2 (MACs 288, I = 64, O = 16): weights move exactly as at batch 1
    // (WS, OS, RS keep them while both images pass), the rest doubles.
    // WS: inputs 3 x 48 cycles = 144; psums 96 updates: 2 x 96 - 16 = 176.
    QTest::newRow("ws n2") << "ws" << 2LL << L{144, 288, 0} << L{36, 36, 288} << L{176, 288, 0};
    // OS: 4 psums per PE drained once (16 array, 16 GLB); weights 1 per cycle x 72 cycles.
    QTest::newRow("os n2") << "os" << 2LL << L{288, 288, 0} << L{72, 288, 0} << L{16, 16, 576};
    // NLR: no reuse: weights 4 x 72 = 288, inputs 144, psums 2 x 144 - 16 = 272.
    QTest::newRow("nlr n2") << "nlr" << 2LL << L{144, 288, 0} << L{288, 288, 0} << L{272, 288, 0};
    // RS: the RF holds both images' windows and psums (n = 2): weights 72 / 36 as at
    //  batch 1; inputs 16 per PE (96), union 2 x 32 = 64; psums 16 per PE (96),
    //  32 updates: 2 x 32 - 16 = 48.
    QTest::newRow("rs n2") << "rs" << 2LL << L{64, 96, 288} << L{36, 72, 288} << L{48, 96, 576};
}

void TestLoopNest::tinyLayerAccesses()
{
    QFETCH(QString, dataflow);
    QFETCH(qlonglong, batch);
    QFETCH(QList<qlonglong>, inputs);
    QFETCH(QList<qlonglong>, weights);
    QFETCH(QList<qlonglong>, psums);
    const LoopNestCounts c = countLoopNest(tinyLayer(batch), nestFor(dataflow, batch));
    QCOMPARE(c.macs, 144 * batch);
    const auto check = [](const LevelAccesses& a, const QList<qlonglong>& expected) {
        QCOMPARE(a.globalBuffer, expected[0]);
        QCOMPARE(a.array, expected[1]);
        QCOMPARE(a.registerFile, expected[2]);
    };
    check(c.accesses.inputs, inputs);
    check(c.accesses.weights, weights);
    check(c.accesses.psums, psums);
    // No DRAM loops: the buffer holds the whole layer, each datum moves once
    // (the input as the windows see it: 2 channels x 4 x 4 per image).
    QCOMPARE(c.accesses.inputs.dram, 32 * batch);
    QCOMPARE(c.accesses.weights.dram, 36);
    QCOMPARE(c.accesses.psums.dram, 8 * batch);
    QCOMPARE(c.outputWords, 8 * batch);
}

void TestLoopNest::dramTilingRefetchesAndSpills()
{
    // The RS nest at batch 1 with one filter per PE (RF: S = 3) and the
    // filter and channel loops at DRAM, so that the buffer holds one filter
    // of one channel: 9 weights, the 16 inputs of the channel, 4 outputs.
    LoopNest nest = nestFor(QStringLiteral("rs"), 1);
    nest.registers = factors({{D::S, 3}});
    nest.buffer = loops({{D::Q, 2}});
    // Filters inside channels: each channel's inputs stay while both filters
    // pass (32); the weights move once (36); the 4 outputs of a filter are
    // written after channel 0, read back and written again after channel 1:
    // 8 + 8 + 8 = 24 DRAM accesses, 8 of them final.
    nest.dram = loops({{D::M, 2}, {D::C, 2}});
    const LoopNestCounts spill = countLoopNest(tinyLayer(1), nest);
    QCOMPARE(spill.accesses.inputs.dram, 32);
    QCOMPARE(spill.accesses.weights.dram, 36);
    QCOMPARE(spill.accesses.psums.dram, 24);
    QCOMPARE(spill.outputWords, 8);
    // Channels inside filters: the outputs of a filter stay until done (8),
    // but the inputs are fetched again for the second filter: 2 x 32 = 64.
    nest.dram = loops({{D::C, 2}, {D::M, 2}});
    const LoopNestCounts refetch = countLoopNest(tinyLayer(1), nest);
    QCOMPARE(refetch.accesses.inputs.dram, 64);
    QCOMPARE(refetch.accesses.weights.dram, 36);
    QCOMPARE(refetch.accesses.psums.dram, 8);
    // Tiles: per PE 3 weights, a 3-word input window, 1 psum.
    QCOMPARE(refetch.rfTileWords[std::size_t(Operand::Weights)], 3);
    QCOMPARE(refetch.rfTileWords[std::size_t(Operand::Inputs)], 3);
    QCOMPARE(refetch.rfTileWords[std::size_t(Operand::Outputs)], 1);
    QCOMPARE(refetch.bufferTileWords[std::size_t(Operand::Weights)], 9);
    QCOMPARE(refetch.bufferTileWords[std::size_t(Operand::Inputs)], 16);
    QCOMPARE(refetch.bufferTileWords[std::size_t(Operand::Outputs)], 4);
}

void TestLoopNest::factorsMustMultiplyToTheLayer()
{
    LoopNest nest = nestFor(QStringLiteral("rs"), 1);
    nest.buffer = loops({{D::Q, 2}}); // C = 2 lost
    try {
        countLoopNest(tinyLayer(1), nest);
        QFAIL("expected an error");
    } catch (const Error& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("factors of C multiply to 1, the layer has 2")),
                 e.what());
    }
}

void TestLoopNest::printsTheNestOuterToInner()
{
    const std::string text = printLoopNest(nestFor(QStringLiteral("rs"), 2));
    QCOMPARE(QString::fromStdString(text),
             QStringLiteral("DRAM    -\n"
                            "GLB     for C in [0:2) for Q in [0:2)\n"
                            "array   spatial R in [0:3) on rows, spatial P in [0:2) on cols\n"
                            "RF      for N in [0:2) for M in [0:2) for S in [0:3)   [keeps weights, inputs, outputs]\n"
                            "        MAC\n"));
}

QTEST_APPLESS_MAIN(TestLoopNest)
#include "tst_loop_nest.moc"
