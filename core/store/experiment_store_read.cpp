// Reading experiments back: find() (one experiment, whole) and list().
#include "core/store/experiment_store.h"

#include "core/store/sqlite_database.h"
#include "core/util/error.h"

#include <map>
#include <unordered_map>

namespace mdse::core {
namespace {

constexpr const char* kMetricColumns =
    "e.params, e.macs, e.weight_bytes, e.peak_sram_bytes, e.flash_bytes, e.latency_seconds, e.energy_joules";

ExperimentMetrics readMetrics(const SqliteStatement& row, int first)
{
    ExperimentMetrics m;
    m.params = row.optionalReal(first);
    m.macs = row.optionalReal(first + 1);
    m.weightBytes = row.optionalReal(first + 2);
    m.peakSramBytes = row.optionalReal(first + 3);
    m.flashBytes = row.optionalReal(first + 4);
    m.latencySeconds = row.optionalReal(first + 5);
    m.energyJoules = row.optionalReal(first + 6);
    return m;
}

std::vector<LayerResult> readLayers(const SqliteDatabase& db, std::int64_t id)
{
    SqliteStatement rows = db.prepare(
        "SELECT name, op, input_shape, output_shape, weights, biases, params, macs, input_elements,"
        " output_elements, weight_bits, activation_bits, pruning, sparsity, weight_bytes, latency_seconds,"
        " energy_joules FROM layer_results WHERE experiment_id = ?1 ORDER BY position");
    rows.bind(1, id);
    std::vector<LayerResult> layers;
    while (rows.step()) {
        LayerResult l;
        l.name = rows.text(0);
        l.op = rows.text(1);
        l.inputShape = rows.text(2);
        l.outputShape = rows.text(3);
        l.weights = rows.integer(4);
        l.biases = rows.integer(5);
        l.params = rows.integer(6);
        l.macs = rows.integer(7);
        l.inputElements = rows.integer(8);
        l.outputElements = rows.integer(9);
        l.weightBits = rows.optionalInteger(10);
        l.activationBits = rows.optionalInteger(11);
        l.pruning = rows.text(12);
        l.sparsity = rows.optionalReal(13);
        l.weightBytes = rows.optionalReal(14);
        l.latencySeconds = rows.optionalReal(15);
        l.energyJoules = rows.optionalReal(16);
        layers.push_back(std::move(l));
    }
    return layers;
}

void readChildren(const SqliteDatabase& db, Experiment& e)
{
    e.layers = readLayers(db, e.id);
    SqliteStatement tags = db.prepare("SELECT tag FROM experiment_tags WHERE experiment_id = ?1 ORDER BY tag");
    tags.bind(1, e.id);
    while (tags.step())
        e.tags.push_back(tags.text(0));
    SqliteStatement measurements = db.prepare(
        "SELECT key, value, text, measured_at FROM measurements WHERE experiment_id = ?1 ORDER BY id");
    measurements.bind(1, e.id);
    while (measurements.step())
        e.measurements.push_back(
            {measurements.text(0), measurements.optionalReal(1), measurements.text(2), measurements.integer(3)});
    SqliteStatement placements = db.prepare(
        "SELECT tensor, offset_bytes, size_bytes FROM tensor_placements WHERE experiment_id = ?1 ORDER BY position");
    placements.bind(1, e.id);
    while (placements.step())
        e.memory.tensors.push_back({placements.text(0), placements.integer(1), placements.integer(2)});
}

// Sort keys a user may name, mapped to columns (never user text in SQL).
std::string sortColumn(const std::string& key, const std::string& path)
{
    static const std::map<std::string, std::string> columns{
        {"name", "e.name"}, {"created", "e.created_at"}, {"modified", "e.modified_at"},
        {"network", "n.name"}, {"params", "e.params"}, {"macs", "e.macs"},
        {"weightBytes", "e.weight_bytes"}, {"peakSramBytes", "e.peak_sram_bytes"},
        {"flashBytes", "e.flash_bytes"}, {"latencySeconds", "e.latency_seconds"},
        {"energyJoules", "e.energy_joules"}};
    const auto found = columns.find(key);
    if (found == columns.end())
        throw Error("unknown sort key '" + key
                        + "' (use name, created, modified, network, params, macs, weightBytes, peakSramBytes,"
                          " flashBytes, latencySeconds or energyJoules)",
                    {path});
    return found->second;
}

std::string globFor(const std::string& filter)
{
    return filter.find_first_of("*?[") == std::string::npos ? "*" + filter + "*" : filter;
}

} // namespace

std::optional<Experiment> ExperimentStore::find(const std::string& name) const
{
    SqliteStatement row = m_db->prepare(
        std::string("SELECT e.id, e.name, e.notes, e.created_at, e.modified_at, e.config_yaml,"
                    " n.name, n.source_path, n.yaml, n.content_hash, t.target_id, t.kind, t.description,"
                    " e.arena_bytes, e.patch_split_layer, e.patch_grid, e.patch_peak_bytes,"
                    " e.patch_overhead_percent, e.spec_yaml, ")
        + kMetricColumns
        + " FROM experiments e JOIN networks n ON n.id = e.network_id"
          " LEFT JOIN targets t ON t.id = e.target_id WHERE e.name = ?1");
    if (!row.bind(1, name).step())
        return std::nullopt;
    Experiment e;
    e.id = row.integer(0);
    e.name = row.text(1);
    e.notes = row.text(2);
    e.createdSeconds = row.integer(3);
    e.modifiedSeconds = row.integer(4);
    e.configYaml = row.text(5);
    e.network = {row.text(6), row.text(7), row.text(8), row.text(9)};
    if (!row.isNull(10))
        e.target = StoredTarget{row.text(10), row.text(11), row.text(12)};
    e.memory.arenaBytes = row.optionalInteger(13);
    if (!row.isNull(14))
        e.patch = ExperimentPatchPlan{row.text(14), row.integer(15), row.optionalInteger(16), row.optionalReal(17)};
    e.specYaml = row.text(18);
    e.metrics = readMetrics(row, 19);
    readChildren(*m_db, e);
    return e;
}

std::vector<ExperimentSummary> ExperimentStore::list(const ListQuery& query) const
{
    const std::string order = sortColumn(query.sortBy, path());
    const std::string direction = query.descending ? " DESC" : " ASC";
    SqliteStatement rows = m_db->prepare(
        std::string("SELECT e.id, e.name, n.name, n.content_hash, coalesce(t.target_id, ''), e.created_at,"
                    " e.modified_at, ")
        + kMetricColumns
        + " FROM experiments e JOIN networks n ON n.id = e.network_id LEFT JOIN targets t ON t.id = e.target_id"
          " WHERE (?1 = '' OR e.name GLOB ?2)"
          " AND (?3 = '' OR EXISTS (SELECT 1 FROM experiment_tags g WHERE g.experiment_id = e.id AND g.tag = ?3))"
          " AND (?4 = '' OR n.name = ?4 OR substr(n.content_hash, 1, length(?4)) = ?4)"
          " ORDER BY " + order + direction + " NULLS LAST, e.name LIMIT ?5");
    rows.bind(1, query.nameFilter).bind(2, globFor(query.nameFilter)).bind(3, query.tag);
    rows.bind(4, query.network).bind(5, query.limit);
    std::vector<ExperimentSummary> summaries;
    while (rows.step()) {
        ExperimentSummary s;
        s.id = rows.integer(0);
        s.name = rows.text(1);
        s.networkName = rows.text(2);
        s.networkHash = rows.text(3);
        s.targetId = rows.text(4);
        s.createdSeconds = rows.integer(5);
        s.modifiedSeconds = rows.integer(6);
        s.metrics = readMetrics(rows, 7);
        summaries.push_back(std::move(s));
    }
    // Tags in one pass over the tag table (cheaper than a subquery per row).
    std::unordered_map<std::int64_t, std::size_t> indexOf;
    for (std::size_t i = 0; i < summaries.size(); ++i)
        indexOf.emplace(summaries[i].id, i);
    SqliteStatement tags = m_db->prepare("SELECT experiment_id, tag FROM experiment_tags ORDER BY experiment_id, tag");
    while (tags.step())
        if (const auto found = indexOf.find(tags.integer(0)); found != indexOf.end())
            summaries[found->second].tags.push_back(tags.text(1));
    return summaries;
}

} // namespace mdse::core
