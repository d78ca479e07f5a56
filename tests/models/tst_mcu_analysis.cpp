// McuAnalysis keeps core's MCU evaluation of the document current.
#include "models/mcu_analysis.h"
#include "models/studio_document.h"

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
    const core::McuEvaluation direct = core::evaluateMcu(document.network(), core::PrecisionView{}, document.target());
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

QTEST_GUILESS_MAIN(TestMcuAnalysis)
#include "tst_mcu_analysis.moc"
