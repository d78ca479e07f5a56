// Malformed TFLite models: each case must end in one core::Error naming
// the file, the byte offset (or table) and the problem; no crash, no hang,
// no other exception. Models are written with tests/core/tst_tflite_builder.h
// and then broken, in the builder or byte by byte. The FlatBuffers layout
// (root uoffset_t at bytes 0..3, file identifier at 4..7) is that of
// flatbuffers docs/source/Internals.md; tables and field ids are those of
// tensorflow/lite/schema/schema.fbs.
#include "core/graph/layer_stats.h"
#include "tests/core/tst_tflite_builder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>

using namespace mdse::core;
using mdse::test::TfliteBuilder;
using B = TfliteBuilder;
using Bytes = std::vector<std::uint8_t>;

namespace {

constexpr std::int32_t kConv2d = 3, kFullyConnected = 9, kRelu = 19;

// x [1,4] -> FULLY_CONNECTED (w [2,4], b [2]) -> h [1,2] -> RELU -> y [1,2]
B validBuilder()
{
    B b;
    const int x = b.tensor("x", {1, 4});
    const int w = b.constant("w", {2, 4});
    const int bias = b.constant("b", {2});
    const int h = b.tensor("h", {1, 2});
    const int y = b.tensor("y", {1, 2});
    b.op(kFullyConnected, {x, w, bias}, {h}, B::FullyConnectedOptions, {});
    b.op(kRelu, {h}, {y});
    b.inputs({x});
    b.outputs({y});
    return b;
}

// The message of the core::Error `bytes` give, labelled "bad.tflite";
// fails the test on success or on any other exception.
std::string errorOf(const Bytes& bytes)
{
    try {
        importTfliteBytes(bytes.data(), bytes.size(), "bad.tflite");
    } catch (const Error& error) {
        if (error.location().file != "bad.tflite")
            return "error without the file: " + std::string(error.what());
        return error.message();
    }
    return "<accepted>";
}

#define EXPECT_ERROR(bytes, fragment)                                                                  \
    do {                                                                                               \
        const std::string message = errorOf(bytes);                                                    \
        QVERIFY2(message.find(fragment) != std::string::npos, message.c_str());                       \
    } while (false)

void putU32(Bytes& bytes, std::size_t at, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        bytes[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(value >> (8 * i));
}

} // namespace

class TestTfliteErrors : public QObject {
    Q_OBJECT
private slots:
    void validModelOpens();
    void emptyFile();
    void shorterThanHeader();
    void wrongIdentifier();
    void rootOffsetOutOfRange();
    void everyTruncationIsLocated();
    void everyByteFlipIsRefusedOrOpens();
    void wrongSchemaVersion();
    void noSubgraph();
    void operatorTensorIndexOutOfRange();
    void graphInputIndexOutOfRange();
    void opcodeIndexOutOfRange();
    void bufferIndexOutOfRange();
    void bufferShorterThanShape();
    void negativeDimension();
    void overflowingDimensions();
    void rankAboveEight();
    void negativeBuiltinCode();
    void unknownBuiltinCodeIsOpaque();
    void cycle();
    void tensorWrittenTwice();
    void perChannelScalesMismatch();
    void zeroPointsMismatch();
    void outputShapeContradictsOperator();
    void filterIsNotConstant();
    void transposeRankMismatch();
    void transposeNotAPermutation();
    void hundredMegabytesOfZeros();
};

void TestTfliteErrors::validModelOpens()
{
    // The base every case breaks: two layers, 10 params (8 + 2), 8 MACs.
    const NetworkStats stats = computeStats(validBuilder().import());
    QCOMPARE(stats.layers.size(), std::size_t{2});
    QCOMPARE(stats.totals.params, 10LL);
    QCOMPARE(stats.totals.macs, 8LL);
}

void TestTfliteErrors::emptyFile() { EXPECT_ERROR(Bytes{}, "byte offset 0: the file is 0 bytes"); }

void TestTfliteErrors::shorterThanHeader()
{
    Bytes bytes = validBuilder().finish();
    bytes.resize(7);
    EXPECT_ERROR(bytes, "too short for a FlatBuffer");
}

void TestTfliteErrors::wrongIdentifier()
{
    Bytes bytes = validBuilder().finish();
    bytes[7] = '2'; // "TFL2"
    EXPECT_ERROR(bytes, "byte offset 4: the file identifier is not 'TFL3'");
}

void TestTfliteErrors::rootOffsetOutOfRange()
{
    Bytes bytes = validBuilder().finish();
    putU32(bytes, 0, 0x7ffffff0U);
    EXPECT_ERROR(bytes, "root table offset points outside the file");
}

void TestTfliteErrors::everyTruncationIsLocated()
{
    // Every proper prefix of a valid model is refused with a located error.
    const Bytes full = validBuilder().finish();
    for (std::size_t size = 0; size < full.size(); ++size) {
        const std::string message = errorOf(Bytes(full.begin(), full.begin() + static_cast<long>(size)));
        QVERIFY2(message.starts_with("byte offset "), (std::to_string(size) + " bytes: " + message).c_str());
    }
}

void TestTfliteErrors::everyByteFlipIsRefusedOrOpens()
{
    // Each byte inverted in turn: a core::Error or a network whose
    // statistics compute; any other exception fails (errorOf lets it out).
    const Bytes full = validBuilder().finish();
    for (std::size_t at = 0; at < full.size(); ++at) {
        Bytes bytes = full;
        bytes[at] = static_cast<std::uint8_t>(~bytes[at]);
        try {
            computeStats(importTfliteBytes(bytes.data(), bytes.size(), "bad.tflite"));
        } catch (const Error& error) {
            QCOMPARE(error.location().file, std::string("bad.tflite"));
        }
    }
}

void TestTfliteErrors::wrongSchemaVersion()
{
    B b = validBuilder();
    b.version = 2;
    EXPECT_ERROR(b.finish(), "schema version 2");
}

void TestTfliteErrors::noSubgraph()
{
    B b = validBuilder();
    b.writeSubgraph = false;
    EXPECT_ERROR(b.finish(), "the model has no subgraph");
}

void TestTfliteErrors::operatorTensorIndexOutOfRange()
{
    B b;
    const int x = b.tensor("x", {1, 4});
    const int y = b.tensor("y", {1, 4});
    b.op(kRelu, {99}, {y});
    b.inputs({x});
    EXPECT_ERROR(b.finish(), "operator 0 inputs: tensor index 99 is out of range (the subgraph has 2 tensors)");
}

void TestTfliteErrors::graphInputIndexOutOfRange()
{
    B b = validBuilder();
    b.inputs({42});
    EXPECT_ERROR(b.finish(), "subgraph 0 inputs: tensor index 42 is out of range");
}

void TestTfliteErrors::opcodeIndexOutOfRange()
{
    B b = validBuilder();
    b.setCodeIndex(1, 7);
    EXPECT_ERROR(b.finish(), "operator 1: opcode_index 7 is out of range (the model has 2 operator codes)");
}

void TestTfliteErrors::bufferIndexOutOfRange()
{
    B b = validBuilder();
    b.setBuffer(1, 1000);
    EXPECT_ERROR(b.finish(), "tensor 1 'w': buffer index 1000 is out of range");
}

void TestTfliteErrors::bufferShorterThanShape()
{
    // w [2,4] float32 needs 32 bytes; the buffer holds 31.
    B b;
    const int x = b.tensor("x", {1, 4});
    b.tensor("w", {2, 4}, B::F32, {}, Bytes(31, 1));
    b.inputs({x});
    EXPECT_ERROR(b.finish(), "tensor 1 'w': its buffer holds 31 bytes; shape and type FLOAT32 need 32");
}

void TestTfliteErrors::negativeDimension()
{
    B b = validBuilder();
    b.tensor("bad", {1, -3, 4});
    EXPECT_ERROR(b.finish(), "tensor 5 'bad': dimension -3");
}

void TestTfliteErrors::overflowingDimensions()
{
    // 2^31-1 ^ 2 elements > 2^40 (the largest tensor we accept).
    B b = validBuilder();
    b.tensor("huge", {2147483647, 2147483647});
    EXPECT_ERROR(b.finish(), "tensor 5 'huge': more than 2^40 elements");
}

void TestTfliteErrors::rankAboveEight()
{
    B b = validBuilder();
    b.tensor("deep", std::vector<std::int32_t>(9, 1));
    EXPECT_ERROR(b.finish(), "rank 9");
}

void TestTfliteErrors::negativeBuiltinCode()
{
    B b = validBuilder();
    const int x = b.tensor("x2", {1, 2});
    b.op(-5, {4}, {x});
    EXPECT_ERROR(b.finish(), "builtin code -5 is negative");
}

void TestTfliteErrors::unknownBuiltinCodeIsOpaque()
{
    // A code past the schema's enum is kept, opaque, with a warning.
    B b = validBuilder();
    const int z = b.tensor("z", {1, 2});
    b.op(9999, {4}, {z});
    b.outputs({z});
    const Network network = b.import();
    QCOMPARE(network.layers().back().op, OpKind::Opaque);
    const auto& notes = network.definition().notes;
    QVERIFY(std::any_of(notes.begin(), notes.end(),
                        [](const std::string& n) { return n.find("BUILTIN_9999") != std::string::npos; }));
}

void TestTfliteErrors::cycle()
{
    // Operator 0 reads h, which operator 1 writes from y, which operator 0
    // writes: no execution order exists.
    B b;
    const int x = b.tensor("x", {1, 4});
    const int h = b.tensor("h", {1, 4});
    const int y = b.tensor("y", {1, 4});
    b.op(kRelu, {h}, {y});
    b.op(kRelu, {y}, {h});
    b.inputs({x});
    EXPECT_ERROR(b.finish(), "reads tensor 'h' before any operator writes it");
}

void TestTfliteErrors::tensorWrittenTwice()
{
    B b;
    const int x = b.tensor("x", {1, 4});
    const int y = b.tensor("y", {1, 4});
    b.op(kRelu, {x}, {y});
    b.op(kRelu, {x}, {y});
    b.inputs({x});
    EXPECT_ERROR(b.finish(), "writes tensor 'y', which an earlier operator or the graph input already holds");
}

void TestTfliteErrors::perChannelScalesMismatch()
{
    // 3 scales on axis 0 of a [2,4] tensor (2 channels).
    B b;
    const int x = b.tensor("x", {1, 4});
    b.constant("w", {2, 4}, B::I8, {{0.1f, 0.2f, 0.3f}, {0, 0, 0}, 0});
    b.inputs({x});
    EXPECT_ERROR(b.finish(), "3 per-channel scales do not match quantized_dimension 0");
}

void TestTfliteErrors::zeroPointsMismatch()
{
    B b;
    const int x = b.tensor("x", {1, 4});
    b.constant("w", {2, 4}, B::I8, {{0.1f, 0.2f}, {0}, 0});
    b.inputs({x});
    EXPECT_ERROR(b.finish(), "1 zero points for 2 scales");
}

void TestTfliteErrors::outputShapeContradictsOperator()
{
    // A 3x3 VALID conv of [1,8,8,1] gives [1,6,6,4]; the file says [1,8,8,4].
    B b;
    const int x = b.tensor("x", {1, 8, 8, 1});
    const int w = b.constant("w", {4, 3, 3, 1});
    const int y = b.tensor("y", {1, 8, 8, 4});
    b.op(kConv2d, {x, w, -1}, {y}, B::Conv2DOptions, {{0, 1, 1}, {1, 1}, {2, 1}});
    b.inputs({x});
    EXPECT_ERROR(b.finish(), "operator 0 (CONV_2D): output 0 has [4, 6, 6] by the operator's definition");
}

void TestTfliteErrors::filterIsNotConstant()
{
    B b;
    const int x = b.tensor("x", {1, 8, 8, 1});
    const int w = b.tensor("w", {4, 3, 3, 1});
    const int y = b.tensor("y", {1, 6, 6, 4});
    b.op(kConv2d, {x, w, -1}, {y}, B::Conv2DOptions, {{0, 1, 1}, {1, 1}, {2, 1}});
    b.inputs({x});
    EXPECT_ERROR(b.finish(), "input 1 (filter, tensor 'w') must be a constant tensor");
}

void TestTfliteErrors::transposeRankMismatch()
{
    // A fuzzing finding: TRANSPOSE from [1,4,4,2] to a rank-5 output once
    // wrote past its permutation vector.
    B b;
    const int x = b.tensor("x", {1, 4, 4, 2});
    const int perm = b.ints("perm", {0, 2, 1, 3});
    const int y = b.tensor("y", {1, 4, 4, 2, 1});
    b.op(39, {x, perm}, {y});
    b.inputs({x});
    EXPECT_ERROR(b.finish(), "operator 0 (TRANSPOSE): the output has rank 5, the input 4");
}

void TestTfliteErrors::transposeNotAPermutation()
{
    B b;
    const int x = b.tensor("x", {1, 4, 4, 2});
    const int perm = b.ints("perm", {0, 1, 1, 3});
    const int y = b.tensor("y", {1, 4, 4, 2});
    b.op(39, {x, perm}, {y});
    b.inputs({x});
    EXPECT_ERROR(b.finish(), "perm is not a permutation of the axes");
}

void TestTfliteErrors::hundredMegabytesOfZeros()
{
    // 100 MiB of zero bytes on disk: refused at the identifier (bytes 4..7
    // are not "TFL3") through the memory-mapped path, without reading the rest.
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("zeros.tflite")).toStdString();
    {
        std::ofstream out(path, std::ios::binary);
        const std::vector<char> chunk(1 << 20, '\0');
        for (int i = 0; i < 100; ++i)
            out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    }
    QElapsedTimer timer;
    timer.start();
    try {
        importTfliteFile(path);
        QFAIL("100 MiB of zeros were accepted");
    } catch (const Error& error) {
        QCOMPARE(error.location().file, path);
        QVERIFY2(error.message().find("byte offset 4: the file identifier") != std::string::npos, error.what());
    }
    QVERIFY2(timer.elapsed() < 5000, "refusing 100 MiB of zeros took 5 s or more");
}

QTEST_GUILESS_MAIN(TestTfliteErrors)
#include "tst_tflite_errors.moc"
