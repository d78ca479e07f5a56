// core::listOnnxInputs: the graph inputs of an ONNX model with symbolic
// dimensions marked, checked against the importer itself (a model needs an
// override exactly when importing it without one fails).
#include "core/io/onnx/onnx_inputs.h"
#include "core/util/error.h"
#include "tests/core/tst_onnx_builder.h"

#include <QtTest>

using mdse::core::OnnxInputDim;
using mdse::core::OnnxInputInfo;
using mdse::test::OnnxBuilder;
using Ints = std::vector<std::int64_t>;
using Kind = OnnxInputDim::Kind;

Q_DECLARE_METATYPE(Ints)
Q_DECLARE_METATYPE(std::vector<Kind>)
Q_DECLARE_METATYPE(std::vector<std::string>)

namespace {

// x (dims; symbolic where `symbols` names one, unnamed where it is "?")
// -> Relu -> y.
OnnxBuilder reluModel(const Ints& dims, const std::vector<std::string>& symbols)
{
    OnnxBuilder b;
    auto* shape = b.graph().add_input();
    shape->set_name("x");
    auto* tensor = shape->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(onnx::TensorProto::FLOAT);
    for (std::size_t d = 0; d < dims.size(); ++d) {
        auto* dim = tensor->mutable_shape()->add_dim();
        if (dims[d] > 0)
            dim->set_dim_value(dims[d]);
        else if (symbols[d] != "?")
            dim->set_dim_param(symbols[d]);
    }
    b.node("Relu", {"x"}, {"y"}, "relu");
    b.output("y");
    return b;
}

std::vector<OnnxInputInfo> list(const OnnxBuilder& b)
{
    const std::string bytes = b.bytes();
    return mdse::core::listOnnxInputsFromBytes(bytes.data(), bytes.size(), "<test>");
}

} // namespace

class TestOnnxInputs : public QObject {
    Q_OBJECT
private slots:
    void kinds_data();
    void kinds();
    void initializersListedAsInputsAreSkipped();
    void committedFile();
    void badBytesThrow();
};

void TestOnnxInputs::kinds_data()
{
    QTest::addColumn<Ints>("dims"); // 0 = symbolic
    QTest::addColumn<std::vector<std::string>>("symbols");
    QTest::addColumn<std::vector<Kind>>("kinds");
    QTest::addColumn<bool>("needsOverride");
    // The importer's rule (Importer::readInputs): the first symbolic axis
    // among axis 0, axis 1 of a rank-3 input and axes named "*batch*" is the
    // batch (taken as 1); every other symbolic axis needs an extent.
    QTest::newRow("NCHW, batch symbolic") << Ints{0, 1, 28, 28} << std::vector<std::string>{"N", "", "", ""}
                                          << std::vector<Kind>{Kind::Batch, Kind::Fixed, Kind::Fixed, Kind::Fixed}
                                          << false;
    QTest::newRow("NCHW, H and W symbolic")
        << Ints{0, 3, 0, 0} << std::vector<std::string>{"batch", "", "height", "width"}
        << std::vector<Kind>{Kind::Batch, Kind::Fixed, Kind::Symbolic, Kind::Symbolic} << true;
    QTest::newRow("all fixed") << Ints{1, 3, 8, 8} << std::vector<std::string>{"", "", "", ""}
                               << std::vector<Kind>{Kind::Fixed, Kind::Fixed, Kind::Fixed, Kind::Fixed} << false;
    QTest::newRow("time-major [T, N, F], N symbolic")
        << Ints{49, 0, 10} << std::vector<std::string>{"", "N", ""}
        << std::vector<Kind>{Kind::Fixed, Kind::Batch, Kind::Fixed} << false;
    QTest::newRow("[T, N, F], both symbolic: T is the batch")
        << Ints{0, 0, 10} << std::vector<std::string>{"T", "N", ""}
        << std::vector<Kind>{Kind::Batch, Kind::Symbolic, Kind::Fixed} << true;
    QTest::newRow("named batch at axis 1 of rank 4")
        << Ints{1, 0, 0, 16} << std::vector<std::string>{"", "my_batch", "seq", ""}
        << std::vector<Kind>{Kind::Fixed, Kind::Batch, Kind::Symbolic, Kind::Fixed} << true;
    QTest::newRow("unnamed unknown axis") << Ints{0, 0} << std::vector<std::string>{"?", "?"}
                                          << std::vector<Kind>{Kind::Batch, Kind::Symbolic} << true;
}

