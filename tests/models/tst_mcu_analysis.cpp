// McuAnalysis keeps core's MCU evaluation of the document current.
#include "models/mcu_analysis.h"
#include "models/studio_document.h"

#include "core/graph/batchnorm_folding.h"
#include "core/perf/mcu_evaluation.h"
#include "hwlib/catalogue.h"

#include <QSignalSpy>
#include <QtTest>

using namespace mdse;

class TestMcuAnalysis : public QObject {
    Q_OBJECT
private slots:
    void followsNetworkAndTarget();
    void noNetworkNoEvaluation();
    void batchnormsFoldedAsTheCliDoes();
};

void TestMcuAnalysis::followsNetworkAndTarget()
{
    models::StudioDocument document;
    QVERIFY(document.setTargetId(QStringLiteral("stm32f746")).isEmpty());
    models::McuAnalysis analysis(&document);
    QSignalSpy updated(&analysis, &models::McuAnalysis::updated);
    QVERIFY(document.openNetwork(QStringLiteral("zoo:dscnn-s")).isEmpty());
    QCOMPARE(updated.count(), 1);
    QVERIFY(analysis.evaluation());
    // The same figures as core's evaluation of the same inputs; DS-CNN S
    // closed-form memory: largest in + out = 16,000 B at int8 (64x25x5 in
    // and out; Hello Edge's 38.6 KB adds the 22,604 B of weights).
    const core::Network folded(core::foldBatchNorms(document.network()));
    const core::McuEvaluation direct = core::evaluateMcu(folded, core::PrecisionView{}, document.target());
    QCOMPARE(analysis.evaluation()->memory.closedForm.peakBytes, 16000);
    QCOMPARE(analysis.evaluation()->memory.arenaBytes, direct.memory.arenaBytes);
    QCOMPARE(analysis.evaluation()->roofline.points.size(), direct.roofline.points.size());
    // A new target re-evaluates: the nRF52840's roofline ceilings are its own.
    QVERIFY(document.setTargetId(QStringLiteral("nrf52840")).isEmpty());
    QCOMPARE(updated.count(), 2);
    const auto nrf = hwlib::builtInMcuTarget("nrf52840");
    QCOMPARE(analysis.evaluation()->target.id, std::string("nrf52840"));
    QCOMPARE(analysis.evaluation()->roofline.bandwidth.at(1).bytesPerSecond,
             nrf.memoryBandwidth.sramBytesPerCycle.value * double(nrf.clockHz));
}

void TestMcuAnalysis::noNetworkNoEvaluation()
{
    models::StudioDocument document;
    models::McuAnalysis analysis(&document);
    QVERIFY(!analysis.evaluation());
    QVERIFY(analysis.errorText().isEmpty());
    // A network but no target yet: a message, not a failed evaluation.
    QVERIFY(document.openNetwork(QStringLiteral("zoo:lenet5")).isEmpty());
    QVERIFY(!analysis.evaluation());
    QCOMPARE(analysis.errorText(), QStringLiteral("No MCU target is chosen."));
}

void TestMcuAnalysis::batchnormsFoldedAsTheCliDoes()
{
    // MobileNetV2 1.0/224 on the F746, BN folded: live-set peak 1,505,280 B at
    // b2_dw and in-place peak 1,404,928 B = 1372 KiB (MCUNetV2's 1372 kB;
    // docs/mcu-analysis.md, bench_mcu), the figures `microdse analyze` prints.
    models::StudioDocument document;
    QVERIFY(document.setTargetId(QStringLiteral("stm32f746")).isEmpty());
    QVERIFY(document.openNetwork(QStringLiteral("zoo:mobilenetv2-1.0-224")).isEmpty());
    models::McuAnalysis analysis(&document);
    QVERIFY(analysis.evaluation());
    const core::McuMemoryReport& memory = analysis.evaluation()->memory;
    QCOMPARE(memory.liveSet.peakBytes, 1505280);
    QCOMPARE(memory.liveSet.steps[memory.liveSet.peakStep].layerName, std::string("b2_dw"));
    QCOMPARE(memory.inPlace.peakBytes, 1404928);
    // torchvision's b2_dw is followed by b2_dw_bn, folded into it; unfolded
    // layers stay themselves.
    QCOMPARE(analysis.deployedLayer(QStringLiteral("b2_dw_bn")), QStringLiteral("b2_dw"));
    QCOMPARE(analysis.deployedLayer(QStringLiteral("b2_dw")), QStringLiteral("b2_dw"));
    QCOMPARE(analysis.deployedLayer(QStringLiteral("b3_add")), QStringLiteral("b3_add"));
}

QTEST_GUILESS_MAIN(TestMcuAnalysis)
#include "tst_mcu_analysis.moc"
