// `microdse analyze --config` and `microdse precision-search` (issue #4):
// the documented config applies from the CLI and adds the compression
// fields to the JSON.
#include "app/cli/cli.h"
#include "core/util/error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

namespace {

QJsonObject runJson(const std::string& command, std::vector<std::string> arguments)
{
    std::ostringstream out, err;
    arguments.insert(arguments.begin(), command);
    const int code = mdse::app::runCli(arguments, out, err);
    if (code != 0)
        qWarning("exit %d: %s", code, err.str().c_str());
    return QJsonDocument::fromJson(QByteArray::fromStdString(out.str())).object();
}

qint64 integer(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toInteger(-1);
}

} // namespace

class TestCliDesignConfig : public QObject {
    Q_OBJECT
private slots:
    void analyzeWithConfig();
    void unknownLayerIsOneLocatedError();
    void precisionSearchWritesAConfig();
    void sameDesignSameBytesWithOrWithoutTarget();
};

void TestCliDesignConfig::analyzeWithConfig()
{
    // LeNet-300-100 (784-300-100-10): int8 everywhere, fc1 90% sparse in
    // bitmap format. fc1: 235,200 weights -> 23,520 non-zeros; bytes =
    // 23,520 values + 235,200 bits (29,400 B) + 300 int32 biases (1,200 B)
    // + one fp32 scale (4 B) = 54,124. fc2: 30,000 + 400 + 4 = 30,404;
    // fc3: 1,000 + 40 + 4 = 1,044. Total 85,572; fp32 = 4 x 266,610 = 1,066,440.
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("design.yaml")).toStdString();
    std::ofstream(path) << "defaults: {weightBits: 8, activationBits: 8}\n"
                           "layers:\n  fc1: {pruning: unstructured, sparsity: 0.9, format: bitmap}\n";
    const QJsonObject report = runJson("analyze", {"zoo:lenet-300-100", "--config", path, "--format", "json"});
    const QJsonArray layers = report.value(QLatin1String("layers")).toArray();
    QCOMPARE(layers.size(), 4);
    const QJsonObject fc1 = layers.at(1).toObject();
    QCOMPARE(integer(fc1, "params"), qint64(235500)); // the existing fields stay
    QCOMPARE(integer(fc1, "weightBits"), qint64(8));
    QCOMPARE(integer(fc1, "nonZeroWeights"), qint64(23520));
    QCOMPARE(integer(fc1, "weightBytes"), qint64(54124));
    QCOMPARE(integer(fc1, "activationBytes"), qint64(300));
    QCOMPARE(integer(fc1, "effectiveMacs"), qint64(23520));
    QCOMPARE(integer(fc1, "bops"), qint64(23520 * 64));
    QCOMPARE(fc1.value(QLatin1String("sparsity")).toDouble(), 0.9);
    const QJsonObject totals = report.value(QLatin1String("totals")).toObject();
    QCOMPARE(integer(totals, "weightBytes"), qint64(85572));
    QCOMPARE(totals.value(QLatin1String("compressionRatio")).toDouble(), 1066440.0 / 85572.0);
}

void TestCliDesignConfig::unknownLayerIsOneLocatedError()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("bad.yaml")).toStdString();
    std::ofstream(path) << "defaults: {weightBits: 8}\nlayers:\n  fc9: {weightBits: 4}\n";
    std::ostringstream out, err;
    QCOMPARE(mdse::app::runCli({"analyze", "zoo:lenet-300-100", "--config", path}, out, err), 1);
    QVERIFY2(err.str().find("microdse analyze: " + path + ":3:3: unknown layer 'fc9'") == 0, err.str().c_str());
    const std::string text = err.str();
    QCOMPARE(std::count(text.begin(), text.end(), '\n'), 1L);
}

void TestCliDesignConfig::precisionSearchWritesAConfig()
{
    // The written config, analysed, gives back the searched flash bytes.
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("searched.yaml")).toStdString();
    const QJsonObject search = runJson("precision-search",
                                       {"zoo:lenet5", "--flash-budget", "200000", "--format", "json", "--write-config", path});
    QVERIFY(search.value(QLatin1String("feasible")).toBool());
    const qint64 flash = integer(search.value(QLatin1String("totals")).toObject(), "flashBytes");
    QVERIFY(flash > 0 && flash <= 200000);
    const QJsonObject report = runJson("analyze", {"zoo:lenet5", "--config", path, "--format", "json"});
    QCOMPARE(integer(report.value(QLatin1String("totals")).toObject(), "weightBytes"), flash);
}

void TestCliDesignConfig::sameDesignSameBytesWithOrWithoutTarget()
{
    // The same design (precision given, one layer pruned) reports the same
    // stored weight bytes per layer with and without an MCU target: one
    // storage rule (core/compress) whatever the analysis.
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("design.yaml")).toStdString();
    std::ofstream(path) << "defaults: {weightBits: 8, activationBits: 8}\n"
                           "layers:\n  b2_expand: {sparsity: 0.5, pruning: unstructured, format: csr}\n";
    const QJsonObject plain = runJson("analyze", {"zoo:mobilenetv2-1.0-224", "--config", path, "--format", "json"});
    const QJsonObject mcu = runJson("analyze", {"zoo:mobilenetv2-1.0-224", "--config", path, "--target", "stm32f746",
                                                "--format", "json"});
    const auto bytesOf = [](const QJsonObject& report, const char* layer) {
        for (const QJsonValue& row : report.value(QLatin1String("layers")).toArray())
            if (row.toObject().value(QLatin1String("name")).toString() == QLatin1String(layer))
                return integer(row.toObject(), "weightBytes");
        return qint64(-1);
    };
    // b2_expand: 1x1 conv 16 -> 96 (torchvision's features.2.conv.0), 1,536 weights, 768 kept:
    // 768 int8 values + CSR (768 column indices of ceil(log2 16) = 4 bits + 97 row
    // pointers of 32 bits = 3,072 + 3,104 bits = 772 B) + 4 B scale; its
    // batchnorm folds into it under the MCU target, giving it 96 int32
    // biases (384 B) that the unfolded conv does not have.
    QCOMPARE(bytesOf(plain, "b2_expand"), qint64(768 + 772 + 4));
    QCOMPARE(bytesOf(mcu, "b2_expand"), qint64(768 + 772 + 4 + 384));
    // A layer without a batchnorm after it (the classifier) is equal in both.
    QCOMPARE(bytesOf(plain, "classifier"), bytesOf(mcu, "classifier"));
    QCOMPARE(bytesOf(mcu, "classifier"), qint64(1280 * 1000 + 4 + 1000 * 4)); // int8 values + scale + int32 biases
}

QTEST_APPLESS_MAIN(TestCliDesignConfig)
#include "tst_cli_design_config.moc"
