#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mdse::app {

// `microdse <command> ...` (arguments without the program name): parses with
// CLI11, runs the command, writes its result to `out` and problems to `err`,
// and returns the exit code: 0 success (and every --help), 1 bad input (a
// file, a design that cannot apply; one line naming file, location and
// problem), 2 wrong usage (an unknown flag, a bad value, a missing argument;
// one line).
int runCli(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

} // namespace mdse::app
