// Issue #7: forward-only migrations from every older schema version, and
// files that must be refused without being touched (newer schema, not
// SQLite, another application's database, a damaged database).
#include "core/store/experiment_store.h"
#include "core/util/content_hash.h"
#include "core/store/store_schema.h"
#include "tests/core/store_test_support.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace mdse::core;

namespace {

QByteArray fileBytes(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeBytes(const std::string& path, const QByteArray& bytes)
{
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// Data as the program of each older version wrote it (raw SQL of that
// schema): one network, one experiment with two layers and two tags.
void fillVersion(SqliteDatabase& db, int version)
{
    const std::string yaml = mdse::test::chainNetworkYaml(2, 4);
    db.write([&] {
        // Versions 1-3 named content by SHA-256 (64 hex digits); the value
        // only has to be unique here: version 4 recomputes every hash.
        db.prepare("INSERT INTO networks(content_hash, name, yaml) VALUES(?1, 'chain', ?2)")
            .bind(1, std::string(64, 'a')).bind(2, yaml).run();
        const std::string tagsColumn = version == 1 ? ", tags" : "";
        const std::string tagsValue = version == 1 ? ", 'int8, vww'" : "";
        db.exec("INSERT INTO experiments(name, created_at, modified_at, network_id, config_yaml, content_hash,"
                " params, macs" + tagsColumn + ") VALUES('old', 100, 200, 1, 'defaults: {weightBits: 8}\n',"
                " 'h', 296, 18432" + tagsValue + ")");
        db.exec("INSERT INTO layer_results(experiment_id, position, name, op, params, macs)"
                " VALUES(1, 0, 'conv0', 'conv2d', 148, 9216), (1, 1, 'conv1', 'conv2d', 148, 9216)");
        if (version >= 2) {
            db.exec("INSERT INTO experiment_tags VALUES(1, 'int8'), (1, 'vww')");
            db.exec("INSERT INTO measurements(experiment_id, key, value, measured_at) VALUES(1, 'accuracy', 0.8, 5)");
        }
    });
}

} // namespace

class TestStoreSchema : public QObject {
    Q_OBJECT
private slots:
    void migratesFromEveryOlderVersion_data();
    void migratesFromEveryOlderVersion();
    void refusesNewerSchema();
    void refusesNonSqliteFile();
    void refusesOtherApplicationDatabase();
    void reportsDamagedDatabase();

private:
    std::string path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }
    QTemporaryDir m_dir;
};

void TestStoreSchema::migratesFromEveryOlderVersion_data()
{
    QTest::addColumn<int>("version");
    for (int version = 0; version < kLatestSchemaVersion; ++version)
        QTest::newRow(qPrintable(QStringLiteral("v%1").arg(version))) << version;
}

void TestStoreSchema::migratesFromEveryOlderVersion()
{
    QFETCH(int, version);
    const std::string file = path("old.sqlite") + std::to_string(version);
    {
        SqliteDatabase db(file, SqliteDatabase::Mode::ReadWriteCreate, 1000);
        migrateStore(db, version);
        QCOMPARE(storeSchemaVersion(db), version);
        if (version >= 1)
            fillVersion(db, version);
    }
    // Merging an old file leaves it as it was (a migrated copy is read).
    const QByteArray before = fileBytes(file);
    {
        ExperimentStore target(file + "-merged");
        const MergeReport report = target.merge(file);
        QCOMPARE(report.added.size(), std::size_t(version >= 1 ? 1 : 0));
        if (version >= 1)
            QCOMPARE(target.load("old").tags, (std::vector<std::string>{"int8", "vww"}));
    }
    QCOMPARE(fileBytes(file), before);
    ExperimentStore store(file);
    QCOMPARE(store.schemaVersion(), kLatestSchemaVersion);
    QVERIFY_THROWS_EXCEPTION(Error, store.merge(file)); // into itself
    QCOMPARE(mdse::test::pragmaText(file, "PRAGMA integrity_check"), std::string("ok"));
    QCOMPARE(mdse::test::pragmaText(file, "PRAGMA foreign_key_check"), std::string());
    if (version == 0) {
        QVERIFY(store.list().empty());
        return;
    }
    const Experiment old = store.load("old");
    QCOMPARE(old.tags, (std::vector<std::string>{"int8", "vww"})); // v1's "int8, vww" split and trimmed
    QCOMPARE(old.layers.size(), std::size_t(2));
    QCOMPARE(old.layers[1].macs, std::int64_t(9216));
    QCOMPARE(old.configYaml, std::string("defaults: {weightBits: 8}\n"));
    // Version 4 recomputed the hashes (XXH3-128 of the stored text), so the
    // stored design is recognised again: its hash is the one a save computes.
    QCOMPARE(old.network.contentHash, contentHash(mdse::test::chainNetworkYaml(2, 4)));
    QCOMPARE(old.specYaml, std::string()); // saved before specs were stored
    QCOMPARE(old.measurements.size(), std::size_t(version >= 2 ? 1 : 0));
    QVERIFY(!old.memory.arenaBytes);
    // The migrated file takes new writes of the latest schema.
    Experiment fresh = mdse::test::makeExperiment("fresh");
    fresh.memory.arenaBytes = 512;
    store.save(fresh);
    QCOMPARE(*store.load("fresh").memory.arenaBytes, std::int64_t(512));
}

void TestStoreSchema::refusesNewerSchema()
{
    const std::string file = path("newer.sqlite");
    { ExperimentStore store(file); store.save(mdse::test::makeExperiment("a")); }
    { SqliteDatabase db(file, SqliteDatabase::Mode::ReadWrite, 1000); db.exec("PRAGMA user_version = 99"); }
    const QByteArray before = fileBytes(file);
    try {
        ExperimentStore store(file);
        QFAIL("a newer schema must be refused");
    } catch (const Error& error) {
        QVERIFY2(error.message().find("newer MicroDSE (schema version 99") != std::string::npos, error.what());
    }
    QCOMPARE(fileBytes(file), before);
}

void TestStoreSchema::refusesNonSqliteFile()
{
    const std::string file = path("notes.txt");
    writeBytes(file, QByteArray("name: not a database\n").repeated(200));
    const QByteArray before = fileBytes(file);
    try {
        ExperimentStore store(file);
        QFAIL("a text file must be refused");
    } catch (const Error& error) {
        QVERIFY2(error.message().find("not an SQLite database") != std::string::npos, error.what());
        QCOMPARE(error.location().file, file);
    }
    QCOMPARE(fileBytes(file), before);
}

void TestStoreSchema::refusesOtherApplicationDatabase()
{
    const std::string file = path("other-app.sqlite");
    {
        SqliteDatabase db(file, SqliteDatabase::Mode::ReadWriteCreate, 1000);
        db.exec("CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places VALUES(1, 'x')");
    }
    const QByteArray before = fileBytes(file);
    QVERIFY_THROWS_EXCEPTION(Error, ExperimentStore store(file));
    ExperimentStore mine(path("mine.sqlite"));
    try {
        mine.merge(file);
        QFAIL("merging another application's database must fail");
    } catch (const Error& error) {
        QVERIFY2(error.message().find("another application") != std::string::npos, error.what());
    }
    QVERIFY(mine.list().empty());
    QCOMPARE(fileBytes(file), before);
}

void TestStoreSchema::reportsDamagedDatabase()
{
    const std::string file = path("damaged.sqlite");
    {
        ExperimentStore store(file);
        for (int i = 0; i < 20; ++i)
            store.save(mdse::test::makeExperiment("e" + std::to_string(i), 20));
    }
    QByteArray bytes = fileBytes(file);
    const int pageBytes = 4096; // SQLite's default page size
    QVERIFY(bytes.size() > 4 * pageBytes);
    // Overwrite page 2 (a b-tree page) with garbage, keep the header.
    for (int i = pageBytes; i < 2 * pageBytes; ++i)
        bytes[i] = char(0xA5);
    writeBytes(file, bytes);
    try {
        ExperimentStore store(file);
        QFAIL("a damaged database must be reported");
    } catch (const Error& error) {
        QVERIFY2(error.message().find("left untouched") != std::string::npos
                     || error.message().find("malformed") != std::string::npos,
                 error.what());
    }
    QCOMPARE(fileBytes(file), bytes);
}

QTEST_APPLESS_MAIN(TestStoreSchema)
#include "tst_store_schema.moc"
