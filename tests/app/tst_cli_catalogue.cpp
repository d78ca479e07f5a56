// `microdse engines [--format json]` (issue #17, "Engine as a dimension"):
// the inference engine catalogue with its sources. The expected ids are the
// files of hwlib/catalogue/engines (read here from the source tree, not from
// the library) and the ids the issue names as a contract.
#include "app/cli/cli.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

#include <sstream>

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

Run run(const std::vector<std::string>& arguments)
{
    std::ostringstream out, err;
    Run r;
    r.exitCode = mdse::app::runCli(arguments, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

QString enginesDir() { return QStringLiteral(MDSE_SOURCE_DIR "/hwlib/catalogue/engines"); }

QStringList engineFileIds()
{
    QStringList ids;
    for (const QString& file : QDir(enginesDir()).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        ids << file.chopped(5);
    ids.sort(); // by id, as the catalogue lists them
    return ids;
}

// The `value:` of `key` in an engine file, read from its text.
double fileValue(const QString& id, const QString& key)
{
    QFile file(enginesDir() + QLatin1Char('/') + id + QStringLiteral(".yaml"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression pattern(QStringLiteral("^%1: \\{value: ([0-9.]+)").arg(key),
                                     QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = pattern.match(QString::fromUtf8(file.readAll()));
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

} // namespace

class TestCliCatalogue : public QObject {
    Q_OBJECT
private slots:
    void enginesJsonListsEveryEngineFileWithSources();
    void enginesTableHasOneLinePerEngine();
};

void TestCliCatalogue::enginesJsonListsEveryEngineFileWithSources()
{
    const Run r = run({"engines", "--format", "json"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.empty());
    const QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object();
    QCOMPARE(root.value(QLatin1String("schemaVersion")).toInt(), 2);
    QStringList ids;
    for (const QJsonValue& value : root.value(QLatin1String("engines")).toArray()) {
        const QJsonObject engine = value.toObject();
        const QString id = engine.value(QLatin1String("id")).toString();
        ids << id;
        QVERIFY2(!engine.value(QLatin1String("sources")).toArray().isEmpty(), qPrintable(id));
        for (const char* figure : {"perInferenceOverheadCycles", "perLayerOverheadCycles", "speedVsPartRates"}) {
            const QJsonObject f = engine.value(QLatin1String(figure)).toObject();
            QVERIFY2(!f.value(QLatin1String("source")).toString().isEmpty(), qPrintable(id + QLatin1Char(' ') + QLatin1String(figure)));
            // Each figure is the one its file states.
            QCOMPARE(f.value(QLatin1String("value")).toDouble(), fileValue(id, QLatin1String(figure)));
        }
        const QString kind = engine.value(QLatin1String("kind")).toString();
        QVERIFY2(kind == QLatin1String("interpreter") || kind == QLatin1String("code-generator")
                     || kind == QLatin1String("compiler"),
                 qPrintable(id + QLatin1String(": ") + kind));
    }
    QCOMPARE(ids, engineFileIds());
    // The ids issue #17 spells out for users and scripts.
    for (const char* contract : {"x-cube-ai-7.3", "x-cube-ai-10.2", "tflm-cmsis-nn", "tflm-reference", "tinyengine"})
        QVERIFY2(ids.contains(QLatin1String(contract)), contract);
}

void TestCliCatalogue::enginesTableHasOneLinePerEngine()
{
    const Run r = run({"engines"});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = QString::fromStdString(r.out).trimmed().split(QLatin1Char('\n'));
    // A header, one row per engine file, a footer explaining the columns.
    QCOMPARE(lines.size(), int(engineFileIds().size()) + 2);
    for (const QString& id : engineFileIds())
        QVERIFY2(std::any_of(lines.begin(), lines.end(),
                             [&](const QString& line) { return line.startsWith(id + QLatin1Char(' ')); }),
                 qPrintable(id));
    QCOMPARE(run({"engines", "--format", "xml"}).exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCliCatalogue)
#include "tst_cli_catalogue.moc"
