// The inference-engine catalogue (issue #17): every engine the issue names
// loads with its sourced characteristics, figures match their sources, and
// malformed engine files give errors naming the field.
#include "hwlib/calibration_set.h"
#include "hwlib/catalogue.h"
#include "hwlib/inference_engine.h"

#include <QtTest>

using namespace mdse::hwlib;

namespace {

// A minimal valid engine file; tests break one field at a time.
const char* kValidEngine = R"(name: Test engine
vendor: Someone
kind: interpreter
kernels: "portable C"
cores: [Cortex-M4]
perInferenceOverheadCycles: {value: 100, source: s}
perLayerOverheadCycles: {value: 0, source: s}
speedVsPartRates: {value: 1.0, source: s}
sources: [s]
)";

std::string replaced(const std::string& from, const std::string& to)
{
    std::string text = kValidEngine;
    const std::size_t at = text.find(from);
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

} // namespace

class TestEngineCatalogue : public QObject {
    Q_OBJECT
private slots:
    void everyIssueEngineLoads();
    void versionsMatchTheMeasuredSystems_data();
    void versionsMatchTheMeasuredSystems();
    void figuresMatchSources();
    void unknownEngine();
    void malformedFilesNameTheField_data();
    void malformedFilesNameTheField();
    void mlperfCalibrationSetIsEmbedded();
};

void TestEngineCatalogue::everyIssueEngineLoads()
{
    // Issue #17's ids, plus the two further set-ups MLPerf Tiny measured
    // (X-CUBE-AI 8.0 by Krai in v1.1, microTVM with its native schedules).
    const std::vector<std::string> required{"tflm-reference", "tflm-cmsis-nn", "x-cube-ai-7.3", "x-cube-ai-8.0",
                                            "x-cube-ai-8.1", "x-cube-ai-9.0", "x-cube-ai-10.2", "tinyengine",
                                            "microtvm", "microtvm-native"};
    const std::vector<std::string> ids = engineIds();
    QCOMPARE(ids.size(), required.size());
    for (const std::string& id : required) {
        QVERIFY2(isEngineId(id), id.c_str());
        const InferenceEngine engine = builtInEngine(id);
        QCOMPARE(engine.id, id);
        QVERIFY(!engine.kernels.empty());
        QVERIFY(!engine.cores.empty());
        QVERIFY(!engine.sources.empty());
        QVERIFY(engine.speedVsPartRates.value > 0);
        QVERIFY(!engine.perLayerOverheadCycles.source.empty());
    }
    QCOMPARE(builtInEngines().size(), required.size());
    QVERIFY(isEngineId(kDefaultEngineId));
}

void TestEngineCatalogue::versionsMatchTheMeasuredSystems_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("version");
    // "Inference Framework" of the MLPerf Tiny systems/*.json: X-CUBE-AI
    // v7.3.0 (v1.0 ST), v8.0.0 (v1.1 Krai), v8.1.0 (v1.1 ST), v9.0 (v1.2 ST),
    // v10.2 (v1.3 ST).
    QTest::newRow("7.3") << "x-cube-ai-7.3" << "7.3.0";
    QTest::newRow("8.0") << "x-cube-ai-8.0" << "8.0.0";
    QTest::newRow("8.1") << "x-cube-ai-8.1" << "8.1.0";
    QTest::newRow("9.0") << "x-cube-ai-9.0" << "9.0.0";
    QTest::newRow("10.2") << "x-cube-ai-10.2" << "10.2.0";
}

void TestEngineCatalogue::versionsMatchTheMeasuredSystems()
{
    QFETCH(QString, id);
    QFETCH(QString, version);
    const InferenceEngine engine = builtInEngine(id.toStdString());
    QCOMPARE(QString::fromStdString(engine.version), version);
    QCOMPARE(engine.kind, std::string("code-generator"));
    QCOMPARE(engine.vendor, std::string("STMicroelectronics"));
}

