// The studio window hosts the systolic-array dock: the View menu toggles
// it, and clicking a row of the layer table simulates that layer
// (zoo:lenet5: conv1, pool1, conv2, pool2, flatten, ip1, ip2).
#include "app/studio/main_window.h"

#include "models/layer_table_model.h"
#include "models/studio_document.h"
#include "models/systolic_simulation.h"
#include "widgets/layer_table_view.h"
#include "widgets/systolic_array_view.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTranslator>
#include <QtTest>

using mdse::app::MainWindow;
using mdse::models::StudioDocument;
using mdse::models::SystolicSimulation;
using mdse::widgets::SystolicArrayView;

namespace {

constexpr int kWaitMs = 20000;

// Clicks the name cell of the table row showing `layer`.
bool clickLayerRow(MainWindow& window, const QString& layer)
{
    QTableView* table = window.layerView()->table();
    const QModelIndexList hits =
        table->model()->match(table->model()->index(0, 0), Qt::DisplayRole, layer, 1, Qt::MatchExactly);
    if (hits.isEmpty())
        return false;
    table->scrollTo(hits.front());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(hits.front()).center());
    return true;
}

QString labelText(const QWidget& widget, const char* name)
{
    const auto* label = widget.findChild<QLabel*>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

} // namespace

class TestSystolicDock : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void viewMenuTogglesDock();
    void clickingALayerRowSimulatesIt();
    void germanTranslation();
};

void TestSystolicDock::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MicroDSE-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_systolic_dock"));
    QSettings().clear(); // no remembered window layout or array
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestSystolicDock::viewMenuTogglesDock()
{
    StudioDocument document;
    MainWindow window(&document);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("systolicDock"));
    QVERIFY(dock);
    QVERIFY(dock->isVisible());
    QCOMPARE(window.dockWidgetArea(dock), Qt::RightDockWidgetArea);
    auto* viewMenu = window.findChild<QMenu*>(QStringLiteral("viewMenu"));
    QVERIFY(viewMenu);
    QVERIFY(viewMenu->actions().contains(dock->toggleViewAction()));
    dock->toggleViewAction()->trigger();
    QVERIFY(!dock->isVisible());
    dock->toggleViewAction()->trigger();
    QVERIFY(dock->isVisible());
}

void TestSystolicDock::clickingALayerRowSimulatesIt()
{
    StudioDocument document;
    MainWindow window(&document);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openNetwork(QStringLiteral("zoo:lenet5")));
    auto* view = window.findChild<SystolicArrayView*>();
    QVERIFY(view);
    SystolicSimulation* simulation = view->simulation();
    QCOMPARE(simulation->selectedLayer(), QStringLiteral("conv1")); // the first array layer

    QVERIFY(clickLayerRow(window, QStringLiteral("ip1")));
    QCOMPARE(simulation->selectedLayer(), QStringLiteral("ip1"));
    QTRY_COMPARE_WITH_TIMEOUT(simulation->status(), SystolicSimulation::Status::Ready, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!simulation->isBusy(), kWaitMs);
    // ip1, dense 800 -> 500 on 32 x 32 OS: 16 column folds of 800 + 62 = 862
    // cycles: 16 * 862 - 1 = 13,791.
    QCOMPARE(labelText(*view, "systolicTotalCycles"), QStringLiteral("13,791"));
    QVERIFY(labelText(*view, "systolicLayer").startsWith(QStringLiteral("ip1 (dense)")));

    QVERIFY(clickLayerRow(window, QStringLiteral("pool1")));
    QCOMPARE(labelText(*view, "systolicLayer"), QStringLiteral("pool1: not a convolution or dense layer"));

    // Sorted by MACs the rows move; the click still names the right layer.
    window.layerView()->table()->sortByColumn(mdse::models::LayerTableModel::MacsColumn, Qt::DescendingOrder);
    QVERIFY(clickLayerRow(window, QStringLiteral("conv2")));
    QCOMPARE(simulation->selectedLayer(), QStringLiteral("conv2"));
    QTRY_VERIFY_WITH_TIMEOUT(simulation->result() && !simulation->isBusy(), kWaitMs);
    // conv2: M = 8*8 = 64, K = 5*5*20 = 500, N = 50: 2 row folds x 2 column
    // folds of 500 + 62 = 562 cycles: 4 * 562 - 1 = 2,247.
    QCOMPARE(labelText(*view, "systolicTotalCycles"), QStringLiteral("2,247"));
}

void TestSystolicDock::germanTranslation()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/microdse_de.qm")));
    QCoreApplication::installTranslator(&translator);
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // '.' groups thousands
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet5")), QString());
    MainWindow window(&document);
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("systolicDock"));
    QVERIFY(dock);
    QCOMPARE(dock->windowTitle(), QStringLiteral("Systolisches Array"));
    auto* view = window.findChild<SystolicArrayView*>();
    QTRY_VERIFY_WITH_TIMEOUT(view->simulation()->result() && !view->simulation()->isBusy(), kWaitMs);
    QVERIFY(labelText(*view, "systolicLayer").startsWith(QStringLiteral("conv1 (Faltung)")));
    QCOMPARE(labelText(*view, "systolicTotalCycles"), QStringLiteral("1.565")); // 18 * 87 - 1
    view->simulation()->setSelectedLayer(QStringLiteral("pool1"));
    QCOMPARE(labelText(*view, "systolicLayer"), QStringLiteral("pool1: keine Faltungs- oder Dense-Schicht"));
    QCoreApplication::removeTranslator(&translator);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

QTEST_MAIN(TestSystolicDock)
#include "tst_systolic_dock.moc"
