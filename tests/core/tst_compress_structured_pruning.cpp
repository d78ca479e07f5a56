// Structured channel pruning as a graph transformation (issue #4), against
// hand-computed shapes and MACs.
#include "core/compress/compressed_design.h"
#include "core/compress/structured_pruning.h"
#include "core/io/design_config_yaml.h"
#include "core/io/network_yaml.h"

#include <QtTest>

using namespace mdse::core;

namespace {

// A MobileNetV2-style inverted residual block on an 8x8 map:
// stem 3x3 (3 -> 16), expand 1x1 (16 -> 64), depthwise 3x3 (64),
// project 1x1 (64 -> 16), add(stem, project), head 1x1 (16 -> 32).
const char* kBlock = R"(name: block
inputs: [{name: x, shape: [3, 8, 8]}]
layers:
  - {name: stem, op: conv2d, filters: 16, kernel: 3, padding: 1, bias: false, activation: relu}
  - {name: expand, op: conv2d, filters: 64, kernel: 1, bias: false, activation: relu}
  - {name: dw, op: conv2d, filters: 64, groups: 64, kernel: 3, padding: 1, bias: false, activation: relu}
  - {name: project, op: conv2d, filters: 16, kernel: 1, bias: false}
  - {name: add, op: add, inputs: [stem, project]}
  - {name: head, op: conv2d, filters: 32, kernel: 1, bias: false}
)";

std::int64_t macsOf(const CompressedDesign& design, const std::string& name)
{
    for (const LayerStats& layer : design.stats.layers)
        if (layer.name == name)
            return layer.macs;
    return -1;
}

CompressedDesign pruned(const char* layers)
{
    return applyDesign(readNetworkYaml(kBlock, "<net>"),
                       readDesignConfigYaml(std::string("layers:\n") + layers, "<cfg>"));
}

} // namespace

class TestStructuredPruning : public QObject {
    Q_OBJECT
private slots:
    void keptChannelCounts();
    void halfOfTheExpansion();
    void residualBranchesTogether();
    void residualAddBlocksOneBranch();
    void concatSumsPrunedInputs();
};

void TestStructuredPruning::keptChannelCounts()
{
    QCOMPARE(keptChannels(64, 0.5, 1), 32LL);
    QCOMPARE(keptChannels(10, 0.25, 1), 8LL);  // floor(2.5) = 2 removed
    QCOMPARE(keptChannels(4, 0.9, 1), 1LL);    // at least one channel
    QCOMPARE(keptChannels(12, 0.5, 4), 4LL);   // 6 kept -> multiple of 4 groups
}

void TestStructuredPruning::halfOfTheExpansion()
{
    // 8x8 = 64 positions. Before: expand 64*64*16 = 65,536 MACs,
    // dw 64*64*9 = 36,864, project 16*64*64 = 65,536.
    // Pruning 50% of expand's 64 channels leaves 32: expand 32*64*16 = 32,768,
    // dw follows with 32 channels: 32*64*9 = 18,432, project reads 32:
    // 16*64*32 = 32,768. Consumers shrink by 18,432 + 32,768 = 51,200 MACs.
    const auto design = pruned("  expand: {pruning: structured, ratio: 0.5}\n");
    QCOMPARE(design.network.tensor("expand").shape, (Shape{32, 8, 8}));
    QCOMPARE(design.network.tensor("dw").shape, (Shape{32, 8, 8}));
    QCOMPARE(macsOf(design, "expand"), 32768LL);
    QCOMPARE(macsOf(design, "dw"), 18432LL);
    QCOMPARE(macsOf(design, "project"), 32768LL);
    QCOMPARE(macsOf(design, "head"), 32768LL); // after the add: unchanged
    const auto dense = pruned("  expand: {pruning: none}\n");
    QCOMPARE(macsOf(dense, "dw") + macsOf(dense, "project") - macsOf(design, "dw") - macsOf(design, "project"),
             51200LL);
    // weights 16*64 + 64*9 + 64*16 = 2624 -> 16*32 + 32*9 + 32*16 = 1312 (stem, head unchanged)
    QCOMPARE(dense.stats.totals.weights - design.stats.totals.weights, 1312LL);
    // compression ratio counts against the unpruned network's fp32 params
    QCOMPARE(design.effects.totals.fp32Bytes, 4 * dense.stats.totals.params);
}

void TestStructuredPruning::residualBranchesTogether()
{
    // stem and project pruned alike: the add sees 8 + 8 channels; expand
    // reads 8 (64*64*8 = 32,768 MACs) and head reads 8 (32*64*8 = 16,384).
    const auto design = pruned("  stem: {pruning: structured, ratio: 0.5}\n"
                               "  project: {pruning: structured, ratio: 0.5}\n");
    QCOMPARE(design.network.tensor("add").shape, (Shape{8, 8, 8}));
    QCOMPARE(macsOf(design, "expand"), 32768LL);
    QCOMPARE(macsOf(design, "head"), 16384LL);
}

void TestStructuredPruning::residualAddBlocksOneBranch()
{
    try {
        pruned("  project: {pruning: structured, ratio: 0.5}\n");
        QFAIL("pruning one branch of a residual add must be rejected");
    } catch (const Error& error) {
        QVERIFY2(error.message().find("add layer 'add'") != std::string::npos, error.what());
        QCOMPARE(error.location().file, std::string("<net>"));
        QCOMPARE(error.location().line, 8);
    }
}

void TestStructuredPruning::concatSumsPrunedInputs()
{
    // a, b: 1x1 convs 4 -> 8 on 8x8; concat 16 channels; c: 1x1 -> 10.
    // Pruning a by 50% leaves 4 + 8 = 12: c costs 10*64*12 = 7,680 MACs
    // instead of 10*64*16 = 10,240.
    const Network network = readNetworkYaml(R"(name: cat
inputs: [{name: x, shape: [4, 8, 8]}]
layers:
  - {name: a, op: conv2d, filters: 8, kernel: 1, inputs: x}
  - {name: b, op: conv2d, filters: 8, kernel: 1, inputs: x}
  - {name: cat, op: concat, inputs: [a, b]}
  - {name: c, op: conv2d, filters: 10, kernel: 1}
)", "<net>");
    const Network result = pruneChannels(network, {0.5, 0.0, 0.0, 0.0});
    QCOMPARE(result.tensor("cat").shape, (Shape{12, 8, 8}));
    const NetworkStats stats = computeStats(result);
    QCOMPARE(stats.layers.back().macs, 7680LL);
}

QTEST_APPLESS_MAIN(TestStructuredPruning)
#include "tst_compress_structured_pruning.moc"
