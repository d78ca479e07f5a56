// Issue #7 with the MCU analyses of issue #5: an experiment carries the
// arena plan, patch plan, flash, latency and energy; they survive the store
// and reach the deployment exports (the C header compiles with them).
#include "core/io/deployment_export.h"
#include "core/memory/mcu_memory_analysis.h"
#include "core/perf/latency_model.h"
#include "core/store/experiment_mcu.h"
#include "core/store/experiment_store.h"
#include "core/io/zoo.h"
#include "hwlib/catalogue.h"
#include "tests/core/store_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <fstream>

using namespace mdse::core;

class TestExperimentMcu : public QObject {
    Q_OBJECT
private slots:
    void mcuResultsSurviveStoreAndExports();
    void storedTargetIsThePartAsUsed();
};

void TestExperimentMcu::storedTargetIsThePartAsUsed()
{
    // The stored description is the whole part file, so an edited
    // calibration (1.25 = measured/estimated latency) is kept with the
    // experiment and reads back into an equal part.
    mdse::hwlib::McuTarget part = mdse::hwlib::builtInMcuTarget("nrf52840");
    part.calibration = 1.25;
    const StoredTarget stored = storedMcuTarget(part);
    QCOMPARE(stored.id, std::string("nrf52840"));
    const mdse::hwlib::McuTarget back = mdse::hwlib::parseMcuTarget(stored.description, stored.id, "<stored>");
    QVERIFY(back == part);
    QCOMPARE(back.calibration, 1.25);
}

void TestExperimentMcu::mcuResultsSurviveStoreAndExports()
{
    const Network network = readNetworkYaml(*zooYaml("dscnn-s"), "zoo:dscnn-s");
    const mdse::hwlib::McuTarget target = mdse::hwlib::builtInMcuTarget("stm32f746");
    const PrecisionView int8; // int8 weights and activations, int32 biases
    const McuMemoryReport memory = analyzeMcuMemory(network, int8, target, {});
    const LatencyEstimate latency = estimateLatency(network, int8, target);
    Experiment e = experimentFromStats(network, computeStats(network), "dscnn-f746", "zoo:dscnn-s");
    addMcuResults(e, target, memory, latency);

    // Invariants independent of the numbers: every placed buffer lies inside
    // the arena; the arena is at least the live-set peak (a plan cannot beat
    // the peak of simultaneously live bytes); per-layer latencies sum to the total.
    QVERIFY(!e.memory.tensors.empty());
    for (const TensorPlacement& t : e.memory.tensors)
        QVERIFY2(t.offsetBytes >= 0 && t.offsetBytes + t.sizeBytes <= *e.memory.arenaBytes, t.tensor.c_str());
    QVERIFY(*e.memory.arenaBytes >= memory.liveSet.peakBytes);
    double sum = 0;
    for (const LayerResult& layer : e.layers)
        sum += layer.latencySeconds.value_or(0.0);
    QVERIFY(qAbs(sum - *e.metrics.latencySeconds) <= 1e-9 * *e.metrics.latencySeconds + 1e-12);
    QCOMPARE(e.target->id, std::string("stm32f746"));

    QTemporaryDir dir;
    ExperimentStore store(dir.filePath(QStringLiteral("mcu.sqlite")).toStdString());
    store.save(e);
    const Experiment back = store.load("dscnn-f746");
    QVERIFY(back.memory == e.memory);
    QVERIFY(back.patch == e.patch);
    QCOMPARE(*back.metrics.flashBytes, double(memory.flash.totalBytes));

    // scripts/setup.sh installs build-essential: a missing cc is a failure, not a skip.
    QVERIFY2(std::system("command -v cc >/dev/null 2>&1") == 0, "no C compiler (cc) on PATH");
    const std::string base = dir.path().toStdString();
    std::ofstream(base + "/dscnn.h") << deploymentCHeader(back);
    std::ofstream(base + "/dscnn.c") << "#include \"dscnn.h\"\n_Static_assert(MDSE_ARENA_BYTES == "
                                     << *back.memory.arenaBytes << "ul, \"arena\");\n"
                                     << "const unsigned long offsets[MDSE_TENSOR_COUNT] = MDSE_TENSOR_OFFSETS_INIT;\n";
    QCOMPARE(std::system(("cc -std=c11 -Wall -Wextra -Werror -fsyntax-only '" + base + "/dscnn.c'").c_str()), 0);
}

QTEST_APPLESS_MAIN(TestExperimentMcu)
#include "tst_experiment_mcu.moc"
