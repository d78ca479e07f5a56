// ScatterPlot, our scatter wrapper: points are held in ascending x with
// their tool tips, the nearest point under the mouse shows its tool tip.
#include "widgets/plot/scatter_plot.h"

#include <QToolTip>
#include <QtTest>

using mdse::widgets::ScatterPlot;

namespace {

ScatterPlot::Series unsorted()
{
    ScatterPlot::Series s;
    s.name = QStringLiteral("n = 2");
    s.color = Qt::blue;
    s.x = {5.0, 1.0, 3.0};
    s.y = {100, 300, 200};
    s.toolTips = {QStringLiteral("five"), QStringLiteral("one"), QStringLiteral("three")};
    return s;
}

} // namespace

class TestScatterPlot : public QObject {
    Q_OBJECT
private slots:
    void pointsSortedWithTheirToolTips();
    void referenceLineAndClear();
    void hoverShowsNearestPoint();
};

void TestScatterPlot::pointsSortedWithTheirToolTips()
{
    ScatterPlot plot;
    ScatterPlot::Series best;
    best.name = QStringLiteral("best");
    best.marker = ScatterPlot::Marker::Star;
    best.x = {3.0};
    best.y = {200};
    plot.setSeries({unsorted(), best});
    QCOMPARE(plot.seriesCount(), 2);
    QCOMPARE(plot.seriesName(1), QStringLiteral("best"));
    QCOMPARE(plot.seriesX(0), (QVector<double>{1.0, 3.0, 5.0}));
    QCOMPARE(plot.seriesY(0), (QVector<double>{300, 200, 100}));
    QCOMPARE(plot.pointToolTip(0, 0), QStringLiteral("one"));
    QCOMPARE(plot.pointToolTip(0, 2), QStringLiteral("five"));
    QCOMPARE(plot.pointToolTip(1, 0), QString()); // no tool tips given
    QCOMPARE(plot.pointToolTip(0, 3), QString());
}

void TestScatterPlot::referenceLineAndClear()
{
    ScatterPlot plot;
    plot.setSeries({unsorted()});
    plot.setReferenceLine(1470, QStringLiteral("per-layer peak"), Qt::gray);
    QVERIFY(plot.hasReferenceLine());
    QCOMPARE(plot.referenceValue(), 1470.0);
    QCOMPARE(plot.referenceLabel(), QStringLiteral("per-layer peak"));
    plot.setLimitLine(20, QStringLiteral("limit"), Qt::green);
    QVERIFY(plot.hasLimitLine());
    QCOMPARE(plot.limitValue(), 20.0);
    // setSeries fits x to the points (1..5 with 8 % margins: 0.68..5.32);
    // setXRange overrides that until the next setSeries.
    QVERIFY(qAbs(plot.xRangeLower() - 0.68) < 1e-9);
    QVERIFY(qAbs(plot.xRangeUpper() - 5.32) < 1e-9);
    plot.setXRange(0, 2);
    QCOMPARE(plot.xRangeUpper(), 2.0);
    plot.setSeries({unsorted()});
    QVERIFY(qAbs(plot.xRangeUpper() - 5.32) < 1e-9);
    plot.clear();
    QCOMPARE(plot.seriesCount(), 0);
    QVERIFY(!plot.hasReferenceLine());
    QVERIFY(!plot.hasLimitLine());
}

void TestScatterPlot::hoverShowsNearestPoint()
{
    ScatterPlot plot;
    plot.resize(600, 400);
    plot.setSeries({unsorted()});
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    QCoreApplication::processEvents();
    auto* canvas = plot.findChild<QWidget*>(QStringLiteral("plotCanvas"));
    QVERIFY(canvas);
    const QPoint three = plot.pointPosition(0, 1);
    QCOMPARE(plot.pointAt(three + QPoint(3, -2)), (std::pair<int, int>{0, 1}));
    QCOMPARE(plot.pointAt(three + QPoint(40, 40)), (std::pair<int, int>{-1, -1}));
    QTest::mouseMove(canvas, three);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("three"));
}

QTEST_MAIN(TestScatterPlot)
#include "tst_scatter_plot.moc"
