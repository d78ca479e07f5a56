// The per-op-class MCU cost model (core/perf/mcu_cost_model.h) against hand
// calculations on a part and rates chosen here, plus its exact clock scaling.
#include "core/io/network_yaml.h"
#include "core/perf/latency_fit.h"
#include "core/perf/mcu_cost_model.h"
#include "hwlib/catalogue.h"

#include <QtTest>

using namespace mdse::core;
using mdse::hwlib::OpClass;

namespace {

constexpr double kRelTolerance = 1e-12;

bool close(double a, double b) { return std::abs(a - b) <= kRelTolerance * std::abs(b); }

// [8,16,16] -> conv 3x3 x16 pad 1 -> depthwise 3x3 -> pointwise x32 -> add? no:
// maxpool 2x2 -> global avgpool -> flatten -> dense 10 -> softmax.
Network handNet()
{
    return readNetworkYaml("name: t\ninputs: [{name: x, shape: [8, 16, 16]}]\nlayers:\n"
                           "  - {name: conv, op: conv2d, filters: 16, kernel: 3, padding: 1}\n"
                           "  - {name: dw, op: conv2d, filters: 16, groups: 16, kernel: 3, padding: 1}\n"
                           "  - {name: pw, op: conv2d, filters: 32, kernel: 1}\n"
                           "  - {name: pool, op: maxpool, kernel: 2, stride: 2}\n"
                           "  - {name: gap, op: global_avgpool}\n"
                           "  - {name: flat, op: flatten}\n"
                           "  - {name: fc, op: dense, units: 10}\n"
                           "  - {name: soft, op: softmax}\n",
                           "<test>");
}

// Rates per class (conv, pointwise, depthwise, fc, pooling, elementwise),
// no pixel cost, 100 cycles per layer, 1,000 per inference, fast memories.
CostRates handRates()
{
    CostRates rates;
    rates.workPerCycle = {0.5, 1.0, 0.25, 0.4, 2.0, 4.0};
    rates.perLayerOverheadCycles = 100;
    rates.perInferenceOverheadCycles = 1000;
    rates.flashBytesPerCycle = 1e9;
    rates.sramBytesPerCycle = 1e9;
    return rates;
}

const LayerWork& layerNamed(const std::vector<LayerWork>& work, const std::string& name)
{
    for (const LayerWork& layer : work)
        if (layer.name == name)
            return layer;
    throw Error("no layer " + name);
}

std::vector<LayerWork> handWork()
{
    const Network network = handNet();
    return mcuLayerWork(network, computeStats(network), int8LayerCosts(network));
}

} // namespace

class TestMcuCostModel : public QObject {
    Q_OBJECT
private slots:
    void workPerOpClass();
    void cyclesByHand();
    void pixelTerm();
    void memoryBoundLayer();
    void precisionScale();
    void clockScalingIsExact();
    void energyAndRange();
    void uncalibratedDefault();
    void partCalibrationTakesPrecedence();
    void inputSizeMismatch();
};

void TestMcuCostModel::workPerOpClass()
{
    const std::vector<LayerWork> work = handWork();
    // conv: 16*16*16 outputs x 8*9 = 294,912 MACs, 256 pixels; flash = 16*8*9 int8
    // weights + 16 int32 biases = 1,152 + 64 = 1,216 B; SRAM = in 2,048 + out 4,096 B.
    const LayerWork& conv = layerNamed(work, "conv");
    QCOMPARE(conv.opClass, OpClass::Conv);
    QCOMPARE(conv.work, 294912LL);
    QCOMPARE(conv.pixels, 256LL);
    QCOMPARE(conv.flashBytes, 1216LL);
    QCOMPARE(conv.sramBytes, 6144LL);
    // depthwise: 4,096 outputs x 9 = 36,864; pointwise: 8,192 outputs x 16 = 131,072.
    QCOMPARE(layerNamed(work, "dw").opClass, OpClass::Depthwise);
    QCOMPARE(layerNamed(work, "dw").work, 36864LL);
    QCOMPARE(layerNamed(work, "pw").opClass, OpClass::Pointwise);
    QCOMPARE(layerNamed(work, "pw").work, 131072LL);
    // maxpool 2x2/2: 32*8*8 = 2,048 outputs, each reads 4: 8,192 elements;
    // global pool reads its 2,048-element input; fc 32*10 MACs, one pixel.
    QCOMPARE(layerNamed(work, "pool").opClass, OpClass::Pooling);
    QCOMPARE(layerNamed(work, "pool").work, 8192LL);
    QCOMPARE(layerNamed(work, "gap").work, 2048LL);
    QCOMPARE(layerNamed(work, "fc").work, 320LL);
    QCOMPARE(layerNamed(work, "fc").pixels, 1LL);
    QCOMPARE(layerNamed(work, "soft").opClass, OpClass::Elementwise);
    QCOMPARE(layerNamed(work, "soft").work, 10LL);
    QVERIFY(!layerNamed(work, "flat").executed); // a view: no cost, no overhead
}

