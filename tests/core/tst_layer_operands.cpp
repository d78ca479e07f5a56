// Per-layer operand widths and sparsity on the accelerator
// (core/accel/layer_operands.h): hand-computed bytes, capacities, cycles
// and energies of a tiny layer under the fixed mappings and a fixed loop
// nest.
#include "core/accel/dataflow_model.h"
#include "core/accel/mapper.h"
#include "core/util/error.h"
#include "hwlib/fpga_catalogue.h"

#include <QtTest>

using namespace mdse::core;
using mdse::hwlib::AcceleratorTemplate;

namespace {

AcceleratorTemplate tinyArray()
{
    AcceleratorTemplate t;
    t.id = "tiny";
    t.peRows = 3;
    t.peCols = 2;
    t.rfBytesPerPe = 52;
    t.globalBufferBytes = 2000;
    t.dramBytesPerSecond = 1e9;
    t.clockHz = 1e8;
    t.psumBits = 16;
    return t;
}

// C = 2, M = 2, 4x4 input, 3x3 filter, 2x2 output: I = 32, Wt = 36, O = 8
// words, 144 MACs.
ConvProblem tinyLayer() { return makeConvProblem("tiny", 2, 4, 4, 2, 3, 3, 1); }

const mdse::hwlib::EnergyCostTable& costs()
{
    static const auto table = mdse::hwlib::builtInEnergyCostTable(mdse::hwlib::kEyerissEnergyId);
    return table;
}

LayerOperands allAt(Precision p)
{
    LayerOperands o = operandsOf(tinyArray());
    o.weights = o.inputs = o.outputs = p;
    o.psumBits = precisionBits(p);
    return o;
}

} // namespace

class TestLayerOperands : public QObject {
    Q_OBJECT
private slots:
    void eightOfSixteenBitsHalvesTheTraffic();
    void narrowWordsFitMoreInTheBuffer();
    void compressedWeightsCarryTheirIndex();
    void structuredPruningRunsTheSmallerLayer();
    void skippingZerosSavesCyclesAndEnergy();
    void sparsityFlagsAreAShorthand();
    void badValuesNameTheLayer();
};

void TestLayerOperands::eightOfSixteenBitsHalvesTheTraffic()
{
    // The layer fits the 2000-byte buffer at either width: DRAM moves
    // 32 + 36 + 8 = 76 words, 152 bytes at 16 bits and 76 at 8 bits; every
    // on-chip access moves half the bits, the MAC costs 8*8/(16*16) = 1/4.
    const Dataflow ws = Dataflow::WeightStationary;
    const auto wide = evaluateDataflowLayer(tinyLayer(), tinyArray(), ws, costs(), allAt(Precision::Int16));
    const auto narrow = evaluateDataflowLayer(tinyLayer(), tinyArray(), ws, costs(), allAt(Precision::Int8));
    QCOMPARE(wide.dramBytes, 152.0);
    QCOMPARE(narrow.dramBytes, 76.0);
    QCOMPARE(narrow.energy.dram, wide.energy.dram / 2);
    QCOMPARE(narrow.energy.globalBuffer, wide.energy.globalBuffer / 2);
    QCOMPARE(narrow.energy.registerFile, wide.energy.registerFile / 2);
    QCOMPARE(narrow.energy.mac, wide.energy.mac / 4);
    // The template's own widths are the 16-bit case.
    QCOMPARE(evaluateDataflowLayer(tinyLayer(), tinyArray(), ws, costs()).dramBytes, 152.0);
    // The same under one fixed loop nest (RS: R x E PE set, a filter row of both
    // filters per PE, the windows sliding along Q, then the second channel).
    LoopNest nest;
    at(nest.rows, LoopDim::R) = 3;
    at(nest.cols, LoopDim::P) = 2;
    at(nest.registers, LoopDim::S) = 3;
    at(nest.registers, LoopDim::M) = 2;
    at(nest.buffer.factors, LoopDim::Q) = 2;
    at(nest.buffer.factors, LoopDim::C) = 2;
    nest.buffer.order = {LoopDim::Q, LoopDim::C, LoopDim::N, LoopDim::M, LoopDim::P, LoopDim::R, LoopDim::S};
    nest.rfKeeps = {true, true, true};
    const Dataflow rs = Dataflow::RowStationary;
    QCOMPARE(evaluateMapping(tinyLayer(), tinyArray(), rs, costs(), allAt(Precision::Int16), nest).dramBytes, 152.0);
    QCOMPARE(evaluateMapping(tinyLayer(), tinyArray(), rs, costs(), allAt(Precision::Int8), nest).dramBytes, 76.0);
}

void TestLayerOperands::narrowWordsFitMoreInTheBuffer()
{
    // An 80-byte buffer holds 40 words of 16 bits: the 76-word layer does not
    // fit and WS re-reads its 32 inputs for each of ceil(36 / 20) = 2 weight
    // tiles (64). At 8 bits the buffer holds 80 words: everything once (32).
    AcceleratorTemplate t = tinyArray();
    t.globalBufferBytes = 80;
    const Dataflow ws = Dataflow::WeightStationary;
    QCOMPARE(evaluateDataflowLayer(tinyLayer(), t, ws, costs(), allAt(Precision::Int16)).accesses.inputs.dram, 64);
    QCOMPARE(evaluateDataflowLayer(tinyLayer(), t, ws, costs(), allAt(Precision::Int8)).accesses.inputs.dram, 32);
}

