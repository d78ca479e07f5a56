// Exporter habits met in real torch.onnx.export output (PyTorch 1.13,
// Debian 12) that the hand-built models of tst_onnx_import did not have,
// rebuilt here through the protobuf API, one regression test each.
#include "core/graph/layer_stats.h"
#include "tst_onnx_builder.h"

#include <QtTest>

#include <set>

using namespace mdse::core;
using mdse::test::OnnxBuilder;

class TestOnnxExporters : public QObject {
    Q_OBJECT
private slots:
    void stackedLstmNodeNames();
};

// nn.LSTM(10, 16, num_layers=2) exports two LSTM nodes named "/rnn/LSTM" and
// "/rnn/LSTM_1", each with Y, Y_h and Y_c named. The first node's Y_h/Y_c
// slices used to take "/rnn/LSTM_1", so the second node was refused as a
// duplicate layer name; they are now "/rnn/LSTM/Y_h" and "/rnn/LSTM/Y_c",
// and only made when something reads them (PyTorch names Y_h and Y_c of
// every LSTM node; unread, they were dead slice layers). Hand counts (T=49, H=16): layer 1 weights
// 4*16*(10+16) = 1,664, MACs 49*1,664 = 81,536; layer 2 weights
// 4*16*(16+16) = 2,048, MACs 49*2,048 = 100,352; fc 12*16 = 192 MACs.
void TestOnnxExporters::stackedLstmNodeNames()
{
    OnnxBuilder b;
    b.input("x", {49, 0, 10});
    b.filled("W1", {1, 64, 10});
    b.filled("R1", {1, 64, 16});
    auto& first = b.node("LSTM", {"x", "W1", "R1"}, {"y1", "h1", "c1"}, "/rnn/LSTM");
    OnnxBuilder::setInt(first, "hidden_size", 16);
    b.ints("axis1", {1});
    b.node("Squeeze", {"y1", "axis1"}, {"s1"}, "/rnn/Squeeze");
    b.filled("W2", {1, 64, 16});
    b.filled("R2", {1, 64, 16});
    auto& second = b.node("LSTM", {"s1", "W2", "R2"}, {"y2", "h2", "c2"}, "/rnn/LSTM_1");
    OnnxBuilder::setInt(second, "hidden_size", 16);
    b.ints("axis0", {0});
    b.node("Squeeze", {"h2", "axis0"}, {"h"}, "/rnn/Squeeze_1");
    b.filled("fw", {12, 16});
    auto& gemm = b.node("Gemm", {"h", "fw"}, {"logits"}, "/fc/Gemm");
    OnnxBuilder::setInt(gemm, "transB", 1);
    b.output("logits");
    b.output("h1"); // the first layer's final state, so its Y_h slice exists
    const Network network = b.import();
    const NetworkStats stats = computeStats(network);
    std::set<std::string> names, lstmSources;
    for (const Layer& layer : network.layers()) {
        QVERIFY2(names.insert(layer.name).second, layer.name.c_str());
        if (layer.op == OpKind::Lstm)
            lstmSources.insert(layer.sourceNode);
    }
    QCOMPARE(lstmSources, (std::set<std::string>{"/rnn/LSTM", "/rnn/LSTM_1"}));
    QVERIFY(names.count("/rnn/LSTM_1") == 1 && names.count("/rnn/LSTM/Y_h") == 1);
    QVERIFY(names.count("/rnn/LSTM/Y_c") == 0); // c1 is read by nothing: no layer
    QCOMPARE(network.outputs(), (std::vector<std::string>{"logits", "h1"}));
    std::vector<std::int64_t> lstmMacs;
    for (const LayerStats& layer : stats.layers)
        if (layer.op == OpKind::Lstm)
            lstmMacs.push_back(layer.macs);
    QCOMPARE(lstmMacs, (std::vector<std::int64_t>{81536, 100352}));
    QCOMPARE(stats.totals.macs, 81536LL + 100352 + 192);
}

QTEST_APPLESS_MAIN(TestOnnxExporters)
#include "tst_onnx_exporters.moc"
