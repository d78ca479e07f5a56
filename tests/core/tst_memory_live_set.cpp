// Closed-form memory, live-set timeline, kernel scratch and in-place
// depthwise against hand-worked graphs and published figures.
#include "core/io/network_yaml.h"
#include "core/memory/closed_form.h"
#include "core/memory/live_set.h"

#include <QtTest>

using namespace mdse::core;

namespace {

Network net(const std::string& inputShape, const std::string& layers)
{
    return readNetworkYaml("name: t\ninputs: [{name: x, shape: " + inputShape + "}]\nlayers:\n" + layers, "<test>");
}

// eliberis/tflite-tools README example: 32x32x3 -> conv 30x30x16 -> conv
// 28x28x16 -> maxpool 14x14x16 -> FC128 -> FC10 -> softmax.
Network tfliteToolsCnn()
{
    return net("[3, 32, 32]",
               "  - {name: c1, op: conv2d, filters: 16, kernel: 3}\n"
               "  - {name: c2, op: conv2d, filters: 16, kernel: 3}\n"
               "  - {name: p, op: maxpool, kernel: 2}\n"
               "  - {name: f, op: flatten}\n"
               "  - {name: d1, op: dense, units: 128}\n"
               "  - {name: d2, op: dense, units: 10}\n"
               "  - {name: s, op: softmax}\n");
}

// Hello Edge DS-CNN (Zhang et al. 2017; ML-KWS-for-MCU train_commands.txt):
// 49x10 MFCC, conv 10x4 (stride [2, strideW]) then `ds` depthwise-separable
// blocks of 3x3, the first with stride `firstDsStride`, global pool, FC 12.
Network dsCnn(int filters, int strideW, int blocks, int firstDsStride)
{
    const std::string f = std::to_string(filters);
    std::string layers = "  - {name: conv1, op: conv2d, filters: " + f + ", kernel: [10, 4], stride: [2, "
        + std::to_string(strideW) + "], padding: same, activation: relu}\n";
    for (int i = 1; i <= blocks; ++i) {
        const std::string s = std::to_string(i == 1 ? firstDsStride : 1);
        layers += "  - {name: dw" + std::to_string(i) + ", op: conv2d, filters: " + f + ", groups: " + f
            + ", kernel: 3, stride: " + s + ", padding: same, activation: relu}\n";
        layers += "  - {name: pw" + std::to_string(i) + ", op: conv2d, filters: " + f
            + ", kernel: 1, activation: relu}\n";
    }
    layers += "  - {name: pool, op: global_avgpool}\n  - {name: flat, op: flatten}\n"
              "  - {name: fc, op: dense, units: 12}\n";
    return net("[1, 49, 10]", layers);
}

LiveSetOptions noScratch(bool inPlace = false)
{
    return {KernelPath::None, inPlace};
}

} // namespace

class TestMemoryLiveSet : public QObject {
    Q_OBJECT
private slots:
    void tfliteToolsPeak();
    void cmsisScratch();
    void helloEdgeMemory_data();
    void helloEdgeMemory();
    void residualKeepsSkipAlive();
    void inPlaceFormula_data();
    void inPlaceFormula();
    void inPlaceInvertedResidual();
    void subBytePrecision();
    void viewOpsAlias();
};

void TestMemoryLiveSet::tfliteToolsPeak()
{
    // README: peak 26,944 B = 14,400 (30x30x16) + 12,544 (28x28x16), at c2.
    const Network network = tfliteToolsCnn();
    const LiveSetTimeline timeline = liveSetTimeline(network, PrecisionView{}, noScratch());
    QCOMPARE(timeline.peakBytes, 26944LL);
    QCOMPARE(timeline.steps[timeline.peakStep].layerName, std::string("c2"));
    // first step: input 3,072 + 14,400
    QCOMPARE(timeline.steps[0].totalBytes, 17472LL);
    // SpArSe closed form: max(in + out) is the same pair here.
    QCOMPARE(closedFormMemory(network, computeStats(network), PrecisionView{}).peakBytes, 26944LL);
}

