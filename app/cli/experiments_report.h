#pragma once

#include "core/store/experiment_compare.h"
#include "core/store/experiment_store.h"

#include <string>
#include <vector>

namespace mdse::app {

// Text and JSON renderings of `microdse experiments` results. JSON member
// names are those of docs/experiments.md; unknown metrics are left out.
std::string experimentListTable(const std::vector<core::ExperimentSummary>& rows);
std::string experimentListJson(const std::vector<core::ExperimentSummary>& rows);
std::string experimentTable(const core::Experiment& experiment);
std::string experimentJson(const core::Experiment& experiment);
std::string comparisonTable(const core::ExperimentComparison& comparison);
std::string comparisonJson(const core::ExperimentComparison& comparison);

// Unix seconds as ISO 8601 UTC, "2026-11-22T03:40:00Z".
std::string isoTime(std::int64_t seconds);

} // namespace mdse::app
