#pragma once

#include <exception>
#include <functional>

namespace mdse::core {

// Long work reports how far it got and may be asked to stop (no global
// flags): the callback gets the fraction done in [0, 1] and returns false to
// stop, after which the work throws Cancelled. An empty callback never stops.
using ProgressCallback = std::function<bool(double fractionDone)>;

class Cancelled : public std::exception {
public:
    const char* what() const noexcept override { return "cancelled"; }
};

// Calls `progress` (if any) and throws Cancelled when it asks to stop.
inline void reportProgress(const ProgressCallback& progress, double fractionDone)
{
    if (progress && !progress(fractionDone))
        throw Cancelled();
}

} // namespace mdse::core