void TestMemoryLiveSet::cmsisScratch()
{
    // CMSIS-NN DSP conv s8 buffer 2*align4(kh*kw*Cin)*2: c2 = 2*144*2 = 576 B,
    // c1 = 2*align4(27)*2 = 112 B; MVE 4*ceil(144/16)*16 = 576 too, c1 4*32 = 128.
    const Network network = tfliteToolsCnn();
    const LiveSetTimeline dsp = liveSetTimeline(network, PrecisionView{}, {KernelPath::CmsisNnDsp, false});
    QCOMPARE(dsp.steps[0].scratchBytes, 112LL);
    QCOMPARE(dsp.steps[1].scratchBytes, 576LL);
    QCOMPARE(dsp.peakBytes, 26944LL + 576);
    const LiveSetTimeline mve = liveSetTimeline(network, PrecisionView{}, {KernelPath::CmsisNnMve, false});
    QCOMPARE(mve.steps[0].scratchBytes, 128LL);
    // FC on MVE: 4 * input features = 4 * 3136
    QCOMPARE(mve.steps[4].scratchBytes, 4LL * 3136);
}

void TestMemoryLiveSet::helloEdgeMemory_data()
{
    QTest::addColumn<int>("filters");
    QTest::addColumn<int>("strideW");
    QTest::addColumn<int>("blocks");
    QTest::addColumn<int>("firstDsStride");
    QTest::addColumn<qlonglong>("memoryBytes");
    // Hello Edge Table (memory = 8-bit params + largest layer input+output):
    // S 38.6 KB: params 2,624 + 4*4,800 + 780 = 22,604; dw 8,000 + 8,000 -> 38,604.
    QTest::newRow("DS-CNN S") << 64 << 2 << 4 << 1 << 38604LL;
    // M 189.2 KB: params 7,052 + 4*31,476 + 2,076 = 135,032; dw1 43,000 + 11,180 -> 189,212.
    QTest::newRow("DS-CNN M") << 172 << 1 << 4 << 2 << 189212LL;
    // L 497.6 KB: params 11,316 + 5*79,212 + 3,324 = 410,700; dw1 69,000 + 17,940 -> 497,640.
    QTest::newRow("DS-CNN L") << 276 << 1 << 5 << 2 << 497640LL;
}

void TestMemoryLiveSet::helloEdgeMemory()
{
    QFETCH(int, filters);
    QFETCH(int, strideW);
    QFETCH(int, blocks);
    QFETCH(int, firstDsStride);
    QFETCH(qlonglong, memoryBytes);
    PrecisionView eightBit;
    eightBit.biases = Precision::Int8; // Hello Edge stores every parameter in 8 bits
    const Network ds = dsCnn(filters, strideW, blocks, firstDsStride);
    const ClosedFormMemory memory = closedFormMemory(ds, computeStats(ds), eightBit);
    QCOMPARE(memory.parameterBytes + memory.peakBytes, memoryBytes);
}

void TestMemoryLiveSet::residualKeepsSkipAlive()
{
    // x [8,16,16] = 2,048 B; a, b 3x3 pad 1 convs of 8 filters (2,048 B each).
    // Plain chain: peak a+b = 4,096. With add(b, x), x stays alive through
    // b: x + a + b = 6,144. The skip changes the peak by exactly 2,048 B.
    const std::string convs = "  - {name: a, op: conv2d, filters: 8, kernel: 3, padding: 1}\n"
                              "  - {name: b, op: conv2d, filters: 8, kernel: 3, padding: 1}\n";
    const LiveSetTimeline plain = liveSetTimeline(
        net("[8, 16, 16]", convs + "  - {name: r, op: relu}\n"), PrecisionView{}, noScratch());
    const LiveSetTimeline residual = liveSetTimeline(
        net("[8, 16, 16]", convs + "  - {name: r, op: add, inputs: [b, x]}\n"), PrecisionView{}, noScratch());
    QCOMPARE(plain.peakBytes, 4096LL);
    QCOMPARE(residual.peakBytes, 6144LL);
    QCOMPARE(residual.peakBytes - plain.peakBytes, 2048LL);
    QCOMPARE(residual.steps[residual.peakStep].layerName, std::string("b"));
    QCOMPARE(residual.steps[1].live.size(), std::size_t{3}); // x, a, b
}

