#include "core/store/store_schema.h"

#include "core/store/sqlite_database.h"
#include "core/store/experiment.h"
#include "core/util/content_hash.h"
#include "core/util/error.h"

#include <sqlite3.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace mdse::core {
namespace {

// Version 1: the first schema. Tags were a comma-separated column.
constexpr std::string_view kVersion1 = R"sql(
PRAGMA application_id = 1296323397;
CREATE TABLE networks(
  id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  source_path TEXT NOT NULL DEFAULT '',
  yaml TEXT NOT NULL);
CREATE TABLE targets(
  id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  target_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  description TEXT NOT NULL);
CREATE TABLE experiments(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  notes TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  network_id INTEGER NOT NULL REFERENCES networks(id),
  target_id INTEGER REFERENCES targets(id),
  config_yaml TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL,
  params REAL, macs REAL, weight_bytes REAL, peak_sram_bytes REAL,
  flash_bytes REAL, latency_seconds REAL, energy_joules REAL);
CREATE TABLE layer_results(
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL, op TEXT NOT NULL,
  input_shape TEXT NOT NULL DEFAULT '', output_shape TEXT NOT NULL DEFAULT '',
  weights INTEGER NOT NULL DEFAULT 0, biases INTEGER NOT NULL DEFAULT 0,
  params INTEGER NOT NULL DEFAULT 0, macs INTEGER NOT NULL DEFAULT 0,
  input_elements INTEGER NOT NULL DEFAULT 0, output_elements INTEGER NOT NULL DEFAULT 0,
  weight_bits INTEGER, activation_bits INTEGER, pruning TEXT NOT NULL DEFAULT '',
  sparsity REAL, weight_bytes REAL, latency_seconds REAL, energy_joules REAL,
  PRIMARY KEY(experiment_id, position)) WITHOUT ROWID;
)sql";

// Version 2: tags become rows (filterable by index), measurements arrive.
// The recursive CTE splits each old comma list into trimmed tags.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE experiment_tags(
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY(experiment_id, tag)) WITHOUT ROWID;
CREATE INDEX experiment_tags_by_tag ON experiment_tags(tag);
WITH RECURSIVE split(id, tag, rest) AS (
  SELECT id, '', tags || ',' FROM experiments
  UNION ALL
  SELECT id, trim(substr(rest, 1, instr(rest, ',') - 1)), substr(rest, instr(rest, ',') + 1)
  FROM split WHERE rest <> '')
INSERT OR IGNORE INTO experiment_tags(experiment_id, tag)
  SELECT id, tag FROM split WHERE tag <> '';
ALTER TABLE experiments DROP COLUMN tags;
CREATE TABLE measurements(
  id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value REAL,
  text TEXT NOT NULL DEFAULT '',
  measured_at INTEGER NOT NULL);
CREATE INDEX measurements_by_experiment ON measurements(experiment_id);
CREATE INDEX experiments_by_network ON experiments(network_id);
CREATE INDEX experiments_by_content ON experiments(content_hash);
)sql";

// Version 3: the memory plan and the patch plan of a design.
constexpr std::string_view kVersion3 = R"sql(
ALTER TABLE experiments ADD COLUMN arena_bytes INTEGER;
ALTER TABLE experiments ADD COLUMN patch_split_layer TEXT;
ALTER TABLE experiments ADD COLUMN patch_grid INTEGER;
ALTER TABLE experiments ADD COLUMN patch_peak_bytes INTEGER;
ALTER TABLE experiments ADD COLUMN patch_overhead_percent REAL;
CREATE TABLE tensor_placements(
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  tensor TEXT NOT NULL,
  offset_bytes INTEGER NOT NULL,
  size_bytes INTEGER NOT NULL,
  PRIMARY KEY(experiment_id, position)) WITHOUT ROWID;
)sql";

// Version 4: an experiment records its whole design spec, and every content
// hash moves from SHA-256 to XXH3-128 (recomputed here from the stored
// text by the functions registerHashFunctions() provides, so stored
// designs keep being recognised by merge).
constexpr std::string_view kVersion4 = R"sql(
ALTER TABLE experiments ADD COLUMN spec_yaml TEXT NOT NULL DEFAULT '';
UPDATE networks SET content_hash = mdse_content_hash(yaml);
UPDATE targets SET content_hash = mdse_target_hash(target_id, kind, description);
UPDATE experiments SET content_hash = mdse_experiment_hash(
  (SELECT content_hash FROM networks WHERE networks.id = experiments.network_id),
  coalesce((SELECT content_hash FROM targets WHERE targets.id = experiments.target_id), ''),
  config_yaml, spec_yaml);
)sql";

