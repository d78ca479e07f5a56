// Malformed YAML networks (issue #2, "Tests and bad input"): every case must
// throw core::Error naming the problem at the right file, line and column,
// never crash. Line numbers are counted by hand from the text of each case;
// the expected column is where `marker` starts on that line.
#include "core/graph/layer_stats.h"
#include "core/io/network_loader.h"
#include "core/io/network_yaml.h"
#include "core/io/yaml_text_check.h"

#include <QtTest>

#include <fstream>

using namespace mdse::core;

namespace {

// Line 1 name, line 2 inputs, line 3 "layers:", layers from line 4 on.
QByteArray net(const char* layers, const char* inputs = "[{name: x, shape: [3, 8, 8]}]")
{
    return QByteArray("name: n\ninputs: ") + inputs + "\nlayers:\n" + layers;
}

QByteArray repeated(const char* piece, int times)
{
    QByteArray text;
    for (int i = 0; i < times; ++i)
        text += piece;
    return text;
}

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

} // namespace

class TestYamlMalformed : public QObject {
    Q_OBJECT
private slots:
    void rejects_data();
    void rejects();
    void deepNestingColumn();
    void bracketsInsideScalarsAreNotNesting();
    void hugeSliceStepsAreExact();
    void statsOverflowNamesTheLayer();
    void oversizedTextIsRefusedBeforeParsing();
    void oversizedFileIsRefusedBeforeReading();
    void fileErrorsNameThePath();
};

