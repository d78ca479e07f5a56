// Opening ONNX (and YAML) files in the real studio window: drag and drop of
// committed files, refused file types, bad files, and the input-shape
// dialog for a model with symbolic spatial dimensions (built here through
// the protobuf API).
#include "app/studio/main_window.h"

#include "core/graph/layer_stats.h"
#include "models/studio_document.h"
#include "tests/core/tst_onnx_builder.h"
#include "widgets/input_shape_dialog.h"
#include "widgets/layer_table_view.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using mdse::app::MainWindow;
using mdse::models::StudioDocument;
using mdse::widgets::InputShapeDialog;

namespace {

QString sourceFile(const char* relative)
{
    return QStringLiteral(MDSE_SOURCE_DIR "/") + QString::fromLatin1(relative);
}

// Sends a drag enter and, if accepted, a drop of `paths` onto the window;
// returns whether the drop was accepted.
bool dropFiles(MainWindow& window, const QStringList& paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    const QPoint at = window.rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    return drop.isAccepted();
}

QMessageBox* errorBox(MainWindow& window)
{
    return window.findChild<QMessageBox*>(QStringLiteral("errorBox"));
}

// image [batch, 3, height, width] -> Conv 8 filters 3x3, no padding -> y.
void writeSymbolicConv(const QString& path)
{
    mdse::test::OnnxBuilder b;
    b.input("image", {0, 3, 0, 0});
    b.filled("w", {8, 3, 3, 3});
    b.node("Conv", {"image", "w"}, {"y"}, "conv");
    b.output("y");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const std::string bytes = b.bytes();
    file.write(bytes.data(), static_cast<qint64>(bytes.size()));
}

} // namespace

class TestOnnxOpen : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void dropOnnxOpensIt();
    void dropYamlOpensFirstOpenableFile();
    void dropOfOtherFilesIsRefused();
    void badOnnxShowsErrorAndKeepsNetwork();
    void symbolicDimensionsAskForShape();
    void cancelledShapeDialogOpensNothing();
    void dialogInGerman();

private:
    QTemporaryDir m_dir;
};

void TestOnnxOpen::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MicroDSE-tests"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
    writeSymbolicConv(m_dir.filePath(QStringLiteral("conv.onnx")));
}

void TestOnnxOpen::dropOnnxOpensIt()
{
    StudioDocument document;
    MainWindow window(&document);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.acceptDrops());
    QVERIFY(dropFiles(window, {sourceFile("tests/data/onnx/lenet5.onnx")}));
    QTRY_VERIFY(document.hasNetwork());
    QVERIFY(!errorBox(window));
    // LeNet-5 (Caffe, resources/networks/lenet5.yaml), by hand:
    // conv1 20x24x24 x 1x5x5 = 288,000; conv2 50x8x8 x 20x5x5 = 1,600,000;
    // ip1 800x500 = 400,000; ip2 500x10 = 5,000; total 2,293,000 MACs.
    QCOMPARE(document.stats().totals.macs, std::int64_t(2'293'000));
    // Same layers as the YAML version: conv, pool, conv, pool, flatten, dense, dense.
    QCOMPARE(document.network().layers().size(), std::size_t(7));
    StudioDocument yaml;
    QCOMPARE(yaml.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    QCOMPARE(yaml.network().layers().size(), document.network().layers().size());
    QCOMPARE(yaml.stats().totals.params, document.stats().totals.params);
    QCOMPARE(window.layerView()->table()->model()->rowCount(), 7);
    QVERIFY(document.sourceLabel().endsWith(QStringLiteral("lenet5.onnx")));
}

