// The exact budgeted precision search (issue #4) against brute force.
#include "core/compress/compressed_design.h"
#include "core/compress/network_sensitivity.h"
#include "core/compress/precision_search.h"
#include "core/io/network_yaml.h"
#include "core/io/network_loader.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace mdse::core;

namespace {

struct BruteForce {
    bool feasible = false;
    double noise = 0.0;
};

// Enumerates every assignment (odometer over the choices).
BruteForce bruteForce(const std::vector<KnapsackLayer>& layers, const KnapsackBudgets& budgets)
{
    BruteForce best;
    std::vector<std::size_t> pick(layers.size(), 0);
    while (true) {
        std::int64_t flash = 0, bops = 0;
        double noise = 0.0;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            flash += layers[i].choices[pick[i]].flashBytes;
            bops += layers[i].choices[pick[i]].bops;
            noise += layers[i].choices[pick[i]].noise;
        }
        const bool fits = (!budgets.flashBytes || flash <= *budgets.flashBytes) && (!budgets.bops || bops <= *budgets.bops);
        if (fits && (!best.feasible || noise < best.noise))
            best = {true, noise};
        std::size_t i = 0;
        while (i < layers.size() && ++pick[i] == layers[i].choices.size())
            pick[i++] = 0;
        if (i == layers.size())
            return best;
    }
}

} // namespace

class TestPrecisionSearch : public QObject {
    Q_OBJECT
private slots:
    void randomInstancesMatchBruteForce();
    void frontierIsMonotone();
    void networkSearchMatchesBruteForce();
    void binaryProxyIsAnalytic();
    void measuredWeightsDriveTheSearch();
    void badOptions();
};

void TestPrecisionSearch::randomInstancesMatchBruteForce()
{
    std::mt19937 random(11);
    auto uniform = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
    for (int instance = 0; instance < 300; ++instance) {
        std::vector<KnapsackLayer> layers(static_cast<std::size_t>(uniform(1, 6)));
        std::int64_t maxFlash = 0, maxBops = 0;
        for (KnapsackLayer& layer : layers) {
            const int choices = uniform(1, 4);
            for (int c = 0; c < choices; ++c)
                layer.choices.push_back({c, uniform(0, 1000), uniform(0, 100000), uniform(0, 100000) / 7.0});
            maxFlash += 1000;
            maxBops += 100000;
        }
        KnapsackBudgets budgets;
        if (uniform(0, 3) > 0)
            budgets.flashBytes = uniform(0, static_cast<int>(maxFlash) / 2);
        if (uniform(0, 2) == 0)
            budgets.bops = uniform(0, static_cast<int>(maxBops) / 2);
        const KnapsackResult result = solveKnapsack(layers, budgets);
        const BruteForce expected = bruteForce(layers, budgets);
        QCOMPARE(result.feasible, expected.feasible);
        if (!expected.feasible)
            continue;
        QCOMPARE(result.best.noise, expected.noise);
        // The reported choice reproduces the reported costs.
        std::int64_t flash = 0, bops = 0;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            flash += layers[i].choices[static_cast<std::size_t>(result.best.choice[i])].flashBytes;
            bops += layers[i].choices[static_cast<std::size_t>(result.best.choice[i])].bops;
        }
        QCOMPARE(flash, result.best.flashBytes);
        QCOMPARE(bops, result.best.bops);
        // Every frontier point is itself the brute-force optimum at its flash.
        for (const KnapsackSolution& point : result.frontier) {
            KnapsackBudgets atPoint = budgets;
            atPoint.flashBytes = point.flashBytes;
            QCOMPARE(point.noise, bruteForce(layers, atPoint).noise);
        }
    }
}

void TestPrecisionSearch::frontierIsMonotone()
{
    const Network network = loadNetwork("zoo:lenet5");
    PrecisionSearchOptions options;
    options.bits = {1, 2, 4, 8, 16};
    const auto report = searchPrecision(network, options);
    QVERIFY(report.result.feasible);
    QVERIFY(report.proxyNoise);
    const auto& frontier = report.result.frontier;
    QVERIFY(frontier.size() > 4);
    for (std::size_t i = 1; i < frontier.size(); ++i) {
        QVERIFY(frontier[i].flashBytes > frontier[i - 1].flashBytes);
        QVERIFY(frontier[i].noise < frontier[i - 1].noise);
    }
}

