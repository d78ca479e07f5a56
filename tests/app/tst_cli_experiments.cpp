// `microdse experiments` and `analyze --save` (issue #7, "CLI"): every
// operation from the command line against a temporary database.
#include "app/cli/cli.h"
#include "core/util/error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

Run run(const std::string& command, std::vector<std::string> arguments)
{
    std::ostringstream out, err;
    Run result;
    arguments.insert(arguments.begin(), command);
    result.exitCode = mdse::app::runCli(arguments, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

QJsonObject json(const std::string& text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

} // namespace

class TestCliExperiments : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void saveListShowCompare();
    void editCommands();
    void exportsImportAndMerge();
    void usageErrors();
    void mcuAnalysisSaved();
    void runtimeOnlyVariantsStayApart();
    void reopenedExperimentReevaluatesIdentically();

private:
    Run experiments(std::vector<std::string> arguments) const
    {
        arguments.insert(arguments.end(), {"--db", m_db});
        return run("experiments", arguments);
    }
    QTemporaryDir m_dir;
    std::string m_db;
    std::string m_config;
};

void TestCliExperiments::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("cli.sqlite")).toStdString();
    m_config = m_dir.filePath(QStringLiteral("int8.yaml")).toStdString();
    std::ofstream(m_config) << "defaults: {weightBits: 8, activationBits: 8}\n";
    const Run fp32 = run("analyze", {"zoo:lenet5", "--save", "lenet-fp32", "--db", m_db});
    QCOMPARE(fp32.exitCode, 0);
    QVERIFY(fp32.err.find("saved experiment 'lenet-fp32'") != std::string::npos);
    const Run int8 = run("analyze",
                         {"zoo:lenet5", "--config", m_config, "--save", "lenet-int8", "--db", m_db, "--format", "json"});
    QCOMPARE(int8.exitCode, 0);
    // Saving under a taken name is refused (bad input: exit 1).
    QCOMPARE(run("analyze", {"zoo:lenet5", "--save", "lenet-fp32", "--db", m_db}).exitCode, 1);
}

void TestCliExperiments::saveListShowCompare()
{
    const Run list = experiments({"list", "--format", "json", "--sort", "weightBytes"});
    QCOMPARE(list.exitCode, 0);
    const QJsonArray rows = json(list.out).value(QLatin1String("experiments")).toArray();
    QCOMPARE(rows.size(), 2);
    // LeNet-5 has 431,080 parameters (Han et al. 2016, Table 1: 431K);
    // fp32 stores 4 bytes each = 1,724,320 bytes, so it sorts after int8.
    const QJsonObject first = rows[0].toObject();
    const QJsonObject second = rows[1].toObject();
    QCOMPARE(first.value(QLatin1String("name")).toString(), QStringLiteral("lenet-int8"));
    QCOMPARE(second.value(QLatin1String("metrics")).toObject().value(QLatin1String("weightBytes")).toDouble(),
             1724320.0);
    QCOMPARE(second.value(QLatin1String("metrics")).toObject().value(QLatin1String("params")).toDouble(), 431080.0);

    const Run show = experiments({"show", "lenet-int8", "--format", "json"});
    QCOMPARE(show.exitCode, 0);
    const QJsonObject shown = json(show.out);
    QVERIFY(shown.value(QLatin1String("config")).toString().contains(QLatin1String("int8")));
    QCOMPARE(shown.value(QLatin1String("layers")).toArray().size(), 7); // conv1 pool1 conv2 pool2 flatten ip1 ip2
    QCOMPARE(shown.value(QLatin1String("layers")).toArray()[0].toObject().value(QLatin1String("weightBits")).toInt(), 8);

    const Run compare = experiments({"compare", "lenet-fp32", "lenet-int8", "--format", "json"});
    QCOMPARE(compare.exitCode, 0);
    const QJsonArray weightBytes =
        json(compare.out).value(QLatin1String("metrics")).toObject().value(QLatin1String("weightBytes")).toArray();
    const double fp32 = weightBytes[0].toObject().value(QLatin1String("value")).toDouble();
    const double int8 = weightBytes[1].toObject().value(QLatin1String("value")).toDouble();
    QCOMPARE(weightBytes[1].toObject().value(QLatin1String("delta")).toDouble(), int8 - fp32);
    QVERIFY(int8 < fp32 / 3.0); // 8-bit values: a quarter of fp32, plus scales and int32 biases
    const QJsonArray diff = json(compare.out).value(QLatin1String("designDiffs")).toArray();
    QCOMPARE(diff.size(), 1);
    // The design diff is over the whole spec: the defaults line changed.
    const std::string table = experiments({"compare", "lenet-fp32", "lenet-int8"}).out;
    QVERIFY2(table.find("+  defaults: {weightPrecision: int8, activationPrecision: int8}") != std::string::npos, table.c_str());
}

