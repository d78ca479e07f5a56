// EvaluationRunner keeps core::evaluate() of the document current, off the
// GUI thread, the newest request winning.
#include "models/evaluation_runner.h"
#include "models/studio_document.h"

#include "core/evaluate/evaluate.h"
#include "hwlib/catalogue.h"

#include <QSignalSpy>
#include <QtTest>

using namespace mdse;

class TestEvaluationRunner : public QObject {
    Q_OBJECT
private slots:
    void followsNetworkAndTarget();
    void noNetworkNoEvaluation();
    void batchnormsFoldedAsTheCliDoes();
    void newestRequestWins();
};

void TestEvaluationRunner::followsNetworkAndTarget()
{
    models::StudioDocument document;
    QVERIFY(document.setTargetId(QStringLiteral("stm32f746")).isEmpty());
    models::EvaluationRunner runner(&document);
    QSignalSpy updated(&runner, &models::EvaluationRunner::updated);
    QVERIFY(document.openNetwork(QStringLiteral("zoo:dscnn-s")).isEmpty());
    runner.waitForFinished();
    QVERIFY(runner.evaluation() && runner.evaluation()->mcu);
    // DS-CNN S closed-form memory: largest in + out = 16,000 B at int8
    // (64x25x5 in and out; Hello Edge's 38.6 KB adds the 22,604 B of weights).
    QCOMPARE(runner.evaluation()->mcu->memory.closedForm.peakBytes, 16000);
    // Parity: the same figures as core::evaluate() of the same inputs.
    const core::Evaluation direct = core::evaluate(document.network(), document.spec());
    QCOMPARE(runner.evaluation()->mcu->memory.arenaBytes, direct.mcu->memory.arenaBytes);
    QCOMPARE(runner.evaluation()->mcu->roofline.points.size(), direct.mcu->roofline.points.size());
    // A new target re-evaluates: the nRF52840's roofline ceilings are its own.
    QVERIFY(document.setTargetId(QStringLiteral("nrf52840")).isEmpty());
    runner.waitForFinished();
    const auto nrf = hwlib::builtInMcuTarget("nrf52840");
    QCOMPARE(runner.evaluation()->spec.target.mcu.id, std::string("nrf52840"));
    QCOMPARE(runner.evaluation()->mcu->roofline.bandwidth.at(1).bytesPerSecond,
             nrf.memoryBandwidth.sramBytesPerCycle.value * double(nrf.clockHz));
    QVERIFY(updated.count() >= 2);
}

void TestEvaluationRunner::noNetworkNoEvaluation()
{
    models::StudioDocument document;
    models::EvaluationRunner runner(&document);
    runner.waitForFinished();
    QVERIFY(!runner.evaluation());
    QVERIFY(runner.errorText().isEmpty());
    // A network without a target: the plain evaluation, no MCU section.
    QVERIFY(document.openNetwork(QStringLiteral("zoo:lenet5")).isEmpty());
    runner.waitForFinished();
    QVERIFY(runner.evaluation());
    QVERIFY(!runner.evaluation()->mcu);
    QCOMPARE(runner.evaluation()->totals.params, 431080); // LeNet-5 (Caffe): Han et al. NIPS 2015, Table 1
}

void TestEvaluationRunner::batchnormsFoldedAsTheCliDoes()
{
    // MobileNetV2 1.0/224 on the F746, BN folded: live-set peak 1,505,280 B at
    // b2_dw and in-place peak 1,404,928 B = 1372 KiB (MCUNetV2's 1372 kB,
    // Lin et al. NeurIPS 2021, Fig. 2), the figures `microdse analyze` prints.
    models::StudioDocument document;
    QVERIFY(document.setTargetId(QStringLiteral("stm32f746")).isEmpty());
    QVERIFY(document.openNetwork(QStringLiteral("zoo:mobilenetv2-1.0-224")).isEmpty());
    models::EvaluationRunner runner(&document);
    runner.waitForFinished();
    QVERIFY(runner.evaluation());
    const core::McuMemoryReport& memory = runner.evaluation()->mcu->memory;
    QCOMPARE(memory.liveSet.peakBytes, 1505280);
    QCOMPARE(memory.liveSet.steps[memory.liveSet.peakStep].layerName, std::string("b2_dw"));
    QCOMPARE(memory.inPlace.peakBytes, 1404928);
    // torchvision's b2_dw is followed by b2_dw_bn, folded into it; unfolded
    // layers stay themselves.
    QCOMPARE(runner.deployedLayer(QStringLiteral("b2_dw_bn")), QStringLiteral("b2_dw"));
    QCOMPARE(runner.deployedLayer(QStringLiteral("b2_dw")), QStringLiteral("b2_dw"));
    QCOMPARE(runner.deployedLayer(QStringLiteral("b3_add")), QStringLiteral("b3_add"));
}

void TestEvaluationRunner::newestRequestWins()
{
    // Three target changes in a row while the first evaluation runs: the
    // result shown at the end is the last target's, and no older result is
    // published after a newer one.
    models::StudioDocument document;
    QVERIFY(document.openNetwork(QStringLiteral("zoo:mobilenetv2-1.0-224")).isEmpty());
    models::EvaluationRunner runner(&document);
    std::vector<std::string> published;
    connect(&runner, &models::EvaluationRunner::updated, this, [&] {
        if (runner.evaluation() && runner.evaluation()->mcu)
            published.push_back(runner.evaluation()->spec.target.mcu.id);
    });
    for (const char* id : {"stm32f746", "stm32h743", "nrf52840"})
        QVERIFY(document.setTargetId(QString::fromLatin1(id)).isEmpty());
    runner.waitForFinished();
    QVERIFY(!published.empty());
    QCOMPARE(published.back(), std::string("nrf52840"));
    QCOMPARE(runner.evaluation()->spec.target.mcu.id, std::string("nrf52840"));
}

QTEST_GUILESS_MAIN(TestEvaluationRunner)
#include "tst_evaluation_runner.moc"
