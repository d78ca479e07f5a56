#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mdse::app {

// `microdse precision-search <network> --flash-budget BYTES ...`: the exact
// budgeted mixed-precision search of issue #4 (docs/design-config.md).
int runPrecisionSearch(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

} // namespace mdse::app
