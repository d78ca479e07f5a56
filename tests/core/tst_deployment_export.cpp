// Issue #7: deployment exports. The C header is compiled and run by the C
// compiler (cc, as CI has gcc) and its constants checked; hls4ml precision
// types follow the documented mapping; CSV quotes per RFC 4180.
#include "core/report/deployment_export.h"
#include "core/util/error.h"
#include "tests/core/store_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <fstream>

using namespace mdse::core;

namespace {

// Three layers; two names ("conv.0", "conv_0") map to one C identifier.
Experiment design()
{
    Experiment e = mdse::test::makeExperiment("vww int4", 3, 4);
    e.layers[0].name = "conv.0";
    e.layers[1].name = "conv_0";
    e.layers[2].name = "head, final";
    e.layers[0].weightBits = 8;
    e.layers[1].weightBits = 4;
    e.layers[2].weightBits = 2;
    for (LayerResult& l : e.layers)
        l.activationBits = 8;
    e.target = StoredTarget{"stm32f746", "mcu", "id: stm32f746\n"};
    e.memory = {4096, {{"x", 0, 256}, {"conv.0", 256, 256}, {"conv_0", 0, 256}}};
    e.patch = ExperimentPatchPlan{"conv_0", 3, 1536, 9.5};
    return e;
}

bool haveCompiler() { return std::system("command -v cc >/dev/null 2>&1") == 0; }

} // namespace

class TestDeploymentExport : public QObject {
    Q_OBJECT
private slots:
    void cHeaderCompilesAndHoldsThePlan();
    void cHeaderOfAnEmptyPlanCompiles();
    void hls4mlTypes_data();
    void hls4mlTypes();
    void hls4mlConfig();
    void exportsRefuseTheWrongTargetKind();
    void csvQuotesAndCountsRows();
    void yamlAndJsonCarryThePlan();
};

void TestDeploymentExport::cHeaderCompilesAndHoldsThePlan()
{
    // scripts/setup.sh installs build-essential: a missing cc is a failure, not a skip.
    QVERIFY2(haveCompiler(), "no C compiler (cc) on PATH");
    QTemporaryDir dir;
    const std::string base = dir.path().toStdString();
    std::ofstream(base + "/deploy.h") << deploymentCHeader(design());
    // The expected values are those written in design() above.
    std::ofstream(base + "/main.c") << R"c(
#include "deploy.h"
#include "deploy.h" /* the include guard holds */
_Static_assert(MDSE_ARENA_BYTES == 4096ul, "arena");
_Static_assert(MDSE_LAYER_COUNT == 3u, "layers");
_Static_assert(MDSE_LAYER_CONV_0 == 0 && MDSE_LAYER_CONV_0_1 == 1 && MDSE_LAYER_HEAD__FINAL == 2, "indices");
_Static_assert(MDSE_PATCH_GRID == 3u && MDSE_PATCH_SPLIT_LAYER == 1u, "patch");
const unsigned char weight_bits[MDSE_LAYER_COUNT] = MDSE_WEIGHT_BITS_INIT;
const unsigned char activation_bits[MDSE_LAYER_COUNT] = MDSE_ACTIVATION_BITS_INIT;
const unsigned long offsets[MDSE_TENSOR_COUNT] = MDSE_TENSOR_OFFSETS_INIT;
const unsigned long sizes[MDSE_TENSOR_COUNT] = MDSE_TENSOR_BYTES_INIT;
int main(void)
{
    return !(weight_bits[0] == 8 && weight_bits[1] == 4 && weight_bits[2] == 2 && activation_bits[2] == 8
             && offsets[1] == 256ul && sizes[2] == 256ul && MDSE_PATCH_PEAK_BYTES == 1536ul);
}
)c";
    const std::string compile = "cd '" + base + "' && cc -std=c11 -Wall -Wextra -Wpedantic -Werror -o main main.c";
    QCOMPARE(std::system(compile.c_str()), 0);
    QCOMPARE(std::system(("'" + base + "/main'").c_str()), 0);
}