void TestPrecisionSearch::networkSearchMatchesBruteForce()
{
    // LeNet-5 has four weighted layers: 3^4 = 81 assignments of {2, 4, 8}
    // bits. Each is evaluated through the design-config path (applyDesign's
    // weight bytes) and the proxy noise; the search must find the best one
    // under a flash budget of 40% of the int8 network.
    const Network network = loadNetwork("zoo:lenet5");
    const NetworkStats stats = computeStats(network);
    std::vector<std::string> names;
    std::vector<std::int64_t> weights;
    for (const LayerStats& layer : stats.layers)
        if (layer.weights > 0) {
            names.push_back(layer.name);
            weights.push_back(layer.weights);
        }
    QCOMPARE(names.size(), std::size_t{4});
    const int widths[] = {2, 4, 8};
    DesignConfig int8;
    int8.defaults.weights = Precision::Int8;
    const std::int64_t budget = applyDesign(network, int8).effects.totals.weightBytes * 2 / 5;
    double bestNoise = 1e300;
    for (int code = 0; code < 81; ++code) {
        DesignConfig config;
        double noise = 0.0;
        for (std::size_t i = 0, rest = static_cast<std::size_t>(code); i < 4; ++i, rest /= 3) {
            const int bits = widths[rest % 3];
            LayerOverride entry;
            entry.layerName = names[i];
            entry.set.weights = precisionFromBits(bits);
            config.layers.push_back(entry);
            noise += static_cast<double>(weights[i]) * gaussianProxyNoise(bits);
        }
        if (applyDesign(network, config).effects.totals.weightBytes <= budget)
            bestNoise = std::min(bestNoise, noise);
    }
    PrecisionSearchOptions options;
    options.budgets.flashBytes = budget;
    const auto report = searchPrecision(network, options);
    QVERIFY(report.result.feasible);
    QVERIFY(std::abs(report.result.best.noise - bestNoise) <= 1e-9 * bestNoise);
    // The emitted design config reproduces the searched flash bytes.
    QCOMPARE(applyDesign(network, report.design).effects.totals.weightBytes, report.result.best.flashBytes);
}

void TestPrecisionSearch::binaryProxyIsAnalytic()
{
    // XNOR-Net binarisation of N(0, 1): a = E|w| = sqrt(2/pi) and the error
    // is E(|w| - a)^2 = 1 - 2/pi = 0.36338 per unit of signal power.
    QVERIFY(std::abs(gaussianProxyNoise(1) - (1.0 - 2.0 / M_PI)) < 0.01);
    QCOMPARE(gaussianProxyNoise(32), 0.0);
    QVERIFY(gaussianProxyNoise(2) > gaussianProxyNoise(4));
    QVERIFY(gaussianProxyNoise(4) > gaussianProxyNoise(8));
    QVERIFY(gaussianProxyNoise(8) > gaussianProxyNoise(16));
    QVERIFY_THROWS_EXCEPTION(Error, gaussianProxyNoise(3));
}

void TestPrecisionSearch::measuredWeightsDriveTheSearch()
{
    // Two dense layers with real weights: `flat` uniform on (-1, 1), `spiky`
    // Gaussian with a few large outliers. With weights present the search
    // uses their measured error (not the proxy), choice by choice.
    NetworkDefinition definition = parseNetworkYaml(
        "name: m\ninputs: [{name: x, shape: [64]}]\nlayers:\n"
        "  - {name: flat, op: dense, units: 64, bias: false}\n"
        "  - {name: spiky, op: dense, units: 64, bias: false}\n", "<net>");
    std::mt19937 random(5);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> flat(4096), spiky(4096);
    for (float& w : flat)
        w = uniform(random);
    for (float& w : spiky)
        w = normal(random);
    spiky[7] = 40.0f;
    spiky[99] = -35.0f;
    auto store = std::make_shared<WeightStore>();
    store->addOwnedFloats("flat.w", {64, 64}, flat);
    store->addOwnedFloats("spiky.w", {64, 64}, spiky);
    definition.weights = store;
    definition.layers[0].weightTensor = "flat.w";
    definition.layers[1].weightTensor = "spiky.w";
    const Network network(definition);
    PrecisionSearchOptions options;
    options.bits = {2, 4, 8};
    const auto report = searchPrecision(network, options);
    QVERIFY(!report.proxyNoise);
    SensitivityOptions measure;
    measure.bits = {2, 4, 8};
    const TensorSensitivity flatError = analyzeTensor(flat, measure);
    const TensorSensitivity spikyError = analyzeTensor(spiky, measure);
    for (std::size_t c = 0; c < 3; ++c) {
        const int bits = options.bits[c];
        QCOMPARE(report.problem[0].choices[c].noise, 4096.0 * measuredRelativeNoise(flatError, bits));
        QCOMPARE(report.problem[1].choices[c].noise, 4096.0 * measuredRelativeNoise(spikyError, bits));
    }
    // Outliers stretch the quantization step: worse relative error at 4 bits.
    QVERIFY(report.problem[1].choices[1].noise > report.problem[0].choices[1].noise);
}

void TestPrecisionSearch::badOptions()
{
    const Network network = loadNetwork("zoo:lenet-300-100");
    PrecisionSearchOptions options;
    options.bits = {3};
    QVERIFY_THROWS_EXCEPTION(Error, searchPrecision(network, options));
    options.bits = {8};
    options.activationBits = 33;
    QVERIFY_THROWS_EXCEPTION(Error, searchPrecision(network, options));
    // A budget below the 1-bit network is infeasible, not an error.
    options.activationBits = 8;
    options.budgets.flashBytes = 10;
    QVERIFY(!searchPrecision(network, options).result.feasible);
}

QTEST_APPLESS_MAIN(TestPrecisionSearch)
#include "tst_compress_precision_search.moc"