void TestCliExperiments::editCommands()
{
    QCOMPARE(experiments({"duplicate", "lenet-int8", "scratch"}).exitCode, 0);
    QCOMPARE(experiments({"rename", "scratch", "scratch2"}).exitCode, 0);
    QCOMPARE(experiments({"tag", "scratch2", "mnist", "int8"}).exitCode, 0);
    QCOMPARE(experiments({"untag", "scratch2", "int8"}).exitCode, 0);
    QCOMPARE(experiments({"note", "scratch2", "to be deleted"}).exitCode, 0);
    QCOMPARE(experiments({"measure", "scratch2", "accuracy", "0.991"}).exitCode, 0);
    QCOMPARE(experiments({"measure", "scratch2", "board", "Nucleo-F746ZG"}).exitCode, 0);
    const QJsonObject shown = json(experiments({"show", "scratch2", "--format", "json"}).out);
    QCOMPARE(shown.value(QLatin1String("tags")).toArray().size(), 1);
    QCOMPARE(shown.value(QLatin1String("notes")).toString(), QStringLiteral("to be deleted"));
    const QJsonArray measured = shown.value(QLatin1String("measurements")).toArray();
    QCOMPARE(measured.size(), 2);
    QCOMPARE(measured[0].toObject().value(QLatin1String("value")).toDouble(), 0.991);
    QCOMPARE(measured[1].toObject().value(QLatin1String("text")).toString(), QStringLiteral("Nucleo-F746ZG"));
    const QJsonArray tagged =
        json(experiments({"list", "--tag", "mnist", "--format", "json"}).out).value(QLatin1String("experiments")).toArray();
    QCOMPARE(tagged.size(), 1);
    QCOMPARE(experiments({"delete", "scratch2"}).exitCode, 0);
    QCOMPARE(experiments({"show", "scratch2"}).exitCode, 1); // gone: an unknown experiment
}

void TestCliExperiments::exportsImportAndMerge()
{
    const std::string header = m_dir.filePath(QStringLiteral("lenet.h")).toStdString();
    QCOMPARE(experiments({"export", "lenet-int8", "--format", "c-header", "--output", header}).exitCode, 0);
    if (std::system("command -v cc >/dev/null 2>&1") == 0) {
        const std::string source = m_dir.filePath(QStringLiteral("use.c")).toStdString();
        std::ofstream(source) << "#include \"lenet.h\"\n_Static_assert(MDSE_LAYER_COUNT == 7u, \"\");\n"
                                 "const unsigned char w[MDSE_LAYER_COUNT] = MDSE_WEIGHT_BITS_INIT;\n";
        QCOMPARE(std::system(("cc -std=c11 -Wall -Wextra -Werror -fsyntax-only '" + source + "'").c_str()), 0);
    }
    for (const char* format : {"yaml", "json", "csv"})
        QVERIFY(!experiments({"export", "lenet-int8", "--format", format}).out.empty());
    // No target recorded: the FPGA export is allowed too.
    QVERIFY(experiments({"export", "lenet-int8", "--format", "hls4ml", "--reuse-factor", "4"}).out.find("ReuseFactor: 4")
            != std::string::npos);

    const std::string file = m_dir.filePath(QStringLiteral("all.yaml")).toStdString();
    QCOMPARE(experiments({"export", "--format", "experiments", "--output", file}).exitCode, 0);
    const std::string other = m_dir.filePath(QStringLiteral("other.sqlite")).toStdString();
    QCOMPARE(run("experiments", {"import", file, "--db", other}).exitCode, 0);
    const Run merge = experiments({"merge", other});
    QCOMPARE(merge.exitCode, 0);
    QVERIFY2(merge.out.find("0 added, 2 already present") != std::string::npos, merge.out.c_str());
}

