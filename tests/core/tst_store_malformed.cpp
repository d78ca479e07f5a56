// Issue #7, robustness: malformed inputs give clear errors and never a
// partial write: a broken YAML experiment file, a read-only database, and
// a full disk (RLIMIT_FSIZE in a forked child, SIGXFSZ ignored).
#include "core/store/experiment_yaml.h"
#include "core/store/experiment_store.h"
#include "tests/core/store_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mdse::core;

class TestStoreMalformed : public QObject {
    Q_OBJECT
private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void brokenYaml_data();
    void brokenYaml();
    void brokenYamlImportsNothing();
    void readOnlyDatabase();
    void fullDiskWritesNothing();

private:
    std::string path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }
    QTemporaryDir m_dir;
};

void TestStoreMalformed::brokenYaml_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<int>("line");
    QTest::newRow("syntax") << QStringLiteral("format: microdse-experiments\nexperiments: [\n")
                            << QStringLiteral("YAML syntax error") << 3;
    QTest::newRow("wrong format") << QStringLiteral("format: something-else\nversion: 1\nexperiments: []\n")
                                  << QStringLiteral("format must be") << 1;
    QTest::newRow("unknown key")
        << QStringLiteral("format: microdse-experiments\nversion: 1\nexperiments:\n  - name: a\n    colour: red\n")
        << QStringLiteral("unknown key 'colour'") << 5;
    QTest::newRow("no network") << QStringLiteral("format: microdse-experiments\nversion: 1\nexperiments:\n  - name: a\n")
                                << QStringLiteral("has no network") << 4;
    QTest::newRow("bad network")
        << QStringLiteral("format: microdse-experiments\nversion: 1\nexperiments:\n  - name: a\n"
                          "    network: {name: n, yaml: \"layers: 3\"}\n")
        << QStringLiteral("embedded network does not load") << 5;
    QTest::newRow("bad metric")
        << QStringLiteral("format: microdse-experiments\nversion: 1\nexperiments:\n  - name: a\n"
                          "    network: {name: n, yaml: \"name: n\\ninputs: [{name: x, shape: [4]}]\\nlayers: [{name: r, op: relu}]\\n\"}\n"
                          "    metrics: {params: lots}\n")
        << QStringLiteral("params must be a finite number") << 6;
}

void TestStoreMalformed::brokenYaml()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);
    QFETCH(int, line);
    try {
        readExperimentsYaml(text.toStdString(), "broken.yaml");
        QFAIL("broken YAML must be refused");
    } catch (const Error& error) {
        QVERIFY2(error.message().find(problem.toStdString()) != std::string::npos, error.what());
        QCOMPARE(error.location().file, std::string("broken.yaml"));
        QCOMPARE(error.location().line, line);
    }
}

void TestStoreMalformed::brokenYamlImportsNothing()
{
    // The first experiment is fine, the second broken: the file is read
    // whole before anything is stored, so nothing is imported.
    ExperimentStore store(path("import.sqlite"));
    std::string yaml = writeExperimentsYaml({mdse::test::makeExperiment("good")});
    yaml += "  - name: bad\n    network: {name: n, yaml: \"nonsense\"}\n";
    QVERIFY_THROWS_EXCEPTION(Error, store.importAll(readExperimentsYaml(yaml, "mixed.yaml")));
    QVERIFY(store.list().empty());
}

void TestStoreMalformed::readOnlyDatabase()
{
    const std::string file = path("readonly.sqlite");
    { ExperimentStore store(file); store.save(mdse::test::makeExperiment("kept")); }
    // Opened read-only (as --read-only, or a file without write permission
    // for a non-root user): reading works, writing says why it cannot.
    ExperimentStore store(file, StoreOptions{true, 1000});
    QVERIFY(store.isReadOnly());
    QCOMPARE(store.list().size(), std::size_t(1));
    try {
        store.save(mdse::test::makeExperiment("new"));
        QFAIL("saving to a read-only database must fail");
    } catch (const Error& error) {
        QVERIFY2(error.message().find("read-only") != std::string::npos, error.what());
    }
    QVERIFY_THROWS_EXCEPTION(Error, store.remove("kept"));
    QVERIFY(store.contains("kept"));
    if (geteuid() != 0) {
        chmod(file.c_str(), 0444);
        ExperimentStore byPermission(file);
        QVERIFY(byPermission.isReadOnly());
        QVERIFY_THROWS_EXCEPTION(Error, byPermission.save(mdse::test::makeExperiment("new")));
        chmod(file.c_str(), 0644);
    }
}

void TestStoreMalformed::fullDiskWritesNothing()
{
    const std::string file = path("full.sqlite");
    { ExperimentStore store(file); store.save(mdse::test::makeExperiment("small")); }
    int pipeFds[2];
    QVERIFY(pipe(pipeFds) == 0);
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        close(pipeFds[0]);
        signal(SIGXFSZ, SIG_IGN);
        // No file may grow beyond 64 KiB; a 400-layer experiment needs more.
        const rlimit limit{64 * 1024, 64 * 1024};
        setrlimit(RLIMIT_FSIZE, &limit);
        std::string message = "saved";
        try {
            ExperimentStore store(file);
            store.save(mdse::test::makeExperiment("huge", 400));
        } catch (const Error& error) {
            message = error.what();
        }
        [[maybe_unused]] const auto written = write(pipeFds[1], message.data(), message.size());
        _exit(0);
    }
    close(pipeFds[1]);
    std::string message;
    char buffer[512];
    for (ssize_t n; (n = read(pipeFds[0], buffer, sizeof buffer)) > 0;)
        message.append(buffer, static_cast<std::size_t>(n));
    close(pipeFds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    QVERIFY2(message != "saved", "a save beyond the file-size limit must fail");
    QVERIFY2(message.find("full") != std::string::npos || message.find("I/O") != std::string::npos
                 || message.find("disk") != std::string::npos,
             message.c_str());
    ExperimentStore store(file);
    QCOMPARE(mdse::test::pragmaText(file, "PRAGMA integrity_check"), std::string("ok"));
    QVERIFY(!store.contains("huge"));
    QVERIFY(store.contains("small"));
    SqliteDatabase db(file, SqliteDatabase::Mode::ReadOnly, 1000);
    QCOMPARE(db.queryInteger("SELECT count(*) FROM layer_results"), std::int64_t(4));
}

QTEST_APPLESS_MAIN(TestStoreMalformed)
#include "tst_store_malformed.moc"
