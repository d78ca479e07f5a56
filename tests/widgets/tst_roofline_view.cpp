// The roofline view presents models::EvaluationRunner's roofline of zoo:dscnn-s:
// the ceilings and points are core's (core::mcuNetworkRoofline), the level
// combo filters the points, and the numbers shown are checked by hand.
#include "widgets/roofline_view.h"

#include "models/evaluation_runner.h"
#include "models/studio_document.h"
#include "widgets/plot/roofline_plot.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

using mdse::models::EvaluationRunner;
using mdse::models::StudioDocument;
using mdse::widgets::RooflinePlot;
using mdse::widgets::RooflineView;
using namespace mdse;

namespace {

constexpr double kRelTol = 1e-9; // products of catalogue numbers, exact up to rounding

bool near(double actual, double expected)
{
    return std::abs(actual - expected) <= kRelTol * std::abs(expected);
}

QString labelText(const QWidget& widget, const char* name)
{
    const auto* label = widget.findChild<QLabel*>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

std::vector<core::RooflinePoint> corePoints(const EvaluationRunner& analysis, const std::string& level)
{
    std::vector<core::RooflinePoint> points;
    for (const core::RooflinePoint& p : analysis.evaluation()->mcu->roofline.points)
        if (p.level == level)
            points.push_back(p);
    return points;
}

qsizetype memoryBound(const std::vector<core::RooflinePoint>& points)
{
    return std::count_if(points.begin(), points.end(), [](const auto& p) { return p.bound == "memory"; });
}

// The document opened on zoo:dscnn-s with a target from the catalogue.
struct Studio {
    explicit Studio(const char* target)
    {
        if (!document.setTargetId(QString::fromLatin1(target)).isEmpty()
            || !document.openNetwork(QStringLiteral("zoo:dscnn-s")).isEmpty())
            qFatal("cannot open zoo:dscnn-s on %s", target);
        analysis.waitForFinished();
    }
    StudioDocument document;
    EvaluationRunner analysis{&document};
    RooflineView view{&analysis};
};

} // namespace

class TestRooflineView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void showsF746Ceilings();
    void pointsAreCores();
    void summaryPerBandwidthCeiling();
    void levelComboFiltersPoints();
    void highlightsALayer();
    void npuTargetAddsACeiling();
    void messageWithoutNetwork();
    void messageOnAnalysisError();
    void clickedPointNamesTheLayer();
    void contributesDock();
};

void TestRooflineView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestRooflineView::showsF746Ceilings()
{
    Studio s("stm32f746");
    const RooflinePlot* plot = s.view.plot();
    QCOMPARE(plot->computeCeilingCount(), 3); // int8, int16, fp32 CPU
    QCOMPARE(plot->bandwidthCeilingCount(), 2); // flash, SRAM
    // stm32f746.yaml: best int8 MAC kernel = pointwise 0.60 MAC/cycle at
    // 216 MHz, 2 ops per MAC: 2 x 0.60 x 216e6 = 259.2e6 ops/s; int16 x0.5,
    // fp32 x0.25 (cpuPrecisionScale) = 129.6e6 and 64.8e6.
    QVERIFY(near(plot->computeCeilingY(0), 259.2e6));
    QVERIFY(near(plot->computeCeilingY(1), 129.6e6));
    QVERIFY(near(plot->computeCeilingY(2), 64.8e6));
    // flash 2.0 B/cycle x 216 MHz = 432e6 B/s: ridge 259.2e6 / 432e6 = 0.6 op/B;
    // SRAM 8.0 B/cycle x 216 MHz = 1728e6 B/s: ridge 259.2e6 / 1728e6 = 0.15 op/B.
    QVERIFY2(near(plot->ridgeX(0), 0.6), qPrintable(QString::number(plot->ridgeX(0), 'g', 17)));
    QVERIFY2(near(plot->ridgeX(1), 0.15), qPrintable(QString::number(plot->ridgeX(1), 'g', 17)));
    QCOMPARE(plot->ceilingLegendNames().value(0), QStringLiteral("int8 CPU: 259 Mops/s"));
    QCOMPARE(plot->ceilingLegendNames().value(3), QStringLiteral("flash: 432 MB/s"));
    QVERIFY(!plot->isHidden());
    QVERIFY(s.view.findChild<QLabel*>(QStringLiteral("rooflineMessage"))->isHidden());
}

