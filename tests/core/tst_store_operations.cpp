// Issue #7: save, load, rename, tag, delete, duplicate, list with filter and
// sort, compare, merge and YAML export/import of experiments.
#include "core/store/experiment_yaml.h"
#include "core/io/zoo.h"
#include "core/store/experiment_compare.h"
#include "core/store/experiment_store.h"
#include "core/store/store_schema.h"
#include "core/util/content_hash.h"
#include "tests/core/store_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mdse::core;
using mdse::test::makeExperiment;

class TestStoreOperations : public QObject {
    Q_OBJECT
private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void saveAndLoadRoundTrip();
    void createRefusesExistingName();
    void replaceKeepsCreationTime();
    void renameTagDeleteDuplicate();
    void listFiltersAndSorts();
    void compareMetricsAndConfig();
    void mergeDeduplicatesAndRenames();
    void yamlExportImportRoundTrip();
    void defaultPathFollowsXdg();
    void zooNetworksSurviveExperimentFiles_data();
    void zooNetworksSurviveExperimentFiles();

private:
    std::string dbPath(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }
    QTemporaryDir m_dir;
};

void TestStoreOperations::saveAndLoadRoundTrip()
{
    ExperimentStore store(dbPath("roundtrip.sqlite"));
    Experiment e = makeExperiment("baseline", 3, 4, "defaults: {weightBits: 8}\n");
    e.notes = "first try";
    e.tags = {"int8", "vww"};
    e.target = StoredTarget{"stm32f746", "mcu", "id: stm32f746\nclockHz: 216000000\n"};
    e.memory = {4096, {{"x", 0, 256}, {"conv0", 256, 256}}};
    e.patch = ExperimentPatchPlan{"conv1", 2, 2048, 12.5};
    e.measurements = {{"accuracy", 0.713, "", 1700000000}, {"board", std::nullopt, "Nucleo-F746ZG", 1700000001}};
    store.save(e);
    const Experiment back = store.load("baseline");
    QCOMPARE(back.notes, e.notes);
    QCOMPARE(back.tags, e.tags);
    QCOMPARE(back.configYaml, e.configYaml);
    QCOMPARE(back.network.yaml, e.network.yaml);
    QCOMPARE(back.network.contentHash, contentHash(e.network.yaml));
    QVERIFY(back.target && back.target->description == e.target->description);
    QVERIFY(back.layers == e.layers);
    QVERIFY(back.memory == e.memory);
    QVERIFY(back.patch == e.patch);
    QVERIFY(back.measurements == e.measurements);
    // Hand count: 3 layers of 3x3 conv, 4 -> 4 channels: 3 * (9*4*4 + 4) = 444 params.
    QCOMPARE(*back.metrics.params, 444.0);
    // MACs per layer 9*4*4*8*8 = 9216; three layers 27648.
    QCOMPARE(*back.metrics.macs, 27648.0);
    QVERIFY(!back.metrics.latencySeconds);
    QVERIFY(back.createdSeconds > 0);
    QCOMPARE(store.schemaVersion(), kLatestSchemaVersion);
    QCOMPARE(mdse::test::pragmaText(dbPath("roundtrip.sqlite"), "PRAGMA journal_mode"), std::string("wal"));
}

void TestStoreOperations::createRefusesExistingName()
{
    ExperimentStore store(dbPath("create.sqlite"));
    store.save(makeExperiment("a"));
    QVERIFY_THROWS_EXCEPTION(Error, store.save(makeExperiment("a")));
    QVERIFY_THROWS_EXCEPTION(Error, store.save(makeExperiment("")));
    QCOMPARE(store.list().size(), std::size_t(1));
}

void TestStoreOperations::replaceKeepsCreationTime()
{
    ExperimentStore store(dbPath("replace.sqlite"));
    store.importAll({[] { auto e = makeExperiment("a"); e.createdSeconds = 1000; e.modifiedSeconds = 2000; return e; }()});
    Experiment changed = makeExperiment("a", 5);
    store.save(changed, SaveMode::Replace);
    const Experiment back = store.load("a");
    QCOMPARE(back.createdSeconds, std::int64_t(1000));
    QVERIFY(back.modifiedSeconds > 2000);
    QCOMPARE(back.layers.size(), std::size_t(5));
}

