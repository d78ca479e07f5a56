#pragma once

#include "core/util/error.h"

#include <string>
#include <vector>

namespace mdse::core {

// Something a result depends on that the user should see: a rule that
// matches nothing, a setting that cannot apply, a default that was taken.
// Warnings never change a number; they are carried in the Evaluation and
// shown by every report. `where` names the file/line when it is known.
struct Warning {
    std::string message;
    SourceLocation where;

    bool operator==(const Warning& other) const { return message == other.message; }
};

using Warnings = std::vector<Warning>;

} // namespace mdse::core