void TestDeploymentExport::cHeaderOfAnEmptyPlanCompiles()
{
    // scripts/setup.sh installs build-essential: a missing cc is a failure, not a skip.
    QVERIFY2(haveCompiler(), "no C compiler (cc) on PATH");
    QTemporaryDir dir;
    const std::string base = dir.path().toStdString();
    Experiment e = mdse::test::makeExperiment("9 lives */ evil", 1, 2); // no plan, no bits known
    e.layers[0].weightBits.reset();
    std::ofstream(base + "/plain.h") << deploymentCHeader(e);
    std::ofstream(base + "/plain.c") << "#include \"plain.h\"\nconst unsigned long t[] = MDSE_TENSOR_OFFSETS_INIT;\n"
                                        "const unsigned char w[] = MDSE_WEIGHT_BITS_INIT;\n";
    const std::string compile = "cd '" + base + "' && cc -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only plain.c";
    QCOMPARE(std::system(compile.c_str()), 0);
}

void TestDeploymentExport::hls4mlTypes_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<QString>("weight");
    QTest::addColumn<QString>("result");
    // Mapping documented in docs/experiments.md: weights ap_fixed<b,1>
    // (QKeras quantized_bits(b,0)), results ap_fixed<b,ceil(b/2)>, float ->
    // hls4ml's default fixed<16,6>, binary -> ap_uint<1>.
    QTest::newRow("int8") << 8 << QStringLiteral("ap_fixed<8,1>") << QStringLiteral("ap_fixed<8,4>");
    QTest::newRow("int4") << 4 << QStringLiteral("ap_fixed<4,1>") << QStringLiteral("ap_fixed<4,2>");
    QTest::newRow("ternary") << 2 << QStringLiteral("ap_fixed<2,1>") << QStringLiteral("ap_fixed<2,1>");
    QTest::newRow("binary") << 1 << QStringLiteral("ap_uint<1>") << QStringLiteral("ap_uint<1>");
    QTest::newRow("fp32") << 32 << QStringLiteral("ap_fixed<16,6>") << QStringLiteral("ap_fixed<16,6>");
}

void TestDeploymentExport::hls4mlTypes()
{
    QFETCH(int, bits);
    QFETCH(QString, weight);
    QFETCH(QString, result);
    QCOMPARE(QString::fromStdString(hls4mlWeightType(bits)), weight);
    QCOMPARE(QString::fromStdString(hls4mlResultType(bits)), result);
}

void TestDeploymentExport::hls4mlConfig()
{
    Experiment e = design();
    e.target = StoredTarget{"xc7z020", "fpga", "id: xc7z020\n"};
    const std::string config = deploymentHls4ml(e, {4});
    QVERIFY(config.find("HLSConfig:") != std::string::npos);
    QVERIFY(config.find("Strategy: Resource") != std::string::npos); // reuse > 1
    QVERIFY(config.find("weight: ap_fixed<4,1>") != std::string::npos);
    QVERIFY(config.find("ReuseFactor: 4") != std::string::npos);
    QVERIFY(config.find("Part: xc7z020") != std::string::npos);
    QVERIFY_THROWS_EXCEPTION(Error, deploymentHls4ml(e, {0}));
}

void TestDeploymentExport::exportsRefuseTheWrongTargetKind()
{
    Experiment mcu = design();
    QVERIFY_THROWS_EXCEPTION(Error, deploymentHls4ml(mcu));
    mcu.target->kind = "fpga";
    QVERIFY_THROWS_EXCEPTION(Error, deploymentCHeader(mcu));
}

void TestDeploymentExport::csvQuotesAndCountsRows()
{
    const std::string csv = layerResultsCsv(design());
    QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 4L); // header + 3 layers
    QVERIFY(csv.find("\n\"head, final\",conv2d,") != std::string::npos);
    // conv 4 -> 4, 3x3: 9*4*4 + 4 = 148 params, 9*16*64 = 9216 MACs.
    QVERIFY(csv.find(",144,4,148,9216,") != std::string::npos);
}

void TestDeploymentExport::yamlAndJsonCarryThePlan()
{
    const std::string yaml = deploymentYaml(design());
    QVERIFY(yaml.find("arenaBytes: 4096") != std::string::npos);
    QVERIFY(yaml.find("{tensor: conv.0, offsetBytes: 256, sizeBytes: 256}") != std::string::npos);
    QVERIFY(yaml.find("splitLayer: conv_0") != std::string::npos);
    const std::string json = deploymentJson(design());
    QVERIFY(json.find("\"arenaBytes\": 4096") != std::string::npos);
    QVERIFY(json.find("\"weightBits\": 4") != std::string::npos);
    QVERIFY(json.find("\"kind\": \"mcu\"") != std::string::npos);
}

QTEST_APPLESS_MAIN(TestDeploymentExport)
#include "tst_deployment_export.moc"