void TestOnnxOpen::dropYamlOpensFirstOpenableFile()
{
    QFile text(m_dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("not a network\n");
    text.close();
    StudioDocument document;
    MainWindow window(&document);
    // The .txt is skipped; of the two networks the first one opens.
    QVERIFY(dropFiles(window, {text.fileName(), sourceFile("resources/networks/lenet-300-100.yaml"),
                               sourceFile("tests/data/onnx/lenet5.onnx")}));
    QTRY_VERIFY(document.hasNetwork());
    // LeNet-300-100: 784x300 + 300x100 + 100x10 = 266,200 MACs.
    QCOMPARE(document.stats().totals.macs, std::int64_t(266'200));
    QVERIFY(document.sourceLabel().endsWith(QStringLiteral("lenet-300-100.yaml")));
}

void TestOnnxOpen::dropOfOtherFilesIsRefused()
{
    QFile text(m_dir.filePath(QStringLiteral("model.txt")));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("name: x\n");
    text.close();
    StudioDocument document;
    MainWindow window(&document);
    QVERIFY(!dropFiles(window, {text.fileName()}));
    // A drop arriving without an accepted enter is refused too.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(text.fileName())});
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(!drop.isAccepted());
    // Not a local file, and plain text without URLs.
    QVERIFY(!dropFiles(window, {}));
    QMimeData remote;
    remote.setUrls({QUrl(QStringLiteral("https://example.org/model.onnx"))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &remote, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(!enter.isAccepted());
    QTest::qWait(20);
    QVERIFY(!document.hasNetwork());
    QVERIFY(!errorBox(window));
}

void TestOnnxOpen::badOnnxShowsErrorAndKeepsNetwork()
{
    const QString bad = m_dir.filePath(QStringLiteral("broken.onnx"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a protobuf message");
    file.close();
    StudioDocument document;
    MainWindow window(&document);
    QVERIFY(window.openNetwork(QStringLiteral("zoo:lenet-300-100")));
    QVERIFY(dropFiles(window, {bad}));
    QTRY_VERIFY(errorBox(window));
    QVERIFY(errorBox(window)->informativeText().contains(QStringLiteral("broken.onnx")));
    QCOMPARE(document.stats().totals.macs, std::int64_t(266'200)); // unchanged
}

void TestOnnxOpen::symbolicDimensionsAskForShape()
{
    StudioDocument document;
    MainWindow window(&document);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(dropFiles(window, {m_dir.filePath(QStringLiteral("conv.onnx"))}));
    InputShapeDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<InputShapeDialog*>()) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(!document.hasNetwork()); // nothing opens before the shape is known
    QSpinBox* height = dialog->spinBox(QStringLiteral("image"), 2);
    QSpinBox* width = dialog->spinBox(QStringLiteral("image"), 3);
    QVERIFY(height && width);
    height->selectAll();
    QTest::keyClicks(height, QStringLiteral("32"));
    width->selectAll();
    QTest::keyClicks(width, QStringLiteral("40"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(document.hasNetwork());
    QVERIFY(!errorBox(window));
    // 3x32x40 input, 8 filters 3x3 valid: 8 x 30 x 38 outputs x 27 MACs = 246,240.
    QCOMPARE(document.network().inputs().at(0).shape, (mdse::core::Shape{3, 32, 40}));
    QCOMPARE(document.stats().totals.macs, std::int64_t(246'240));
    QTRY_VERIFY(!window.findChild<InputShapeDialog*>()); // deleted once finished
}

void TestOnnxOpen::cancelledShapeDialogOpensNothing()
{
    StudioDocument document;
    MainWindow window(&document);
    QVERIFY(window.openNetwork(QStringLiteral("zoo:lenet-300-100")));
    QVERIFY(!window.openNetwork(m_dir.filePath(QStringLiteral("conv.onnx")))); // asks first
    auto* dialog = window.findChild<InputShapeDialog*>();
    QVERIFY(dialog);
    dialog->reject();
    QTest::qWait(20);
    QVERIFY(document.sourceLabel() == QStringLiteral("zoo:lenet-300-100"));
    QVERIFY(!errorBox(window));
}

void TestOnnxOpen::dialogInGerman()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/microdse_de.qm")));
    QCoreApplication::installTranslator(&translator);
    StudioDocument document;
    MainWindow window(&document);
    window.openNetwork(m_dir.filePath(QStringLiteral("conv.onnx")));
    auto* dialog = window.findChild<InputShapeDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Eingabeformen"));
    QVERIFY(dialog->spinBox(QStringLiteral("image"), 2)->toolTip().startsWith(QStringLiteral("Achse 2")));
    dialog->reject();
    QCoreApplication::removeTranslator(&translator);
}

QTEST_MAIN(TestOnnxOpen)
#include "tst_onnx_open.moc"
