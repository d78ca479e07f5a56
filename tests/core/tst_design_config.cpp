// Design-config YAML (issue #4) and its resolution onto a network.
#include "core/config/design_resolution.h"
#include "core/io/design_config_yaml.h"
#include "core/io/network_yaml.h"

#include <QtTest>

using namespace mdse::core;

namespace {

// conv1 (standard) -> dw (depthwise) -> pw (pointwise) -> block3.expand (pointwise)
// -> flatten -> fc6 (dense). Execution order = file order (a chain).
const char* kNetwork = R"(name: t
inputs: [{name: x, shape: [4, 8, 8]}]
layers:
  - {name: conv1, op: conv2d, filters: 8, kernel: 3, padding: 1, activation: relu}
  - {name: dw, op: conv2d, filters: 8, groups: 8, kernel: 3, padding: 1}
  - {name: pw, op: conv2d, filters: 8, kernel: 1}
  - {name: block3.expand, op: conv2d, filters: 16, kernel: 1}
  - {name: flatten, op: flatten}
  - {name: fc6, op: dense, units: 10}
)";

// The exact shape written in issue #4.
const char* kIssueConfig = R"(defaults: {weightBits: 8, activationBits: 8}
rules:
  - match: {op: depthwise}          # or {name: "features\\.1.*"} or {layers: [3, 7]}
    set: {weightBits: 4}
layers:
  conv1: {weightBits: 8, sparsity: 0.6, pruning: unstructured, format: csr}
  fc6: {sparsity: 0.91, pruning: unstructured}
  block3.expand: {pruning: structured, ratio: 0.5}
)";

std::vector<LayerCompression> resolved(const char* config)
{
    return resolve(readDesignConfigYaml(config, "design.yaml"), readNetworkYaml(kNetwork, "<net>"));
}

void expectError(const char* config, int line, int column, const char* fragment)
{
    try {
        resolved(config);
        QFAIL("expected a core::Error");
    } catch (const Error& error) {
        QCOMPARE(error.location().file, std::string("design.yaml"));
        QCOMPARE(error.location().line, line);
        QCOMPARE(error.location().column, column);
        QVERIFY2(error.message().find(fragment) != std::string::npos, error.what());
    }
}

} // namespace

class TestDesignConfig : public QObject {
    Q_OBJECT
private slots:
    void issueShape();
    void laterKeysOverride();
    void rulesByNameRangeAndPosition();
    void errorsCarryLocation();
    void reluDefaultActivationSparsity();
    void roundTrip();
};

void TestDesignConfig::issueShape()
{
    const auto s = resolved(kIssueConfig);
    QCOMPARE(s[0].weights, Precision::Int8);
    QCOMPARE(s[0].pruning, PruningKind::Unstructured);
    QCOMPARE(s[0].sparsity, 0.6);
    QCOMPARE(s[0].format, SparseFormat::Csr);
    QCOMPARE(s[1].weights, Precision::Int4); // the depthwise rule
    QCOMPARE(s[2].weights, Precision::Int8); // pointwise: defaults only
    QCOMPARE(s[3].pruning, PruningKind::Structured);
    QCOMPARE(s[3].structuredRatio, 0.5);
    QCOMPARE(s[5].sparsity, 0.91);
    QCOMPARE(s[5].activations, Precision::Int8);
}

void TestDesignConfig::laterKeysOverride()
{
    // Rule order, then overrides in order, then keys inside one mapping.
    const auto s = resolved(R"(defaults: {weightBits: 8}
rules:
  - {match: {op: conv2d}, set: {weightBits: 4}}
  - {match: {op: pointwise}, set: {weightBits: 2}}
layers:
  pw: {weightBits: 16}
  dw: {weightBits: 1, weightPrecision: fp16}
  dw: {activationBits: 4}
)");
    QCOMPARE(s[0].weights, Precision::Int4);
    QCOMPARE(s[1].weights, Precision::Fp16);
    QCOMPARE(s[1].activations, Precision::Int4);
    QCOMPARE(s[2].weights, Precision::Int16);
    QCOMPARE(s[3].weights, Precision::Int2);
    QCOMPARE(s[5].weights, Precision::Int8); // dense is not a conv2d
}

