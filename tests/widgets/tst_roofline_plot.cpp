// The roofline plot wrapper alone, on hand-made ceilings and points whose
// geometry is checked by hand below.
#include "widgets/plot/roofline_plot.h"

#include <QSignalSpy>
#include <QToolTip>
#include <QtTest>

using mdse::widgets::RooflinePlot;

namespace {

constexpr double kRelTol = 1e-12; // the plot stores the numbers it is given, up to one division

bool near(double actual, double expected)
{
    return std::abs(actual - expected) <= kRelTol * std::abs(expected);
}

// Peaks 100 and 50 Mops/s; bandwidths 50 and 200 MB/s. Ridges under the
// highest peak: 100e6 / 50e6 = 2 op/B and 100e6 / 200e6 = 0.5 op/B.
RooflinePlot::Data handMade()
{
    RooflinePlot::Data d;
    d.compute = {{QStringLiteral("peak"), 100e6}, {QStringLiteral("half"), 50e6}};
    d.bandwidth = {{QStringLiteral("slow"), 50e6}, {QStringLiteral("fast"), 200e6}};
    const QString flash = QStringLiteral("flash"), sram = QStringLiteral("SRAM");
    d.points = {{QStringLiteral("A"), flash, 1.0, 40e6, true},
                {QStringLiteral("C"), sram, 0.1, 15e6, true},
                {QStringLiteral("B"), flash, 8.0, 90e6, false},
                {QStringLiteral("D"), sram, 4.0, 60e6, false},
                {QStringLiteral("E"), sram, 3.0, 30e6, false}};
    return d;
}

} // namespace

class TestRooflinePlot : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void drawsCeilingsAndRidges();
    void drawsPointsPerLevel();
    void highlightsALayer();
    void clickAndHoverFindTheLayer();
    void clearEmptiesThePlot();
};

void TestRooflinePlot::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestRooflinePlot::drawsCeilingsAndRidges()
{
    RooflinePlot plot;
    plot.setData(handMade());
    QCOMPARE(plot.computeCeilingCount(), 2);
    QCOMPARE(plot.bandwidthCeilingCount(), 2);
    QCOMPARE(plot.ceilingLineCount(), 4);
    QVERIFY(near(plot.computeCeilingY(0), 100e6));
    QVERIFY(near(plot.computeCeilingY(1), 50e6));
    QVERIFY2(near(plot.ridgeX(0), 2.0), qPrintable(QString::number(plot.ridgeX(0))));
    QVERIFY2(near(plot.ridgeX(1), 0.5), qPrintable(QString::number(plot.ridgeX(1))));
    QCOMPARE(plot.ridgeX(2), 0.0); // no such line
    // core's SI text: 100,000,000 -> "100 M", 200,000,000 -> "200 M"
    QCOMPARE(plot.ceilingLegendNames(),
             QStringList({QStringLiteral("peak: 100 Mops/s"), QStringLiteral("half: 50.0 Mops/s"),
                          QStringLiteral("slow: 50.0 MB/s"), QStringLiteral("fast: 200 MB/s")}));
}

void TestRooflinePlot::drawsPointsPerLevel()
{
    RooflinePlot plot;
    plot.setData(handMade());
    QCOMPARE(plot.pointCount(QStringLiteral("flash")), 2);
    QCOMPARE(plot.pointCount(QStringLiteral("SRAM")), 3);
    QCOMPARE(plot.pointCount(QStringLiteral("DRAM")), 0);
    QCOMPARE(plot.memoryBoundPointCount(), 2); // A and C
    // In the order given: SRAM points C, D, E.
    QCOMPARE(plot.pointName(QStringLiteral("SRAM"), 2), QStringLiteral("E"));
    QCOMPARE(plot.pointPosition(QStringLiteral("SRAM"), 2), QPointF(3.0, 30e6));
    QCOMPARE(plot.pointPosition(QStringLiteral("flash"), 1), QPointF(8.0, 90e6));
    QCOMPARE(plot.pointPosition(QStringLiteral("flash"), 2), QPointF());
}

void TestRooflinePlot::highlightsALayer()
{
    RooflinePlot plot;
    RooflinePlot::Data data = handMade();
    data.points.append({QStringLiteral("B"), QStringLiteral("SRAM"), 2.0, 80e6, false}); // B at both levels
    plot.setData(data);
    QCOMPARE(plot.highlightedPointCount(), 0);
    plot.setHighlightedLayer(QStringLiteral("B"));
    QCOMPARE(plot.highlightedPointCount(), 2);
    plot.setData(handMade()); // the highlight follows the name into new data
    QCOMPARE(plot.highlightedPointCount(), 1);
    plot.setHighlightedLayer(QStringLiteral("nope"));
    QCOMPARE(plot.highlightedPointCount(), 0);
    plot.setHighlightedLayer(QString());
    QCOMPARE(plot.highlightedPointCount(), 0);
}

void TestRooflinePlot::clickAndHoverFindTheLayer()
{
    RooflinePlot plot;
    plot.resize(640, 480);
    plot.setData(handMade());
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.setData(handMade()); // lays out the axes at the shown size
    QSignalSpy clicked(&plot, &RooflinePlot::pointClicked);
    const QPoint d = plot.pixelOf({4.0, 60e6});
    QVERIFY(plot.canvas()->rect().contains(d));
    QCOMPARE(plot.layerAt(d), QStringLiteral("D"));
    QCOMPARE(plot.layerAt(d + QPoint(3, -2)), QStringLiteral("D")); // within the pick radius
    // Hovering names the layer in a tool tip: D is at 4 op/B, 60 Mops/s ("60.0 M").
    QTest::mouseMove(plot.canvas(), d);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("D (SRAM)\n4 op/B, 60.0 Mops/s attained, compute-bound"));
    QTest::mouseClick(plot.canvas(), Qt::LeftButton, {}, d);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("D"));
    // Far from every marker: no layer, no signal.
    const QPoint empty = plot.pixelOf({0.02, 90e6});
    QCOMPARE(plot.layerAt(empty), QString());
    QTest::mouseClick(plot.canvas(), Qt::LeftButton, {}, empty);
    QCOMPARE(clicked.count(), 1);
}

void TestRooflinePlot::clearEmptiesThePlot()
{
    RooflinePlot plot;
    plot.setData(handMade());
    plot.setHighlightedLayer(QStringLiteral("A"));
    plot.clear();
    QCOMPARE(plot.ceilingLineCount(), 0);
    QCOMPARE(plot.pointCount(QStringLiteral("flash")), 0);
    QCOMPARE(plot.highlightedPointCount(), 0);
}

QTEST_MAIN(TestRooflinePlot)
#include "tst_roofline_plot.moc"