void TestStoreOperations::renameTagDeleteDuplicate()
{
    ExperimentStore store(dbPath("edit.sqlite"));
    store.save(makeExperiment("a"));
    store.rename("a", "b");
    QVERIFY(!store.contains("a"));
    store.addTags("b", {"x", "y"});
    store.removeTags("b", {"x"});
    QCOMPARE(store.load("b").tags, std::vector<std::string>{"y"});
    QVERIFY_THROWS_EXCEPTION(Error, store.addTags("b", {"bad,tag"}));
    store.duplicate("b", "c");
    QVERIFY(store.load("c").layers == store.load("b").layers);
    QCOMPARE(store.load("c").tags, std::vector<std::string>{"y"});
    QVERIFY_THROWS_EXCEPTION(Error, store.rename("b", "c"));
    store.remove("b");
    store.remove("c");
    QVERIFY(store.list().empty());
    QVERIFY_THROWS_EXCEPTION(Error, store.remove("c"));
    // Cascades: no orphan rows are left behind.
    SqliteDatabase db(dbPath("edit.sqlite"), SqliteDatabase::Mode::ReadOnly, 1000);
    QCOMPARE(db.queryInteger("SELECT count(*) FROM layer_results"), std::int64_t(0));
    QCOMPARE(db.queryInteger("SELECT count(*) FROM experiment_tags"), std::int64_t(0));
    QCOMPARE(db.queryInteger("SELECT count(*) FROM networks"), std::int64_t(0));
}

void TestStoreOperations::listFiltersAndSorts()
{
    ExperimentStore store(dbPath("list.sqlite"));
    for (int layers : {2, 6, 4}) {
        Experiment e = makeExperiment("mbv-" + std::to_string(layers), layers);
        e.tags = {layers > 3 ? "big" : "small"};
        if (layers == 6)
            e.metrics.latencySeconds = std::nullopt;
        else
            e.metrics.latencySeconds = 0.001 * layers;
        store.save(e);
    }
    store.save(makeExperiment("other", 1, 16));
    QCOMPARE(store.list({"mbv", "", "", "name", false, -1}).size(), std::size_t(3));
    QCOMPARE(store.list({"*-6", "", "", "name", false, -1}).front().name, std::string("mbv-6"));
    QCOMPARE(store.list({"", "big", "", "name", false, -1}).size(), std::size_t(2));
    QCOMPARE(store.list({"", "", "chain1x16", "name", false, -1}).front().name, std::string("other"));
    // Hand count of params: 3x3 conv 8 -> 8 is 9*8*8 + 8 = 584 per layer, so
    // mbv-2 1168, mbv-4 2336, mbv-6 3504; "other" 9*16*16 + 16 = 2320.
    const auto byParams = store.list({"", "", "", "params", true, -1});
    QCOMPARE(byParams.front().name, std::string("mbv-6"));
    QCOMPARE(byParams.back().name, std::string("mbv-2"));
    // Unknown metrics sort last in either direction.
    const auto byLatency = store.list({"", "", "", "latencySeconds", true, -1});
    QCOMPARE(byLatency.front().name, std::string("mbv-4"));
    QCOMPARE(byLatency.back().name, std::string("other"));
    QCOMPARE(store.list({"", "", "", "name", false, 2}).size(), std::size_t(2));
    QVERIFY_THROWS_EXCEPTION(Error, store.list({"", "", "", "params; DROP TABLE experiments", false, -1}));
}

void TestStoreOperations::compareMetricsAndConfig()
{
    Experiment a = makeExperiment("a", 2, 8, "defaults: {weightBits: 8}\nrules: []\n");
    Experiment b = makeExperiment("b", 2, 8, "defaults: {weightBits: 4}\nrules: []\n");
    a.metrics.flashBytes = 200;
    b.metrics.flashBytes = 150;
    const ExperimentComparison c = compareExperiments({a, b});
    const auto& flash = c.metrics[4];
    QCOMPARE(flash.metric, std::string("flashBytes"));
    QCOMPARE(*flash.deltas[1], -50.0);        // 150 - 200
    QCOMPARE(*flash.deltaPercents[1], -25.0); // -50 / 200
    QVERIFY(!c.metrics[5].deltas[1]);         // latency unknown in both
    // Same network and target; the one changed line of the spec shows as - and +.
    int removed = 0;
    int added = 0;
    for (const DiffLine& line : c.designDiffs[1]) {
        removed += line.kind == '-';
        added += line.kind == '+';
        if (line.kind == '-')
            QCOMPARE(line.text, std::string("  defaults: {weightPrecision: int8}"));
    }
    QCOMPARE(removed, 1);
    QCOMPARE(added, 1);
    // diffLines on a classic example: ABCABBA vs CBABAC (Myers 1986) has an
    // LCS of length 4, so 3 deletions and 2 insertions.
    const auto d = diffLines("A\nB\nC\nA\nB\nB\nA\n", "C\nB\nA\nB\nA\nC\n");
    QCOMPARE(std::count_if(d.begin(), d.end(), [](const DiffLine& l) { return l.kind == ' '; }), 4L);
    QCOMPARE(std::count_if(d.begin(), d.end(), [](const DiffLine& l) { return l.kind == '-'; }), 3L);
    QCOMPARE(std::count_if(d.begin(), d.end(), [](const DiffLine& l) { return l.kind == '+'; }), 2L);
}

