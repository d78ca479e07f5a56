#pragma once

namespace mdse::core {

// The `schemaVersion` every JSON document of microdse carries (its first
// member, with the `provenance` block). 2: one evaluation document for
// every target (docs/design-spec.md, "Reports"); 1 was the unversioned
// output before it. Bumped when a member changes meaning or type; adding
// members does not bump it.
inline constexpr int kReportSchemaVersion = 2;

} // namespace mdse::core
