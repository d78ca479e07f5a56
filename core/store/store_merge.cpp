// ExperimentStore::merge: copies another experiment database into this one
// in one transaction, inside SQLite (ATTACH + INSERT ... SELECT), so rows
// never travel through C++ one by one.
#include "core/store/experiment_store.h"

#include "core/store/sqlite_database.h"
#include "core/store/store_schema.h"
#include "core/util/error.h"

#include <cctype>
#include <filesystem>
#include <random>

namespace mdse::core {
namespace {

constexpr const char* kSource = "merge_source";

// RFC 8089 file URI with mode=ro (https://sqlite.org/uri.html): every byte
// outside the unreserved set and '/' is percent-encoded.
std::string readOnlyUri(const std::string& path)
{
    const std::string absolute = std::filesystem::absolute(path).string();
    std::string uri = "file:";
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char c : absolute) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
            uri += c;
        } else {
            uri += '%';
            uri += kHex[byte >> 4];
            uri += kHex[byte & 0xf];
        }
    }
    return uri + "?mode=ro";
}

// A source of an older schema is copied (VACUUM INTO reads a consistent
// snapshot, WAL included) and the copy migrated; the source is never written.
class MigratedCopy {
public:
    explicit MigratedCopy(const std::string& path)
    {
        std::random_device random;
        m_path = (std::filesystem::temp_directory_path()
                  / ("microdse-merge-" + std::to_string(random()) + ".sqlite"))
                     .string();
        {
            SqliteDatabase source(path, SqliteDatabase::Mode::ReadOnly, 10000);
            source.prepare("VACUUM INTO ?1").bind(1, m_path).run();
        }
        SqliteDatabase copy(m_path, SqliteDatabase::Mode::ReadWrite, 10000);
        copy.exec("PRAGMA foreign_keys = ON");
        migrateStore(copy);
    }
    ~MigratedCopy()
    {
        std::error_code ignored;
        std::filesystem::remove(m_path, ignored);
    }
    MigratedCopy(const MigratedCopy&) = delete;
    MigratedCopy& operator=(const MigratedCopy&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

class Attachment {
public:
    Attachment(SqliteDatabase& db, const std::string& path) : m_db(db)
    {
        db.prepare(std::string("ATTACH DATABASE ?1 AS ") + kSource).bind(1, readOnlyUri(path)).run();
    }
    ~Attachment()
    {
        try {
            m_db.exec(std::string("DETACH DATABASE ") + kSource);
        } catch (...) {
        }
    }
    Attachment(const Attachment&) = delete;
    Attachment& operator=(const Attachment&) = delete;

private:
    SqliteDatabase& m_db;
};

// The statements of one merge, prepared once (and finalised before DETACH).
struct MergeStatements {
    explicit MergeStatements(SqliteDatabase& db)
        : sources(db.prepare("SELECT id, name, content_hash FROM merge_source.experiments ORDER BY id"))
        , sameDesign(db.prepare("SELECT id, name FROM main.experiments WHERE content_hash = ?1 LIMIT 1"))
        , missingMeasurements(db.prepare(
              "INSERT INTO main.measurements(experiment_id, key, value, text, measured_at)"
              " SELECT ?1, m.key, m.value, m.text, m.measured_at FROM merge_source.measurements m"
              " WHERE m.experiment_id = ?2 AND NOT EXISTS (SELECT 1 FROM main.measurements x"
              " WHERE x.experiment_id = ?1 AND x.key = m.key AND x.value IS m.value AND x.text = m.text"
              " AND x.measured_at = m.measured_at) ORDER BY m.id"))
        , experiment(db.prepare(
              "INSERT INTO main.experiments(name, notes, created_at, modified_at, network_id, target_id,"
              " config_yaml, content_hash, params, macs, weight_bytes, peak_sram_bytes, flash_bytes,"
              " latency_seconds, energy_joules, arena_bytes, patch_split_layer, patch_grid, patch_peak_bytes,"
              " patch_overhead_percent, spec_yaml)"
              " SELECT ?1, e.notes, e.created_at, e.modified_at,"
              " (SELECT id FROM main.networks WHERE content_hash = n.content_hash),"
              " (SELECT id FROM main.targets WHERE content_hash = t.content_hash),"
              " e.config_yaml, e.content_hash, e.params, e.macs, e.weight_bytes, e.peak_sram_bytes, e.flash_bytes,"
              " e.latency_seconds, e.energy_joules, e.arena_bytes, e.patch_split_layer, e.patch_grid,"
              " e.patch_peak_bytes, e.patch_overhead_percent, e.spec_yaml"
              " FROM merge_source.experiments e JOIN merge_source.networks n ON n.id = e.network_id"
              " LEFT JOIN merge_source.targets t ON t.id = e.target_id WHERE e.id = ?2"))
        , layers(db.prepare(
              "INSERT INTO main.layer_results SELECT ?1, position, name, op, input_shape, output_shape, weights,"
              " biases, params, macs, input_elements, output_elements, weight_bits, activation_bits, pruning,"
              " sparsity, weight_bytes, latency_seconds, energy_joules"
              " FROM merge_source.layer_results WHERE experiment_id = ?2"))
        , tags(db.prepare("INSERT INTO main.experiment_tags SELECT ?1, tag FROM merge_source.experiment_tags"
                          " WHERE experiment_id = ?2"))
        , measurements(db.prepare("INSERT INTO main.measurements(experiment_id, key, value, text, measured_at)"
                                  " SELECT ?1, key, value, text, measured_at FROM merge_source.measurements"
                                  " WHERE experiment_id = ?2 ORDER BY id"))
        , placements(db.prepare("INSERT INTO main.tensor_placements SELECT ?1, position, tensor, offset_bytes,"
                                " size_bytes FROM merge_source.tensor_placements WHERE experiment_id = ?2"))
    {
    }

    SqliteStatement sources;
    SqliteStatement sameDesign;
    SqliteStatement missingMeasurements;
    SqliteStatement experiment;
    SqliteStatement layers;
    SqliteStatement tags;
    SqliteStatement measurements;
    SqliteStatement placements;
};

void copyChildren(MergeStatements& s, std::int64_t newId, std::int64_t sourceId)
{
    for (SqliteStatement* statement : {&s.layers, &s.tags, &s.measurements, &s.placements})
        statement->bind(1, newId).bind(2, sourceId).run();
}

} // namespace

MergeReport ExperimentStore::merge(const std::string& otherPath)
{
    checkStoreFile(otherPath); // not SQLite, damaged, another application, newer: refused
    std::error_code error;
    if (!std::filesystem::exists(otherPath, error))
        throw Error("no such database file to merge", {otherPath});
    if (std::filesystem::equivalent(otherPath, path(), error))
        throw Error("cannot merge a database into itself", {otherPath});
    int version = 0;
    {
        const SqliteDatabase probe(otherPath, SqliteDatabase::Mode::ReadOnly, 10000);
        version = storeSchemaVersion(probe);
    }
    MergeReport report;
    if (version == 0)
        return report; // an empty database: nothing to merge
    std::optional<MigratedCopy> copy;
    if (version < kLatestSchemaVersion)
        copy.emplace(otherPath);
    const Attachment attachment(*m_db, copy ? copy->path() : otherPath);
    m_db->write([&] {
        m_db->exec("INSERT OR IGNORE INTO main.networks(content_hash, name, source_path, yaml)"
                   " SELECT content_hash, name, source_path, yaml FROM merge_source.networks");
        m_db->exec("INSERT OR IGNORE INTO main.targets(content_hash, target_id, kind, description)"
                   " SELECT content_hash, target_id, kind, description FROM merge_source.targets");
        MergeStatements s(*m_db);
        while (s.sources.step()) {
            const std::int64_t sourceId = s.sources.integer(0);
            const std::string name = s.sources.text(1);
            s.sameDesign.bind(1, s.sources.text(2));
            if (s.sameDesign.step()) {
                const std::int64_t existingId = s.sameDesign.integer(0);
                report.duplicates.emplace_back(name, s.sameDesign.text(1));
                s.sameDesign.reset();
                s.missingMeasurements.bind(1, existingId).bind(2, sourceId).run();
                report.measurementsAdded += static_cast<int>(m_db->changes());
                continue;
            }
            s.sameDesign.reset();
            const std::string stored = freeName(name);
            s.experiment.bind(1, stored).bind(2, sourceId).run();
            copyChildren(s, m_db->lastInsertId(), sourceId);
            if (stored != name)
                report.renamed.emplace_back(name, stored);
            else
                report.added.push_back(stored);
        }
    });
    return report;
}

} // namespace mdse::core
