// Issue #7 with the MCU analyses of issue #5: an experiment carries the
// arena plan, patch plan, flash, latency and energy; they survive the store
// and reach the deployment exports (the C header compiles with them).
#include "core/report/deployment_export.h"
#include "core/evaluate/evaluate.h"
#include "core/io/design_spec_yaml.h"
#include "core/store/experiment_from_evaluation.h"
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
    TargetSpec target;
    target.kind = TargetKind::Mcu;
    target.mcu = part;
    const StoredTarget stored = *storedTarget(target);
    QCOMPARE(stored.id, std::string("nrf52840"));
    const mdse::hwlib::McuTarget back = mdse::hwlib::parseMcuTarget(stored.description, stored.id, "<stored>");
    QVERIFY(back == part);
    QCOMPARE(back.calibration, 1.25);
}

void TestExperimentMcu::mcuResultsSurviveStoreAndExports()
{
    const Network network = readNetworkYaml(*zooYaml("dscnn-s"), "zoo:dscnn-s");
    DesignSpec spec; // MCU default precision: int8 weights and activations, int32 biases
    spec.target = resolveTarget("stm32f746");
    const Evaluation evaluation = evaluate(network, spec);
    const McuMemoryReport& memory = evaluation.mcu->memory;
    Experiment e = experimentFromEvaluation(network, "zoo:dscnn-s", evaluation, "dscnn-f746");

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
    // Reopened, the stored network and spec evaluate to the same numbers
    // (a parity check of save -> reopen; the numbers' correctness is tested
    // in the analyses' own suites and the golden cases).
    const Experiment again = experimentFromEvaluation(network, "zoo:dscnn-s", reevaluate(back), "dscnn-f746");
    QVERIFY(again.metrics.peakSramBytes == e.metrics.peakSramBytes && again.metrics.flashBytes == e.metrics.flashBytes
            && again.metrics.latencySeconds == e.metrics.latencySeconds && again.memory == e.memory);
    QVERIFY(again.layers == e.layers);

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
