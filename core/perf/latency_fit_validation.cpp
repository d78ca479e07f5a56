// Samples, cross-validation, measured power and part calibration around the
// latency fit (core/perf/latency_fit.h).
#include "core/perf/latency_fit.h"

#include "core/perf/latency_fit_detail.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace mdse::core {
namespace {

std::string holdOutKey(const CalibrationSample& s, HoldOut holdOut)
{
    const LatencyMeasurement& m = s.measurement;
    switch (holdOut) {
    case HoldOut::Measurement:
        return m.part + " " + s.engine.id + " " + m.model + " @" + std::to_string(s.part.clockHz);
    case HoldOut::PartAndEngine:
        return m.part + " " + s.engine.id;
    case HoldOut::Part:
        return m.part;
    }
    return m.part;
}

std::string describe(const CalibrationSample& s)
{
    const std::string board = s.measurement.board.empty() ? s.part.id : s.measurement.board;
    return board + " " + s.engine.id + " " + s.measurement.model;
}

std::string pairKeyOf(const CalibrationSample& s)
{
    return latency_fit_detail::pairKey(hwlib::coreFamilyOf(s.part.core), s.engine.id);
}

} // namespace

bool LatencyMeasurement::operator==(const LatencyMeasurement& o) const
{
    return board == o.board && part == o.part && core == o.core && clockHz == o.clockHz && engine == o.engine
        && model == o.model && latencySeconds == o.latencySeconds && energyJoules == o.energyJoules
        && supplyVolts == o.supplyVolts && submitter == o.submitter && round == o.round && source == o.source
        && energySource == o.energySource;
}

std::vector<CalibrationSample> calibrationSamples(const std::vector<LatencyMeasurement>& measurements,
                                                  const NetworkProvider& networkOf, const PartProvider& partOf,
                                                  const EngineProvider& engineOf)
{
    std::map<std::string, std::vector<LayerWork>> workOf; // one network load per model
    std::vector<CalibrationSample> samples;
    for (const LatencyMeasurement& m : measurements) {
        CalibrationSample sample;
        sample.measurement = m;
        try {
            sample.part = partOf(m.part);
            sample.engine = engineOf(m.engine.empty() ? std::string(hwlib::kDefaultEngineId) : m.engine);
            if (!workOf.count(m.model)) {
                const Network network = networkOf(m.model);
                workOf[m.model] = mcuLayerWork(network, computeStats(network), int8LayerCosts(network));
            }
        } catch (const std::exception& error) {
            const Error* located = dynamic_cast<const Error*>(&error);
            throw Error("measurement of '" + m.model + "' on '" + m.part + "': "
                            + (located ? located->message() : std::string(error.what())),
                        m.origin);
        }
        if (m.clockHz > 0)
            sample.part.clockHz = m.clockHz;
        sample.work = workOf.at(m.model);
        sample.partKey = sample.part.id;
        samples.push_back(std::move(sample));
    }
    return samples;
}

void LatencyFit::setHeldOutErrors(const std::vector<HoldOutResult>& heldOut)
{
    // Row index -> pair via the residuals' sample order is not kept; the
    // held-out rows carry their own description, so pair them by name.
    double worst = 0.0;
    std::map<std::string, double> pairWorst;
    for (const HoldOutResult& result : heldOut) {
        const double error = std::abs(result.errorPercent) / 100.0;
        worst = std::max(worst, error);
        if (!result.pair.empty())
            pairWorst[result.pair] = std::max(pairWorst[result.pair], error);
    }
    for (auto& [key, spread] : m_factors.pairSpread) {
        const auto found = pairWorst.find(key);
        spread = std::max(found != pairWorst.end() ? found->second : worst, 0.10);
    }
    m_factors.transferredSpread = std::max(worst, 0.20);
}

std::vector<HoldOutResult> crossValidate(const std::vector<CalibrationSample>& samples, HoldOut holdOut,
                                         const FitOptions& options)
{
    std::set<std::string> groups;
    for (const CalibrationSample& s : samples)
        groups.insert(holdOutKey(s, holdOut));
    std::vector<HoldOutResult> results(samples.size());
    const LatencyFit full = fitLatencyModel(samples, options);
    for (const std::string& group : groups) {
        std::vector<CalibrationSample> training;
        for (const CalibrationSample& s : samples)
            if (holdOutKey(s, holdOut) != group)
                training.push_back(s);
        const LatencyFit fit = fitLatencyModel(training, options, &full);
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const CalibrationSample& s = samples[i];
            if (holdOutKey(s, holdOut) != group)
                continue;
            const CostRates rates = fit.rates(s.part, s.engine).value_or(uncalibratedRates(s.part, s.engine));
            HoldOutResult& r = results[i];
            r.sample = i;
            r.heldOut = describe(s);
            r.pair = pairKeyOf(s);
            r.measuredSeconds = s.measurement.latencySeconds;
            r.predictedSeconds = inferenceCycles(s.work, rates) / static_cast<double>(s.part.clockHz);
            r.errorPercent = 100.0 * (r.predictedSeconds - r.measuredSeconds) / r.measuredSeconds;
            r.origin = rates.origin;
        }
    }
    return results;
}

