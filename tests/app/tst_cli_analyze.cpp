// `microdse analyze` (issue #2, "CLI"): exit codes, the stable JSON field
// names, the CSV header, and one clear stderr line on bad input.
#include "app/cli/cli.h"
#include "core/util/error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

Run analyze(const std::vector<std::string>& arguments)
{
    std::ostringstream out, err;
    Run run;
    std::vector<std::string> command{"analyze"};
    command.insert(command.end(), arguments.begin(), arguments.end());
    run.exitCode = mdse::app::runCli(command, out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
}

qint64 integer(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toInteger(-1);
}

int lineCount(const QByteArray& text)
{
    return static_cast<int>(text.trimmed().split('\n').size());
}

} // namespace

class TestCliAnalyze : public QObject {
    Q_OBJECT
private slots:
    void jsonOfLenet();
    void csvHeader();
    void usageErrors();
    void everyCommandAnswersHelp_data();
    void everyCommandAnswersHelp();
    void badNetworkThrowsOneLineError();
    void badNetworkGivesOneStderrLineAndExitOne();
};

void TestCliAnalyze::jsonOfLenet()
{
    const Run run = analyze({"zoo:lenet-300-100", "--format", "json"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.empty());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(run.out), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const QJsonArray layers = document.object().value(QLatin1String("layers")).toArray();
    QCOMPARE(layers.size(), 4); // flatten, fc1, fc2, fc3
    for (const QJsonValue& layer : layers)
        for (const char* field : {"name", "op", "inputShape", "outputShape", "weights", "biases", "params",
                                  "macs", "inputElements", "outputElements"})
            QVERIFY2(layer.toObject().contains(QLatin1String(field)), field);
    // fc1: 784 inputs (flattened 1x28x28) to 300 units, hand computed
    const QJsonObject fc1 = layers.at(1).toObject();
    QCOMPARE(fc1.value(QLatin1String("name")).toString(), QStringLiteral("fc1"));
    QCOMPARE(fc1.value(QLatin1String("op")).toString(), QStringLiteral("dense"));
    QCOMPARE(fc1.value(QLatin1String("inputShape")).toArray(), QJsonArray{784});
    QCOMPARE(fc1.value(QLatin1String("outputShape")).toArray(), QJsonArray{300});
    QCOMPARE(integer(fc1, "weights"), qint64(784 * 300));
    QCOMPARE(integer(fc1, "biases"), qint64(300));
    QCOMPARE(integer(fc1, "params"), qint64(784 * 300 + 300));
    QCOMPARE(integer(fc1, "macs"), qint64(784 * 300));
    QCOMPARE(integer(fc1, "inputElements"), qint64(784));
    QCOMPARE(integer(fc1, "outputElements"), qint64(300));
    // Issue #2 / Han et al. (Deep Compression, Table 1: 267K):
    // 784*300+300 + 300*100+100 + 100*10+10 = 235,500 + 30,100 + 1,010 = 266,610
    const QJsonObject totals = document.object().value(QLatin1String("totals")).toObject();
    QCOMPARE(integer(totals, "params"), qint64(266610));
    // MACs: 784*300 + 300*100 + 100*10 = 266,200
    QCOMPARE(integer(totals, "macs"), qint64(266200));
    // activations: input 784 + flatten view (not counted) + 300 + 100 + 10 = 1,194
    QCOMPARE(integer(totals, "activationElements"), qint64(1194));
}

void TestCliAnalyze::csvHeader()
{
    const Run run = analyze({"zoo:lenet-300-100", "--format=csv"});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = QByteArray::fromStdString(run.out).trimmed().split('\n');
    QVERIFY(lines.front().startsWith(
        "name,op,inputShape,outputShape,weights,biases,params,macs,inputElements,outputElements,"));
    QCOMPARE(lines.size(), 1 + 4); // header + one row per layer
    // fc1 at the default fp32 (no target): 235,200 x 4 + 300 x 4 = 942,000 weight bytes.
    QVERIFY2(lines.at(2).startsWith("fc1,dense,[784],[300],235200,300,235500,235200,784,300,fp32,fp32,none,0,942000,"),
             lines.at(2).constData());
}

void TestCliAnalyze::usageErrors()
{
    const Run unknownFormat = analyze({"zoo:lenet-300-100", "--format", "xml"});
    QCOMPARE(unknownFormat.exitCode, 2);
    QVERIFY(unknownFormat.out.empty());
    QCOMPARE(lineCount(QByteArray::fromStdString(unknownFormat.err)), 1);
    QVERIFY2(unknownFormat.err.starts_with("microdse analyze: --format: xml not in {table,json,csv}"),
             unknownFormat.err.c_str());

    const Run noNetwork = analyze({});
    QCOMPARE(noNetwork.exitCode, 2);
    QCOMPARE(lineCount(QByteArray::fromStdString(noNetwork.err)), 1);
    QVERIFY2(noNetwork.err.find("network is required") != std::string::npos, noNetwork.err.c_str());

    const Run unknownFlag = analyze({"zoo:lenet5", "--colour", "red"});
    QCOMPARE(unknownFlag.exitCode, 2);
    QVERIFY2(unknownFlag.err.find("--colour") != std::string::npos, unknownFlag.err.c_str());
    // A flag that does not apply to the target is a usage error, not ignored.
    const Run misplaced = analyze({"zoo:lenet5", "--dataflow", "rs"});
    QCOMPARE(misplaced.exitCode, 2);
    QVERIFY2(misplaced.err.find("--dataflow needs an FPGA target") != std::string::npos, misplaced.err.c_str());
}

void TestCliAnalyze::everyCommandAnswersHelp_data()
{
    QTest::addColumn<QString>("command");
    for (const char* command : {"", "analyze", "precision-search", "sensitivity", "systolic", "zoo", "targets", "engines",
                                "experiments", "experiments list", "experiments show", "experiments compare",
                                "experiments export", "experiments import", "experiments merge",
                                "experiments reevaluate", "experiments rename", "experiments duplicate",
                                "experiments delete", "experiments tag", "experiments untag", "experiments note",
                                "experiments measure"})
        QTest::newRow(*command ? command : "microdse") << QString::fromLatin1(command);
}

void TestCliAnalyze::everyCommandAnswersHelp()
{
    // Every command and subcommand answers --help: exit 0, usage on stdout,
    // nothing on stderr (issue: "option --help needs a value" before CLI11).
    QFETCH(QString, command);
    std::vector<std::string> arguments;
    for (const QString& word : command.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        arguments.push_back(word.toStdString());
    arguments.push_back("--help");
    std::ostringstream out, err;
    QCOMPARE(mdse::app::runCli(arguments, out, err), 0);
    QVERIFY(err.str().empty());
    QVERIFY2(out.str().find("Usage: microdse") != std::string::npos, out.str().c_str());
    if (!command.isEmpty())
        QVERIFY2(out.str().find(command.split(QLatin1Char(' ')).last().toStdString()) != std::string::npos,
                 out.str().c_str());
}

void TestCliAnalyze::badNetworkThrowsOneLineError()
{
    // Bad input is exit code 1 and one "file:line:column: problem" line.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("bad.yaml")).toStdString();
    std::ofstream(path) << "name: n\ninputs: [{name: x, shape: [3, 8, 8]}]\nlayers:\n"
                           "  - {name: c, op: conv2d, filters: 4, kernel: 1, stride: 9}\n";
    const Run bad = analyze({path});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.out.empty());
    QCOMPARE(lineCount(QByteArray::fromStdString(bad.err)), 1);
    QVERIFY2(bad.err.starts_with("microdse analyze: " + path + ":4:5: layer 'c' (conv2d): stride height 9"),
             bad.err.c_str());
    QCOMPARE(analyze({"zoo:no-such-net"}).exitCode, 1);
}

void TestCliAnalyze::badNetworkGivesOneStderrLineAndExitOne()
{
    // The real binary: one line on stderr naming the file, exit code 1.
    const QString binary = QStringLiteral(MDSE_BINARY_DIR "/app/microdse");
    QVERIFY2(QFileInfo::exists(binary), "build the microdse target first");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("cycle.yaml"));
    std::ofstream(path.toStdString()) << "name: n\ninputs: [{name: x, shape: [4]}]\nlayers:\n"
                                         "  - {name: a, op: relu, inputs: [b]}\n"
                                         "  - {name: b, op: relu, inputs: [a]}\n";
    QProcess process;
    process.start(binary, {QStringLiteral("analyze"), path, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(process.readAllStandardOutput().isEmpty());
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(lineCount(err), 1);
    QVERIFY2(err.contains(path.toUtf8() + ":4:5: ") && err.contains("cycle"), err.constData());
}

QTEST_APPLESS_MAIN(TestCliAnalyze)
#include "tst_cli_analyze.moc"
