#pragma once

#include "core/evaluate/design_spec.h"

#include <string>

namespace mdse::core {

// The identity of a design point: XXH3-128 (core/util/content_hash.h) over
// every field of the spec, the target as used included (its catalogue file
// text). Two specs have equal hashes exactly when they are equal in every
// field that can change a result (tests/core/tst_design_spec.cpp changes
// each field once and checks the hash changes). Source locations are not
// part of it.
std::string specHash(const DesignSpec& spec);

} // namespace mdse::core