ErrorSummary summarize(const std::vector<HoldOutResult>& results)
{
    ErrorSummary summary;
    std::vector<double> errors;
    for (const HoldOutResult& r : results)
        errors.push_back(std::abs(r.errorPercent));
    summary.count = errors.size();
    summary.medianPercent = latency_fit_detail::median(errors);
    summary.worstPercent = errors.empty() ? 0.0 : *std::max_element(errors.begin(), errors.end());
    return summary;
}

CostRates resolveCostRates(const hwlib::McuTarget& part, const hwlib::InferenceEngine& engine, const LatencyFit* fit)
{
    if (auto own = partCalibrationRates(part, engine))
        return *own;
    if (fit)
        if (auto fitted = fit->rates(part, engine))
            return *fitted;
    return uncalibratedRates(part, engine);
}

McuCostEstimate estimateMcuLatency(const Network& network, const NetworkStats& stats,
                                   const std::vector<LayerCostInput>& inputs, const hwlib::McuTarget& part,
                                   const hwlib::InferenceEngine& engine, const LatencyFit* fit,
                                   const PowerFigure& power)
{
    return estimateMcuCost(mcuLayerWork(network, stats, inputs), part, engine, resolveCostRates(part, engine, fit),
                           power);
}

PowerFigure measuredPower(const std::vector<LatencyMeasurement>& measurements, const hwlib::McuTarget& part,
                          std::optional<double> supplyVolts)
{
    std::map<double, std::vector<double>> wattsBySupply; // supply (0 = not stated) -> per-row power
    for (const LatencyMeasurement& m : measurements) {
        const std::int64_t clock = m.clockHz > 0 ? m.clockHz : part.clockHz;
        if (m.part != part.id || clock != part.clockHz || !m.energyJoules || m.latencySeconds <= 0)
            continue;
        wattsBySupply[m.supplyVolts.value_or(0.0)].push_back(*m.energyJoules / m.latencySeconds);
    }
    // The requested supply; else the stated supply with most rows (ties to
    // the lower voltage, the map's order), else the rows without a supply.
    const std::vector<double>* chosen = nullptr;
    double volts = 0.0;
    for (const auto& [supply, watts] : wattsBySupply) {
        const bool better = supplyVolts ? std::abs(supply - *supplyVolts) < 1e-9
                                        : supply > 0 && (!chosen || volts == 0.0 || watts.size() > chosen->size());
        if (better || (!supplyVolts && !chosen)) {
            chosen = &watts;
            volts = supply;
        }
    }
    if (!chosen)
        return partPower(part);
    const std::string setUp = volts > 0 ? std::to_string(volts).substr(0, 4) + " V" : "an unstated supply";
    return {latency_fit_detail::median(*chosen), true,
            "measured: median energy / latency of " + std::to_string(chosen->size()) + " rows of " + part.id + " at "
                + std::to_string(part.clockHz / 1000000) + " MHz, " + setUp + " (that energy set-up's power)"};
}

PartCalibration calibratePart(const hwlib::McuTarget& part, const hwlib::InferenceEngine& engine,
                              const std::vector<CalibrationSample>& userSamples,
                              const std::vector<CalibrationSample>& priorSamples, const std::string& basis,
                              const FitOptions& options)
{
    if (userSamples.empty())
        throw Error("calibrate: no measurements of " + part.id);
    const std::string key = "user:" + part.id;
    std::vector<CalibrationSample> all = priorSamples;
    for (CalibrationSample s : userSamples) {
        if (s.engine.id != engine.id)
            throw Error("calibrate: a measurement names engine '" + s.engine.id + "', calibrating '" + engine.id + "'",
                        s.measurement.origin);
        s.partKey = key;
        s.weight = 4.0;
        all.push_back(std::move(s));
    }
    const LatencyFit fit = fitLatencyModel(all, options);
    const CostRates rates = *fit.rates(part, engine, key); // the engine was just measured
    PartCalibration result;
    result.calibration.engine = engine.id;
    result.calibration.workPerCycle.assign(rates.workPerCycle.begin(), rates.workPerCycle.end());
    result.calibration.cyclesPerPixel.assign(rates.cyclesPerPixel.begin(), rates.cyclesPerPixel.end());
    result.calibration.basis = basis;
    for (std::size_t i = priorSamples.size(); i < all.size(); ++i) {
        FitResidual residual = fit.residuals()[i];
        residual.sample = i - priorSamples.size();
        result.calibration.worstErrorPercent = std::max(result.calibration.worstErrorPercent, std::abs(residual.errorPercent));
        result.residuals.push_back(residual);
    }
    result.part = part;
    auto& stored = result.part.engineCalibrations;
    stored.erase(std::remove_if(stored.begin(), stored.end(),
                                [&](const hwlib::EngineCalibration& c) { return c.engine == engine.id; }),
                 stored.end());
    stored.push_back(result.calibration);
    return result;
}

} // namespace mdse::core