void TestLayerOperands::compressedWeightsCarryTheirIndex()
{
    // Half the weights zero, stored as nonzero + 4-bit index: 0.5 x (16 + 4)
    // = 10 bits per dense weight in DRAM: 36 x 10 / 8 = 45 bytes instead of
    // 72; inputs and outputs unchanged (40 words x 2 bytes).
    LayerOperands o = operandsOf(tinyArray());
    o.pruning = PruningKind::Unstructured;
    o.weightDensity = 0.5;
    o.compressedWeights = true;
    o.weightIndexBits = 4;
    const Dataflow ws = Dataflow::WeightStationary;
    QCOMPARE(evaluateDataflowLayer(tinyLayer(), tinyArray(), ws, costs(), o).dramBytes, 45.0 + 80.0);
    // 2:4 with 2-bit indices (the position in each group of 4): 0.5 x 18 = 9
    // bits per dense weight, 40.5 bytes; the N:M pattern sets the density.
    o.pruning = PruningKind::NM;
    o.nmKeep = 2;
    o.nmGroup = 4;
    o.weightDensity = 1;
    o.weightIndexBits = 2;
    QCOMPARE(evaluateDataflowLayer(tinyLayer(), tinyArray(), ws, costs(), o).dramBytes, 40.5 + 80.0);
    QCOMPARE(effectiveWeightDensity(o), 0.5);
}

void TestLayerOperands::structuredPruningRunsTheSmallerLayer()
{
    // Half the filters removed: the array runs C = 2, M = 1 (72 MACs, Wt = 18).
    LayerOperands o = operandsOf(tinyArray());
    o.pruning = PruningKind::Structured;
    o.weightDensity = 0.5;
    const auto r = evaluateDataflowLayer(tinyLayer(), tinyArray(), Dataflow::WeightStationary, costs(), o);
    QCOMPARE(r.macs, 72);
    QCOMPARE(r.accesses.weights.dram, 18);
    QCOMPARE(prunedProblem(tinyLayer(), o).filters, 1);
}

void TestLayerOperands::skippingZerosSavesCyclesAndEnergy()
{
    // WS on the tiny layer: 24 compute cycles dense (144 MACs on 6 PEs). Half
    // the inputs zero and skipped: 12 cycles; the MAC energy halves (144 x 0.5
    // MAC units) and so do the RF weight reads (144 -> 72 units: WS's RF holds
    // only weights).
    LayerOperands o = operandsOf(tinyArray());
    o.activationDensity = 0.5;
    o.skipZeroActivations = true;
    const auto r = evaluateDataflowLayer(tinyLayer(), tinyArray(), Dataflow::WeightStationary, costs(), o);
    QCOMPARE(r.computeCycles, 12);
    QCOMPARE(r.energy.mac, 72.0);
    QCOMPARE(r.energy.registerFile, 72.0);
    QCOMPARE(skippedCycleFactor(o), 0.5);
}

void TestLayerOperands::sparsityFlagsAreAShorthand()
{
    SparsityOptions s;
    s.weightDensity = 0.3;
    s.skipZeroWeights = true;
    s.indexBits = 4;
    LayerOperands o = operandsOf(tinyArray(), s);
    QVERIFY(o.pruning == PruningKind::Unstructured);
    QVERIFY(o.compressedWeights && o.skipZeroWeights);
    QCOMPARE(o.weightDensity, 0.3);
    QVERIFY(o.weights == Precision::Int16 && o.inputs == Precision::Int16);
    s.structuredWeights = true;
    o = operandsOf(tinyArray(), s);
    QVERIFY(o.pruning == PruningKind::Structured && !o.compressedWeights);
    // The template's widths: 8-bit activations and weights, 32-bit psums (TPU-like).
    AcceleratorTemplate int8 = tinyArray();
    int8.activationBits = int8.weightBits = 8;
    int8.psumBits = 32;
    o = operandsOf(int8);
    QVERIFY(o.weights == Precision::Int8 && o.outputs == Precision::Int8);
    QCOMPARE(o.psumBits, 32);
}

void TestLayerOperands::badValuesNameTheLayer()
{
    LayerOperands o = operandsOf(tinyArray());
    o.activationDensity = 0;
    try {
        evaluateDataflowLayer(tinyLayer(), tinyArray(), Dataflow::RowStationary, costs(), o);
        QFAIL("expected an error");
    } catch (const Error& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("layer 'tiny': densities")), e.what());
    }
    o = operandsOf(tinyArray());
    o.pruning = PruningKind::NM;
    o.nmKeep = 5;
    o.nmGroup = 4;
    QVERIFY_THROWS_EXCEPTION(Error, mapLayer(tinyLayer(), tinyArray(), Dataflow::RowStationary, costs(), o));
}

QTEST_APPLESS_MAIN(TestLayerOperands)
#include "tst_layer_operands.moc"
