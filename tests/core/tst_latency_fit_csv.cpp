// Measurement files (core/io/measurement_csv.h): the built-in MLPerf Tiny set
// and a user's file round-trip through the writer, and malformed files give
// errors located at file:line:column naming the column.
#include "core/io/measurement_csv.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace mdse::core;

class TestLatencyFitCsv : public QObject {
    Q_OBJECT
private slots:
    void builtInSetRoundTrips();
    void userFileRoundTrips();
    void minimalUserFile();
    void malformedFilesAreLocated_data();
    void malformedFilesAreLocated();
    void unknownIdsAreLocated();
};

void TestLatencyFitCsv::builtInSetRoundTrips()
{
    const std::vector<LatencyMeasurement> rows = builtInMeasurements();
    QCOMPARE(rows.size(), std::size_t{100});
    const std::vector<LatencyMeasurement> back = parseMeasurementCsv(writeMeasurementCsv(rows), "<written>");
    QVERIFY(back == rows);
    // Line numbers point into the embedded file: its first data row follows
    // 15 comment lines and the header (hwlib/catalogue/calibration/mlperf-tiny.csv).
    QCOMPARE(rows.front().origin.line, 17);
    QVERIFY_THROWS_EXCEPTION(Error, builtInMeasurements("nonexistent"));
}

void TestLatencyFitCsv::userFileRoundTrips()
{
    // A user's calibration file with quoting, an energy figure and a comment.
    const std::string text = "# my board\n"
                             "part,model,latencyMs,engine,board,energyUj,supplyVolts,source\n"
                             "stm32f746,mlperf-tiny-ic,61.25,tflm-cmsis-nn,\"DISCO, rev C\",2100.5,3.3,\"bench \"\"A\"\"\"\n"
                             "stm32f746,mlperf-tiny-kws,17.5,,,,,\n";
    const std::vector<LatencyMeasurement> rows = parseMeasurementCsv(text, "mine.csv");
    QCOMPARE(rows.size(), std::size_t{2});
    QCOMPARE(rows[0].board, std::string("DISCO, rev C"));
    QCOMPARE(rows[0].source, std::string("bench \"A\""));
    QCOMPARE(rows[0].latencySeconds, 0.06125);
    QCOMPARE(*rows[0].energyJoules, 2100.5e-6);
    QCOMPARE(rows[1].engine, std::string());
    QVERIFY(!rows[1].energyJoules);
    QCOMPARE(rows[1].origin.line, 4);
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("roundtrip.csv")).toStdString();
    std::ofstream(path) << writeMeasurementCsv(rows);
    QVERIFY(loadMeasurementCsvFile(path) == rows);
}

void TestLatencyFitCsv::minimalUserFile()
{
    // Only the three required columns: engine, clock and core default later.
    const std::vector<LatencyMeasurement> rows = parseMeasurementCsv("model,part,latencyMs\nmlperf-tiny-ad,stm32u575,3.2\n", "m.csv");
    QCOMPARE(rows.size(), std::size_t{1});
    QCOMPARE(rows[0].clockHz, 0LL);
    const std::vector<CalibrationSample> samples = measurementSamples(rows);
    QCOMPARE(samples[0].engine.id, std::string(mdse::hwlib::kDefaultEngineId));
    QCOMPARE(samples[0].part.clockHz, 160000000LL); // the part's own clock
}

void TestLatencyFitCsv::malformedFilesAreLocated_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown column") << "part,model,latencyMs,speed\n" << "bad.csv:1:22:" << "unknown column 'speed'";
    QTest::newRow("repeated column") << "part,model,latencyMs,part\n" << "bad.csv:1:22:" << "'part' appears twice";
    QTest::newRow("missing column") << "part,model\n" << "bad.csv:1:1:" << "missing column 'latencyMs'";
    QTest::newRow("field count") << "part,model,latencyMs\nstm32f746,mlperf-tiny-ic\n" << "bad.csv:2:1:" << "expected 3 fields";
    QTest::newRow("negative latency") << "part,model,latencyMs\n# c\nstm32f746,mlperf-tiny-ic,-4\n" << "bad.csv:3:26:"
                                      << "column 'latencyMs' must be a positive number";
    QTest::newRow("not a number") << "part,model,latencyMs,clockHz\nstm32f746,mlperf-tiny-ic,4,fast\n" << "bad.csv:2:28:"
                                  << "column 'clockHz' must be a positive integer";
    QTest::newRow("empty part") << "part,model,latencyMs\n,mlperf-tiny-ic,4\n" << "bad.csv:2:1:" << "column 'part' is empty";
    QTest::newRow("open quote") << "part,model,latencyMs\n\"stm32f746,mlperf-tiny-ic,4\n" << "bad.csv:2:1:"
                                << "unterminated quoted field";
    QTest::newRow("no header") << "# only a comment\n" << "bad.csv:" << "no header row";
}

void TestLatencyFitCsv::malformedFilesAreLocated()
{
    QFETCH(QString, text);
    QFETCH(QString, where);
    QFETCH(QString, message);
    try {
        parseMeasurementCsv(text.toStdString(), "bad.csv");
        QFAIL("expected a core::Error");
    } catch (const Error& error) {
        const QString what = QString::fromUtf8(error.what());
        QVERIFY2(what.startsWith(where), qPrintable(what));
        QVERIFY2(what.contains(message), qPrintable(what));
    }
}

void TestLatencyFitCsv::unknownIdsAreLocated()
{
    // Ids are checked when the rows become samples; the error names the row.
    const auto rows = parseMeasurementCsv("part,model,latencyMs,engine\nstm32f746,mlperf-tiny-ic,4,tflm\n"
                                          "stm32f999,mlperf-tiny-ic,4,tflm-cmsis-nn\n",
                                          "ids.csv");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        try {
            measurementSamples({rows[i]});
            QFAIL("expected a core::Error");
        } catch (const Error& error) {
            const QString what = QString::fromUtf8(error.what());
            QVERIFY2(what.startsWith(QStringLiteral("ids.csv:%1:").arg(i + 2)), qPrintable(what));
            QVERIFY2(what.contains(i == 0 ? QStringLiteral("'tflm'") : QStringLiteral("'stm32f999'")), qPrintable(what));
        }
    }
}

QTEST_APPLESS_MAIN(TestLatencyFitCsv)
#include "tst_latency_fit_csv.moc"