void TestDesignConfig::rulesByNameRangeAndPosition()
{
    const auto s = resolved(R"(defaults: {weightBits: 4}
rules:
  - {match: {name: "block3\\..*"}, set: {weightBits: 2}}
  - {match: {layers: [1, 2]}, set: {scales: per-channel}}
  - {match: first, set: {weightBits: 8}}
  - {match: {layers: last}, set: {weightBits: 8}}
)");
    QCOMPARE(s[3].weights, Precision::Int2);
    QCOMPARE(s[0].scales, ScaleGranularity::PerTensor);
    QCOMPARE(s[1].scales, ScaleGranularity::PerChannel);
    QCOMPARE(s[2].scales, ScaleGranularity::PerChannel);
    QCOMPARE(s[3].scales, ScaleGranularity::PerTensor);
    QCOMPARE(s[0].weights, Precision::Int8); // first layer with weights
    QCOMPARE(s[5].weights, Precision::Int8); // last layer with weights (fc6, not flatten)
    QCOMPARE(s[2].weights, Precision::Int4);
}

void TestDesignConfig::errorsCarryLocation()
{
    expectError("defaults: {weightBits: 8}\nlayers:\n  fc9: {weightBits: 4}\n", 3, 3, "unknown layer 'fc9'");
    expectError("defaults: {weightBits: 8, colour: red}\n", 1, 27, "unknown setting 'colour'");
    expectError("defaults: {weightBits: 33}\n", 1, 24, "must be 32 (fp32) or 1 to 31");
    expectError("rules:\n  - {match: {op: conv3d}, set: {}}\n", 2, 18, "unknown op 'conv3d'");
    expectError("layers:\n  fc6: {pruning: unstructured, sparsity: 1.5}\n", 2, 8, "sparsity must be in [0, 1)");
    expectError("rules:\n  - {match: {layers: [2, 9]}, set: {weightBits: 4}}\n", 2, 5, "goes past the last layer");
    expectError("layers:\n  fc6: {nm: \"4:2\", pruning: nm}\n", 2, 8, "N:M");
    expectError("frobnicate: 1\n", 1, 1, "unknown key 'frobnicate'");
}

void TestDesignConfig::reluDefaultActivationSparsity()
{
    const auto s = resolved("defaults: {weightBits: 8}\nlayers:\n  pw: {activationSparsity: 0.7}\n");
    QCOMPARE(*s[0].activationSparsity, 0.0);                     // graph input
    QCOMPARE(*s[1].activationSparsity, kReluActivationSparsity); // conv1 has a fused ReLU
    QCOMPARE(*s[2].activationSparsity, 0.7);                     // explicit
    QCOMPARE(*s[3].activationSparsity, 0.0);                     // pw has no activation
}

void TestDesignConfig::roundTrip()
{
    const DesignConfig config = readDesignConfigYaml(R"(defaults: {weightBits: 8, scales: per-channel}
rules:
  - {match: {op: depthwise, name: "d.*"}, set: {weightBits: 4, nm: "1:4", pruning: nm}}
  - {match: last, set: {weightPrecision: fp16}}
  - {match: {layers: [0, 3]}, set: {activationSparsity: 0.25}}
layers:
  fc6: {sparsity: 0.91, pruning: unstructured, format: rle, indexBits: 5}
)", "a.yaml");
    const std::string text = writeDesignConfigYaml(config);
    QCOMPARE(readDesignConfigYaml(text, "b.yaml"), config);
}

QTEST_APPLESS_MAIN(TestDesignConfig)
#include "tst_design_config.moc"