void TestMcuCostModel::cyclesByHand()
{
    // 1,000 + (294,912/0.5 + 36,864/0.25 + 131,072/1 + 8,192/2 + 2,048/2 + 320/0.4 + 10/4)
    // + 7 executed layers x 100 = 1,000 + 589,824 + 147,456 + 131,072 + 4,096
    // + 1,024 + 800 + 2.5 + 700 = 875,974.5 cycles.
    QVERIFY(close(inferenceCycles(handWork(), handRates()), 875974.5));
}

void TestMcuCostModel::pixelTerm()
{
    // 2 cycles per conv pixel adds 256*2 = 512 cycles; 3 per fc pixel adds 3.
    CostRates rates = handRates();
    rates.cyclesPerPixel[static_cast<std::size_t>(OpClass::Conv)] = 2.0;
    rates.cyclesPerPixel[static_cast<std::size_t>(OpClass::FullyConnected)] = 3.0;
    QVERIFY(close(inferenceCycles(handWork(), rates), 875974.5 + 512 + 3));
}

void TestMcuCostModel::memoryBoundLayer()
{
    // At 0.01 B/cycle from flash the fc layer's 320 int8 weights + 10 int32
    // biases = 360 B take 36,000 cycles, more than its 800 compute cycles:
    // the layer costs 36,000 + SRAM (32 + 10 B at 1e9 B/cycle) + 100.
    CostRates rates = handRates();
    rates.flashBytesPerCycle = 0.01;
    const mdse::hwlib::McuTarget part = mdse::hwlib::builtInMcuTarget("stm32l4r5");
    const McuCostEstimate estimate = estimateMcuCost(handWork(), part, mdse::hwlib::builtInEngine("tflm-cmsis-nn"),
                                                     rates, partPower(part));
    const auto fc = std::find_if(estimate.layers.begin(), estimate.layers.end(),
                                 [](const LayerCost& l) { return l.name == "fc"; });
    QVERIFY(fc != estimate.layers.end());
    QVERIFY(fc->memoryBound);
    QVERIFY(close(fc->cycles, 36000.0 + 42e-9 + 100.0));
}

void TestMcuCostModel::precisionScale()
{
    // int8 x1; int4 weights unpacked to int8 x1; int16 activations x0.5;
    // any floating point x0.25 (documented in mcu_cost_model.h).
    QCOMPARE(precisionThroughputScale(Precision::Int8, Precision::Int8), 1.0);
    QCOMPARE(precisionThroughputScale(Precision::Int4, Precision::Int8), 1.0);
    QCOMPARE(precisionThroughputScale(Precision::Int8, Precision::Int16), 0.5);
    QCOMPARE(precisionThroughputScale(Precision::Fp16, Precision::Fp16), 0.25);
    QCOMPARE(precisionThroughputScale(Precision::Fp32, Precision::Int8), 0.25);
    // A layer at int16 activations runs its work at half the int8 rate.
    const Network network = handNet();
    std::vector<LayerCostInput> inputs = int8LayerCosts(network);
    inputs[0].activations = Precision::Int16;
    const std::vector<LayerWork> work = mcuLayerWork(network, computeStats(network), inputs);
    QCOMPARE(layerNamed(work, "conv").precisionScale, 0.5);
    // A graph input is stored at the precision of its first reader (as the
    // memory analysis does): 2,048 int16 inputs + 4,096 int16 outputs.
    QCOMPARE(layerNamed(work, "conv").sramBytes, 4096LL + 8192LL);
    QCOMPARE(layerNamed(work, "dw").sramBytes, 8192LL + 4096LL);   // reads the int16 tensor
}

