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
    Experiment e = mdse::test::makeExperiment("victim", kLayers, 4);
    e.notes = "v" + std::to_string(k);
    e.metrics.params = static_cast<double>(k);
    for (LayerResult& layer : e.layers)
        layer.macs = k;
    e.tags = {"round-" + std::to_string(k)};
    e.measurements = {{"k", static_cast<double>(k), "", 1}};
    return e;
}

[[noreturn]] void writerForever(const std::string& path, std::int64_t firstVersion)
{
    try {
        ExperimentStore store(path);
        for (std::int64_t k = firstVersion;; ++k) {
            store.save(version(k), SaveMode::Replace);
            store.save(mdse::test::makeExperiment("extra-" + std::to_string(k), 2), SaveMode::Replace);
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
    std::uniform_int_distribution<int> delayMicroseconds(0, 30000);
    std::int64_t next = 1;
    int sawNewVersion = 0;
    for (int round = 0; round < rounds; ++round) {
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0)
            writerForever(path, next);
        usleep(static_cast<useconds_t>(delayMicroseconds(random)));
        kill(child, SIGKILL);
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
