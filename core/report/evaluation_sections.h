#pragma once

// Internal to core/report: the members of the evaluation document, one
// function per section (evaluation_json*.cpp).
#include "core/report/json.h"

namespace mdse::core::report {

Json layerJson(const Evaluation& e, const EvaluatedLayer& row);
Json totalsJson(const Evaluation& e);
void addMcuMembers(Json& document, const Evaluation& e);
void addAcceleratorMembers(Json& document, const Evaluation& e);
Json systolicLayerJson(const SystolicLayerReport& report);
const char* systolicDataflowId(SystolicDataflow dataflow);

} // namespace mdse::core::report