void TestCliExperiments::usageErrors()
{
    QCOMPARE(experiments({"frobnicate"}).exitCode, 2);
    QCOMPARE(experiments({"export", "lenet-int8", "--format", "pdf"}).exitCode, 2);
    QCOMPARE(experiments({"compare", "lenet-int8"}).exitCode, 2);
    QCOMPARE(experiments({"list", "--limit", "many"}).exitCode, 2);
    QCOMPARE(run("experiments", {}).exitCode, 2);
}

void TestCliExperiments::mcuAnalysisSaved()
{
    const Run saved = run("analyze",
                          {"zoo:dscnn-s", "--target", "stm32f746", "--save", "dscnn-f746", "--db", m_db, "--format", "json"});
    QCOMPARE(saved.exitCode, 0);
    // The saved arena is the one the analysis printed.
    const QJsonObject report = json(saved.out);
    const QJsonObject shown = json(experiments({"show", "dscnn-f746", "--format", "json"}).out);
    QCOMPARE(shown.value(QLatin1String("target")).toObject().value(QLatin1String("id")).toString(),
             QStringLiteral("stm32f746"));
    QCOMPARE(shown.value(QLatin1String("arenaBytes")).toInteger(),
             report.value(QLatin1String("memory")).toObject().value(QLatin1String("arenaBytes")).toInteger());
    QVERIFY(shown.value(QLatin1String("metrics")).toObject().contains(QLatin1String("latencySeconds")));
}

void TestCliExperiments::runtimeOnlyVariantsStayApart()
{
    // Two designs that differ only in the runtime, saved in two databases
    // and merged: both are kept (the spec, runtime included, is the identity).
    const std::string a = m_dir.filePath(QStringLiteral("tflm.sqlite")).toStdString();
    const std::string b = m_dir.filePath(QStringLiteral("tinyengine.sqlite")).toStdString();
    QCOMPARE(run("analyze", {"zoo:mcunet-vww1", "--target", "stm32f746", "--runtime", "tflm", "--save", "v", "--db", a})
                 .exitCode,
             0);
    QCOMPARE(run("analyze", {"zoo:mcunet-vww1", "--target", "stm32f746", "--runtime", "tinyengine", "--save", "v", "--db",
                             b})
                 .exitCode,
             0);
    const Run merged = run("experiments", {"--db", a, "merge", b});
    QCOMPARE(merged.exitCode, 0);
    QVERIFY2(merged.out.find("1 added, 0 already present") != std::string::npos, merged.out.c_str());
    const QJsonObject list = json(run("experiments", {"--db", a, "list", "--format", "json"}).out);
    QCOMPARE(list.value(QLatin1String("experiments")).toArray().size(), 2);
    // The same design saved again is recognised as such.
    const std::string c = m_dir.filePath(QStringLiteral("again.sqlite")).toStdString();
    QCOMPARE(run("analyze", {"zoo:mcunet-vww1", "--target", "stm32f746", "--runtime", "tflm", "--save", "w", "--db", c})
                 .exitCode,
             0);
    QVERIFY(run("experiments", {"--db", a, "merge", c}).out.find("0 added, 1 already present") != std::string::npos);
}

void TestCliExperiments::reopenedExperimentReevaluatesIdentically()
{
    // Parity: the report of a stored experiment evaluated again from its
    // stored network and spec equals the report it was saved from.
    const Run saved = run("analyze", {"zoo:dscnn-s", "--target", "nrf52840", "--runtime", "tinyengine", "--save",
                                      "dscnn-nrf", "--db", m_db, "--format", "json"});
    QCOMPARE(saved.exitCode, 0);
    const Run again = experiments({"reevaluate", "dscnn-nrf", "--format", "json"});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out, saved.out);
}

QTEST_APPLESS_MAIN(TestCliExperiments)
#include "tst_cli_experiments.moc"
