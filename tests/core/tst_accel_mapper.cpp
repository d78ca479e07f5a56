// The mapper (core/accel/mapper.h): it finds the optimum a brute-force
// enumeration finds on a layer small enough to enumerate, it is
// deterministic for a seed whatever the thread count, and it reproduces
// the dataflow comparison of Chen, Emer, Sze, "Eyeriss: A Spatial
// Architecture for Energy-Efficient Dataflow for CNNs", ISCA 2016
// (abstract and Section VI: RS 1.4x to 2.5x more energy-efficient than the
// other dataflows in the CONV layers of AlexNet at batch 16, at least 1.3x
// in the FC layers at batch sizes of 16 and more) within the tolerance
// documented in docs/accelerator-models.md.
#include "core/accel/access_energy.h"
#include "core/accel/mapper.h"
#include "core/accel/mapping_space.h"
#include "core/io/network_loader.h"
#include "hwlib/fpga_catalogue.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace mdse::core;
using mdse::hwlib::AcceleratorTemplate;

namespace {

const mdse::hwlib::EnergyCostTable& eyerissCosts()
{
    static const auto table = mdse::hwlib::builtInEnergyCostTable(mdse::hwlib::kEyerissEnergyId);
    return table;
}

AcceleratorTemplate tinyTemplate()
{
    AcceleratorTemplate t;
    t.id = "tiny";
    t.peRows = 2;
    t.peCols = 2;
    t.rfBytesPerPe = 12;     // 6 words of 16 bits
    t.globalBufferBytes = 48; // 24 words
    t.dramBytesPerSecond = 2e8;
    t.clockHz = 1e8; // 2 bytes per cycle
    t.psumBits = 16;
    return t;
}

// N = 2, C = 2, M = 2, a 3 x 1 input, a 2 x 1 filter: P = 2, Q = 1;
// five loops of 2 (N, M, C, P, R), the others 1.
ConvProblem tinyLayer()
{
    ConvProblem p = makeConvProblem("tiny", 2, 3, 1, 2, 2, 1, 1);
    p.batch = 2;
    return p;
}

// ISCA 2016 Section VI setup: 256 PEs (16 x 16), 512 B RF per PE, 128 KiB
// global buffer, 16-bit words (psums too, as in Eyeriss).
AcceleratorTemplate iscaTemplate()
{
    AcceleratorTemplate t = tinyTemplate();
    t.id = "isca2016";
    t.peRows = t.peCols = 16;
    t.rfBytesPerPe = 512;
    t.globalBufferBytes = 128 * 1024;
    return t;
}

// Every split of each loop bound over (DRAM, buffer, rows, cols, RF) that
// the dataflow's space allows, every order of the loops above 1 at the
// buffer and at DRAM: the objective of the best under the hardware bounds.
double bruteForce(const ConvProblem& p, const AcceleratorTemplate& t, Dataflow d, MapperObjective objective,
                  std::int64_t& legal)
{
    const DataflowSpace space = dataflowSpace(d);
    const LayerOperands ops = operandsOf(t);
    const auto allowed = [](const std::vector<LoopDim>& dims, LoopDim x) {
        return std::find(dims.begin(), dims.end(), x) != dims.end();
    };
    const LoopFactors bound = problemExtents(p);
    // Per loop: every (dram, buffer, rows, cols, rf) with the product = bound.
    std::vector<std::vector<std::array<std::int64_t, 5>>> splits(kLoopDimCount);
    for (LoopDim x : kAllLoopDims) {
        const std::int64_t b = at(bound, x);
        for (std::int64_t rows = 1; rows <= b; ++rows)
            for (std::int64_t cols = 1; rows * cols <= b; ++cols)
                for (std::int64_t rf = 1; rows * cols * rf <= b; ++rf)
                    for (std::int64_t buf = 1; rows * cols * rf * buf <= b; ++buf) {
                        if (b % (rows * cols * rf * buf) != 0)
                            continue;
                        const bool whole = allowed(space.rfWhole, x);
                        if ((rows > 1 && !allowed(space.rowDims, x)) || (cols > 1 && !allowed(space.colDims, x))
                            || (rf > 1 && !allowed(space.rfDims, x)) || (whole && rf * rows * cols != b))
                            continue;
                        if (whole && (rows > 1 || cols > 1))
                            continue;
                        splits[std::size_t(x)].push_back({b / (rows * cols * rf * buf), buf, rows, cols, rf});
                    }
    }
    const OperandBits rfBits = onChipBits(ops), bufBits = storageBits(ops);
    double best = std::numeric_limits<double>::infinity();
    legal = 0;
    LoopNest n;
    n.rfKeeps = space.rfKeeps;
    const auto permutations = [](const LoopFactors& f) {
        std::vector<std::array<LoopDim, kLoopDimCount>> all;
        std::array<LoopDim, kLoopDimCount> order{};
        int k = 0;
        for (LoopDim x : kAllLoopDims)
            if (at(f, x) > 1)
                order[std::size_t(k++)] = x;
        int tail = k;
        for (LoopDim x : kAllLoopDims)
            if (at(f, x) == 1)
                order[std::size_t(tail++)] = x;
        do
            all.push_back(order);
        while (std::next_permutation(order.begin(), order.begin() + k));
        return all;
    };
    std::function<void(int)> assign = [&](int i) {
        if (i < kLoopDimCount) {
            for (const auto& s : splits[std::size_t(i)]) {
                n.dram.factors[std::size_t(i)] = s[0];
                n.buffer.factors[std::size_t(i)] = s[1];
                n.rows[std::size_t(i)] = s[2];
                n.cols[std::size_t(i)] = s[3];
                n.registers[std::size_t(i)] = s[4];
                assign(i + 1);
            }
            return;
        }
        std::int64_t rows = 1, cols = 1;
        for (std::size_t k = 0; k < kLoopDimCount; ++k) {
            rows *= n.rows[k];
            cols *= n.cols[k];
        }
        if (rows > t.peRows || cols > t.peCols)
            return;
        const LoopNestCounts tiles = countLoopNest(p, n);
        const auto bits = [](const std::array<std::int64_t, 3>& w, const OperandBits& b) {
            return double(w[0]) * b.weights + double(w[1]) * b.inputs + double(w[2]) * b.psums;
        };
        if (bits(tiles.rfTileWords, rfBits) > t.rfBytesPerPe * 8.0
            || bits(tiles.bufferTileWords, bufBits) > t.globalBufferBytes * 8.0)
            return;
        for (const auto& bo : permutations(n.buffer.factors))
            for (const auto& dor : permutations(n.dram.factors)) {
                n.buffer.order = bo;
                n.dram.order = dor;
                const LoopNestCounts c = countLoopNest(p, n);
                const double energy = accessEnergy(c.accesses, c.macs, c.outputWords, ops, eyerissCosts()).total();
                const double bytes = dramBytes(c.accesses, c.outputWords, ops);
                const double cycles = std::max(double(c.steps), std::ceil(bytes / 2.0));
                const double score = objective == MapperObjective::Energy ? energy : cycles;
                best = std::min(best, score);
                ++legal;
            }
    };
    assign(0);
    return best;
}

std::vector<ConvProblem> alexNet(bool dense)
{
    std::vector<ConvProblem> result;
    for (const ConvProblem& p : convProblems(loadNetwork("zoo:alexnet"), 16))
        if ((p.kind == "dense") == dense)
            result.push_back(p);
    return result;
}

struct Totals {
    LevelEnergy energy;
    double macs = 0;
    double perMac() const { return energy.total() / macs; }
    double onChipPerMac() const { return (energy.total() - energy.dram) / macs; }
};

Totals mapAll(const std::vector<ConvProblem>& layers, Dataflow d)
{
    Totals t;
    const AcceleratorTemplate isca = iscaTemplate();
    for (const ConvProblem& p : layers) {
        const MappedLayer m = mapLayer(p, isca, d, eyerissCosts(), operandsOf(isca));
        if (!m.feasible)
            throw std::runtime_error(m.reason);
        t.energy += m.energy;
        t.macs += double(m.macs);
    }
    return t;
}

} // namespace

