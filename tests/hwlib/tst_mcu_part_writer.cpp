// A part written by writeMcuTargetYaml reads back equal: this is how a part
// "as used" is kept with an experiment (issue #7), calibration included
// (issue #5: "calibration factors per target editable and saved with the
// experiment").
#include "hwlib/catalogue.h"
#include "hwlib/mcu_part_writer.h"

#include <QtTest>

using namespace mdse::hwlib;

class TestMcuPartWriter : public QObject {
    Q_OBJECT
private slots:
    void everyBuiltInPartRoundTrips_data();
    void everyBuiltInPartRoundTrips();
    void editedCalibrationSurvives();
    void engineCalibrationsSurvive();
};

void TestMcuPartWriter::everyBuiltInPartRoundTrips_data()
{
    QTest::addColumn<QString>("id");
    for (const McuTarget& part : builtInMcuTargets())
        QTest::newRow(part.id.c_str()) << QString::fromStdString(part.id);
}

void TestMcuPartWriter::everyBuiltInPartRoundTrips()
{
    QFETCH(QString, id);
    const McuTarget part = builtInMcuTarget(id.toStdString());
    const std::string written = writeMcuTargetYaml(part);
    const McuTarget back = parseMcuTarget(written, part.id, "<written>");
    QVERIFY2(back == part, written.c_str());
    QCOMPARE(writeMcuTargetYaml(back), written); // and the text is stable
}

void TestMcuPartWriter::editedCalibrationSurvives()
{
    // A user measured 1.37x the estimated latency on the board.
    McuTarget part = builtInMcuTarget(kDefaultMcuId);
    part.calibration = 1.37;
    const McuTarget back = parseMcuTarget(writeMcuTargetYaml(part), part.id, "<written>");
    QCOMPARE(back.calibration, 1.37);
    QVERIFY(back.npu == part.npu);
}

void TestMcuPartWriter::engineCalibrationsSurvive()
{
    // Rates fitted for two engines on one part (issue #17) are stored with
    // the part and read back exactly (17 significant digits are written).
    McuTarget part = builtInMcuTarget("stm32l4r5");
    part.engineCalibrations.push_back({"x-cube-ai-9.0", {0.63, 0.71, 0.52, 0.41, 1.5, 0.9},
                                       {12.5, 3.0, 0.0, 40.0, 1.0, 0.0}, "4 rows of board.csv", 3.25});
    part.engineCalibrations.push_back({"tflm-cmsis-nn", {1.0 / 3.0, 0.2, 0.1, 0.15, 0.7, 0.5}, {}, "2 rows", 0.0});
    const std::string written = writeMcuTargetYaml(part);
    const McuTarget back = parseMcuTarget(written, part.id, "<written>");
    QVERIFY2(back == part, written.c_str());
    QVERIFY(back.engineCalibration("tflm-cmsis-nn") != nullptr);
    QCOMPARE(back.engineCalibration("tflm-cmsis-nn")->workPerCycle[0], 1.0 / 3.0);
    QVERIFY(back.engineCalibration("microtvm") == nullptr);
}

QTEST_APPLESS_MAIN(TestMcuPartWriter)
#include "tst_mcu_part_writer.moc"
