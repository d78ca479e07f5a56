// Edits of stored experiments, merge and import. Each public call is one
// write transaction.
#include "core/store/experiment_store.h"

#include "core/store/sqlite_database.h"
#include "core/util/error.h"

#include <chrono>

namespace mdse::core {
namespace {

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void touch(SqliteDatabase& db, std::int64_t id)
{
    db.prepare("UPDATE experiments SET modified_at = ?2 WHERE id = ?1").bind(1, id).bind(2, nowSeconds()).run();
}

} // namespace

std::string ExperimentStore::freeName(const std::string& wanted) const
{
    if (!contains(wanted))
        return wanted;
    for (int suffix = 2;; ++suffix) {
        const std::string candidate = wanted + "-" + std::to_string(suffix);
        if (!contains(candidate))
            return candidate;
    }
}

void ExperimentStore::rename(const std::string& name, const std::string& newName)
{
    m_db->write([&] {
        const std::int64_t id = idOf(name);
        if (newName.empty() || contains(newName))
            throw Error("cannot rename '" + name + "' to '" + newName + "': that name is empty or taken", {path()});
        m_db->prepare("UPDATE experiments SET name = ?2 WHERE id = ?1").bind(1, id).bind(2, newName).run();
        touch(*m_db, id);
    });
}

void ExperimentStore::setNotes(const std::string& name, const std::string& notes)
{
    m_db->write([&] {
        const std::int64_t id = idOf(name);
        m_db->prepare("UPDATE experiments SET notes = ?2 WHERE id = ?1").bind(1, id).bind(2, notes).run();
        touch(*m_db, id);
    });
}

void ExperimentStore::addTags(const std::string& name, const std::vector<std::string>& tags)
{
    m_db->write([&] {
        const std::int64_t id = idOf(name);
        SqliteStatement insert = m_db->prepare("INSERT OR IGNORE INTO experiment_tags VALUES(?1, ?2)");
        for (const std::string& tag : tags) {
            if (tag.empty() || tag.find(',') != std::string::npos)
                throw Error("a tag must be non-empty and contain no comma: '" + tag + "'", {path()});
            insert.bind(1, id).bind(2, tag).run();
        }
        touch(*m_db, id);
    });
}

void ExperimentStore::removeTags(const std::string& name, const std::vector<std::string>& tags)
{
    m_db->write([&] {
        const std::int64_t id = idOf(name);
        SqliteStatement erase = m_db->prepare("DELETE FROM experiment_tags WHERE experiment_id = ?1 AND tag = ?2");
        for (const std::string& tag : tags)
            erase.bind(1, id).bind(2, tag).run();
        touch(*m_db, id);
    });
}

void ExperimentStore::remove(const std::string& name)
{
    m_db->write([&] {
        const std::int64_t id = idOf(name);
        m_db->prepare("DELETE FROM experiments WHERE id = ?1").bind(1, id).run();
        // Networks and targets no experiment uses any more go too.
        m_db->exec("DELETE FROM networks WHERE id NOT IN (SELECT network_id FROM experiments)");
        m_db->exec("DELETE FROM targets WHERE id NOT IN (SELECT target_id FROM experiments"
                   " WHERE target_id IS NOT NULL)");
    });
}

std::int64_t ExperimentStore::duplicate(const std::string& name, const std::string& newName)
{
    std::int64_t id = 0;
    m_db->write([&] {
        Experiment copy = load(name);
        copy.name = newName;
        id = saveUnlocked(copy, SaveMode::Create, false);
    });
    return id;
}

void ExperimentStore::addMeasurement(const std::string& name, const Measurement& measurement)
{
    if (measurement.key.empty())
        throw Error("a measurement needs a key (e.g. accuracy, latency_seconds)", {path()});
    m_db->write([&] {
        const std::int64_t id = idOf(name);
        m_db->prepare("INSERT INTO measurements(experiment_id, key, value, text, measured_at)"
                      " VALUES(?1, ?2, ?3, ?4, ?5)")
            .bind(1, id).bind(2, measurement.key).bind(3, measurement.value).bind(4, measurement.text)
            .bind(5, measurement.measuredAtSeconds != 0 ? measurement.measuredAtSeconds : nowSeconds())
            .run();
        touch(*m_db, id);
    });
}

std::vector<std::string> ExperimentStore::importAll(const std::vector<Experiment>& experiments)
{
    std::vector<std::string> names;
    m_db->write([&] {
        for (Experiment copy : experiments) {
            copy.name = freeName(copy.name);
            saveUnlocked(copy, SaveMode::Create, true);
            names.push_back(copy.name);
        }
    });
    return names;
}

} // namespace mdse::core