class TestAccelMapper : public QObject {
    Q_OBJECT
private slots:
    void findsTheBruteForceOptimum_data();
    void findsTheBruteForceOptimum();
    void deterministicForAnyThreadCount();
    void reportsAnImpossibleLayer();
    void networkProgressAndCancel();
    void iscaConvComparison();
    void iscaFullyConnectedComparison();
};

void TestAccelMapper::findsTheBruteForceOptimum_data()
{
    QTest::addColumn<QString>("dataflow");
    QTest::addColumn<bool>("latency");
    for (Dataflow d : kAllDataflows) {
        const QString id = QString::fromLatin1(dataflowId(d).data());
        QTest::newRow(qPrintable(id + QStringLiteral(" energy"))) << id << false;
        QTest::newRow(qPrintable(id + QStringLiteral(" latency"))) << id << true;
    }
}

void TestAccelMapper::findsTheBruteForceOptimum()
{
    QFETCH(QString, dataflow);
    QFETCH(bool, latency);
    const Dataflow d = *parseDataflow(dataflow.toStdString());
    const MapperObjective objective = latency ? MapperObjective::Latency : MapperObjective::Energy;
    std::int64_t legal = 0;
    const double optimum = bruteForce(tinyLayer(), tinyTemplate(), d, objective, legal);
    QVERIFY(legal > 100); // a real search, not a lone mapping
    MapperOptions options;
    options.objective = objective;
    options.maxEvaluations = 10'000'000;
    const MappedLayer m = mapLayer(tinyLayer(), tinyTemplate(), d, eyerissCosts(), operandsOf(tinyTemplate()), options);
    QVERIFY(m.feasible);
    QCOMPARE(m.search, std::string("exhaustive"));
    // One loop order per reuse class: fewer mappings, the same optimum.
    QVERIFY(m.mappingsEvaluated <= legal);
    QCOMPARE(latency ? double(m.cycles) : m.energy.total(), optimum);
}

