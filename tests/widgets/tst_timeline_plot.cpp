// TimelinePlot, our per-step plot wrapper: what goes in is what is plotted,
// the marker sits on the first series' value, the highlight and the tool
// tips follow the step under the mouse.
#include "widgets/plot/timeline_plot.h"

#include <QToolTip>
#include <QtTest>

using mdse::widgets::TimelinePlot;

namespace {

QList<TimelinePlot::Series> twoSeries()
{
    return {{QStringLiteral("live"), Qt::blue, TimelinePlot::Style::Bars, {10, 40, 25}},
            {QStringLiteral("in place"), Qt::red, TimelinePlot::Style::Steps, {10, 30, 25}}};
}

const QStringList kTips{QStringLiteral("conv"), QStringLiteral("dw"), QStringLiteral("pw")};

} // namespace

class TestTimelinePlot : public QObject {
    Q_OBJECT
private slots:
    void seriesReadBack();
    void markerAndHighlight();
    void referenceLine();
    void hoverShowsStepToolTip();
    void clearEmptiesEverything();
};

void TestTimelinePlot::seriesReadBack()
{
    TimelinePlot plot;
    plot.setSeries(twoSeries(), kTips);
    QCOMPARE(plot.seriesCount(), 2);
    QCOMPARE(plot.stepCount(), 3);
    QCOMPARE(plot.seriesName(0), QStringLiteral("live"));
    QCOMPARE(plot.seriesValues(0), (QVector<double>{10, 40, 25}));
    // The step line's closing point is not a value of its own.
    QCOMPARE(plot.seriesValues(1), (QVector<double>{10, 30, 25}));
    QCOMPARE(plot.stepToolTip(1), QStringLiteral("dw"));
    QCOMPARE(plot.stepToolTip(3), QString());
    QCOMPARE(plot.seriesValues(2), QVector<double>());
}

void TestTimelinePlot::markerAndHighlight()
{
    TimelinePlot plot;
    plot.setSeries(twoSeries(), kTips);
    plot.setMarkedStep(1, QStringLiteral("peak: dw"));
    QCOMPARE(plot.markedStep(), 1);
    QCOMPARE(plot.markedLabel(), QStringLiteral("peak: dw"));
    QCOMPARE(plot.seriesCount(), 2); // the marker is not a series
    plot.setHighlightedStep(2);
    QCOMPARE(plot.highlightedStep(), 2);
    plot.setHighlightedStep(3); // no such step
    QCOMPARE(plot.highlightedStep(), -1);
    plot.setMarkedStep(5, QStringLiteral("x"));
    QCOMPARE(plot.markedStep(), -1);
    QCOMPARE(plot.markedLabel(), QString());
    // New series drop the mark and the highlight (their steps are others).
    plot.setMarkedStep(1, QStringLiteral("peak"));
    plot.setHighlightedStep(0);
    plot.setSeries(twoSeries(), kTips);
    QCOMPARE(plot.markedStep(), -1);
    QCOMPARE(plot.highlightedStep(), -1);
}

void TestTimelinePlot::referenceLine()
{
    TimelinePlot plot;
    plot.setSeries(twoSeries(), kTips);
    QVERIFY(!plot.hasReferenceLine());
    plot.setReferenceLine(320, QStringLiteral("arena 320 KiB"), Qt::darkRed);
    QVERIFY(plot.hasReferenceLine());
    QCOMPARE(plot.referenceValue(), 320.0);
    QCOMPARE(plot.referenceLabel(), QStringLiteral("arena 320 KiB"));
    plot.clearReferenceLine();
    QVERIFY(!plot.hasReferenceLine());
}

void TestTimelinePlot::hoverShowsStepToolTip()
{
    TimelinePlot plot;
    plot.resize(600, 400);
    plot.setSeries(twoSeries(), kTips);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    QCoreApplication::processEvents(); // the queued replot lays out the axes
    auto* canvas = plot.findChild<QWidget*>(QStringLiteral("plotCanvas"));
    QVERIFY(canvas);
    for (int step = 0; step < 3; ++step)
        QCOMPARE(plot.stepAt(plot.stepPosition(step)), step);
    QCOMPARE(plot.stepAt(QPoint(-5, -5)), -1);
    QTest::mouseMove(canvas, plot.stepPosition(2));
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("pw"));
}

void TestTimelinePlot::clearEmptiesEverything()
{
    TimelinePlot plot;
    plot.setSeries(twoSeries(), kTips);
    plot.setReferenceLine(1, QStringLiteral("cap"), Qt::red);
    plot.clear();
    QCOMPARE(plot.seriesCount(), 0);
    QCOMPARE(plot.stepCount(), 0);
    QVERIFY(!plot.hasReferenceLine());
}

QTEST_MAIN(TestTimelinePlot)
#include "tst_timeline_plot.moc"