void TestOnnxInputs::kinds()
{
    QFETCH(Ints, dims);
    QFETCH(std::vector<std::string>, symbols);
    QFETCH(std::vector<Kind>, kinds);
    QFETCH(bool, needsOverride);
    const OnnxBuilder b = reluModel(dims, symbols);
    const auto inputs = list(b);
    QCOMPARE(inputs.size(), std::size_t(1));
    QCOMPARE(inputs[0].name, std::string("x"));
    QCOMPARE(inputs[0].dims.size(), dims.size());
    std::vector<std::int64_t> extents;
    for (std::size_t d = 0; d < dims.size(); ++d) {
        QCOMPARE(inputs[0].dims[d].kind, kinds[d]);
        QCOMPARE(inputs[0].dims[d].symbol, symbols[d] == "?" ? std::string() : symbols[d]);
        if (kinds[d] == Kind::Fixed)
            QCOMPARE(inputs[0].dims[d].extent, dims[d]);
        if (kinds[d] == Kind::Symbolic)
            extents.push_back(static_cast<std::int64_t>(5 + d));
    }
    QCOMPARE(inputs[0].needsOverride(), needsOverride);
    // Cross-check with the importer: without an override it fails exactly
    // when an override is needed; with shapeWith() it succeeds.
    bool importFailed = false;
    try {
        b.import();
    } catch (const mdse::core::Error& error) {
        importFailed = true;
        QVERIFY2(std::string(error.what()).find("symbolic dimension") != std::string::npos, error.what());
    }
    QCOMPARE(importFailed, needsOverride);
    if (needsOverride) {
        mdse::core::OnnxImportOptions options;
        options.inputShapes["x"] = inputs[0].shapeWith(extents);
        const auto network = b.import(options);
        QCOMPARE(network.layers().size(), std::size_t(1));
    }
}

void TestOnnxInputs::initializersListedAsInputsAreSkipped()
{
    // IR 3 lists initializers among the graph inputs too.
    OnnxBuilder b(9, 3);
    b.input("x", {0, 4});
    b.filled("w", {3, 4});
    b.input("w", {3, 4});
    OnnxBuilder::setInt(b.node("Gemm", {"x", "w"}, {"y"}, "fc"), "transB", 1);
    b.output("y");
    const auto inputs = list(b);
    QCOMPARE(inputs.size(), std::size_t(1));
    QCOMPARE(inputs[0].name, std::string("x"));
    QCOMPARE(inputs[0].shapeWith({}), (mdse::core::Shape{1, 4}));
}

void TestOnnxInputs::committedFile()
{
    // tests/data/onnx/lenet5.onnx (gen_onnx.py): MNIST images [batch, 1, 28, 28].
    const auto inputs = mdse::core::listOnnxInputs(MDSE_SOURCE_DIR "/tests/data/onnx/lenet5.onnx");
    QCOMPARE(inputs.size(), std::size_t(1));
    QCOMPARE(inputs[0].shapeWith({}), (mdse::core::Shape{1, 1, 28, 28}));
    QCOMPARE(inputs[0].dims[0].kind, Kind::Batch);
    QVERIFY(!inputs[0].needsOverride());
}

void TestOnnxInputs::badBytesThrow()
{
    const std::string garbage = "this is not a protobuf message at all";
    QVERIFY_THROWS_EXCEPTION(mdse::core::Error,
                             mdse::core::listOnnxInputsFromBytes(garbage.data(), garbage.size(), "g.onnx"));
    QVERIFY_THROWS_EXCEPTION(mdse::core::Error, mdse::core::listOnnxInputsFromBytes("", 0, "empty.onnx"));
    const std::string bytes = reluModel({0, 3}, {"N", ""}).bytes();
    QVERIFY_THROWS_EXCEPTION(mdse::core::Error,
                             mdse::core::listOnnxInputsFromBytes(bytes.data(), bytes.size() / 2, "half.onnx"));
    QVERIFY_THROWS_EXCEPTION(mdse::core::Error, mdse::core::listOnnxInputs("/nonexistent/model.onnx"));
}

QTEST_APPLESS_MAIN(TestOnnxInputs)
#include "tst_onnx_inputs.moc"