void TestYamlMalformed::rejects_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("problem");
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArray>("marker"); // empty: column not asserted

    // --- not a network at all
    QTest::newRow("empty file") << QByteArray() << QByteArray("the file is empty") << 1 << QByteArray();
    QTest::newRow("only a comment") << QByteArray("# nothing here\n") << QByteArray("the file is empty") << 1
                                    << QByteArray();
    // "\x7f" "ELF\x02\x01\x01" is 7 bytes, so the NUL is column 8 of line 2.
    QTest::newRow("binary garbage (NUL)") << QByteArray("name: n\n\x7f" "ELF\x02\x01\x01\0\0\0", 18)
                                          << QByteArray("NUL byte") << 2 << QByteArray("\0", 1);
    QTest::newRow("binary garbage (not UTF-8)") << QByteArray("name: n\xff\xfe\n")
                                                << QByteArray("not UTF-8") << 1 << QByteArray("\xff");
    QTest::newRow("a list, not a mapping") << QByteArray("[1, 2, 3]\n")
                                           << QByteArray("a network file must be a mapping") << 1
                                           << QByteArray("[1");
    // The missing ']' shows where the text ends: line 3, after the last newline.
    QTest::newRow("unclosed flow list") << QByteArray("name: n\ninputs: [{name: x, shape: [4]}\n")
                                        << QByteArray("YAML syntax error: end of sequence flow not found")
                                        << 3 << QByteArray();

    // --- wrong types
    QTest::newRow("string where int") << net("  - {name: c, op: conv2d, filters: sixteen, kernel: 3}\n")
                                      << QByteArray("attribute 'filters' of layer 'c' must be an integer")
                                      << 4 << QByteArray("sixteen");
    QTest::newRow("list where map (layer)") << net("  - [conv2d, 16]\n")
                                            << QByteArray("a layer must be a mapping") << 4
                                            << QByteArray("[conv2d");
    QTest::newRow("map where list (inputs)") << net("  - {name: r, op: relu}\n", "{name: x, shape: [4]}")
                                             << QByteArray("'inputs' must be a non-empty list") << 2
                                             << QByteArray("{name");
    QTest::newRow("map where list (shape)") << net("  - {name: r, op: relu}\n", "[{name: x, shape: {a: 1}}]")
                                            << QByteArray("input shape must be an integer or a list")
                                            << 2 << QByteArray("{a: 1}");
    QTest::newRow("word where bool") << net("  - {name: c, op: conv2d, filters: 4, kernel: 1, bias: maybe}\n")
                                     << QByteArray("must be true or false, found 'maybe'") << 4
                                     << QByteArray("maybe");
    QTest::newRow("NaN where float") << net("  - {name: b, op: batchnorm, epsilon: .nan}\n")
                                     << QByteArray("must be a finite number") << 4 << QByteArray(".nan");

    // --- missing keys (the root mapping starts at line 1, column 1)
    QTest::newRow("missing name") << QByteArray("inputs: [{name: x, shape: [4]}]\nlayers: [{name: r, op: relu}]\n")
                                  << QByteArray("missing required key 'name'") << 1 << QByteArray("inputs");
    QTest::newRow("missing inputs") << QByteArray("name: n\nlayers: [{name: r, op: relu}]\n")
                                    << QByteArray("missing required key 'inputs'") << 1 << QByteArray("name");
    QTest::newRow("missing layers") << QByteArray("name: n\ninputs: [{name: x, shape: [4]}]\n")
                                    << QByteArray("missing required key 'layers'") << 1 << QByteArray("name");
    QTest::newRow("missing layer name") << net("  - {op: relu}\n") << QByteArray("a layer needs a 'name'")
                                        << 4 << QByteArray("{op");
    QTest::newRow("missing op") << net("  - {name: c, filters: 8}\n") << QByteArray("layer 'c' needs an 'op'")
                                << 4 << QByteArray("{name");
    QTest::newRow("missing filters") << net("  - {name: c, op: conv2d, kernel: 3}\n")
                                     << QByteArray("layer 'c' (conv2d) needs attribute 'filters'") << 4
                                     << QByteArray("{name");
    QTest::newRow("empty outputs") << net("  - {name: r, op: relu, outputs: []}\n")
                                   << QByteArray("outputs must name at least one tensor") << 4
                                   << QByteArray("[]");

    // --- unknown names
    QTest::newRow("unknown op") << net("  - {name: c, op: convolution}\n")
                                << QByteArray("unknown op 'convolution'") << 4 << QByteArray("convolution");
    QTest::newRow("unknown top-level key") << QByteArray("name: n\ninput: [{name: x, shape: [4]}]\n")
                                           << QByteArray("unknown key 'input'") << 2 << QByteArray("input");
    QTest::newRow("unknown layer key") << net("  - {name: c, op: conv2d, filters: 8, kernel: 3, strides: 2}\n")
                                       << QByteArray("unknown key 'strides' for op conv2d") << 4
                                       << QByteArray("strides");
    QTest::newRow("unknown element type") << net("  - {name: r, op: relu}\n", "[{name: x, shape: [4], type: int33}]")
                                          << QByteArray("unknown element type 'int33'") << 2 << QByteArray("int33");

    // --- graph structure
    QTest::newRow("dangling input") << net("  - {name: a, op: relu}\n  - {name: b, op: add, inputs: [a, missing]}\n")
                                    << QByteArray("input 'missing' is neither a graph input") << 5
                                    << QByteArray("{name: b");
    QTest::newRow("duplicate layer name") << net("  - {name: a, op: relu}\n  - {name: a, op: relu6}\n")
                                          << QByteArray("another layer already has this name") << 5
                                          << QByteArray("{name: a");
    QTest::newRow("duplicate output tensor")
        << net("  - {name: a, op: relu, outputs: [t]}\n  - {name: b, op: relu, inputs: [x], outputs: [t]}\n")
        << QByteArray("output tensor 't' is already produced elsewhere") << 5 << QByteArray("{name: b");
    QTest::newRow("duplicate graph input") << net("  - {name: r, op: relu}\n", "[{name: x, shape: [4]}, {name: x, shape: [5]}]")
                                           << QByteArray("graph input 'x' is declared twice") << 2
                                           << QByteArray("{name: x, shape: [5]");
    // a waits for b, b for a: the first stuck layer in file order is a (line 4).
    QTest::newRow("cycle") << net("  - {name: a, op: relu, inputs: [b]}\n  - {name: b, op: relu, inputs: [a]}\n")
                           << QByteArray("'a', 'b' are in or behind a cycle") << 4 << QByteArray("{name: a");

    // --- sizes
    QTest::newRow("negative input size") << net("  - {name: r, op: relu}\n", "[{name: x, shape: [3, -8, 8]}]")
                                         << QByteArray("every dimension must be positive") << 2
                                         << QByteArray("{name");
    QTest::newRow("zero input size") << net("  - {name: r, op: relu}\n", "[{name: x, shape: [0, 8, 8]}]")
                                     << QByteArray("every dimension must be positive") << 2 << QByteArray("{name");
    QTest::newRow("zero filters") << net("  - {name: c, op: conv2d, filters: 0, kernel: 3}\n")
                                  << QByteArray("filters must be between 1 and 2^40, found 0") << 4
                                  << QByteArray("{name");
    QTest::newRow("negative filters") << net("  - {name: c, op: conv2d, filters: -4, kernel: 3}\n")
                                      << QByteArray("filters must be between 1 and 2^40, found -4") << 4
                                      << QByteArray("{name");
    // input [3, 8, 8]: a 1x1 kernel with stride 9 > 8
    QTest::newRow("stride larger than input") << net("  - {name: c, op: conv2d, filters: 4, kernel: 1, stride: 9}\n")
                                              << QByteArray("stride height 9 is larger than the padded input height 8")
                                              << 4 << QByteArray("{name");
    QTest::newRow("kernel larger than input") << net("  - {name: p, op: maxpool, kernel: 9}\n")
                                              << QByteArray("kernel height 9 (after dilation) is larger") << 4
                                              << QByteArray("{name");

    // --- shape mismatches
    QTest::newRow("add channel mismatch")
        << net("  - {name: s, op: add, inputs: [x, y]}\n", "[{name: x, shape: [8, 4, 4]}, {name: y, shape: [16, 4, 4]}]")
        << QByteArray("shapes [8, 4, 4] and [16, 4, 4] cannot be broadcast together") << 4 << QByteArray("{name");
    QTest::newRow("concat mismatch")
        << net("  - {name: c, op: concat, inputs: [x, y], axis: 0}\n", "[{name: x, shape: [8, 4, 4]}, {name: y, shape: [8, 5, 4]}]")
        << QByteArray("input 'y' has shape [8, 5, 4], which does not match [8, 4, 4] outside axis 0") << 4
        << QByteArray("{name");

    // --- integer overflow: 1e9^3 = 1e27 elements > 2^40; 2^64 > int64
    QTest::newRow("huge shape") << net("  - {name: r, op: relu}\n", "[{name: x, shape: [1000000000, 1000000000, 1000000000]}]")
                                << QByteArray("has more than 2^40 elements") << 2 << QByteArray("{name");
    QTest::newRow("beyond int64") << net("  - {name: r, op: relu}\n", "[{name: x, shape: [18446744073709551616]}]")
                                  << QByteArray("must be an integer within range") << 2
                                  << QByteArray("18446744073709551616");
    // Regressions for signed overflows (UB) found by reading the shape code
    // while writing fuzz_yaml_network: pad 2^63-1 was added to the extent
    // before its range check.
    QTest::newRow("pad beyond range") << net("  - {name: p, op: pad, pads: [9223372036854775807, 0, 9223372036854775807, 0]}\n")
                                      << QByteArray("pad value 9223372036854775807 is out of range") << 4
                                      << QByteArray("{name");
    // SAME transposed conv: H = 2^40 * 2^31 = 2^71 overflows int64.
    QTest::newRow("transposed same overflow")
        << net("  - {name: t, op: conv_transpose2d, filters: 1, kernel: 1, stride: [2147483648, 1], padding: same}\n",
               "[{name: x, shape: [1, 1099511627776, 1]}]")
        << QByteArray("transposed convolution output extent overflows") << 4 << QByteArray("{name");
    // (in-1)*stride + dilation*(kernel-1) = (2^32-1)*2^31 + 2^31*(2^31-1)
    // = 2^63 + 2^62 - 2^32 > 2^63 - 1: the sum itself overflowed.
    QTest::newRow("transposed extent overflow")
        << net("  - {name: t, op: conv_transpose2d, filters: 1, kernel: [2147483648, 1], stride: [2147483648, 1], dilation: [2147483648, 1]}\n",
               "[{name: x, shape: [1, 4294967296, 1]}]")
        << QByteArray("transposed convolution output extent overflows") << 4 << QByteArray("{name");

    // --- deeply nested junk (the column is checked in deepNestingColumn)
    QTest::newRow("100000 nested [") << QByteArray("name: n\ninputs: ") + repeated("[", 100000)
                                     << QByteArray("brackets nest deeper than 64 levels") << 2
                                     << QByteArray();
    QTest::newRow("100000 nested {a:") << QByteArray("name: n\nlayers: ") + repeated("{a: ", 100000)
                                       << QByteArray("brackets nest deeper than 64 levels") << 2
                                       << QByteArray();
    // block nesting ("- - - ...") is guarded by yaml-cpp's own depth limit
    QTest::newRow("600 nested block lists") << QByteArray("name: n\nlayers:\n") + repeated("- ", 600) + "x\n"
                                            << QByteArray("nests too deeply") << 3 << QByteArray();
}

