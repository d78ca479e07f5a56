#include "core/perf/latency_fit.h"

#include "core/perf/latency_fit_detail.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mdse::core {
namespace {

constexpr int kClasses = hwlib::kOpClassCount;
constexpr double kMaxStep = 0.5; // largest change of one log-space factor per iteration

using latency_fit_detail::median;
using latency_fit_detail::pairKey;
using latency_fit_detail::partLogRates;

class Parameters {
public:
    explicit Parameters(const std::vector<CalibrationSample>& samples)
    {
        for (const CalibrationSample& s : samples) {
            m_cores.try_emplace(hwlib::coreFamilyOf(s.part.core), 0);
            m_parts.try_emplace(s.partKey, 0);
            m_families.try_emplace(s.engine.family, 0);
            m_engines.try_emplace(s.engine.id, 0);
        }
        int next = 0;
        for (auto* names : {&m_cores, &m_parts, &m_families, &m_engines})
            for (auto& entry : *names)
                entry.second = next++;
        m_opClass = next;
        next += kClasses;
        for (auto* names : {&m_families, &m_engines, &m_cores}) {
            m_classBase[names] = next;
            next += kClasses * static_cast<int>(names->size());
        }
        m_pixelClass = next;
        next += kClasses;
        m_pixelFamily = next;
        next += static_cast<int>(m_families.size());
        m_pixelFamilyClass = next;
        next += kClasses * static_cast<int>(m_families.size());
        m_pixelEngine = next;
        next += static_cast<int>(m_engines.size());
        m_count = next;
    }

    int count() const { return m_count; }
    const std::map<std::string, int>& cores() const { return m_cores; }
    const std::map<std::string, int>& parts() const { return m_parts; }
    const std::map<std::string, int>& families() const { return m_families; }
    const std::map<std::string, int>& engines() const { return m_engines; }
    int opClass(int c) const { return m_opClass + c; }
    int familyClass(const std::string& family, int c) const { return classOf(m_families, family, c); }
    int engineClass(const std::string& engine, int c) const { return classOf(m_engines, engine, c); }
    int coreClass(const std::string& core, int c) const { return classOf(m_cores, core, c); }
    // The parameters that add up to log rate(sample, c).
    std::array<int, 8> terms(const CalibrationSample& s, int c) const
    {
        const std::string core = hwlib::coreFamilyOf(s.part.core);
        return {m_cores.at(core), m_parts.at(s.partKey), m_families.at(s.engine.family), m_engines.at(s.engine.id),
                opClass(c), familyClass(s.engine.family, c), engineClass(s.engine.id, c), coreClass(core, c)};
    }

    int pixelClass(int c) const { return m_pixelClass + c; }
    int pixelFamily(const std::string& family) const { return m_pixelFamily + position(m_families, family); }
    int pixelFamilyClass(const std::string& family, int c) const
    {
        return m_pixelFamilyClass + kClasses * position(m_families, family) + c;
    }
    int pixelEngine(const std::string& engine) const { return m_pixelEngine + position(m_engines, engine); }
    // The parameters that add up to log cyclesPerPixel(sample, c).
    std::array<int, 4> pixelTerms(const CalibrationSample& s, int c) const
    {
        return {pixelClass(c), pixelFamily(s.engine.family), pixelFamilyClass(s.engine.family, c),
                pixelEngine(s.engine.id)};
    }

private:
    static int position(const std::map<std::string, int>& names, const std::string& name)
    {
        return static_cast<int>(std::distance(names.begin(), names.find(name)));
    }
    int classOf(const std::map<std::string, int>& names, const std::string& name, int c) const
    {
        const int position = static_cast<int>(std::distance(names.begin(), names.find(name)));
        return m_classBase.at(&names) + kClasses * position + c;
    }

