#pragma once

#include "core/perf/mcu_cost_model.h"
#include "core/util/error.h"
#include "hwlib/catalogue.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mdse::core {

// One measured inference latency (and energy) of a zoo model on a board
// (a catalogue part, or a user's part file) running an inference engine.
// Rows of hwlib/catalogue/calibration/*.csv or of a user's file
// (core/io/measurement_csv.h).
struct LatencyMeasurement {
    std::string board;          // "NUCLEO-L4R5ZI"; may be empty
    std::string part;           // catalogue id or part-file id, e.g. "stm32l4r5"
    std::string core;           // as measured ("Cortex-M4"); empty = the part's
    std::int64_t clockHz = 0;   // 0 = the part's clockHz
    std::string engine;         // engine id; empty = hwlib::kDefaultEngineId
    std::string model;          // zoo id, e.g. "mlperf-tiny-ic"
    double latencySeconds = 0.0;
    std::optional<double> energyJoules;
    std::optional<double> supplyVolts;
    std::string submitter;
    std::string round;          // e.g. "v1.2"
    std::string source;         // where the latency was read
    std::string energySource;
    SourceLocation origin;      // file:line of the row, for errors

    bool operator==(const LatencyMeasurement& other) const;
};

// A measurement with everything the fit needs: the part (at the measured
// clock), the engine and the model's per-layer work.
struct CalibrationSample {
    LatencyMeasurement measurement;
    hwlib::McuTarget part;
    hwlib::InferenceEngine engine;
    std::vector<LayerWork> work;
    std::string partKey;   // groups samples of one physical part type (default part.id)
    double weight = 1.0;   // relative weight in the fit
};

using NetworkProvider = std::function<Network(const std::string& modelId)>;
using PartProvider = std::function<hwlib::McuTarget(const std::string& partId)>;
using EngineProvider = std::function<hwlib::InferenceEngine(const std::string& engineId)>;

// Resolves every measurement (int8 everywhere, as the MLPerf Tiny reference
// models are deployed). An unknown part, engine or model, or a model the
// provider cannot load, throws core::Error at the row's origin.
std::vector<CalibrationSample> calibrationSamples(const std::vector<LatencyMeasurement>& measurements,
                                                  const NetworkProvider& networkOf,
                                                  const PartProvider& partOf = hwlib::builtInMcuTarget,
                                                  const EngineProvider& engineOf = hwlib::builtInEngine);

// The fit (docs/mcu-analysis.md, "Calibrated latency"). Per sample s with
// core family k, part p, engine e and op class c:
//   log rate(s, c) = theta_k + pi_p + psi_f + psi_e + mu_c + delta_fc + delta_ec + gamma_kc
// (f: the engine's family, e.g. x-cube-ai for x-cube-ai-9.0), and
//   log cyclesPerPixel(s, c) = nu_c + nu_f + nu_fc + nu_e
// and the prediction is inferenceCycles() with those rates, the engine's
// overheads and the part's bandwidth. Minimised (Levenberg-Marquardt over
// dense normal equations, Eigen):
//   sum_s w_s (log predicted_s - log measured_s)^2 / measurementSigma^2
//   + sum over parameters (value - prior)^2 / sigma^2,
// priors at the uncalibrated default (theta_k + mu_c from the part files'
// int8MacsPerCycle, psi_f + psi_e from speedVsPartRates, the rest 0). The sigmas
// say how far a factor may move from its prior per unit of evidence.
struct FitOptions {
    double measurementSigma = 0.05; // relative scatter of one measurement
    double coreSigma = 1.0;         // theta: core family speed
    double partSigma = 0.1;         // pi: one part against its core family (flash, buses)
    double engineSigma = 1.0;       // psi_f: engine family speed
    double versionSigma = 0.3;      // psi_e: one version or variant against its family
    double opClassSigma = 0.7;      // mu: op class, common to all
    double engineClassSigma = 0.5;  // delta_fc: an engine family's own op-class profile
    double versionClassSigma = 0.3; // delta_ec: a version's own op-class profile
    double coreClassSigma = 0.15;   // gamma: a core family's own op-class profile
    // log cyclesPerPixel(s, c) = nu_c + nu_f + nu_fc + nu_e, prior
    // cyclesPerPixelPrior cycles for every class and 0 for the rest.
    double cyclesPerPixelPrior = 10.0;
    double pixelSigma = 1.0;        // nu_c, nu_f
    double pixelClassSigma = 0.5;   // nu_fc
    double pixelVersionSigma = 0.5; // nu_e
    int maxIterations = 200;
};

struct FitResidual {
    std::size_t sample = 0;
    double measuredSeconds = 0.0;
    double predictedSeconds = 0.0;
    double errorPercent = 0.0; // (predicted - measured) / measured * 100
};

// Cross-validation: each group of samples is left out in turn, the model
// refitted on the rest and the group predicted (rates() of the refit, or
// the uncalibrated default when it knows neither the core family nor the
// engine). Groups: one measurement = every row of the same part, engine,
// model and clock (repeat submissions of one set-up go out together); one
// part and engine; one part (all its engines).
enum class HoldOut { Measurement, PartAndEngine, Part };