void TestRooflineView::pointsAreCores()
{
    Studio s("stm32f746");
    const RooflinePlot* plot = s.view.plot();
    // dscnn-s.yaml: conv1, 4 x (depthwise + pointwise), fc1 carry weights (10
    // flash points); those and avg_pool do work (11 SRAM points); flatten is a view.
    QCOMPARE(plot->pointCount(QStringLiteral("flash")), 10);
    QCOMPARE(plot->pointCount(QStringLiteral("SRAM")), 11);
    for (const std::string level : {"flash", "SRAM"}) {
        const auto points = corePoints(s.analysis, level);
        QCOMPARE(plot->pointCount(QString::fromStdString(level)), int(points.size()));
        for (int i = 0; i < int(points.size()); ++i) {
            QCOMPARE(plot->pointName(QString::fromStdString(level), i), QString::fromStdString(points[i].name));
            QCOMPARE(plot->pointPosition(QString::fromStdString(level), i),
                     QPointF(points[i].arithmeticIntensity, points[i].attainedOpsPerSecond));
        }
    }
    QCOMPARE(plot->memoryBoundPointCount(),
             int(memoryBound(corePoints(s.analysis, "flash")) + memoryBound(corePoints(s.analysis, "SRAM"))));
}

void TestRooflineView::summaryPerBandwidthCeiling()
{
    Studio s("stm32f746");
    const QStringList lines = labelText(s.view, "rooflineSummary").split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    // Ridges as in showsF746Ceilings; the counts are core's bound verdicts.
    QCOMPARE(lines[0], QStringLiteral("flash: ridge 0.6 op/B under int8 CPU; %1 of 10 layers memory-bound")
                           .arg(memoryBound(corePoints(s.analysis, "flash"))));
    QCOMPARE(lines[1], QStringLiteral("SRAM: ridge 0.15 op/B under int8 CPU; %1 of 11 layers memory-bound")
                           .arg(memoryBound(corePoints(s.analysis, "SRAM"))));
}

void TestRooflineView::levelComboFiltersPoints()
{
    Studio s("stm32f746");
    s.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&s.view));
    QComboBox* combo = s.view.levelFilter();
    const RooflinePlot* plot = s.view.plot();
    const QString flash = QStringLiteral("flash"), sram = QStringLiteral("SRAM");
    QCOMPARE(combo->currentText(), QStringLiteral("flash and SRAM"));
    combo->setFocus();
    QTest::keyClicks(combo, sram); // keyboard search picks the "SRAM" item
    QCOMPARE(combo->currentText(), sram);
    QCOMPARE(plot->pointCount(flash), 0);
    QCOMPARE(plot->pointCount(sram), 11);
    QTest::keyClick(combo, Qt::Key_Up); // "flash"
    QCOMPARE(combo->currentText(), flash);
    QCOMPARE(plot->pointCount(flash), 10);
    QCOMPARE(plot->pointCount(sram), 0);
    QCOMPARE(plot->ceilingLineCount(), 5); // the ceilings stay
    QTest::keyClick(combo, Qt::Key_Up); // both again
    QCOMPARE(plot->pointCount(flash) + plot->pointCount(sram), 21);
    // The summary counts every layer whatever the filter shows.
    QVERIFY(labelText(s.view, "rooflineSummary").contains(QStringLiteral("of 10 layers")));
}

void TestRooflineView::highlightsALayer()
{
    Studio s("stm32f746");
    s.view.setHighlightedLayer(QStringLiteral("ds1_pw")); // has weights and activations
    QCOMPARE(s.view.plot()->highlightedPointCount(), 2);
    s.view.levelFilter()->setCurrentIndex(2); // SRAM only
    QCOMPARE(s.view.plot()->highlightedPointCount(), 1);
    s.view.setHighlightedLayer(QStringLiteral("flatten")); // a view: no point
    QCOMPARE(s.view.plot()->highlightedPointCount(), 0);
    s.view.setHighlightedLayer(QStringLiteral("avg_pool"));
    QCOMPARE(s.view.plot()->highlightedPointCount(), 1);
    QCOMPARE(s.document.setTargetId(QStringLiteral("stm32h743")), QString()); // re-evaluated: kept
    QCOMPARE(s.view.plot()->highlightedPointCount(), 1);
}