    std::map<std::string, int> m_cores, m_parts, m_families, m_engines;
    std::map<const std::map<std::string, int>*, int> m_classBase;
    int m_opClass = 0, m_count = 0;
    int m_pixelClass = 0, m_pixelFamily = 0, m_pixelFamilyClass = 0, m_pixelEngine = 0;
};

struct Priors {
    Eigen::VectorXd mean;
    Eigen::VectorXd sigma;
    std::map<std::string, double> familyMean; // psi_f prior, for engines the data lacks
};

Priors priorsFor(const Parameters& p, const std::vector<CalibrationSample>& samples, const FitOptions& options)
{
    Priors priors{Eigen::VectorXd::Zero(p.count()), Eigen::VectorXd::Zero(p.count()), {}};
    std::map<std::string, std::vector<double>> coreConv, familySpeed;
    std::array<std::vector<double>, kClasses> classRatio;
    std::map<std::string, double> engineSpeed;
    std::map<std::string, bool> seenPart;
    for (const CalibrationSample& s : samples) {
        if (!engineSpeed.count(s.engine.id)) {
            engineSpeed[s.engine.id] = std::log(s.engine.speedVsPartRates.value);
            familySpeed[s.engine.family].push_back(engineSpeed[s.engine.id]);
        }
        if (seenPart[s.part.id])
            continue;
        seenPart[s.part.id] = true;
        const auto rates = partLogRates(s.part);
        coreConv[hwlib::coreFamilyOf(s.part.core)].push_back(rates[0]);
        for (int c = 0; c < kClasses; ++c)
            classRatio[static_cast<std::size_t>(c)].push_back(rates[static_cast<std::size_t>(c)] - rates[0]);
    }
    const auto set = [&priors](int index, double mean, double sigma) {
        priors.mean[index] = mean;
        priors.sigma[index] = sigma;
    };
    for (const auto& [core, index] : p.cores())
        set(index, median(coreConv[core]), options.coreSigma);
    for (const auto& entry : p.parts())
        set(entry.second, 0.0, options.partSigma);
    for (const auto& [family, index] : p.families()) {
        priors.familyMean[family] = median(familySpeed[family]);
        set(index, priors.familyMean[family], options.engineSigma);
    }
    for (const CalibrationSample& s : samples)
        set(p.engines().at(s.engine.id), engineSpeed[s.engine.id] - priors.familyMean[s.engine.family],
            options.versionSigma);
    for (int c = 0; c < kClasses; ++c) {
        set(p.opClass(c), median(classRatio[static_cast<std::size_t>(c)]), options.opClassSigma);
        for (const auto& entry : p.families())
            set(p.familyClass(entry.first, c), 0.0, options.engineClassSigma);
        for (const auto& entry : p.engines())
            set(p.engineClass(entry.first, c), 0.0, options.versionClassSigma);
        for (const auto& entry : p.cores())
            set(p.coreClass(entry.first, c), 0.0, options.coreClassSigma);
        set(p.pixelClass(c), std::log(options.cyclesPerPixelPrior), options.pixelSigma);
        for (const auto& entry : p.families())
            set(p.pixelFamilyClass(entry.first, c), 0.0, options.pixelClassSigma);
    }
    for (const auto& entry : p.families())
        set(p.pixelFamily(entry.first), 0.0, options.pixelSigma);
    for (const auto& entry : p.engines())
        set(p.pixelEngine(entry.first), 0.0, options.pixelVersionSigma);
    return priors;
}

// The engine's overheads and the part's bandwidths of every sample, computed
// once (uncalibratedRates builds a provenance text).
std::vector<CostRates> baseRates(const std::vector<CalibrationSample>& samples)
{
    std::vector<CostRates> base;
    for (const CalibrationSample& s : samples)
        base.push_back(uncalibratedRates(s.part, s.engine));
    return base;
}

CostRates sampleRates(const CalibrationSample& s, CostRates rates, const Parameters& p, const Eigen::VectorXd& x)
{
    for (int c = 0; c < kClasses; ++c) {
        double logRate = 0.0;
        for (const int term : p.terms(s, c))
            logRate += x[term];
        rates.workPerCycle[static_cast<std::size_t>(c)] = std::exp(logRate);
        double logPixel = 0.0;
        for (const int term : p.pixelTerms(s, c))
            logPixel += x[term];
        rates.cyclesPerPixel[static_cast<std::size_t>(c)] = std::exp(logPixel);
    }
    return rates;
}

// d cycles / d log rate(c) (minus the MAC cycles) and d cycles / d log
// cyclesPerPixel(c) (the pixel cycles) of the compute-bound layers of class
// c; memory-bound layers depend on neither.
struct Sensitivity {
    std::array<double, kClasses> rate{};
    std::array<double, kClasses> pixel{};
};

Sensitivity cycleSensitivity(const std::vector<LayerWork>& layers, const CostRates& rates)
{
    Sensitivity sensitivity;
    for (const LayerWork& layer : layers) {
        if (!layer.executed || computeCycles(layer, rates) < memoryCycles(layer, rates))
            continue;
        const std::size_t c = static_cast<std::size_t>(layer.opClass);
        sensitivity.rate[c] -= static_cast<double>(layer.work) / (rates.workPerCycle[c] * layer.precisionScale);
        sensitivity.pixel[c] += static_cast<double>(layer.pixels) * rates.cyclesPerPixel[c];
    }
    return sensitivity;
}

double measuredCycles(const CalibrationSample& s)
{
    return s.measurement.latencySeconds * static_cast<double>(s.part.clockHz);
}

// Residuals (data rows, then prior rows) and their Jacobian at x.
struct Problem {
    const std::vector<CalibrationSample>& samples;
    std::vector<CostRates> base;
    const Parameters& p;
    const Priors& priors;
    const FitOptions& options;
};

double evaluate(const Problem& problem, const Eigen::VectorXd& x, Eigen::VectorXd* residual, Eigen::MatrixXd* jacobian)
{
    const auto& [samples, base, p, priors, options] = problem;
    const Eigen::Index rows = static_cast<Eigen::Index>(samples.size());
    residual->setZero(rows + p.count());
    jacobian->setZero(rows + p.count(), p.count());
    for (Eigen::Index i = 0; i < rows; ++i) {
        const CalibrationSample& s = samples[static_cast<std::size_t>(i)];
        const double scale = std::sqrt(s.weight) / options.measurementSigma;
        const CostRates rates = sampleRates(s, base[static_cast<std::size_t>(i)], p, x);
        const double cycles = inferenceCycles(s.work, rates);
        (*residual)[i] = scale * (std::log(cycles) - std::log(measuredCycles(s)));
        const Sensitivity sensitivity = cycleSensitivity(s.work, rates);
        for (int c = 0; c < kClasses; ++c) {
            const std::size_t k = static_cast<std::size_t>(c);
            for (const int term : p.terms(s, c))
                (*jacobian)(i, term) += scale * sensitivity.rate[k] / cycles;
            for (const int term : p.pixelTerms(s, c))
                (*jacobian)(i, term) += scale * sensitivity.pixel[k] / cycles;
        }
    }
    for (int j = 0; j < p.count(); ++j) {
        (*residual)[rows + j] = (x[j] - priors.mean[j]) / priors.sigma[j];
        (*jacobian)(rows + j, j) = 1.0 / priors.sigma[j];
    }
    return residual->squaredNorm();
}

// Levenberg-Marquardt on the normal equations; returns the iterations used.
int minimise(const Problem& problem, Eigen::VectorXd& x)
{
    Eigen::VectorXd r;
    Eigen::MatrixXd J;
    double cost = evaluate(problem, x, &r, &J);
    double lambda = 1e-3;
    int iteration = 0;
    for (; iteration < problem.options.maxIterations; ++iteration) {
        const Eigen::MatrixXd normal = J.transpose() * J;
        Eigen::MatrixXd damped = normal;
        damped.diagonal() += lambda * normal.diagonal();
        Eigen::VectorXd step = damped.ldlt().solve(-J.transpose() * r);
        // Trust region: at most a factor e^0.5 on any rate per step, as the
        // max(compute, memory) switches and the log-sum make long steps unreliable.
        const double longest = step.cwiseAbs().maxCoeff();
        if (longest > kMaxStep)
            step *= kMaxStep / longest;
        Eigen::VectorXd trialR;
        Eigen::MatrixXd trialJ;
        const double trial = evaluate(problem, x + step, &trialR, &trialJ);
        if (trial < cost) {
            x += step;
            const bool converged = cost - trial < 1e-6 * cost || step.norm() < 1e-6;
            cost = trial;
            r = trialR;
            J = trialJ;
            lambda = std::max(lambda / 3.0, 1e-12);
            if (converged)
                break;
        } else {
            lambda *= 4.0;
            if (lambda > 1e12)
                break;
        }
    }
    return iteration;
}

// The starting point: the priors, overwritten by the factors of an earlier
// fit wherever they name the same core, part, engine or family.
Eigen::VectorXd startingPoint(const Parameters& p, const Priors& priors, const LatencyFit::Factors* warm)
{
    Eigen::VectorXd x = priors.mean;
    if (!warm)
        return x;
    const auto copy = [&x](const std::map<std::string, int>& names, const std::map<std::string, double>& values) {
        for (const auto& [name, index] : names)
            if (const auto found = values.find(name); found != values.end())
                x[index] = found->second;
    };
    copy(p.cores(), warm->core);
    copy(p.parts(), warm->part);
    copy(p.families(), warm->family);
    copy(p.engines(), warm->engine);
    for (int c = 0; c < kClasses; ++c) {
        const std::size_t k = static_cast<std::size_t>(c);
        x[p.opClass(c)] = warm->opClass[k];
        x[p.pixelClass(c)] = warm->pixelClass[k];
        const auto classes = [&](const std::map<std::string, int>& names,
                                 const std::map<std::string, std::array<double, kClasses>>& values, auto indexOf) {
            for (const auto& entry : names)
                if (const auto found = values.find(entry.first); found != values.end())
                    x[indexOf(entry.first, c)] = found->second[k];
        };
        classes(p.families(), warm->familyClass, [&p](const std::string& n, int cc) { return p.familyClass(n, cc); });
        classes(p.engines(), warm->engineClass, [&p](const std::string& n, int cc) { return p.engineClass(n, cc); });
        classes(p.cores(), warm->coreClass, [&p](const std::string& n, int cc) { return p.coreClass(n, cc); });
        classes(p.families(), warm->pixelFamilyClass,
                [&p](const std::string& n, int cc) { return p.pixelFamilyClass(n, cc); });
    }
    for (const auto& entry : p.families())
        if (const auto found = warm->pixelFamily.find(entry.first); found != warm->pixelFamily.end())
            x[p.pixelFamily(entry.first)] = found->second;
    for (const auto& entry : p.engines())
        if (const auto found = warm->pixelEngine.find(entry.first); found != warm->pixelEngine.end())
            x[p.pixelEngine(entry.first)] = found->second;
    return x;
}

void storeFactors(const Parameters& p, const Priors& priors, const Eigen::VectorXd& x,
                  const std::vector<CalibrationSample>& samples, LatencyFit::Factors& f)
{
    for (const auto& [name, index] : p.cores())
        f.core[name] = x[index];
    for (const auto& [name, index] : p.parts())
        f.part[name] = x[index];
    for (const auto& [name, index] : p.families())
        f.family[name] = x[index];
    for (const auto& [name, index] : p.engines())
        f.engine[name] = x[index];
    f.familyPrior = priors.familyMean;
    for (int c = 0; c < kClasses; ++c) {
        const std::size_t k = static_cast<std::size_t>(c);
        f.opClass[k] = x[p.opClass(c)];
        for (const auto& entry : p.families())
            f.familyClass[entry.first][k] = x[p.familyClass(entry.first, c)];
        for (const auto& entry : p.engines())
            f.engineClass[entry.first][k] = x[p.engineClass(entry.first, c)];
        for (const auto& entry : p.cores())
            f.coreClass[entry.first][k] = x[p.coreClass(entry.first, c)];
        f.pixelClass[k] = x[p.pixelClass(c)];
        for (const auto& entry : p.families())
            f.pixelFamilyClass[entry.first][k] = x[p.pixelFamilyClass(entry.first, c)];
    }
    for (const auto& entry : p.families())
        f.pixelFamily[entry.first] = x[p.pixelFamily(entry.first)];
    for (const auto& entry : p.engines())
        f.pixelEngine[entry.first] = x[p.pixelEngine(entry.first)];
    for (const CalibrationSample& s : samples) {
        const std::string core = hwlib::coreFamilyOf(s.part.core);
        f.coreRows[core] += 1;
        f.engineRows[s.engine.id] += 1;
        f.familyRows[s.engine.family] += 1;
        const std::string key = pairKey(core, s.engine.id);
        f.pairRows[key] += 1;
        std::string& boards = f.pairBoards[key];
        if ((", " + boards + ",").find(", " + s.part.id + ",") == std::string::npos)
            boards += (boards.empty() ? "" : ", ") + s.part.id;
    }
}

// log rate contributions of the engine side: fitted when the engine was
// measured, its family's factors plus its own prior offset when only the
// family was, its speedVsPartRates when neither.
} // namespace