void TestYamlMalformed::rejects()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, problem);
    QFETCH(int, line);
    QFETCH(QByteArray, marker);
    try {
        readNetworkYaml(view(yaml), "case.yaml");
        QFAIL("the malformed network was accepted");
    } catch (const Error& error) {
        const QByteArray message = QByteArray::fromStdString(error.message());
        QVERIFY2(message.contains(problem), error.what());
        QCOMPARE(error.location().file, std::string("case.yaml"));
        QCOMPARE(error.location().line, line);
        if (!marker.isEmpty()) {
            const QByteArray lineText = yaml.split('\n').value(line - 1);
            const qsizetype index = lineText.indexOf(marker);
            QVERIFY2(index >= 0, "marker not on the expected line");
            QCOMPARE(error.location().column, static_cast<int>(index) + 1);
        }
    }
}

void TestYamlMalformed::deepNestingColumn()
{
    // "inputs: " is 8 columns, so bracket 65 (one past the limit of 64)
    // sits at column 8 + 65 = 73 of line 2.
    QCOMPARE(kMaxYamlFlowNesting, 64);
    try {
        readNetworkYaml(view("name: n\ninputs: " + repeated("[", 100000)), "deep.yaml");
        QFAIL("accepted");
    } catch (const Error& error) {
        QCOMPARE(error.location().line, 2);
        QCOMPARE(error.location().column, 73);
    }
}

