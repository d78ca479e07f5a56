// Issue #7, robustness: a writer process is killed with SIGKILL at a random
// point while it saves; afterwards the database always opens, passes
// PRAGMA integrity_check, and holds the experiment of one save whole.
// Rounds: MDSE_STORE_CRASH_ROUNDS (default 200).
#include "core/store/experiment_store.h"
#include "tests/core/store_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using namespace mdse::core;

namespace {

constexpr int kLayers = 40;

// Version k of the experiment: every per-layer MAC count, the params
// metric and the notes all carry k, so a mix of two saves is visible.
Experiment version(std::int64_t k)
{
    static const Experiment base = mdse::test::makeExperiment("victim", kLayers, 4);
    Experiment e = base;
    e.notes = "v" + std::to_string(k);
    e.metrics.params = static_cast<double>(k);
    for (LayerResult& layer : e.layers)
        layer.macs = k;
    e.tags = {"round-" + std::to_string(k)};
    e.measurements = {{"k", static_cast<double>(k), "", 1}};
    return e;
}

// Tells the parent through `ready` when the store is open and after each
// committed save of the victim, so the kill lands among the saves (on a
// busy machine a fixed delay alone mostly hits start-up).
[[noreturn]] void writerForever(const std::string& path, std::int64_t firstVersion, int ready)
{
    try {
        ExperimentStore store(path);
        const Experiment extra = mdse::test::makeExperiment("extra", 2);
        version(0); // builds the base experiment before the clock starts
        [[maybe_unused]] const auto written = write(ready, "r", 1);
        for (std::int64_t k = firstVersion;; ++k) {
            store.save(version(k), SaveMode::Replace);
            [[maybe_unused]] const auto saved = write(ready, "s", 1);
            Experiment other = extra;
            other.name = "extra-" + std::to_string(k % 50);
            store.save(other, SaveMode::Replace);
        }
    } catch (...) {
        _exit(3);
    }
}

} // namespace

class TestStoreCrash : public QObject {
    Q_OBJECT
private slots:
    void killedWriterLeavesWholeExperiments();
};

void TestStoreCrash::killedWriterLeavesWholeExperiments()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("crash.sqlite")).toStdString();
    { ExperimentStore store(path); store.save(version(0)); }
    const int rounds = mdse::test::envRounds("MDSE_STORE_CRASH_ROUNDS", 200);
    std::mt19937 random(7);
    // Wait for 0-3 committed saves, then 0-3 ms: a save takes about
    // 1-2 ms (more under ASan), so kills land before, inside and between.
    std::uniform_int_distribution<int> savesToWait(0, 3);
    std::uniform_int_distribution<int> delayMicroseconds(0, 3000);
    std::int64_t next = 1;
    int sawNewVersion = 0;
    for (int round = 0; round < rounds; ++round) {
        int ready[2];
        QVERIFY(pipe(ready) == 0);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            close(ready[0]);
            writerForever(path, next, ready[1]);
        }
        close(ready[1]);
        char byte = 0;
        for (int wait = savesToWait(random); wait >= 0; --wait)
            if (read(ready[0], &byte, 1) != 1)
                break;
        usleep(static_cast<useconds_t>(delayMicroseconds(random)));
        kill(child, SIGKILL);
        close(ready[0]);
        int status = 0;
        waitpid(child, &status, 0);
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the writer stopped before it was killed");

        ExperimentStore store(path);
        QCOMPARE(mdse::test::pragmaText(path, "PRAGMA integrity_check"), std::string("ok"));
        const Experiment e = store.load("victim");
        const std::int64_t k = static_cast<std::int64_t>(*e.metrics.params);
        QCOMPARE(e.notes, "v" + std::to_string(k));
        QCOMPARE(e.layers.size(), std::size_t(kLayers));
        for (const LayerResult& layer : e.layers)
            QCOMPARE(layer.macs, k);
        QCOMPARE(e.tags, std::vector<std::string>{"round-" + std::to_string(k)});
        QCOMPARE(e.measurements.size(), std::size_t(1));
        QCOMPARE(*e.measurements.front().value, double(k));
        QVERIFY(k < next + 100000);
        sawNewVersion += k >= next;
        next = std::max(next, k + 1);
    }
    qInfo("%d rounds; %d kills landed after at least one new save committed", rounds, sawNewVersion);
}

QTEST_APPLESS_MAIN(TestStoreCrash)
#include "tst_store_crash.moc"