void TestAccelMapper::deterministicForAnyThreadCount()
{
    // AlexNet conv2 at batch 16 is far beyond the budget: pruned and sampled.
    const ConvProblem conv2 = alexNet(false).at(1);
    const AcceleratorTemplate isca = iscaTemplate();
    MapperOptions options;
    options.maxEvaluations = 20000;
    options.seed = 7;
    options.threads = 1;
    const MappedLayer one = mapLayer(conv2, isca, Dataflow::RowStationary, eyerissCosts(), operandsOf(isca), options);
    options.threads = 4;
    const MappedLayer four = mapLayer(conv2, isca, Dataflow::RowStationary, eyerissCosts(), operandsOf(isca), options);
    QCOMPARE(one.search, std::string("pruned, sampled"));
    QVERIFY(one.nest == four.nest);
    QCOMPARE(one.energy.total(), four.energy.total());
    QCOMPARE(one.mappingsEvaluated, four.mappingsEvaluated);
    QVERIFY(one.spaceSize > double(options.maxEvaluations));
}

void TestAccelMapper::reportsAnImpossibleLayer()
{
    // RS needs a whole filter row in each PE: an 11-tap row (AlexNet conv1)
    // of weights, inputs and a psum does not fit a 4-byte RF.
    AcceleratorTemplate t = iscaTemplate();
    t.rfBytesPerPe = 4;
    const MappedLayer m = mapLayer(alexNet(false).at(0), t, Dataflow::RowStationary, eyerissCosts(), operandsOf(t));
    QVERIFY(!m.feasible);
    QVERIFY2(QString::fromStdString(m.reason).contains(QStringLiteral("no rs mapping of 'conv1'")), m.reason.c_str());
    QVERIFY(mapLayer(alexNet(false).at(0), t, Dataflow::NoLocalReuse, eyerissCosts(), operandsOf(t)).feasible);
}

void TestAccelMapper::networkProgressAndCancel()
{
    // Three layers: progress after each (1/3, 2/3, 1); asked to stop after the
    // second, the mapping of the network throws Cancelled.
    const std::vector<ConvProblem> layers(3, tinyLayer());
    const std::vector<LayerOperands> ops(3, operandsOf(tinyTemplate()));
    std::vector<double> seen;
    const auto maps = mapLayers(layers, tinyTemplate(), Dataflow::WeightStationary, eyerissCosts(), ops, {},
                                [&](double f) { seen.push_back(f); return true; });
    QCOMPARE(maps.size(), std::size_t{3});
    QCOMPARE(seen, (std::vector<double>{1.0 / 3, 2.0 / 3, 1.0}));
    int calls = 0;
    QVERIFY_THROWS_EXCEPTION(Cancelled, mapLayers(layers, tinyTemplate(), Dataflow::WeightStationary, eyerissCosts(), ops,
                                                  {}, [&](double) { return ++calls < 2; }));
    QCOMPARE(calls, 2);
}

void TestAccelMapper::iscaConvComparison()
{
    // Energy per MAC of the other dataflows over RS's on AlexNet CONV1-5:
    // the paper gives 1.4x (the closest) to 2.5x (the farthest). Tolerance
    // (docs/accelerator-models.md): each end within 0.15.
    constexpr double kRatioTolerance = 0.15;
    const auto layers = alexNet(false);
    const double rs = mapAll(layers, Dataflow::RowStationary).perMac();
    double closest = 1e9, farthest = 0;
    for (Dataflow d : {Dataflow::WeightStationary, Dataflow::OutputStationary, Dataflow::NoLocalReuse}) {
        const double ratio = mapAll(layers, d).perMac() / rs;
        closest = std::min(closest, ratio);
        farthest = std::max(farthest, ratio);
    }
    QVERIFY2(closest > 1.0, qPrintable(QString::number(closest)));
    QVERIFY2(std::abs(closest - 1.4) <= kRatioTolerance, qPrintable(QString::number(closest)));
    QVERIFY2(std::abs(farthest - 2.5) <= kRatioTolerance, qPrintable(QString::number(farthest)));
}

void TestAccelMapper::iscaFullyConnectedComparison()
{
    // FC6-8 at batch 16: RS is the most efficient. Every weight comes from
    // DRAM once per batch for every dataflow (200 / 16 = 12.5 MAC units per
    // MAC), so the totals are closer than the paper's 1.3x; on chip (without
    // DRAM) RS leads by at least 1.3x - tolerance.
    constexpr double kRatioTolerance = 0.15;
    const auto layers = alexNet(true);
    const Totals rs = mapAll(layers, Dataflow::RowStationary);
    QVERIFY(std::abs(rs.energy.dram / rs.macs - 12.5) < 0.5);
    for (Dataflow d : {Dataflow::WeightStationary, Dataflow::OutputStationary, Dataflow::NoLocalReuse}) {
        const Totals other = mapAll(layers, d);
        QVERIFY2(other.perMac() > rs.perMac(), dataflowId(d).data());
        QVERIFY2(other.onChipPerMac() / rs.onChipPerMac() >= 1.3 - kRatioTolerance, dataflowId(d).data());
    }
}

QTEST_APPLESS_MAIN(TestAccelMapper)
#include "tst_accel_mapper.moc"
