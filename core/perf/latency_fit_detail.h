#pragma once

// Internal to core/perf/latency_fit*.cpp: helpers the fit and its rate
// lookup share. Not part of the library's API.
#include "hwlib/mcu_target.h"
#include "hwlib/op_class.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace mdse::core::latency_fit_detail {

inline std::string pairKey(const std::string& core, const std::string& engine) { return core + "|" + engine; }

// The part file's int8 rates by op class (pooling at the element-wise rate,
// as uncalibratedRates does), in log space.
inline std::array<double, hwlib::kOpClassCount> partLogRates(const hwlib::McuTarget& part)
{
    using hwlib::KernelFamily;
    const auto rate = [&part](KernelFamily family) { return std::log(part.macsPerCycle(family).value); };
    return {rate(KernelFamily::Conv), rate(KernelFamily::Pointwise), rate(KernelFamily::Depthwise),
            rate(KernelFamily::FullyConnected), rate(KernelFamily::Elementwise), rate(KernelFamily::Elementwise)};
}

inline double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

} // namespace mdse::core::latency_fit_detail