void TestYamlMalformed::bracketsInsideScalarsAreNotNesting()
{
    // 100 brackets in a quoted string, a plain scalar and a comment are text,
    // not nesting; the network is valid.
    const QByteArray brackets = repeated("[", 100);
    const QByteArray yaml = "name: n\ndescription: \"" + brackets + "\"\nsource: a " + brackets + "\n# "
        + brackets + "\ninputs: [{name: x, shape: [4]}]\nlayers: [{name: r, op: relu}]\n";
    const Network network = readNetworkYaml(view(yaml), "ok.yaml");
    QCOMPARE(network.definition().description, std::string(100, '['));
    QCOMPARE(network.layers().size(), std::size_t{1});
}

void TestYamlMalformed::hugeSliceStepsAreExact()
{
    // Found reviewing the new slice op, confirmed by UBSan through the fuzz
    // target: steps of +-2^63 overflowed (UB) in the
    // ONNX Slice extent ceil((end - start) / step). Axis 1 of [8, 6]:
    // 0 -> 5 with step 2^63-1 takes one element (index 0); 5 -> 0 with
    // step -2^63 takes one element (index 5).
    const Network network = readNetworkYaml(
        "name: n\ninputs: [{name: x, shape: [8, 6]}]\nlayers:\n"
        "  - {name: a, op: slice, starts: [0], ends: [5], axes: [1], steps: [9223372036854775807]}\n"
        "  - {name: b, op: slice, inputs: [x], starts: [5], ends: [0], axes: [1], steps: [-9223372036854775808]}\n",
        "slice.yaml");
    QCOMPARE(network.tensor("a").shape, (Shape{8, 1}));
    QCOMPARE(network.tensor("b").shape, (Shape{8, 1}));
}

