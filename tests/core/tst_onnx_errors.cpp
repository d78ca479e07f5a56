// Bad ONNX input: every case must end in one core::Error that names the
// source and (where there is one) the node, never a crash or a network.
#include "core/io/network_loader.h"
#include "tests/core/tst_onnx_builder.h"

#include <QtTest>

#include <fstream>

using namespace mdse::core;
using mdse::test::OnnxBuilder;

namespace {

// The error text of importing `bytes`, or "" if it imported.
std::string errorOf(const std::string& bytes)
{
    try {
        importOnnxBytes(bytes.data(), bytes.size(), "<bad>");
    } catch (const Error& error) {
        return error.what();
    }
    return {};
}

std::string errorOf(const OnnxBuilder& builder) { return errorOf(builder.bytes()); }

OnnxBuilder reluNet()
{
    OnnxBuilder b;
    b.input("x", {1, 4, 8, 8});
    b.node("Relu", {"x"}, {"y"}, "relu");
    b.output("y");
    return b;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

class TestOnnxErrors : public QObject {
    Q_OBJECT
private slots:
    void notOnnx_data();
    void notOnnx();
    void unsupportedOpsListedTogether();
    void danglingEdgeAndMissingInitializer();
    void nodeWithoutOutputs_data();
    void nodeWithoutOutputs();
    void cycle();
    void absurdShape();
    void wrongTypesAndSizes();
    void versions();
    void externalData();
};

void TestOnnxErrors::notOnnx_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << "truncated or corrupt";
    QTest::newRow("yaml text") << QByteArray("name: x\nlayers: []\n") << "";
    QTest::newRow("garbage") << QByteArray("\xff\xff\xff\xff\x0f\x12\x34", 7) << "truncated or corrupt";
    // a TensorProto (another ONNX message) is no model: no ir_version, no graph
    onnx::TensorProto tensor;
    tensor.add_dims(3);
    tensor.set_data_type(onnx::TensorProto::FLOAT);
    QTest::newRow("tensor proto") << QByteArray::fromStdString(tensor.SerializeAsString()) << "not an ONNX model";
    const std::string good = reluNet().bytes();
    QTest::newRow("truncated") << QByteArray::fromStdString(good.substr(0, good.size() - 5)) << "truncated or corrupt";
}

void TestOnnxErrors::notOnnx()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const std::string text = errorOf(bytes.toStdString());
    QVERIFY2(contains(text, "<bad>"), text.c_str());
    QVERIFY2(contains(text, expected.toStdString()), text.c_str());
}

void TestOnnxErrors::unsupportedOpsListedTogether()
{
    OnnxBuilder b = reluNet();
    b.node("TopK", {"y"}, {"t1"}, "topk_a");
    b.node("TopK", {"t1"}, {"t2"}, "topk_b");
    b.node("NonMaxSuppression", {"t2"}, {"n"}, "nms");
    const std::string text = errorOf(b);
    QVERIFY2(contains(text, "TopK x2 ('topk_a', 'topk_b')"), text.c_str());
    QVERIFY2(contains(text, "NonMaxSuppression x1 ('nms')"), text.c_str());
    OnnxBuilder custom = reluNet();
    custom.node("Relu", {"y"}, {"z"}, "ms_op").set_domain("com.microsoft");
    QVERIFY(contains(errorOf(custom), "com.microsoft.Relu x1"));
}

void TestOnnxErrors::danglingEdgeAndMissingInitializer()
{
    OnnxBuilder b = reluNet();
    b.node("Conv", {"y", "missing_weight"}, {"c"}, "conv7");
    const std::string text = errorOf(b);
    QVERIFY2(contains(text, "node 'conv7' (Conv)") && contains(text, "'missing_weight'"), text.c_str());
    OnnxBuilder output = reluNet();
    output.output("nowhere");
    QVERIFY(contains(errorOf(output), "graph output 'nowhere'"));
}

void TestOnnxErrors::nodeWithoutOutputs_data()
{
    // Found by fuzz_onnx_import: a node with no outputs made protobuf's
    // RepeatedPtrField::Get CHECK-fail (an exception, not a core::Error).
    QTest::addColumn<QString>("opType");
    QTest::newRow("Dropout (pass-through)") << QStringLiteral("Dropout");
    QTest::newRow("Identity (pass-through)") << QStringLiteral("Identity");
    QTest::newRow("Relu (layer)") << QStringLiteral("Relu");
}