void TestStoreOperations::mergeDeduplicatesAndRenames()
{
    ExperimentStore mine(dbPath("mine.sqlite"));
    mine.save(makeExperiment("shared", 2));
    mine.save(makeExperiment("clash", 3));
    {
        ExperimentStore theirs(dbPath("theirs.sqlite"));
        theirs.save(makeExperiment("shared-copy", 2)); // same design as "shared"
        theirs.save(makeExperiment("clash", 5));       // another design, same name
        theirs.save(makeExperiment("new", 1));
        theirs.addMeasurement("shared-copy", {"accuracy", 0.9, "", 1700000000});
    }
    const MergeReport report = mine.merge(dbPath("theirs.sqlite"));
    QCOMPARE(report.added, std::vector<std::string>{"new"});
    QCOMPARE(report.renamed.size(), std::size_t(1));
    QCOMPARE(report.renamed.front().second, std::string("clash-2"));
    QCOMPARE(report.duplicates.size(), std::size_t(1));
    QCOMPARE(report.duplicates.front().second, std::string("shared"));
    QCOMPARE(report.measurementsAdded, 1);
    QCOMPARE(mine.load("clash-2").layers.size(), std::size_t(5));
    QCOMPARE(mine.load("shared").measurements.size(), std::size_t(1));
    // Merging again changes nothing.
    const MergeReport again = mine.merge(dbPath("theirs.sqlite"));
    QVERIFY(again.added.empty() && again.renamed.empty());
    QCOMPARE(again.measurementsAdded, 0);
    QCOMPARE(mine.list().size(), std::size_t(4));
}

void TestStoreOperations::yamlExportImportRoundTrip()
{
    ExperimentStore store(dbPath("yaml.sqlite"));
    Experiment e = makeExperiment("y", 3, 4, "defaults: {weightBits: 4}\n");
    e.notes = "two\nlines";
    e.tags = {"t1"};
    e.target = StoredTarget{"rp2040", "mcu", "id: rp2040\n"};
    e.memory = {1024, {{"x", 0, 256}}};
    e.measurements = {{"accuracy", 0.5, "", 1700000000}};
    store.save(e);
    const std::string yaml = writeExperimentsYaml({store.load("y")});
    const std::vector<Experiment> back = readExperimentsYaml(yaml, "<export>");
    QCOMPARE(back.size(), std::size_t(1));
    QCOMPARE(back[0].notes, e.notes);
    QCOMPARE(back[0].network.yaml, e.network.yaml);
    QVERIFY(back[0].layers == e.layers);
    QVERIFY(back[0].memory == e.memory);
    QVERIFY(back[0].measurements == e.measurements);
    QCOMPARE(experimentContentHash(back[0]), experimentContentHash(e));
    const auto names = store.importAll(back);
    QCOMPARE(names, std::vector<std::string>{"y-2"});
    QCOMPARE(store.load("y-2").createdSeconds, store.load("y").createdSeconds);
}

void TestStoreOperations::defaultPathFollowsXdg()
{
    qputenv("XDG_DATA_HOME", "/data/home");
    QCOMPARE(defaultStorePath(), std::string("/data/home/microdse/experiments.sqlite"));
    // XDG Base Directory spec: relative values are ignored -> $HOME/.local/share.
    qputenv("XDG_DATA_HOME", "relative");
    qputenv("HOME", "/home/u");
    QCOMPARE(defaultStorePath(), std::string("/home/u/.local/share/microdse/experiments.sqlite"));
}

void TestStoreOperations::zooNetworksSurviveExperimentFiles_data()
{
    QTest::addColumn<QString>("id");
    for (const std::string& id : zooIds())
        QTest::newRow(id.c_str()) << QString::fromStdString(id);
}

// Every built-in network, saved, written to an experiment file and read
// back, keeps its YAML text byte for byte (so its content hash too), and
// reloads as the same network.
void TestStoreOperations::zooNetworksSurviveExperimentFiles()
{
    QFETCH(QString, id);
    const Network network = readNetworkYaml(*zooYaml(id.toStdString()), id.toStdString());
    Experiment e = experimentFromEvaluation(network, "zoo:" + id.toStdString(), evaluate(network, {}), id.toStdString());
    e.notes = "quotes \" and 'single', colon: yes\n  indented";
    const auto back = readExperimentsYaml(writeExperimentsYaml({e}), "<zoo>");
    QCOMPARE(back.front().network.yaml, e.network.yaml);
    QCOMPARE(back.front().notes, e.notes);
    QVERIFY(back.front().layers == e.layers);
    QVERIFY(readNetworkYaml(back.front().network.yaml, "<back>") == network);
}

QTEST_APPLESS_MAIN(TestStoreOperations)
#include "tst_store_operations.moc"