void TestRooflineView::npuTargetAddsACeiling()
{
    Studio s("stm32f746");
    QSignalSpy updated(&s.analysis, &EvaluationRunner::updated);
    QCOMPARE(s.document.setTargetId(QStringLiteral("alif_e7_hp")), QString());
    s.analysis.waitForFinished();
    QCOMPARE(updated.count(), 1);
    const RooflinePlot* plot = s.view.plot();
    QCOMPARE(plot->computeCeilingCount(), 4);
    QCOMPARE(plot->bandwidthCeilingCount(), 2);
    // alif_e7_hp.yaml: Ethos-U55-256, 256 MACs/cycle at 400 MHz, 2 ops per MAC:
    // 2 x 256 x 400e6 = 204.8e9 ops/s, "205 G" in core's SI text.
    QVERIFY(near(plot->computeCeilingY(3), 204.8e9));
    QCOMPARE(plot->ceilingLegendNames().value(3), QStringLiteral("int8 NPU (Ethos-U55-256): 205 Gops/s"));
    QVERIFY(labelText(s.view, "rooflineSummary").contains(QStringLiteral("under int8 NPU (Ethos-U55-256)")));
}

void TestRooflineView::messageWithoutNetwork()
{
    StudioDocument document;
    QCOMPARE(document.setTargetId(QStringLiteral("stm32f746")), QString());
    EvaluationRunner analysis(&document);
    analysis.waitForFinished();
    RooflineView view(&analysis);
    const auto* message = view.findChild<QLabel*>(QStringLiteral("rooflineMessage"));
    QVERIFY(!message->isHidden());
    QCOMPARE(message->text(), QStringLiteral("Open a network to see its roofline on the MCU target."));
    QVERIFY(view.plot()->isHidden());
    QVERIFY(!view.levelFilter()->isEnabled());
    QCOMPARE(view.plot()->ceilingLineCount(), 0);
    // Opening a network afterwards shows the plot (updated()).
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:dscnn-s")), QString());
    analysis.waitForFinished();
    QVERIFY2(message->isHidden(), qPrintable(message->text()));
    QVERIFY(!view.plot()->isHidden());
    QVERIFY(view.levelFilter()->isEnabled());
    QCOMPARE(view.plot()->ceilingLineCount(), 5);
}

void TestRooflineView::messageOnAnalysisError()
{
    Studio s("stm32f746");
    hwlib::McuTarget broken = s.document.target();
    broken.kernelPath = "no-such-path"; // core's latency model refuses it
    s.document.setTarget(broken);
    s.analysis.waitForFinished();
    QVERIFY(!s.analysis.errorText().isEmpty());
    const auto* message = s.view.findChild<QLabel*>(QStringLiteral("rooflineMessage"));
    QVERIFY(!message->isHidden());
    QCOMPARE(message->text(), s.analysis.errorText());
    QVERIFY(message->text().contains(QStringLiteral("no-such-path")));
    QVERIFY(s.view.plot()->isHidden());
    QCOMPARE(s.view.plot()->pointCount(QStringLiteral("SRAM")), 0);
}

void TestRooflineView::clickedPointNamesTheLayer()
{
    Studio s("stm32f746");
    s.view.resize(700, 600);
    s.view.levelFilter()->setCurrentIndex(1); // flash: fc1 is the only point of its layer there
    s.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&s.view));
    s.view.levelFilter()->setCurrentIndex(0);
    s.view.levelFilter()->setCurrentIndex(1); // re-plotted at the shown size
    RooflinePlot* plot = s.view.plot();
    QSignalSpy clicked(&s.view, &RooflineView::layerClicked);
    const QString flash = QStringLiteral("flash");
    const int last = plot->pointCount(flash) - 1;
    QCOMPARE(plot->pointName(flash, last), QStringLiteral("fc1"));
    const QPoint pixel = plot->pixelOf(plot->pointPosition(flash, last));
    QCOMPARE(plot->layerAt(pixel), QStringLiteral("fc1"));
    QTest::mouseClick(plot->canvas(), Qt::LeftButton, {}, pixel);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("fc1"));
}

void TestRooflineView::contributesDock()
{
    StudioDocument document;
    EvaluationRunner analysis(&document);
    auto* view = new RooflineView(&analysis);
    QScopedPointer<QDockWidget> dock(view->createDock(nullptr));
    QCOMPARE(dock->widget(), view);
    QVERIFY(!dock->objectName().isEmpty()); // needed by QMainWindow::saveState
}

QTEST_MAIN(TestRooflineView)
#include "tst_roofline_view.moc"
