#include "widgets/plot/roofline_plot.h"

#include "models/quantity_format.h"
#include "widgets/plot/plot_canvas.h"

#include <qcustomplot.h>

#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mdse::widgets {

namespace {

// Lines reach this factor beyond the fitted axes, so zooming out still shows them.
constexpr double kLineReach = 1e4;
// Margin around the fitted data on the log axes (a factor, not a distance).
constexpr double kAxisMargin = 3.0;
// A marker is "under" the mouse within this many pixels.
constexpr double kPickPixels = 8.0;
// Press and release closer than this count as a click, not a drag.
constexpr int kClickSlopPixels = 3;

const QColor kComputeBound(31, 119, 180);
const QColor kMemoryBound(214, 39, 40);
const QList<QColor> kComputeLineColors{QColor(40, 40, 40), QColor(110, 110, 110), QColor(160, 160, 160),
                                       QColor(148, 103, 189), QColor(140, 86, 75)};
const QList<QColor> kBandwidthLineColors{QColor(255, 127, 14), QColor(44, 160, 44), QColor(23, 190, 207),
                                         QColor(188, 189, 34)};

QCPScatterStyle::ScatterShape shapeOf(const QString& level)
{
    if (level == QLatin1String("flash"))
        return QCPScatterStyle::ssSquare;
    if (level == QLatin1String("SRAM"))
        return QCPScatterStyle::ssCircle;
    if (level == QLatin1String("DRAM"))
        return QCPScatterStyle::ssDiamond;
    return QCPScatterStyle::ssTriangle;
}

QColor cycled(const QList<QColor>& colors, qsizetype index)
{
    return colors[index % colors.size()];
}

// "259 Mops/s", "432 MB/s", "500 B/s" (core's SI count text, the CLI's).
QString siRate(double perSecond, const QString& unit)
{
    const QString count = models::formatSiCount(qint64(std::llround(perSecond)));
    const bool prefixed = count.contains(QLatin1Char(' '));
    return RooflinePlot::tr("%1%2/s").arg(prefixed ? count : count + QLatin1Char(' '), unit);
}

bool positive(double v)
{
    return std::isfinite(v) && v > 0;
}

} // namespace

RooflinePlot::RooflinePlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(createPlotCanvas(this, 240, Qt::Horizontal | Qt::Vertical))
{
    m_plot->setMouseTracking(true); // hover tool tips without a pressed button
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        axis->setNumberFormat(QStringLiteral("eb")); // 10^n
        axis->setNumberPrecision(0);
    }
    m_plot->xAxis->setLabel(tr("arithmetic intensity (op/B)"));
    m_plot->yAxis->setLabel(tr("ops/s"));
    // Below the axes, in columns: inside, it would cover ceilings or points wherever it sat.
    auto* legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, legendRow);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    legendRow->setMargins(QMargins(5, 0, 5, 5));
    legendRow->addElement(0, 0, m_plot->legend); // takes it out of the axis rect's inset
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setWrap(3);
    m_plot->legend->setBorderPen(Qt::NoPen);
    connect(m_plot, &QCustomPlot::mouseMove, this, &RooflinePlot::onMouseMove);
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) { m_pressPos = event->pos(); });
    connect(m_plot, &QCustomPlot::mouseRelease, this, &RooflinePlot::onMouseRelease);
    clear();
}

void RooflinePlot::setData(const Data& data)
{
    m_data = data;
    m_plot->clearGraphs();
    m_computeLines.clear();
    m_bandwidthLines.clear();
    m_pointGraphs.clear();
    m_highlight = nullptr;
    fitAxes();
    addCeilingLines();
    addPointGraphs();
    updateHighlight();
    m_plot->replot();
}

void RooflinePlot::clear()
{
    setData({});
}

void RooflinePlot::setHighlightedLayer(const QString& layer)
{
    m_highlightedLayer = layer;
    updateHighlight();
    m_plot->replot();
}

double RooflinePlot::highestPeak() const
{
    double peak = 0;
    for (const Ceiling& c : m_data.compute)
        peak = std::max(peak, c.value);
    return peak;
}

