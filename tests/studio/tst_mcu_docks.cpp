// The studio window hosts the MCU memory and roofline docks over one
// evaluation: the View menu toggles them, the layer table's current row
// highlights its layer in both, and clicking a roofline point selects that
// layer in the table (zoo:dscnn-s on the STM32F746).
#include "app/studio/main_window.h"

#include "models/studio_document.h"
#include "widgets/layer_table_view.h"
#include "widgets/memory_view.h"
#include "widgets/plot/roofline_plot.h"
#include "widgets/roofline_view.h"

#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

using mdse::app::MainWindow;
using mdse::models::StudioDocument;

namespace {

QString currentLayer(MainWindow& window)
{
    const QModelIndex current = window.layerView()->table()->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data().toString() : QString();
}

} // namespace

class TestMcuDocks : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void docksAndViewMenu();
    void tableRowHighlightsAndRooflineClickSelects();
};

void TestMcuDocks::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MicroDSE-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mcu_docks"));
    QSettings().clear(); // no remembered window layout
}

void TestMcuDocks::docksAndViewMenu()
{
    StudioDocument document;
    MainWindow window(&document);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* memoryDock = window.findChild<QDockWidget*>(QStringLiteral("mcuMemoryDock"));
    auto* rooflineDock = window.findChild<QDockWidget*>(QStringLiteral("rooflineDock"));
    QVERIFY(memoryDock && rooflineDock);
    QCOMPARE(window.dockWidgetArea(memoryDock), Qt::BottomDockWidgetArea);
    QCOMPARE(window.tabifiedDockWidgets(memoryDock), QList<QDockWidget*>{rooflineDock});
    auto* viewMenu = window.findChild<QMenu*>(QStringLiteral("viewMenu"));
    QVERIFY(viewMenu->actions().contains(rooflineDock->toggleViewAction()));
    QVERIFY(viewMenu->actions().contains(memoryDock->toggleViewAction()));
    rooflineDock->toggleViewAction()->trigger();
    QVERIFY(!rooflineDock->isVisible());
}

void TestMcuDocks::tableRowHighlightsAndRooflineClickSelects()
{
    StudioDocument document;
    QVERIFY(document.setTargetId(QStringLiteral("stm32f746")).isEmpty());
    MainWindow window(&document);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openNetwork(QStringLiteral("zoo:dscnn-s")));
    auto* memory = window.findChild<mdse::widgets::MemoryView*>();
    auto* roofline = window.findChild<mdse::widgets::RooflineView*>();
    QVERIFY(memory && roofline);
    // A click on ds2_pw's row in the table highlights it in both views.
    QTableView* table = window.layerView()->table();
    const QModelIndexList hits = table->model()->match(table->model()->index(0, 0), Qt::DisplayRole,
                                                       QStringLiteral("ds2_pw"), 1, Qt::MatchExactly);
    QCOMPARE(hits.size(), 1);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(hits.front()).center());
    QCOMPARE(memory->highlightedLayer(), QStringLiteral("ds2_pw"));
    QCOMPARE(roofline->highlightedLayer(), QStringLiteral("ds2_pw"));
    // Clicking fc1's flash point (the last one: fc1 runs last) selects fc1 in the table.
    window.findChild<QDockWidget*>(QStringLiteral("rooflineDock"))->raise();
    QTest::qWait(50);
    mdse::widgets::RooflinePlot* plot = roofline->plot();
    const QString flash = QStringLiteral("flash");
    const int last = plot->pointCount(flash) - 1;
    QCOMPARE(plot->pointName(flash, last), QStringLiteral("fc1"));
    QTest::mouseClick(plot->canvas(), Qt::LeftButton, {}, plot->pixelOf(plot->pointPosition(flash, last)));
    QCOMPARE(currentLayer(window), QStringLiteral("fc1"));
    QCOMPARE(memory->highlightedLayer(), QStringLiteral("fc1"));
    // A layer hidden by the filter is still found: the filter clears.
    window.layerView()->filterEdit()->setText(QStringLiteral("pool")); // shows avg_pool only
    QVERIFY(window.layerView()->selectLayer(QStringLiteral("ds3_dw")));
    QVERIFY(window.layerView()->filterEdit()->text().isEmpty());
    QCOMPARE(currentLayer(window), QStringLiteral("ds3_dw"));
    QVERIFY(!window.layerView()->selectLayer(QStringLiteral("no_such_layer")));
}

QTEST_MAIN(TestMcuDocks)
#include "tst_mcu_docks.moc"