void TestEngineCatalogue::figuresMatchSources()
{
    // CMSIS-NN abstract (Lai et al., arXiv:1801.06601): 4.6x the baseline's
    // throughput, so reference kernels at 1/4.6 = 0.217 of CMSIS-NN, rounded 0.22.
    QCOMPARE(builtInEngine("tflm-reference").speedVsPartRates.value, 0.22);
    // MCUNet abstract: TinyEngine 1.7-3.3x faster than TF-Lite Micro / CMSIS-NN.
    QCOMPARE(builtInEngine("tinyengine").speedVsPartRates.value, 1.7);
    // The part files' rates are CMSIS-NN figures by definition.
    const InferenceEngine tflm = builtInEngine("tflm-cmsis-nn");
    QCOMPARE(tflm.speedVsPartRates.value, 1.0);
    QVERIFY(!tflm.speedVsPartRates.estimated);
    // tensorflow.org TFLM overview: 22 KB with the keyword model's ops;
    // TFLM benchmarking README: person_detect persistent arena 29,140 B.
    QVERIFY(tflm.flashOverheadBytes && tflm.sramOverheadBytes);
    QCOMPARE(tflm.flashOverheadBytes->value, 22.0 * 1024);
    QCOMPARE(tflm.sramOverheadBytes->value, 29140.0);
    QCOMPARE(tflm.kind, std::string("interpreter"));
    QCOMPARE(builtInEngine("microtvm").kind, std::string("compiler"));
    // Versions and variants share a family (one factor in the latency fit).
    QCOMPARE(builtInEngine("x-cube-ai-10.2").family, std::string("x-cube-ai"));
    QCOMPARE(builtInEngine("microtvm-native").family, std::string("microtvm"));
    QCOMPARE(builtInEngine("tflm-reference").family, std::string("tflm"));
    QCOMPARE(builtInEngine("tinyengine").family, std::string("tinyengine"));
}

void TestEngineCatalogue::unknownEngine()
{
    QVERIFY(!isEngineId("x-cube-ai-1.0"));
    QVERIFY_THROWS_EXCEPTION(CatalogueError, builtInEngine("x-cube-ai-1.0"));
}

void TestEngineCatalogue::malformedFilesNameTheField_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("field");
    QTest::newRow("missing kind") << QString::fromStdString(replaced("kind: interpreter\n", "")) << "'kind'";
    QTest::newRow("bad kind") << QString::fromStdString(replaced("kind: interpreter", "kind: magic")) << "'kind'";
    QTest::newRow("unsourced overhead") << QString::fromStdString(replaced("{value: 100, source: s}", "{value: 100}"))
                                        << "'perInferenceOverheadCycles.source'";
    QTest::newRow("negative overhead") << QString::fromStdString(replaced("{value: 0, source: s}", "{value: -3, source: s}"))
                                       << "'value'";
    QTest::newRow("zero speed") << QString::fromStdString(replaced("{value: 1.0, source: s}", "{value: 0, source: s}"))
                                << "'speedVsPartRates.value'";
    QTest::newRow("no cores") << QString::fromStdString(replaced("cores: [Cortex-M4]", "cores: []")) << "'cores'";
    QTest::newRow("unknown key") << QString::fromStdString(replaced("vendor: Someone", "vendor: Someone\nprice: 3"))
                                 << "'price'";
}

void TestEngineCatalogue::malformedFilesNameTheField()
{
    QFETCH(QString, yaml);
    QFETCH(QString, field);
    try {
        parseInferenceEngine(yaml.toStdString(), "bad", "bad.yaml");
        QFAIL("expected a CatalogueError");
    } catch (const CatalogueError& error) {
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.startsWith(QStringLiteral("bad.yaml:")), qPrintable(message));
        QVERIFY2(message.contains(field), qPrintable(message));
    }
}

void TestEngineCatalogue::mlperfCalibrationSetIsEmbedded()
{
    const std::vector<std::string> ids = calibrationSetIds();
    QVERIFY(std::find(ids.begin(), ids.end(), std::string(kMlperfTinyCalibrationId)) != ids.end());
    const auto csv = calibrationSetCsv(kMlperfTinyCalibrationId);
    QVERIFY(csv.has_value());
    // The issue's quoted figure, from tiny_results_v1.0 ST NUCLEO_L4R5ZI ic:
    // 1000 / 4.407 inf/s = 226.9117 ms.
    QVERIFY(csv->find("stm32l4r5,Cortex-M4,120000000,x-cube-ai-7.3,mlperf-tiny-ic,226.9117") != std::string_view::npos);
    QVERIFY(!calibrationSetCsv("nonexistent").has_value());
}

QTEST_APPLESS_MAIN(TestEngineCatalogue)
#include "tst_engine_catalogue.moc"
