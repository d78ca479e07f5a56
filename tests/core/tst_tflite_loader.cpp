// loadNetwork recognises a network file by content (core/io/network_loader.h):
// TFLite by the "TFL3" identifier at bytes 4..7 (schema.fbs), ONNX by the
// ModelProto's first tag byte 0x08 (ir_version), YAML as text; a model
// saved without (or with the wrong) extension opens.
#include "core/io/network_loader.h"
#include "core/io/zoo.h"
#include "tests/core/tst_tflite_builder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace mdse::core;
using mdse::test::TfliteBuilder;

namespace {

std::string writeFile(const QTemporaryDir& dir, const std::string& name, const std::string& bytes)
{
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

std::string tinyTflite()
{
    // x [1,4] -> FULLY_CONNECTED (w [2,4]) -> y [1,2]: one dense layer.
    TfliteBuilder b;
    const int x = b.tensor("x", {1, 4});
    const int w = b.constant("w", {2, 4});
    const int y = b.tensor("y", {1, 2});
    b.op(9, {x, w, -1}, {y}, TfliteBuilder::FullyConnectedOptions, {});
    b.inputs({x});
    b.outputs({y});
    const std::vector<std::uint8_t> bytes = b.finish();
    return {bytes.begin(), bytes.end()};
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

class TestTfliteLoader : public QObject {
    Q_OBJECT
private slots:
    void tfliteWithAnyName();
    void onnxWithoutExtension();
    void yamlWithoutExtension();
    void unrecognisedContentIsLocated();
};

void TestTfliteLoader::tfliteWithAnyName()
{
    QTemporaryDir dir;
    const std::string bytes = tinyTflite();
    for (const std::string name : {"model.tflite", "model", "model.onnx", "model.bin"}) {
        const std::string path = writeFile(dir, name, bytes);
        QCOMPARE(networkFileFormat(path), NetworkFileFormat::Tflite);
        const Network network = loadNetwork(path);
        QCOMPARE(network.layers().size(), std::size_t{1});
        QCOMPARE(network.layers().front().op, OpKind::Dense);
    }
}

void TestTfliteLoader::onnxWithoutExtension()
{
    QTemporaryDir dir;
    const std::string source = std::string(MDSE_SOURCE_DIR) + "/tests/data/onnx/lenet5.onnx";
    const std::string path = writeFile(dir, "lenet5", readAll(source));
    QCOMPARE(networkFileFormat(path), NetworkFileFormat::Onnx);
    QCOMPARE(loadNetwork(path).layers().size(), loadNetwork(source).layers().size());
}

void TestTfliteLoader::yamlWithoutExtension()
{
    QTemporaryDir dir;
    const std::string path = writeFile(dir, "lenet5-network", std::string(*zooYaml("lenet5")));
    QCOMPARE(networkFileFormat(path), NetworkFileFormat::Yaml);
    QCOMPARE(loadNetwork(path).layers().size(), loadNetwork("zoo:lenet5").layers().size());
}

void TestTfliteLoader::unrecognisedContentIsLocated()
{
    QTemporaryDir dir;
    const std::string path = writeFile(dir, "blob", std::string("\x01\x02\x03\x00\x05\x06\x07\x08", 8));
    try {
        loadNetwork(path);
        QFAIL("binary content of no known format was accepted");
    } catch (const Error& error) {
        QCOMPARE(error.location().file, path);
        QVERIFY2(error.message().find("TFL3") != std::string::npos, error.what());
    }
    // A .tflite whose identifier is wrong is a TFLite error at byte 4.
    std::string bytes = tinyTflite();
    bytes[4] = 'X';
    const std::string tfl = writeFile(dir, "bad.tflite", bytes);
    try {
        loadNetwork(tfl);
        QFAIL("a wrong file identifier was accepted");
    } catch (const Error& error) {
        QVERIFY2(error.message().find("byte offset 4") != std::string::npos, error.what());
    }
}

QTEST_GUILESS_MAIN(TestTfliteLoader)
#include "tst_tflite_loader.moc"
