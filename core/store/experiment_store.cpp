#include "core/store/experiment_store.h"

#include "core/store/sqlite_database.h"
#include "core/store/store_schema.h"
#include "core/util/error.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace mdse::core {
namespace {

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

SqliteDatabase::Mode openMode(const std::string& path, bool readOnly)
{
    if (readOnly)
        return SqliteDatabase::Mode::ReadOnly;
    std::error_code ignored;
    if (std::filesystem::exists(path, ignored))
        return ::access(path.c_str(), W_OK) == 0 ? SqliteDatabase::Mode::ReadWrite
                                                : SqliteDatabase::Mode::ReadOnly;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty())
        std::filesystem::create_directories(parent, ignored);
    return SqliteDatabase::Mode::ReadWriteCreate;
}

std::int64_t upsertNetwork(SqliteDatabase& db, const StoredNetwork& network)
{
    const std::string hash = networkContentHash(network);
    db.prepare("INSERT OR IGNORE INTO networks(content_hash, name, source_path, yaml) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, hash).bind(2, network.name).bind(3, network.sourcePath).bind(4, network.yaml).run();
    SqliteStatement find = db.prepare("SELECT id FROM networks WHERE content_hash = ?1");
    find.bind(1, hash).step();
    return find.integer(0);
}

std::optional<std::int64_t> upsertTarget(SqliteDatabase& db, const std::optional<StoredTarget>& target)
{
    if (!target)
        return std::nullopt;
    const std::string hash = targetContentHash(*target);
    db.prepare("INSERT OR IGNORE INTO targets(content_hash, target_id, kind, description) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, hash).bind(2, target->id).bind(3, target->kind).bind(4, target->description).run();
    SqliteStatement find = db.prepare("SELECT id FROM targets WHERE content_hash = ?1");
    find.bind(1, hash).step();
    return find.integer(0);
}

void insertLayers(SqliteDatabase& db, std::int64_t id, const std::vector<LayerResult>& layers)
{
    SqliteStatement insert = db.prepare(
        "INSERT INTO layer_results(experiment_id, position, name, op, input_shape, output_shape, weights, biases,"
        " params, macs, input_elements, output_elements, weight_bits, activation_bits, pruning, sparsity,"
        " weight_bytes, latency_seconds, energy_joules)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
    std::int64_t position = 0;
    for (const LayerResult& layer : layers) {
        insert.bind(1, id).bind(2, position++).bind(3, layer.name).bind(4, layer.op);
        insert.bind(5, layer.inputShape).bind(6, layer.outputShape).bind(7, layer.weights).bind(8, layer.biases);
        insert.bind(9, layer.params).bind(10, layer.macs).bind(11, layer.inputElements);
        insert.bind(12, layer.outputElements).bind(13, layer.weightBits).bind(14, layer.activationBits);
        insert.bind(15, layer.pruning).bind(16, layer.sparsity).bind(17, layer.weightBytes);
        insert.bind(18, layer.latencySeconds).bind(19, layer.energyJoules).run();
    }
}

void insertChildren(SqliteDatabase& db, std::int64_t id, const Experiment& experiment)
{
    insertLayers(db, id, experiment.layers);
    SqliteStatement tag = db.prepare("INSERT OR IGNORE INTO experiment_tags(experiment_id, tag) VALUES(?1, ?2)");
    for (const std::string& name : experiment.tags)
        tag.bind(1, id).bind(2, name).run();
    SqliteStatement measurement = db.prepare(
        "INSERT INTO measurements(experiment_id, key, value, text, measured_at) VALUES(?1, ?2, ?3, ?4, ?5)");
    for (const Measurement& m : experiment.measurements)
        measurement.bind(1, id).bind(2, m.key).bind(3, m.value).bind(4, m.text)
            .bind(5, m.measuredAtSeconds != 0 ? m.measuredAtSeconds : nowSeconds()).run();
    SqliteStatement placement = db.prepare(
        "INSERT INTO tensor_placements(experiment_id, position, tensor, offset_bytes, size_bytes)"
        " VALUES(?1, ?2, ?3, ?4, ?5)");
    std::int64_t position = 0;
    for (const TensorPlacement& p : experiment.memory.tensors)
        placement.bind(1, id).bind(2, position++).bind(3, p.tensor).bind(4, p.offsetBytes).bind(5, p.sizeBytes).run();
}

void checkName(const std::string& name, const std::string& path)
{
    if (name.empty() || name.size() > 200 || name.find_first_of("\n\r\t") != std::string::npos)
        throw Error("an experiment name must be 1 to 200 characters on one line", {path});
}

} // namespace

ExperimentStore::ExperimentStore(const std::string& path, StoreOptions options)
{
    checkStoreFile(path);
    m_db = std::make_unique<SqliteDatabase>(path, openMode(path, options.readOnly), options.busyTimeoutMs);
    m_db->exec("PRAGMA foreign_keys = ON");
    if (m_db->isReadOnly()) {
        if (storeSchemaVersion(*m_db) != kLatestSchemaVersion)
            throw Error("the database is read-only and of an older schema version ("
                            + std::to_string(storeSchemaVersion(*m_db)) + "); it cannot be upgraded",
                        {path});
        return;
    }
    // WAL: readers never block the writer and a killed writer leaves the
    // last committed state (https://sqlite.org/wal.html). synchronous=NORMAL
    // is crash-safe in WAL mode for application crashes.
    m_db->exec("PRAGMA journal_mode = WAL");
    m_db->exec("PRAGMA synchronous = NORMAL");
    migrateStore(*m_db);
}

ExperimentStore::~ExperimentStore() = default;

const std::string& ExperimentStore::path() const { return m_db->path(); }

int ExperimentStore::schemaVersion() const { return storeSchemaVersion(*m_db); }

bool ExperimentStore::isReadOnly() const { return m_db->isReadOnly(); }

std::int64_t ExperimentStore::save(const Experiment& experiment, SaveMode mode)
{
    std::int64_t id = 0;
    m_db->write([&] { id = saveUnlocked(experiment, mode, false); });
    return id;
}

std::int64_t ExperimentStore::saveUnlocked(const Experiment& experiment, SaveMode mode, bool keepTimestamps)
{
    checkName(experiment.name, path());
    SqliteStatement existing = m_db->prepare("SELECT id, created_at FROM experiments WHERE name = ?1");
    existing.bind(1, experiment.name);
    std::optional<std::int64_t> oldId;
    std::int64_t created = keepTimestamps && experiment.createdSeconds != 0 ? experiment.createdSeconds : nowSeconds();
    if (existing.step()) {
        if (mode == SaveMode::Create)
            throw Error("an experiment named '" + experiment.name + "' already exists", {path()});
        oldId = existing.integer(0);
        created = existing.integer(1);
        m_db->prepare("DELETE FROM experiments WHERE id = ?1").bind(1, *oldId).run();
    }
    const std::int64_t modified = keepTimestamps && experiment.modifiedSeconds != 0 ? experiment.modifiedSeconds
                                                                                   : nowSeconds();
    const std::int64_t networkId = upsertNetwork(*m_db, experiment.network);
    const std::optional<std::int64_t> targetId = upsertTarget(*m_db, experiment.target);
    SqliteStatement insert = m_db->prepare(
        "INSERT INTO experiments(id, name, notes, created_at, modified_at, network_id, target_id, config_yaml,"
        " content_hash, params, macs, weight_bytes, peak_sram_bytes, flash_bytes, latency_seconds, energy_joules,"
        " arena_bytes, patch_split_layer, patch_grid, patch_peak_bytes, patch_overhead_percent, spec_yaml)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)");
    insert.bind(1, oldId).bind(2, experiment.name).bind(3, experiment.notes).bind(4, created).bind(5, modified);
    insert.bind(6, networkId).bind(7, targetId).bind(8, experiment.configYaml);
    insert.bind(9, experimentContentHash(experiment));
    const ExperimentMetrics& m = experiment.metrics;
    insert.bind(10, m.params).bind(11, m.macs).bind(12, m.weightBytes).bind(13, m.peakSramBytes);
    insert.bind(14, m.flashBytes).bind(15, m.latencySeconds).bind(16, m.energyJoules);
    insert.bind(17, experiment.memory.arenaBytes).bind(22, experiment.specYaml);
    if (const auto& patch = experiment.patch) {
        insert.bind(18, patch->splitLayer).bind(19, patch->grid).bind(20, patch->peakBytes);
        insert.bind(21, patch->overheadPercent);
    }
    insert.run();
    const std::int64_t id = m_db->lastInsertId();
    insertChildren(*m_db, id, experiment);
    return id;
}

std::int64_t ExperimentStore::idOf(const std::string& name) const
{
    SqliteStatement find = m_db->prepare("SELECT id FROM experiments WHERE name = ?1");
    if (!find.bind(1, name).step())
        throw Error("no experiment named '" + name + "'", {path()});
    return find.integer(0);
}

bool ExperimentStore::contains(const std::string& name) const
{
    SqliteStatement find = m_db->prepare("SELECT 1 FROM experiments WHERE name = ?1");
    return find.bind(1, name).step();
}

Experiment ExperimentStore::load(const std::string& name) const
{
    std::optional<Experiment> experiment = find(name);
    if (!experiment)
        throw Error("no experiment named '" + name + "'", {path()});
    return *experiment;
}

std::string defaultStorePath()
{
    const char* dataHome = std::getenv("XDG_DATA_HOME");
    std::filesystem::path base;
    if (dataHome != nullptr && *dataHome == '/')
        base = dataHome;
    else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
        base = std::filesystem::path(home) / ".local" / "share";
    else
        base = ".";
    return (base / "microdse" / "experiments.sqlite").string();
}

} // namespace mdse::core