void TestMcuCostModel::clockScalingIsExact()
{
    // Issue #17: on the same core and engine, latency scales exactly with the
    // clock (MLPerf Tiny v1.3: NUCLEO-U575ZI-Q at 160 MHz and NUCLEO-U385RG-Q at
    // 96 MHz take the same cycles). No term of the model depends on the clock.
    mdse::hwlib::McuTarget fast = mdse::hwlib::builtInMcuTarget("stm32u575");
    mdse::hwlib::McuTarget slow = fast;
    slow.clockHz = 96000000;
    const auto engine = mdse::hwlib::builtInEngine("x-cube-ai-10.2");
    for (const CostRates& rates : {handRates(), uncalibratedRates(fast, engine)}) {
        const double a = estimateMcuCost(handWork(), fast, engine, rates, partPower(fast)).seconds;
        const double b = estimateMcuCost(handWork(), slow, engine, rates, partPower(slow)).seconds;
        QVERIFY(close(b / a, 160.0 / 96.0));
    }
}

void TestMcuCostModel::energyAndRange()
{
    const mdse::hwlib::McuTarget part = mdse::hwlib::builtInMcuTarget("stm32l4r5");
    CostRates rates = handRates();
    rates.lowFactor = 0.8;
    rates.highFactor = 1.25;
    const PowerFigure power{0.05, true, "test"};
    const McuCostEstimate e = estimateMcuCost(handWork(), part, mdse::hwlib::builtInEngine("tflm-cmsis-nn"), rates, power);
    // 875,974.5 cycles at 120 MHz = 7.2997875 ms; energy 0.05 W x that.
    QVERIFY(close(e.seconds, 875974.5 / 120e6));
    QVERIFY(close(e.lowSeconds, e.seconds * 0.8));
    QVERIFY(close(e.highSeconds, e.seconds * 1.25));
    QVERIFY(close(e.joules, 0.05 * e.seconds));
    QVERIFY(close(e.highJoules, 0.05 * e.highSeconds));
    QVERIFY(e.power.measured);
}

void TestMcuCostModel::uncalibratedDefault()
{
    // Part file rates x speedVsPartRates: stm32l4r5 conv 0.25 MAC/cycle x
    // tflm-reference 0.22 = 0.055; pooling takes the element-wise rate 0.5 x 0.22.
    const mdse::hwlib::McuTarget part = mdse::hwlib::builtInMcuTarget("stm32l4r5");
    const auto engine = mdse::hwlib::builtInEngine("tflm-reference");
    const CostRates rates = uncalibratedRates(part, engine);
    QVERIFY(close(rates.workPerCycle[0], 0.25 * 0.22));
    QVERIFY(close(rates.workPerCycle[static_cast<std::size_t>(OpClass::Pooling)], 0.5 * 0.22));
    QCOMPARE(rates.perLayerOverheadCycles, engine.perLayerOverheadCycles.value);
    QCOMPARE(rates.flashBytesPerCycle, part.memoryBandwidth.flashBytesPerCycle.value);
    QCOMPARE(rates.origin, RateOrigin::Uncalibrated);
    QCOMPARE(rates.lowFactor, 0.5);
    QVERIFY(QString::fromStdString(rates.provenance).startsWith(QStringLiteral("uncalibrated")));
}

void TestMcuCostModel::partCalibrationTakesPrecedence()
{
    mdse::hwlib::McuTarget part = mdse::hwlib::builtInMcuTarget("stm32l4r5");
    const auto engine = mdse::hwlib::builtInEngine("x-cube-ai-9.0");
    QVERIFY(!partCalibrationRates(part, engine));
    part.engineCalibrations.push_back({"x-cube-ai-9.0", {0.6, 0.7, 0.5, 0.4, 1.0, 1.0}, {}, "my.csv", 25.0});
    const CostRates rates = resolveCostRates(part, engine, nullptr);
    QCOMPARE(rates.origin, RateOrigin::PartCalibration);
    QCOMPARE(rates.workPerCycle[1], 0.7);
    QCOMPARE(rates.highFactor, 1.25); // +-worstErrorPercent (at least 10 %)
    QCOMPARE(resolveCostRates(part, mdse::hwlib::builtInEngine("tflm-cmsis-nn"), nullptr).origin,
             RateOrigin::Uncalibrated);
}

void TestMcuCostModel::inputSizeMismatch()
{
    const Network network = handNet();
    QVERIFY_THROWS_EXCEPTION(Error, mcuLayerWork(network, computeStats(network), {LayerCostInput{}}));
}

QTEST_APPLESS_MAIN(TestMcuCostModel)
#include "tst_mcu_cost_model.moc"
