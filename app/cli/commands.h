#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mdse::app {

// Each sub-command writes its result to `out`, problems to `err`, and
// returns the process exit code (0 = success).
int runAnalyze(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
int runZoo(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
int runTargets(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
int runExperiments(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

} // namespace mdse::app
