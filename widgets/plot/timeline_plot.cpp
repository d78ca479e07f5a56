#include "widgets/plot/timeline_plot.h"

#include "widgets/plot/plot_canvas.h"
#include "widgets/plot/reference_line.h"

#include <qcustomplot.h>

#include <QToolTip>

#include <cmath>

namespace mdse::widgets {

namespace {

constexpr double kBarWidth = 0.8;       // in steps: a gap between neighbours
constexpr double kHeadroom = 1.05;      // above the highest value
constexpr int kBarAlpha = 170;
constexpr double kMarkerSize = 14;
const QColor kBandColor(255, 200, 0, 90); // translucent amber behind the highlighted step
const QColor kMarkerColor(200, 0, 0);

QVector<double> stepKeys(qsizetype count)
{
    QVector<double> keys(count);
    for (qsizetype i = 0; i < count; ++i)
        keys[i] = double(i);
    return keys;
}

QCPAbstractPlottable* addBars(QCustomPlot* plot, const TimelinePlot::Series& s)
{
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setWidth(kBarWidth);
    bars->setPen(QPen(s.color.darker(120), 1));
    QColor fill = s.color;
    fill.setAlpha(kBarAlpha);
    bars->setBrush(fill);
    bars->setData(stepKeys(s.values.size()), s.values, true);
    return bars;
}

// A step line whose step i spans [i - 0.5, i + 0.5], aligned with the bars.
QCPAbstractPlottable* addSteps(QCustomPlot* plot, const TimelinePlot::Series& s)
{
    QCPGraph* graph = plot->addGraph();
    graph->setPen(QPen(s.color, 2));
    graph->setLineStyle(QCPGraph::lsStepLeft);
    QVector<double> keys, values = s.values;
    for (qsizetype i = 0; i <= values.size(); ++i)
        keys.append(double(i) - 0.5);
    if (!values.isEmpty())
        values.append(values.back()); // closes the last step
    else
        keys.clear();
    graph->setData(keys, values, true);
    return graph;
}

} // namespace

TimelinePlot::TimelinePlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(createPlotCanvas(this, 200, Qt::Horizontal))
    , m_reference(std::make_unique<ReferenceLine>(m_plot))
    , m_band(new QCPItemRect(m_plot))
{
    // The band spans the whole height behind the series (grid layer).
    m_band->setLayer(QStringLiteral("grid"));
    m_band->setSelectable(false);
    m_band->setPen(Qt::NoPen);
    m_band->setBrush(kBandColor);
    m_band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_band->setVisible(false);
    connect(m_plot, &QCustomPlot::mouseMove, this, &TimelinePlot::showToolTip);
    fitAxes();
}

TimelinePlot::~TimelinePlot() = default;

void TimelinePlot::setAxisLabels(const QString& x, const QString& y)
{
    m_plot->xAxis->setLabel(x);
    m_plot->yAxis->setLabel(y);
}

void TimelinePlot::setSeries(const QList<Series>& series, const QStringList& stepToolTips)
{
    m_plot->clearPlottables();
    m_series.clear();
    m_marker = nullptr;
    m_markedStep = -1;
    m_toolTips = stepToolTips;
    for (const Series& s : series) {
        QCPAbstractPlottable* plottable = s.style == Style::Bars ? addBars(m_plot, s) : addSteps(m_plot, s);
        plottable->setName(s.name);
        m_series.append(plottable);
    }
    setHighlightedStep(-1);
    fitAxes();
    m_plot->replot();
}

void TimelinePlot::setReferenceLine(double y, const QString& label, const QColor& color)
{
    m_reference->set(y, label, color);
    fitAxes();
    m_plot->replot();
}

void TimelinePlot::clearReferenceLine()
{
    m_reference->clear();
    fitAxes();
    m_plot->replot();
}

void TimelinePlot::setMarkedStep(int step, const QString& label)
{
    if (m_marker) {
        m_plot->removePlottable(m_marker);
        m_marker = nullptr;
    }
    m_markedStep = -1;
    const QVector<double> values = seriesValues(0);
    if (step >= 0 && step < values.size()) {
        m_markedStep = step;
        m_marker = m_plot->addGraph();
        m_marker->setName(label);
        m_marker->setLineStyle(QCPGraph::lsNone);
        m_marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, kMarkerColor, kMarkerSize));
        m_marker->setPen(QPen(kMarkerColor, 2));
        m_marker->setData({double(step)}, {values[step]});
    }
    m_plot->replot();
}

void TimelinePlot::setHighlightedStep(int step)
{
    m_highlightedStep = step >= 0 && step < stepCount() ? step : -1;
    m_band->setVisible(m_highlightedStep >= 0);
    if (m_highlightedStep >= 0) {
        m_band->topLeft->setCoords(m_highlightedStep - 0.5, 0);
        m_band->bottomRight->setCoords(m_highlightedStep + 0.5, 1);
    }
    m_plot->replot();
}

void TimelinePlot::clear()
{
    setSeries({}, {});
    clearReferenceLine();
}

void TimelinePlot::fitAxes()
{
    const int steps = std::max(stepCount(), 1);
    m_plot->xAxis->setRange(-0.5, steps - 0.5);
    double top = 0;
    for (int i = 0; i < seriesCount(); ++i)
        for (double value : seriesValues(i))
            top = std::max(top, value);
    m_plot->yAxis->setRange(0, top > 0 ? top * kHeadroom : 1.0);
    m_reference->includeInYRange();
}

int TimelinePlot::seriesCount() const
{
    return int(m_series.size());
}

QString TimelinePlot::seriesName(int index) const
{
    return index >= 0 && index < seriesCount() ? m_series[index]->name() : QString();
}

QVector<double> TimelinePlot::seriesValues(int index) const
{
    QVector<double> values;
    if (index < 0 || index >= seriesCount())
        return values;
    if (const auto* bars = qobject_cast<const QCPBars*>(m_series[index])) {
        for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
            values.append(it->value);
    } else if (const auto* graph = qobject_cast<const QCPGraph*>(m_series[index])) {
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
            values.append(it->value);
        if (!values.isEmpty())
            values.removeLast(); // the closing point of the last step
    }
    return values;
}

QString TimelinePlot::stepToolTip(int step) const
{
    return step >= 0 && step < stepCount() ? m_toolTips[step] : QString();
}

QString TimelinePlot::markedLabel() const
{
    return m_marker ? m_marker->name() : QString();
}

bool TimelinePlot::hasReferenceLine() const
{
    return m_reference->isVisible();
}

double TimelinePlot::referenceValue() const
{
    return m_reference->value();
}

QString TimelinePlot::referenceLabel() const
{
    return m_reference->label();
}

int TimelinePlot::stepAt(const QPoint& canvasPos) const
{
    if (!m_plot->axisRect()->rect().contains(canvasPos))
        return -1;
    const long step = std::lround(m_plot->xAxis->pixelToCoord(canvasPos.x()));
    return step >= 0 && step < stepCount() ? int(step) : -1;
}

QPoint TimelinePlot::stepPosition(int step) const
{
    return QPoint(int(std::lround(m_plot->xAxis->coordToPixel(step))), m_plot->axisRect()->center().y());
}

void TimelinePlot::showToolTip(QMouseEvent* event)
{
    const int step = stepAt(event->position().toPoint());
    if (step < 0)
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), m_toolTips[step], m_plot);
}

} // namespace mdse::widgets
