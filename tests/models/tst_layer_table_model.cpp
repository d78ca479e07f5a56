// LayerTableModel and its proxy over the document, against hand-computed
// figures of LeNet-300-100 (resources/networks/lenet-300-100.yaml: a flatten
// of the [1, 28, 28] image, then dense 784->300, 300->100, 100->10).
#include "models/layer_filter_proxy_model.h"
#include "models/layer_table_model.h"
#include "models/studio_document.h"

#include "core/io/zoo.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using mdse::models::LayerFilterProxyModel;
using mdse::models::LayerTableModel;
using mdse::models::StudioDocument;

namespace {

const QString kLenet = QStringLiteral("zoo:lenet-300-100");

QString writeFile(const QTemporaryDir& dir, const char* name, const char* text)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text);
    return path;
}

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

} // namespace

class TestLayerTableModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void passesModelTester();
    void lenetRows_data();
    void lenetRows();
    void convVariantInOpColumn();
    void proxySortsByRawValueAndFilters();
    void badFileKeepsNetwork();

private:
    StudioDocument m_document;
};

void TestLayerTableModel::initTestCase()
{
    // Fixed locale so the group separator is ',' whatever the machine says.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(m_document.openNetwork(kLenet), QString());
}

void TestLayerTableModel::passesModelTester()
{
    StudioDocument document;
    LayerTableModel model(&document);
    LayerFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0); // no network yet
    QCOMPARE(document.openNetwork(kLenet), QString());
    proxy.sort(LayerTableModel::MacsColumn, Qt::DescendingOrder);
    proxy.setFilterText(QStringLiteral("fc"));
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:") + QString::fromStdString(mdse::core::zooIds().front())), QString());
    proxy.setFilterText(QString());
    QVERIFY(!QTest::currentTestFailed());
}

void TestLayerTableModel::lenetRows_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::addColumn<qlonglong>("params");
    QTest::addColumn<QString>("paramsText");
    QTest::addColumn<qlonglong>("macs");
    // Hand calculation: dense params = in*out + out, MACs = in*out; 784 = 1*28*28.
    QTest::newRow("flatten") << 0 << "flatten" << "flatten" << "[1, 28, 28]" << "[784]" << 0LL << "0" << 0LL;
    QTest::newRow("fc1") << 1 << "fc1" << "dense" << "[784]" << "[300]" << 235500LL << "235,500" << 235200LL;
    QTest::newRow("fc2") << 2 << "fc2" << "dense" << "[300]" << "[100]" << 30100LL << "30,100" << 30000LL;
    QTest::newRow("fc3") << 3 << "fc3" << "dense" << "[100]" << "[10]" << 1010LL << "1,010" << 1000LL;
}

void TestLayerTableModel::lenetRows()
{
    QFETCH(int, row);
    QFETCH(QString, name);
    QFETCH(QString, op);
    QFETCH(QString, input);
    QFETCH(QString, output);
    QFETCH(qlonglong, params);
    QFETCH(QString, paramsText);
    QFETCH(qlonglong, macs);
    LayerTableModel model(&m_document);
    // Four layers written in the zoo file (flatten, fc1, fc2, fc3).
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(cell(model, row, LayerTableModel::NameColumn), name);
    QCOMPARE(cell(model, row, LayerTableModel::OpColumn), op);
    QCOMPARE(cell(model, row, LayerTableModel::InputShapeColumn), input);
    QCOMPARE(cell(model, row, LayerTableModel::OutputShapeColumn), output);
    QCOMPARE(cell(model, row, LayerTableModel::ParamsColumn), paramsText);
    const int raw = LayerTableModel::RawValueRole;
    QCOMPARE(model.index(row, LayerTableModel::ParamsColumn).data(raw).toLongLong(), params);
    QCOMPARE(model.index(row, LayerTableModel::MacsColumn).data(raw).toLongLong(), macs);
}

void TestLayerTableModel::convVariantInOpColumn()
{
    QTemporaryDir dir;
    // Input [8, 16, 16]: groups == 8 input channels -> depthwise; 1x1
    // ungrouped -> pointwise; 3x3 ungrouped -> standard (no suffix).
    const QString path = writeFile(dir, "convs.yaml",
        "name: Convs\ninputs:\n  - {name: x, shape: [8, 16, 16]}\nlayers:\n"
        "  - {name: dw, op: conv2d, filters: 8, groups: 8, kernel: 3, padding: 1}\n"
        "  - {name: pw, op: conv2d, filters: 16, kernel: 1}\n"
        "  - {name: std, op: conv2d, filters: 4, kernel: 3}\n");
    StudioDocument document;
    QCOMPARE(document.openNetwork(path), QString());
    LayerTableModel model(&document);
    QCOMPARE(cell(model, 0, LayerTableModel::OpColumn), QStringLiteral("conv2d (depthwise)"));
    QCOMPARE(cell(model, 1, LayerTableModel::OpColumn), QStringLiteral("conv2d (pointwise)"));
    QCOMPARE(cell(model, 2, LayerTableModel::OpColumn), QStringLiteral("conv2d"));
    // std: 3x3 valid on 16x16 -> [4, 14, 14]; MACs 4*14*14*16*9 = 112,896.
    QCOMPARE(cell(model, 2, LayerTableModel::OutputShapeColumn), QStringLiteral("[4, 14, 14]"));
    QCOMPARE(cell(model, 2, LayerTableModel::MacsColumn), QStringLiteral("112,896"));
}

void TestLayerTableModel::proxySortsByRawValueAndFilters()
{
    LayerTableModel model(&m_document);
    LayerFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    // As text "30,100" > "235,500"; as numbers fc1 (235,500) is the largest.
    proxy.sort(LayerTableModel::ParamsColumn, Qt::DescendingOrder);
    QCOMPARE(cell(proxy, 0, LayerTableModel::NameColumn), QStringLiteral("fc1"));
    QCOMPARE(cell(proxy, 1, LayerTableModel::NameColumn), QStringLiteral("fc2"));
    QCOMPARE(cell(proxy, 3, LayerTableModel::NameColumn), QStringLiteral("flatten"));
    proxy.setFilterText(QStringLiteral("DENSE")); // op column, any case
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setFilterText(QStringLiteral("fc2")); // name column
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilterText(QStringLiteral("no such layer"));
    QCOMPARE(proxy.rowCount(), 0);
}

void TestLayerTableModel::badFileKeepsNetwork()
{
    QTemporaryDir dir;
    // Line 5, column 27 is where the misspelt key `unitz` starts.
    const QString path = writeFile(dir, "bad.yaml",
        "name: bad\ninputs:\n  - {name: x, shape: [4], type: f32}\nlayers:\n  - {name: fc, op: dense, unitz: 3}\n");
    StudioDocument document;
    QCOMPARE(document.openNetwork(kLenet), QString());
    LayerTableModel model(&document);
    QSignalSpy changed(&document, &StudioDocument::networkChanged);
    const QString error = document.openNetwork(path);
    QVERIFY2(error.contains(path + QStringLiteral(":5:27:")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("unitz")), qPrintable(error));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(document.sourceLabel(), kLenet);
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(!document.openNetwork(QStringLiteral("zoo:no-such-network")).isEmpty());
    QVERIFY(!document.openNetwork(dir.filePath(QStringLiteral("missing.yaml"))).isEmpty());
    QCOMPARE(document.networkName(), QStringLiteral("LeNet-300-100"));
}

QTEST_GUILESS_MAIN(TestLayerTableModel)
#include "tst_layer_table_model.moc"
