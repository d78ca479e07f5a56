#pragma once

#include <string>

namespace mdse::core {

class SqliteDatabase;

// The experiment database schema (docs/experiments.md). Versions are kept
// in `PRAGMA user_version`; migrations only go forward, one version per
// step, each in its own transaction:
//   1  networks, targets, experiments (tags as a comma list), layer_results
//   2  tags move to experiment_tags; measurements; lookup indexes
//   3  memory plan (arena bytes, tensor_placements) and patch plan columns
//   4  spec_yaml (the whole design spec); content hashes SHA-256 -> XXH3-128
inline constexpr int kLatestSchemaVersion = 4;

// `PRAGMA application_id` of our files: "MDSE" in ASCII (0x4D445345), so a
// database of another application is recognised and refused.
inline constexpr int kStoreApplicationId = 0x4D445345;

// Checks, without writing anything, that the file at `path` is an SQLite
// database we may open: the 16-byte SQLite header, `PRAGMA quick_check`,
// our application id (or an empty database) and a schema version not newer
// than ours. Throws core::Error naming the file and the problem. A missing
// or empty file passes (it will be created).
void checkStoreFile(const std::string& path);

// Migrates an open database from its version to `targetVersion` (tests use
// a lower target to build old-version files). Throws core::Error if the
// database is newer than `targetVersion` allows or a step fails (the step
// is then rolled back whole).
void migrateStore(SqliteDatabase& db, int targetVersion = kLatestSchemaVersion);

int storeSchemaVersion(const SqliteDatabase& db);

} // namespace mdse::core