void RooflinePlot::fitAxes()
{
    double xMin = std::numeric_limits<double>::max(), xMax = 0;
    double yMin = std::numeric_limits<double>::max(), yMax = 0;
    auto include = [&](double x, double y) {
        if (positive(x)) {
            xMin = std::min(xMin, x);
            xMax = std::max(xMax, x);
        }
        if (positive(y)) {
            yMin = std::min(yMin, y);
            yMax = std::max(yMax, y);
        }
    };
    const double peak = highestPeak();
    for (const Ceiling& b : m_data.bandwidth)
        if (positive(b.value))
            include(peak / b.value, peak); // the ridge
    for (const Ceiling& c : m_data.compute)
        include(0, c.value);
    for (const Point& p : m_data.points)
        include(p.intensity, p.opsPerSecond);
    if (xMax == 0) { // nothing to fit: a neutral decade range
        xMin = 0.1;
        xMax = 100;
    }
    if (yMax == 0) {
        yMin = 1e6;
        yMax = 1e9;
    }
    m_plot->xAxis->setRange(xMin / kAxisMargin, xMax * kAxisMargin);
    m_plot->yAxis->setRange(yMin / kAxisMargin, yMax * kAxisMargin);
}

void RooflinePlot::addCeilingLines()
{
    const double peak = highestPeak();
    const double xFar = m_plot->xAxis->range().upper * kLineReach;
    const double xNear = m_plot->xAxis->range().lower / kLineReach;
    double fastest = 0;
    for (const Ceiling& b : m_data.bandwidth)
        fastest = std::max(fastest, b.value);
    for (qsizetype i = 0; i < m_data.compute.size(); ++i) {
        const Ceiling& c = m_data.compute[i];
        QCPGraph* line = m_plot->addGraph();
        line->setName(tr("%1: %2").arg(c.name, siRate(c.value, tr("ops"))));
        line->setPen(QPen(cycled(kComputeLineColors, i), i == 0 ? 2.0 : 1.5));
        // Starts where the fastest memory's slant meets it: the roof is min(peak, AI x bandwidth).
        const double start = positive(fastest) ? c.value / fastest : xNear;
        line->setData({start, xFar}, {c.value, c.value}, true);
        m_computeLines.append(line);
    }
    for (qsizetype i = 0; i < m_data.bandwidth.size(); ++i) {
        const Ceiling& b = m_data.bandwidth[i];
        QCPGraph* line = m_plot->addGraph();
        line->setName(tr("%1: %2").arg(b.name, siRate(b.value, tr("B"))));
        line->setPen(QPen(cycled(kBandwidthLineColors, i), 1.5, Qt::DashLine));
        // ops/s = AI x bytes/s, up to the ridge AI = peak / bandwidth.
        const double ridge = positive(b.value) && positive(peak) ? peak / b.value : xNear;
        line->setData({xNear, ridge}, {xNear * b.value, ridge * b.value}, true);
        m_bandwidthLines.append(line);
    }
}

void RooflinePlot::addPointGraphs()
{
    QStringList levels;
    for (const Point& p : m_data.points)
        if (!levels.contains(p.level))
            levels.append(p.level);
    for (const QString& level : levels) {
        for (const bool memoryBound : {false, true}) {
            QVector<double> x, y;
            for (const Point& p : m_data.points)
                if (p.level == level && p.memoryBound == memoryBound) {
                    x.append(p.intensity);
                    y.append(p.opsPerSecond);
                }
            const QColor color = memoryBound ? kMemoryBound : kComputeBound;
            QCPGraph* graph = m_plot->addGraph();
            graph->setName(memoryBound ? tr("%1, memory-bound").arg(level) : tr("%1, compute-bound").arg(level));
            graph->setLineStyle(QCPGraph::lsNone);
            QColor fill = color;
            fill.setAlpha(90);
            graph->setScatterStyle(QCPScatterStyle(shapeOf(level), color, fill, 7));
            graph->setData(x, y);
            if (x.isEmpty())
                graph->removeFromLegend();
            graph->setProperty("level", level);
            graph->setProperty("memoryBound", memoryBound);
            m_pointGraphs.append(graph);
        }
    }
    m_highlight = m_plot->addGraph();
    m_highlight->setLineStyle(QCPGraph::lsNone);
    m_highlight->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(255, 170, 0), 2.5), Qt::NoBrush, 16));
    m_highlight->removeFromLegend();
}

void RooflinePlot::updateHighlight()
{
    if (!m_highlight)
        return;
    QVector<double> x, y;
    if (!m_highlightedLayer.isEmpty())
        for (const Point& p : m_data.points)
            if (p.name == m_highlightedLayer) {
                x.append(p.intensity);
                y.append(p.opsPerSecond);
            }
    m_highlight->setData(x, y);
}