void TestMemoryLiveSet::inPlaceFormula_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::newRow("32x10x10") << 32 << 10 << 10;
    QTest::newRow("96x56x56") << 96 << 56 << 56;
    QTest::newRow("2x7x5") << 2 << 7 << 5;
}

void TestMemoryLiveSet::inPlaceFormula()
{
    // MCUNet (MCUNet/MCUNetV2 (Lin et al.)): depthwise step needs 2*C*H*W in general and
    // (1+C)*H*W in place (int8, stride 1, the input dies at this layer).
    QFETCH(int, c);
    QFETCH(int, h);
    QFETCH(int, w);
    const std::string shape = "[4, " + std::to_string(h) + ", " + std::to_string(w) + "]";
    const std::string layers = "  - {name: t, op: conv2d, filters: " + std::to_string(c) + ", kernel: 1}\n"
        "  - {name: dw, op: conv2d, filters: " + std::to_string(c) + ", groups: " + std::to_string(c)
        + ", kernel: 3, padding: 1}\n";
    const Network network = net(shape, layers);
    const qlonglong chw = qlonglong(c) * h * w;
    QCOMPARE(liveSetTimeline(network, PrecisionView{}, noScratch(false)).steps[1].totalBytes, 2 * chw);
    const LiveSetTimeline inPlace = liveSetTimeline(network, PrecisionView{}, noScratch(true));
    QVERIFY(inPlace.steps[1].inPlace);
    QCOMPARE(inPlace.steps[1].totalBytes, qlonglong(1 + c) * h * w);
}

void TestMemoryLiveSet::inPlaceInvertedResidual()
{
    // x [16,8,8] = 1,024; expand 64 -> 4,096; dw -> 4,096; project 16 -> 1,024; add x.
    // General: dw step x + 4,096 + 4,096 = 9,216 (peak).
    // In place: dw step x + (1+64)*64 = 5,184; project step x + 4,096 + 1,024 = 6,144 (peak).
    const Network network = net("[16, 8, 8]",
                                "  - {name: e, op: conv2d, filters: 64, kernel: 1}\n"
                                "  - {name: d, op: conv2d, filters: 64, groups: 64, kernel: 3, padding: 1}\n"
                                "  - {name: p, op: conv2d, filters: 16, kernel: 1}\n"
                                "  - {name: r, op: add, inputs: [p, x]}\n");
    const LiveSetTimeline general = liveSetTimeline(network, PrecisionView{}, noScratch(false));
    QCOMPARE(general.peakBytes, 9216LL);
    const LiveSetTimeline inPlace = liveSetTimeline(network, PrecisionView{}, noScratch(true));
    QCOMPARE(inPlace.steps[1].totalBytes, 5184LL);
    QCOMPARE(inPlace.peakBytes, 6144LL);
    QCOMPARE(inPlace.steps[inPlace.peakStep].layerName, std::string("p"));
}

void TestMemoryLiveSet::subBytePrecision()
{
    // c1's output at int4: 14,400 elements -> 7,200 B; c2 stays int8 (12,544).
    PrecisionView precision;
    precision.activations["c1"] = Precision::Int4;
    const LiveSetTimeline timeline = liveSetTimeline(tfliteToolsCnn(), precision, noScratch());
    QCOMPARE(timeline.steps[1].totalBytes, 7200LL + 12544);
    QCOMPARE(timeline.steps[0].totalBytes, 3072LL + 7200);
}

void TestMemoryLiveSet::viewOpsAlias()
{
    // flatten aliases the pool output: at the flatten step only 3,136 B live;
    // at d1 3,136 + 128.
    const LiveSetTimeline timeline = liveSetTimeline(tfliteToolsCnn(), PrecisionView{}, noScratch());
    QCOMPARE(timeline.steps[3].totalBytes, 3136LL);
    QCOMPARE(timeline.steps[4].totalBytes, 3136LL + 128);
}

QTEST_APPLESS_MAIN(TestMemoryLiveSet)
#include "tst_memory_live_set.moc"
