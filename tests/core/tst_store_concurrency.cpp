// Issue #7, robustness: a GUI-like writer and a CLI-like writer on the same
// file at once (two processes, plus a reader thread): no error reaches
// either, and nothing is lost. Saves per writer: MDSE_STORE_CONCURRENT_SAVES
// (default 60).
#include "core/store/experiment_store.h"
#include "tests/core/store_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>

using namespace mdse::core;

namespace {

// Each writer saves its own experiments, tags a shared one and adds a
// measurement to it: the shared experiment sees both writers' edits.
[[noreturn]] void writer(const std::string& path, const std::string& who, int saves)
{
    try {
        ExperimentStore store(path);
        for (int i = 0; i < saves; ++i) {
            store.save(mdse::test::makeExperiment(who + "-" + std::to_string(i), 8));
            store.addTags("shared", {who + "-" + std::to_string(i)});
            store.addMeasurement("shared", {who, double(i), "", 1});
        }
        _exit(0);
    } catch (const std::exception& error) {
        fprintf(stderr, "writer %s: %s\n", who.c_str(), error.what());
        _exit(1);
    }
}

} // namespace

class TestStoreConcurrency : public QObject {
    Q_OBJECT
private slots:
    void twoWritersLoseNothing();
};

void TestStoreConcurrency::twoWritersLoseNothing()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("shared.sqlite")).toStdString();
    { ExperimentStore store(path); store.save(mdse::test::makeExperiment("shared")); }
    const int saves = mdse::test::envRounds("MDSE_STORE_CONCURRENT_SAVES", 60);
    std::vector<pid_t> children;
    for (const char* who : {"gui", "cli"}) {
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0)
            writer(path, who, saves);
        children.push_back(child);
    }
    // Meanwhile a reader lists (as the studio's table would).
    std::atomic<bool> done = false;
    std::atomic<int> readerErrors = 0;
    std::thread reader([&] {
        try {
            ExperimentStore store(path);
            while (!done)
                store.list({"", "", "", "params", true, -1});
        } catch (...) {
            ++readerErrors;
        }
    });
    for (const pid_t child : children) {
        int status = 0;
        waitpid(child, &status, 0);
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a writer saw an error (see stderr)");
    }
    done = true;
    reader.join();
    QCOMPARE(readerErrors.load(), 0);
    ExperimentStore store(path);
    QCOMPARE(store.list().size(), std::size_t(2 * saves + 1));
    const Experiment shared = store.load("shared");
    QCOMPARE(shared.tags.size(), std::size_t(2 * saves));
    QCOMPARE(shared.measurements.size(), std::size_t(2 * saves));
    QCOMPARE(mdse::test::pragmaText(path, "PRAGMA integrity_check"), std::string("ok"));
}

QTEST_APPLESS_MAIN(TestStoreConcurrency)
#include "tst_store_concurrency.moc"
