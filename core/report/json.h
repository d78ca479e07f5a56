#pragma once

// Internal to core/report: every JSON document is built with nlohmann-json
// (ordered, so members keep the order written) and returned as text; no
// nlohmann type appears in a public header of the room.
#include "core/evaluate/evaluation.h"
#include "core/perf/roofline.h"

#include <nlohmann/json.hpp>

#include <string>

namespace mdse::core::report {

using Json = nlohmann::ordered_json;

// Two-space indentation, a final newline; arrays of plain numbers on one line.
std::string dump(const Json& document);

// {computeCeilings[], bandwidthCeilings[] (ridge against the first compute
// ceiling), points[]} (docs/mcu-analysis.md, docs/accelerator-models.md).
Json rooflineJson(const Roofline& roofline);

// {tool, version, specHash, catalogue[{kind, id}]}
Json provenanceJson(const Provenance& provenance);

// [{message, file, line, column}] (location members only when known)
Json warningsJson(const Warnings& warnings);

Json shapeJson(const Shape& shape);

} // namespace mdse::core::report
