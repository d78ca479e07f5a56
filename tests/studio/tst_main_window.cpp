// The real studio window over a real document: menus, errors, targets,
// start-up options and the German translation.
#include "app/studio/main_window.h"
#include "app/studio/studio_startup.h"

#include "models/studio_document.h"
#include "widgets/layer_table_view.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using mdse::app::MainWindow;
using mdse::models::StudioDocument;

namespace {

const QString kLenet = QStringLiteral("zoo:lenet-300-100");

int shownRows(const MainWindow& window)
{
    return window.layerView()->table()->model()->rowCount();
}

QMessageBox* takeErrorBox(MainWindow& window)
{
    auto* box = window.findChild<QMessageBox*>(QStringLiteral("errorBox"));
    if (box)
        box->setObjectName(QStringLiteral("seenErrorBox")); // the next lookup finds only a new one
    return box;
}

QStringList menuTitles(const QMainWindow& window)
{
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void zooMenuOpensNetwork();
    void badYamlShowsErrorAndKeepsNetwork();
    void targetChangeUpdatesSummaryAndTitle();
    void startupOptions();
    void germanTranslation();
    void quitClosesWindow();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MicroDSE-tests"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestMainWindow::zooMenuOpensNetwork()
{
    StudioDocument document;
    QCOMPARE(document.setTargetId(QStringLiteral("stm32f746")), QString());
    MainWindow window(&document);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* zooMenu = window.findChild<QMenu*>(QStringLiteral("zooMenu"));
    QVERIFY(zooMenu);
    QVERIFY(window.menuBar()->actions().contains(zooMenu->menuAction()));
    QAction* lenet = zooMenu->findChild<QAction*>(kLenet);
    QVERIFY(lenet);
    QSignalSpy changed(&document, &StudioDocument::networkChanged);
    lenet->trigger();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(document.sourceLabel(), kLenet);
    QCOMPARE(shownRows(window), 4); // flatten, fc1, fc2, fc3
    QVERIFY2(window.windowTitle().contains(QStringLiteral("LeNet-300-100")), qPrintable(window.windowTitle()));
    QVERIFY2(window.windowTitle().contains(QStringLiteral("STM32F746NG")), qPrintable(window.windowTitle()));
}

void TestMainWindow::badYamlShowsErrorAndKeepsNetwork()
{
    StudioDocument document;
    MainWindow window(&document);
    QVERIFY(window.openNetwork(kLenet));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    // Line 5, column 5: a layer that is a plain string instead of a mapping.
    file.write("name: broken\ninputs:\n  - {name: x, shape: [4]}\nlayers:\n  - just a string\n");
    file.close();
    QSignalSpy changed(&document, &StudioDocument::networkChanged);
    QVERIFY(!window.openNetwork(path));
    QCOMPARE(changed.count(), 0);
    QMessageBox* box = takeErrorBox(window);
    QVERIFY(box);
    QVERIFY(box->isVisible()); // non-blocking: the application keeps running
    QVERIFY2(box->informativeText().startsWith(path + QStringLiteral(":5:5:")), qPrintable(box->informativeText()));
    box->accept();
    QCOMPARE(shownRows(window), 4);
    QCOMPARE(document.networkName(), QStringLiteral("LeNet-300-100"));
    QVERIFY(window.windowTitle().contains(QStringLiteral("LeNet-300-100")));
}

void TestMainWindow::targetChangeUpdatesSummaryAndTitle()
{
    StudioDocument document;
    QCOMPARE(document.setTargetId(QStringLiteral("stm32f746")), QString());
    MainWindow window(&document);
    QVERIFY(window.openNetwork(kLenet));
    auto* sram = window.findChild<QLabel*>(QStringLiteral("targetSram"));
    QVERIFY(sram);
    // DS10916: 320 KB SRAM = 320 * 1024 B = 327,680 B = 327.68 kB.
    QCOMPARE(sram->text(), QStringLiteral("320 KiB = 327.68 kB (327,680 B)"));
    mdse::hwlib::McuTarget other;
    other.id = "test-part";
    other.name = "Test part";
    other.core = "Cortex-M4";
    other.clockHz = 64'000'000;
    other.sramBytes = 64 * 1024; // 64 KiB = 65.536 kB -> 65.54 kB
    other.flashBytes = 256 * 1024;
    document.setTarget(other);
    QCOMPARE(sram->text(), QStringLiteral("64 KiB = 65.54 kB (65,536 B)"));
    QVERIFY2(window.windowTitle().contains(QStringLiteral("Test part")), qPrintable(window.windowTitle()));
    // Back to the catalogue part through the Target menu.
    auto* targetMenu = window.findChild<QMenu*>(QStringLiteral("targetMenu"));
    QVERIFY(targetMenu);
    QAction* stm = targetMenu->findChild<QAction*>(QStringLiteral("target:stm32f746"));
    QVERIFY(stm);
    stm->trigger();
    QCOMPARE(sram->text(), QStringLiteral("320 KiB = 327.68 kB (327,680 B)"));
    QVERIFY(window.windowTitle().contains(QStringLiteral("STM32F746NG")));
    QVERIFY(stm->isChecked());
}

void TestMainWindow::startupOptions()
{
    const auto options = mdse::app::parseStartupOptions(
        {QStringLiteral("microdse-studio"), kLenet, QStringLiteral("--target"), QStringLiteral("stm32f746")});
    QCOMPARE(options.network, kLenet);
    QCOMPARE(options.targetId, QStringLiteral("stm32f746"));
    QVERIFY(mdse::app::defaultNetwork().startsWith(QStringLiteral("zoo:")));

    StudioDocument document;
    MainWindow window(&document);
    mdse::app::openStartupDesign(window, document, options);
    QCOMPARE(document.sourceLabel(), kLenet);
    QCOMPARE(document.target().id, std::string("stm32f746"));
    QVERIFY(!takeErrorBox(window));

    // Unknown target and missing file: both reported, defaults kept.
    StudioDocument fallback;
    MainWindow fallbackWindow(&fallback);
    mdse::app::openStartupDesign(fallbackWindow, fallback,
                                 {QStringLiteral("/no/such/network.yaml"), QStringLiteral("no-such-mcu"), {}});
    QVERIFY(takeErrorBox(fallbackWindow));
    QVERIFY(takeErrorBox(fallbackWindow));
    QCOMPARE(fallback.target().id, std::string("stm32f746"));
    QCOMPARE(fallback.sourceLabel(), mdse::app::defaultNetwork());
}

void TestMainWindow::germanTranslation()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/microdse_de.qm")));
    QCoreApplication::installTranslator(&translator);
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // '.' groups thousands
    StudioDocument document;
    MainWindow window(&document);
    QVERIFY(window.openNetwork(kLenet));
    const QStringList titles = menuTitles(window);
    QVERIFY2(titles.contains(QStringLiteral("&Datei")), qPrintable(titles.join(QLatin1Char('|'))));
    QVERIFY2(titles.contains(QStringLiteral("&Ansicht")), qPrintable(titles.join(QLatin1Char('|'))));
    const QString header = window.layerView()->table()->model()->headerData(0, Qt::Horizontal).toString();
    QCOMPARE(header, QStringLiteral("Schicht"));
    QVERIFY(window.layerView()->totalsLabel()->text().startsWith(QStringLiteral("Schichten 4 · Parameter 266.610 (267 k)")));
    QCoreApplication::removeTranslator(&translator);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestMainWindow::quitClosesWindow()
{
    StudioDocument document;
    MainWindow window(&document);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* quit = window.findChild<QAction*>(QStringLiteral("quitAction"));
    QVERIFY(quit);
    quit->trigger();
    QVERIFY(!window.isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