LatencyFit fitLatencyModel(const std::vector<CalibrationSample>& samples, const FitOptions& options,
                           const LatencyFit* warmStart)
{
    if (samples.empty())
        throw Error("latency fit: no measurements");
    const Parameters p(samples);
    const Priors priors = priorsFor(p, samples, options);
    const Problem problem{samples, baseRates(samples), p, priors, options};
    Eigen::VectorXd x = startingPoint(p, priors, warmStart ? &warmStart->factors() : nullptr);
    LatencyFit fit;
    fit.m_iterations = minimise(problem, x);
    storeFactors(p, priors, x, samples, fit.m_factors);
    double worst = 0.0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const CalibrationSample& s = samples[i];
        const double predicted = inferenceCycles(s.work, sampleRates(s, problem.base[i], p, x))
            / static_cast<double>(s.part.clockHz);
        const double error = (predicted - s.measurement.latencySeconds) / s.measurement.latencySeconds;
        fit.m_residuals.push_back({i, s.measurement.latencySeconds, predicted, 100.0 * error});
        const std::string key = pairKey(hwlib::coreFamilyOf(s.part.core), s.engine.id);
        double& spread = fit.m_factors.pairSpread[key];
        spread = std::max({spread, 2.0 * std::abs(error), 0.2});
        worst = std::max(worst, std::abs(error));
    }
    fit.m_factors.transferredSpread = std::max(2.0 * worst, 0.4);
    return fit;
}

} // namespace mdse::core