void TestOnnxErrors::nodeWithoutOutputs()
{
    QFETCH(QString, opType);
    OnnxBuilder b = reluNet();
    b.node(opType.toStdString(), {"y"}, {}, "mute");
    const std::string text = errorOf(b);
    QVERIFY2(contains(text, "node 'mute'") && contains(text, "has no outputs"), text.c_str());
}

void TestOnnxErrors::cycle()
{
    OnnxBuilder b;
    b.input("x", {1, 4});
    b.node("Add", {"x", "b"}, {"a"}, "first");
    b.node("Relu", {"a"}, {"b"}, "second");
    b.output("b");
    QVERIFY(contains(errorOf(b), "cycle"));
}

void TestOnnxErrors::absurdShape()
{
    OnnxBuilder b;
    b.input("x", {1, 3, 1000000000, 1000000000});
    b.node("Relu", {"x"}, {"y"});
    b.output("y");
    QVERIFY(contains(errorOf(b), "2^40"));
    OnnxBuilder negative;
    negative.input("x", {1, 4});
    negative.ints("shape", {1, -7});
    negative.node("Reshape", {"x", "shape"}, {"y"}, "bad_reshape");
    negative.output("y");
    QVERIFY(contains(errorOf(negative), "bad_reshape"));
}

void TestOnnxErrors::wrongTypesAndSizes()
{
    OnnxBuilder b = reluNet();
    b.floats("w", {4, 4, 3, 3}, {1.0f, 2.0f}); // 2 values for 144
    b.node("Conv", {"y", "w"}, {"c"}, "conv");
    QVERIFY(contains(errorOf(b), "initializer 'w' holds 8 bytes"));
    OnnxBuilder ints = reluNet();
    ints.ints("w", std::vector<std::int64_t>(144, 1), {4, 4, 3, 3});
    ints.node("Conv", {"y", "w"}, {"c"}, "conv_int64");
    const std::string intText = errorOf(ints);
    QVERIFY2(contains(intText, "INT64"), intText.c_str());
    OnnxBuilder attr = reluNet();
    auto& pool = attr.node("MaxPool", {"y"}, {"p"}, "pool");
    OnnxBuilder::setFloat(pool, "kernel_shape", 2.0f);
    QVERIFY(contains(errorOf(attr), "node 'pool' (MaxPool): attribute 'kernel_shape' must be a list"));
}

void TestOnnxErrors::versions()
{
    OnnxBuilder old(5);
    old.input("x", {1, 4});
    old.node("Relu", {"x"}, {"y"});
    old.output("y");
    QVERIFY(contains(errorOf(old), "opset 5"));
    OnnxBuilder ir(13, 2);
    ir.input("x", {1, 4});
    ir.node("Relu", {"x"}, {"y"});
    ir.output("y");
    QVERIFY(contains(errorOf(ir), "IR version 2"));
}

void TestOnnxErrors::externalData()
{
    // A weight in a side file beside the model: read through a mapping.
    const QString dir = QDir::tempPath() + QStringLiteral("/mdse_onnx_external");
    QDir().mkpath(dir);
    const std::vector<float> values(4 * 4 * 9, 0.25f);
    std::ofstream(dir.toStdString() + "/weights.bin", std::ios::binary)
        .write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * 4));
    for (const std::string location : {"weights.bin", "../weights.bin"}) {
        OnnxBuilder b = reluNet();
        auto& w = b.graph().add_initializer()[0];
        w.set_name("w");
        w.set_data_type(onnx::TensorProto::FLOAT);
        for (std::int64_t d : {4, 4, 3, 3})
            w.add_dims(d);
        w.set_data_location(onnx::TensorProto::EXTERNAL);
        auto* entry = w.add_external_data();
        entry->set_key("location");
        entry->set_value(location);
        b.node("Conv", {"y", "w"}, {"c"}, "conv");
        b.output("c");
        const std::string path = dir.toStdString() + "/model.onnx";
        std::ofstream(path, std::ios::binary) << b.bytes();
        if (location == "weights.bin") {
            const Network network = loadNetwork(path);
            QCOMPARE(network.weights()->at("w").valueAt(143), 0.25f);
        } else {
            try {
                loadNetwork(path);
                QFAIL("a '..' external path was followed");
            } catch (const Error& error) {
                QVERIFY(contains(error.what(), "only files beside the model"));
            }
        }
    }
    QDir(dir).removeRecursively();
}

QTEST_APPLESS_MAIN(TestOnnxErrors)
#include "tst_onnx_errors.moc"
