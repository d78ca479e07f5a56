#pragma once

#include "core/store/experiment.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mdse::core {

class SqliteDatabase;

struct StoreOptions {
    bool readOnly = false;
    // How long a write waits for another writer (GUI and CLI on one file)
    // before the store's own retries start.
    int busyTimeoutMs = 10000;
};

// One row of `experiments list`: everything but the per-layer data.
struct ExperimentSummary {
    std::int64_t id = 0;
    std::string name;
    std::string networkName;
    std::string networkHash;
    std::string targetId;
    std::vector<std::string> tags;
    std::int64_t createdSeconds = 0;
    std::int64_t modifiedSeconds = 0;
    ExperimentMetrics metrics;
};

struct ListQuery {
    std::string nameFilter;    // glob (* ?); without wildcards: "contains"
    std::string tag;           // exact tag
    std::string network;       // network name or a prefix of its content hash
    std::string sortBy = "name"; // name, created, modified or a metric name
    bool descending = false;
    std::int64_t limit = -1;   // -1 = all
};

enum class SaveMode {
    Create,  // error if the name exists
    Replace, // an existing experiment of that name is replaced whole
};

// What merge() did, experiment by experiment.
struct MergeReport {
    std::vector<std::string> added;                             // names as stored
    std::vector<std::pair<std::string, std::string>> renamed;   // (name in source, name stored)
    std::vector<std::pair<std::string, std::string>> duplicates; // (source name, existing same design)
    int measurementsAdded = 0;
};

// The experiment database (docs/experiments.md). Opening checks the file
// first without writing (header, quick_check, application id, schema
// version), then migrates it forward. Every write is one transaction:
// after a crash the file holds the state before or after it, never a part.
// Not thread-safe: give each thread its own ExperimentStore.
class ExperimentStore {
public:
    explicit ExperimentStore(const std::string& path, StoreOptions options = {});
    ~ExperimentStore();
    ExperimentStore(const ExperimentStore&) = delete;
    ExperimentStore& operator=(const ExperimentStore&) = delete;

    const std::string& path() const;
    int schemaVersion() const;
    bool isReadOnly() const;

    // Returns the id. Create: throws if the name exists. Replace keeps the
    // creation time of the experiment it replaces.
    std::int64_t save(const Experiment& experiment, SaveMode mode = SaveMode::Create);
    std::optional<Experiment> find(const std::string& name) const;
    Experiment load(const std::string& name) const; // throws if unknown
    std::vector<ExperimentSummary> list(const ListQuery& query = {}) const;
    bool contains(const std::string& name) const;

    void rename(const std::string& name, const std::string& newName);
    void setNotes(const std::string& name, const std::string& notes);
    void addTags(const std::string& name, const std::vector<std::string>& tags);
    void removeTags(const std::string& name, const std::vector<std::string>& tags);
    void remove(const std::string& name);
    std::int64_t duplicate(const std::string& name, const std::string& newName);
    void addMeasurement(const std::string& name, const Measurement& measurement);

    // Copies every experiment of another database into this one in one
    // transaction. Designs already present (equal content hash) are not
    // copied again, but their missing measurements are; name clashes get
    // the first free suffix "-2", "-3", ...
    MergeReport merge(const std::string& otherPath);

    // Imports experiments (e.g. read from YAML) in one transaction, with
    // the same clash rule as merge; returns the names as stored.
    std::vector<std::string> importAll(const std::vector<Experiment>& experiments);

private:
    std::int64_t saveUnlocked(const Experiment& experiment, SaveMode mode, bool keepTimestamps);
    std::int64_t idOf(const std::string& name) const;
    std::string freeName(const std::string& wanted) const;

    std::unique_ptr<SqliteDatabase> m_db;
};

// $XDG_DATA_HOME/microdse/experiments.sqlite, or
// $HOME/.local/share/microdse/experiments.sqlite (XDG Base Directory
// Specification 0.8: XDG_DATA_HOME defaults to $HOME/.local/share).
std::string defaultStorePath();

} // namespace mdse::core