QStringList RooflinePlot::ceilingLegendNames() const
{
    QStringList names;
    for (const QCPGraph* line : m_computeLines)
        names.append(line->name());
    for (const QCPGraph* line : m_bandwidthLines)
        names.append(line->name());
    return names;
}

double RooflinePlot::computeCeilingY(int index) const
{
    if (index < 0 || index >= m_computeLines.size() || m_computeLines[index]->data()->isEmpty())
        return 0;
    return m_computeLines[index]->data()->constBegin()->value;
}

double RooflinePlot::ridgeX(int bandwidthIndex) const
{
    if (bandwidthIndex < 0 || bandwidthIndex >= m_bandwidthLines.size()
        || m_bandwidthLines[bandwidthIndex]->data()->isEmpty())
        return 0;
    return (m_bandwidthLines[bandwidthIndex]->data()->constEnd() - 1)->key;
}

int RooflinePlot::pointCount(const QString& level) const
{
    int count = 0;
    for (const QCPGraph* graph : m_pointGraphs)
        if (graph->property("level").toString() == level)
            count += graph->data()->size();
    return count;
}

QList<const RooflinePlot::Point*> RooflinePlot::pointsOf(const QString& level) const
{
    QList<const Point*> points;
    for (const Point& p : m_data.points)
        if (p.level == level)
            points.append(&p);
    return points;
}

QPointF RooflinePlot::pointPosition(const QString& level, int index) const
{
    const QList<const Point*> points = pointsOf(level);
    if (index < 0 || index >= points.size())
        return {};
    return {points[index]->intensity, points[index]->opsPerSecond};
}

QString RooflinePlot::pointName(const QString& level, int index) const
{
    const QList<const Point*> points = pointsOf(level);
    return index >= 0 && index < points.size() ? points[index]->name : QString();
}

int RooflinePlot::memoryBoundPointCount() const
{
    int count = 0;
    for (const QCPGraph* graph : m_pointGraphs)
        if (graph->property("memoryBound").toBool())
            count += graph->data()->size();
    return count;
}

int RooflinePlot::highlightedPointCount() const
{
    return m_highlight ? m_highlight->data()->size() : 0;
}

QPoint RooflinePlot::pixelOf(const QPointF& data) const
{
    return QPointF(m_plot->xAxis->coordToPixel(data.x()), m_plot->yAxis->coordToPixel(data.y())).toPoint();
}

const RooflinePlot::Point* RooflinePlot::pointAt(const QPoint& canvasPos) const
{
    const Point* nearest = nullptr;
    double best = kPickPixels;
    for (const Point& p : m_data.points) {
        if (!positive(p.intensity) || !positive(p.opsPerSecond))
            continue; // not drawn on log axes
        const QPointF pixel(m_plot->xAxis->coordToPixel(p.intensity), m_plot->yAxis->coordToPixel(p.opsPerSecond));
        const double distance = std::hypot(pixel.x() - canvasPos.x(), pixel.y() - canvasPos.y());
        if (distance <= best) {
            best = distance;
            nearest = &p;
        }
    }
    return nearest;
}

QString RooflinePlot::layerAt(const QPoint& canvasPos) const
{
    const Point* p = pointAt(canvasPos);
    return p ? p->name : QString();
}

QWidget* RooflinePlot::canvas() const
{
    return m_plot;
}

void RooflinePlot::onMouseMove(QMouseEvent* event)
{
    if (event->buttons() != Qt::NoButton)
        return; // dragging
    const Point* p = pointAt(event->pos());
    if (!p) {
        QToolTip::hideText();
        return;
    }
    const QString text = tr("%1 (%2)\n%3 op/B, %4 attained, %5")
                             .arg(p->name, p->level, QLocale().toString(p->intensity, 'g', 3),
                                  siRate(p->opsPerSecond, tr("ops")),
                                  p->memoryBound ? tr("memory-bound") : tr("compute-bound"));
    QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

void RooflinePlot::onMouseRelease(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || (event->pos() - m_pressPos).manhattanLength() > kClickSlopPixels)
        return;
    if (const Point* p = pointAt(event->pos()))
        emit pointClicked(p->name);
}

} // namespace mdse::widgets