constexpr std::array<std::string_view, kLatestSchemaVersion> kMigrations{kVersion1, kVersion2, kVersion3, kVersion4};

std::string_view textArgument(sqlite3_value* value)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(value))) : std::string_view();
}

void resultText(sqlite3_context* context, const std::string& text)
{
    sqlite3_result_text(context, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void registerHashFunctions(SqliteDatabase& db)
{
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    const auto network = [](sqlite3_context* c, int, sqlite3_value** v) { resultText(c, contentHash(textArgument(v[0]))); };
    const auto target = [](sqlite3_context* c, int, sqlite3_value** v) {
        resultText(c, targetContentHash(textArgument(v[0]), textArgument(v[1]), textArgument(v[2])));
    };
    const auto experiment = [](sqlite3_context* c, int, sqlite3_value** v) {
        resultText(c, experimentContentHash(textArgument(v[0]), textArgument(v[1]), textArgument(v[2]), textArgument(v[3])));
    };
    sqlite3_create_function(db.handle(), "mdse_content_hash", 1, flags, nullptr, network, nullptr, nullptr);
    sqlite3_create_function(db.handle(), "mdse_target_hash", 3, flags, nullptr, target, nullptr, nullptr);
    sqlite3_create_function(db.handle(), "mdse_experiment_hash", 4, flags, nullptr, experiment, nullptr, nullptr);
}

bool hasSqliteHeader(const std::string& path, bool& empty)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw Error("cannot read the experiment database file", {path});
    char header[16] = {};
    file.read(header, sizeof header);
    empty = file.gcount() == 0;
    // SQLite file format, section 1.3: the first 16 bytes are
    // "SQLite format 3" followed by a NUL.
    return file.gcount() == 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
}

} // namespace

int storeSchemaVersion(const SqliteDatabase& db)
{
    return static_cast<int>(db.queryInteger("PRAGMA user_version"));
}

void checkStoreFile(const std::string& path)
{
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored))
        return; // will be created
    bool empty = false;
    if (!hasSqliteHeader(path, empty)) {
        if (empty)
            return;
        throw Error("not an SQLite database (wrong file header); the file was left untouched", {path});
    }
    SqliteDatabase db(path, SqliteDatabase::Mode::ReadOnly, 2000);
    SqliteStatement check = db.prepare("PRAGMA quick_check");
    const std::string verdict = check.step() ? check.text(0) : std::string("no answer");
    if (verdict != "ok")
        throw Error("the database is damaged (quick_check: " + verdict + "); the file was left untouched", {path});
    const std::int64_t applicationId = db.queryInteger("PRAGMA application_id");
    const std::int64_t tables = db.queryInteger("SELECT count(*) FROM sqlite_schema");
    if (applicationId != kStoreApplicationId && (applicationId != 0 || tables != 0))
        throw Error("this SQLite database belongs to another application (application_id "
                        + std::to_string(applicationId) + "); it was left untouched",
                    {path});
    const int version = storeSchemaVersion(db);
    if (version > kLatestSchemaVersion)
        throw Error("the database was written by a newer MicroDSE (schema version " + std::to_string(version)
                        + ", this program knows up to " + std::to_string(kLatestSchemaVersion)
                        + "); upgrade MicroDSE to open it",
                    {path});
}

void migrateStore(SqliteDatabase& db, int targetVersion)
{
    int version = storeSchemaVersion(db);
    if (version > targetVersion)
        throw Error("database schema version " + std::to_string(version) + " is newer than "
                        + std::to_string(targetVersion),
                    {db.path()});
    registerHashFunctions(db);
    while (version < targetVersion) {
        db.write([&] {
            // Re-read inside the write lock: another process may have
            // migrated between our check and the lock.
            version = storeSchemaVersion(db);
            if (version >= targetVersion)
                return;
            db.exec(kMigrations[static_cast<std::size_t>(version)]);
            db.exec("PRAGMA user_version = " + std::to_string(version + 1));
            ++version;
        });
    }
}

} // namespace mdse::core