struct HoldOutResult {
    std::size_t sample = 0;
    std::string heldOut; // e.g. "NUCLEO-L4R5ZI x-cube-ai-9.0 mlperf-tiny-ic"
    std::string pair;    // "core family|engine", e.g. "Cortex-M4|x-cube-ai-9.0"
    double measuredSeconds = 0.0;
    double predictedSeconds = 0.0;
    double errorPercent = 0.0;
    RateOrigin origin = RateOrigin::Uncalibrated;
};

class LatencyFit {
public:
    LatencyFit() = default;

    // Rates for `part` running `engine`: Calibrated when its core family
    // and engine were measured together, Transferred when only one of them
    // was; nullopt when neither (use uncalibratedRates). `partKey` selects a
    // fitted part factor (default part.id; unseen = 0).
    std::optional<CostRates> rates(const hwlib::McuTarget& part, const hwlib::InferenceEngine& engine,
                                   const std::string& partKey = {}) const;

    const std::vector<FitResidual>& residuals() const { return m_residuals; }
    double medianErrorPercent() const; // of |errorPercent| over the residuals
    double worstErrorPercent() const;
    std::size_t sampleCount() const { return m_residuals.size(); }
    int iterations() const { return m_iterations; }

    // Widens each (core family, engine) range to the worst held-out error of
    // its rows (crossValidate), at least 10 %; pairs without held-out rows
    // get the worst over all, at least 20 %.
    void setHeldOutErrors(const std::vector<HoldOutResult>& heldOut);

    // The fitted factors (log space), filled by fitLatencyModel.
    struct Factors {
        std::map<std::string, double> core, part, family, engine;
        std::map<std::string, double> familyPrior;              // psi_f prior (for unmeasured versions)
        std::array<double, hwlib::kOpClassCount> opClass{};
        std::map<std::string, std::array<double, hwlib::kOpClassCount>> familyClass, engineClass, coreClass;
        std::array<double, hwlib::kOpClassCount> pixelClass{};  // log cycles per pixel
        std::map<std::string, double> pixelFamily, pixelEngine;
        std::map<std::string, std::array<double, hwlib::kOpClassCount>> pixelFamilyClass;
        std::map<std::string, int> coreRows, engineRows, familyRows; // rows behind each factor
        std::map<std::string, int> pairRows;                    // "core|engine" -> rows
        std::map<std::string, std::string> pairBoards;          // "core|engine" -> "L4R5, U575"
        std::map<std::string, double> pairSpread;               // "core|engine" -> relative range
        double transferredSpread = 0.4;
    };
    const Factors& factors() const { return m_factors; }

private:
    friend LatencyFit fitLatencyModel(const std::vector<CalibrationSample>&, const FitOptions&, const LatencyFit*);
    Factors m_factors;
    std::vector<FitResidual> m_residuals;
    int m_iterations = 0;
};

// `warmStart`: an earlier fit whose factors start the iteration where they
// name the same core, part or engine (cross-validation refits); the
// optimum does not depend on it.
LatencyFit fitLatencyModel(const std::vector<CalibrationSample>& samples, const FitOptions& options = {},
                           const LatencyFit* warmStart = nullptr);

std::vector<HoldOutResult> crossValidate(const std::vector<CalibrationSample>& samples, HoldOut holdOut,
                                         const FitOptions& options = {});

struct ErrorSummary {
    std::size_t count = 0;
    double medianPercent = 0.0; // of |error|
    double worstPercent = 0.0;
};
ErrorSummary summarize(const std::vector<HoldOutResult>& results);

// The rates the cost model uses for `part` running `engine`, in order of
// precedence: the part's own engineCalibrations (user measurements), the
// fit (`fit` may be null), the uncalibrated default.
CostRates resolveCostRates(const hwlib::McuTarget& part, const hwlib::InferenceEngine& engine, const LatencyFit* fit);

// The whole estimate in one call: mcuLayerWork + resolveCostRates +
// estimateMcuCost. What evaluate() calls per MCU design.
McuCostEstimate estimateMcuLatency(const Network& network, const NetworkStats& stats,
                                   const std::vector<LayerCostInput>& inputs, const hwlib::McuTarget& part,
                                   const hwlib::InferenceEngine& engine, const LatencyFit* fit,
                                   const PowerFigure& power);

// Power from measured energy: the median of energy / latency over the rows
// of `part` at its clock with energy (one supply set-up: `supplyVolts`, or
// the one with most rows, ties to the lower voltage), marked measured and
// naming the set-up; the part's activePower when no row matches.
PowerFigure measuredPower(const std::vector<LatencyMeasurement>& measurements, const hwlib::McuTarget& part,
                          std::optional<double> supplyVolts = std::nullopt);

// Calibrates `part` running `engine` to a user's own measurements: a fit of
// `priorSamples` (e.g. the MLPerf Tiny set) plus `userSamples` (their own
// part factor, weight 4), whose rates for the user's part are returned as an
// EngineCalibration (worstErrorPercent = the worst in-sample error of the
// user's rows) and stored in the returned part (replacing an earlier one for
// that engine). Throws core::Error when `userSamples` is empty or names
// another engine.
struct PartCalibration {
    hwlib::McuTarget part;
    hwlib::EngineCalibration calibration;
    std::vector<FitResidual> residuals; // of the user's rows
};
PartCalibration calibratePart(const hwlib::McuTarget& part, const hwlib::InferenceEngine& engine,
                              const std::vector<CalibrationSample>& userSamples,
                              const std::vector<CalibrationSample>& priorSamples, const std::string& basis,
                              const FitOptions& options = {});

} // namespace mdse::core