void TestYamlMalformed::statsOverflowNamesTheLayer()
{
    // A valid graph whose counts do not fit: a dense layer of 2^40 inputs
    // and 2^40 units has 2^80 weights. The error names the layer (line 4).
    const Network network = readNetworkYaml(view(net("  - {name: fc, op: dense, units: 1099511627776}\n",
                                                     "[{name: x, shape: [1099511627776]}]")),
                                            "wide.yaml");
    try {
        computeStats(network);
        QFAIL("an overflowing count was returned");
    } catch (const Error& error) {
        QVERIFY2(error.message().starts_with("layer 'fc' (dense): ") && error.message().find("overflows") != std::string::npos,
                 error.what());
        QCOMPARE(error.location().line, 4);
        QCOMPARE(error.location().column, 5);
    }
}

void TestYamlMalformed::oversizedTextIsRefusedBeforeParsing()
{
    // 16 MiB + 1 byte of otherwise valid YAML comments
    const std::string text(kMaxNetworkYamlBytes + 1, '#');
    try {
        readNetworkYaml(text, "big.yaml");
        QFAIL("an oversized text was parsed");
    } catch (const Error& error) {
        QVERIFY2(error.message().find("limited to 16 MiB") != std::string::npos, error.what());
        QCOMPARE(error.location().line, 0); // the whole file, not a line
    }
}

void TestYamlMalformed::oversizedFileIsRefusedBeforeReading()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("huge.yaml")).toStdString();
    {
        std::ofstream file(path, std::ios::binary);
        const std::string chunk(1024 * 1024, '[');
        for (int mebibyte = 0; mebibyte < 50; ++mebibyte)
            file << chunk;
    }
    try {
        loadNetwork(path);
        QFAIL("a 50 MB file was loaded");
    } catch (const Error& error) {
        QVERIFY2(error.message().find("the file is 50 MiB; the limit is 16 MiB") != std::string::npos,
                 error.what());
        QCOMPARE(error.location().file, path);
        QCOMPARE(error.location().line, 0);
    }
}

void TestYamlMalformed::fileErrorsNameThePath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("bad.yaml")).toStdString();
    std::ofstream(path) << net("  - {name: r, op: relu}\n  - {name: c, op: conv2d}\n").toStdString();
    try {
        loadNetwork(path);
        QFAIL("accepted");
    } catch (const Error& error) {
        QCOMPARE(error.location().file, path);
        QCOMPARE(error.location().line, 5);
        QVERIFY(std::string(error.what()).starts_with(path + ":5:5: "));
    }
    QVERIFY_THROWS_EXCEPTION(Error, loadNetwork(dir.filePath(QStringLiteral("absent.yaml")).toStdString()));
    QVERIFY_THROWS_EXCEPTION(Error, loadNetwork("network.onnx.txt"));
    QVERIFY_THROWS_EXCEPTION(Error, loadNetwork("zoo:no-such-network"));
}

QTEST_APPLESS_MAIN(TestYamlMalformed)
#include "tst_yaml_malformed.moc"
