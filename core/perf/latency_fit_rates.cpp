// LatencyFit's rate lookup (core/perf/latency_fit.h): the fitted factors
// composed for any part and engine, with range and provenance.
#include "core/perf/latency_fit.h"

#include "core/perf/latency_fit_detail.h"

#include <cmath>

namespace mdse::core {
namespace {

using latency_fit_detail::median;
using latency_fit_detail::pairKey;
using latency_fit_detail::partLogRates;
constexpr int kClasses = hwlib::kOpClassCount;

std::array<double, kClasses> engineLogRates(const LatencyFit::Factors& f, const hwlib::InferenceEngine& engine)
{
    std::array<double, kClasses> result;
    const double speed = std::log(engine.speedVsPartRates.value);
    const bool familySeen = f.family.count(engine.family) > 0;
    const bool engineSeen = f.engine.count(engine.id) > 0;
    for (std::size_t c = 0; c < result.size(); ++c) {
        if (engineSeen)
            result[c] = f.family.at(engine.family) + f.familyClass.at(engine.family)[c] + f.engine.at(engine.id)
                + f.engineClass.at(engine.id)[c];
        else if (familySeen)
            result[c] = f.family.at(engine.family) + f.familyClass.at(engine.family)[c] + speed
                - f.familyPrior.at(engine.family);
        else
            result[c] = speed;
    }
    return result;
}

std::string measuredBy(const std::map<std::string, int>& rows, const std::string& name, const char* otherwise)
{
    const auto found = rows.find(name);
    return found != rows.end() ? std::to_string(found->second) + " measurements" : std::string(otherwise);
}

} // namespace

std::optional<CostRates> LatencyFit::rates(const hwlib::McuTarget& part, const hwlib::InferenceEngine& engine,
                                           const std::string& partKey) const
{
    const Factors& f = m_factors;
    const std::string core = hwlib::coreFamilyOf(part.core);
    const bool coreSeen = f.core.count(core) > 0;
    if (!coreSeen && !f.family.count(engine.family))
        return std::nullopt;
    CostRates rates = uncalibratedRates(part, engine);
    const auto own = partLogRates(part);
    const auto enginePart = engineLogRates(f, engine);
    const auto partFactor = f.part.find(partKey.empty() ? part.id : partKey);
    for (std::size_t c = 0; c < static_cast<std::size_t>(kClasses); ++c) {
        double logRate = coreSeen ? f.core.at(core) + f.coreClass.at(core)[c] : own[0];
        logRate += enginePart[c] + f.opClass[c] + (partFactor != f.part.end() ? partFactor->second : 0.0);
        rates.workPerCycle[c] = std::exp(logRate);
        double logPixel = f.pixelClass[c];
        if (f.family.count(engine.family))
            logPixel += f.pixelFamily.at(engine.family) + f.pixelFamilyClass.at(engine.family)[c];
        if (f.engine.count(engine.id))
            logPixel += f.pixelEngine.at(engine.id);
        rates.cyclesPerPixel[c] = std::exp(logPixel);
    }
    const std::string key = pairKey(core, engine.id);
    const auto pair = f.pairRows.find(key);
    const double spread = pair != f.pairRows.end() ? f.pairSpread.at(key) : f.transferredSpread;
    rates.lowFactor = 1.0 / (1.0 + spread);
    rates.highFactor = 1.0 + spread;
    if (pair != f.pairRows.end()) {
        rates.origin = RateOrigin::Calibrated;
        rates.provenance = "calibrated on " + std::to_string(pair->second) + " measurements of " + core + " + "
            + engine.id + " (" + f.pairBoards.at(key) + ")";
    } else {
        rates.origin = RateOrigin::Transferred;
        rates.provenance = "transferred: " + core + " factor from "
            + measuredBy(f.coreRows, core, "the part file (uncalibrated)") + ", " + engine.id + " factor from "
            + (f.engineRows.count(engine.id) ? measuredBy(f.engineRows, engine.id, "")
                                             : engine.family + " " + measuredBy(f.familyRows, engine.family, "")
                                                   + " and its speedVsPartRates");
    }
    rates.provenance += ", range +" + std::to_string(static_cast<int>(std::lround(spread * 100))) + " %/-"
        + std::to_string(static_cast<int>(std::lround(spread / (1 + spread) * 100))) + " %";
    return rates;
}

double LatencyFit::medianErrorPercent() const
{
    std::vector<double> errors;
    for (const FitResidual& r : m_residuals)
        errors.push_back(std::abs(r.errorPercent));
    return median(errors);
}

double LatencyFit::worstErrorPercent() const
{
    double worst = 0.0;
    for (const FitResidual& r : m_residuals)
        worst = std::max(worst, std::abs(r.errorPercent));
    return worst;
}


} // namespace mdse::core
