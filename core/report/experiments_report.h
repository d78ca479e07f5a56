#pragma once

#include "core/store/experiment_compare.h"
#include "core/store/experiment_store.h"

#include <string>
#include <vector>

namespace mdse::core {

// Text and JSON of `microdse experiments` (docs/experiments.md); the JSON
// member names are those of the docs; unknown metrics are left out.
std::string experimentListTable(const std::vector<ExperimentSummary>& rows);
std::string experimentListJson(const std::vector<ExperimentSummary>& rows);
std::string experimentTable(const Experiment& experiment);
std::string experimentJson(const Experiment& experiment);
std::string comparisonTable(const ExperimentComparison& comparison);
std::string comparisonJson(const ExperimentComparison& comparison);

// Unix seconds as ISO 8601 UTC, "2026-11-22T03:40:00Z".
std::string isoTime(std::int64_t seconds);

} // namespace mdse::core
