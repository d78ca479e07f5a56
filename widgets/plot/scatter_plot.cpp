#include "widgets/plot/scatter_plot.h"

#include "widgets/plot/plot_canvas.h"
#include "widgets/plot/reference_line.h"

#include <qcustomplot.h>

#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mdse::widgets {

namespace {

constexpr double kHeadroom = 1.08;   // around the points
constexpr double kPickPixels = 8.0;  // tool tip radius

QCPScatterStyle::ScatterShape shapeOf(ScatterPlot::Marker marker)
{
    switch (marker) {
    case ScatterPlot::Marker::Diamond: return QCPScatterStyle::ssDiamond;
    case ScatterPlot::Marker::Star: return QCPScatterStyle::ssStar;
    case ScatterPlot::Marker::Circle: break;
    }
    return QCPScatterStyle::ssDisc;
}

} // namespace

ScatterPlot::ScatterPlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(createPlotCanvas(this, 200, Qt::Horizontal | Qt::Vertical))
    , m_reference(std::make_unique<ReferenceLine>(m_plot))
    , m_limit(std::make_unique<ReferenceLine>(m_plot, Qt::Vertical))
{
    connect(m_plot, &QCustomPlot::mouseMove, this, &ScatterPlot::showToolTip);
    fitAxes();
}

ScatterPlot::~ScatterPlot() = default;

void ScatterPlot::setAxisLabels(const QString& x, const QString& y)
{
    m_plot->xAxis->setLabel(x);
    m_plot->yAxis->setLabel(y);
}

void ScatterPlot::setSeries(const QList<Series>& series)
{
    m_plot->clearGraphs();
    m_graphs.clear();
    m_toolTips.clear();
    for (const Series& s : series) {
        const qsizetype count = std::min(s.x.size(), s.y.size());
        QVector<qsizetype> order(count);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&s](qsizetype a, qsizetype b) { return s.x[a] < s.x[b]; });
        QVector<double> x, y;
        QStringList tips;
        for (qsizetype i : order) {
            x.append(s.x[i]);
            y.append(s.y[i]);
            tips.append(i < s.toolTips.size() ? s.toolTips[i] : QString());
        }
        QCPGraph* graph = m_plot->addGraph();
        graph->setName(s.name);
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setPen(QPen(s.color, 1.5));
        graph->setScatterStyle(QCPScatterStyle(shapeOf(s.marker), s.color, s.color, s.size));
        graph->setData(x, y, true);
        m_graphs.append(graph);
        m_toolTips.append(tips);
    }
    fitAxes();
    m_plot->replot();
}

void ScatterPlot::setReferenceLine(double y, const QString& label, const QColor& color)
{
    m_reference->set(y, label, color);
    fitAxes();
    m_plot->replot();
}

void ScatterPlot::clearReferenceLine()
{
    m_reference->clear();
    fitAxes();
    m_plot->replot();
}

void ScatterPlot::setLimitLine(double x, const QString& label, const QColor& color)
{
    m_limit->set(x, label, color);
    m_plot->replot();
}

void ScatterPlot::clearLimitLine()
{
    m_limit->clear();
    m_plot->replot();
}

void ScatterPlot::setXRange(double lower, double upper)
{
    m_plot->xAxis->setRange(lower, upper);
    m_plot->replot();
}

void ScatterPlot::clear()
{
    setSeries({});
    clearReferenceLine();
    clearLimitLine();
}

void ScatterPlot::fitAxes()
{
    double left = 0, right = 0, top = 0;
    bool any = false;
    for (int i = 0; i < seriesCount(); ++i) {
        const QVector<double> x = seriesX(i), y = seriesY(i);
        for (qsizetype p = 0; p < x.size(); ++p) {
            left = any ? std::min(left, x[p]) : x[p];
            right = any ? std::max(right, x[p]) : x[p];
            top = std::max(top, y[p]);
            any = true;
        }
    }
    const double margin = right > left ? (right - left) * (kHeadroom - 1) : 1.0;
    m_plot->xAxis->setRange(left - margin, right + margin);
    m_plot->yAxis->setRange(0, top > 0 ? top * kHeadroom : 1.0);
    m_reference->includeInYRange();
}

int ScatterPlot::seriesCount() const
{
    return int(m_graphs.size());
}

QString ScatterPlot::seriesName(int index) const
{
    return index >= 0 && index < seriesCount() ? m_graphs[index]->name() : QString();
}

QVector<double> ScatterPlot::seriesX(int index) const
{
    QVector<double> values;
    if (index >= 0 && index < seriesCount())
        for (auto it = m_graphs[index]->data()->constBegin(); it != m_graphs[index]->data()->constEnd(); ++it)
            values.append(it->key);
    return values;
}

QVector<double> ScatterPlot::seriesY(int index) const
{
    QVector<double> values;
    if (index >= 0 && index < seriesCount())
        for (auto it = m_graphs[index]->data()->constBegin(); it != m_graphs[index]->data()->constEnd(); ++it)
            values.append(it->value);
    return values;
}

QString ScatterPlot::pointToolTip(int series, int point) const
{
    if (series < 0 || series >= seriesCount() || point < 0 || point >= m_toolTips[series].size())
        return QString();
    return m_toolTips[series][point];
}

bool ScatterPlot::hasReferenceLine() const
{
    return m_reference->isVisible();
}

double ScatterPlot::referenceValue() const
{
    return m_reference->value();
}

QString ScatterPlot::referenceLabel() const
{
    return m_reference->label();
}

bool ScatterPlot::hasLimitLine() const
{
    return m_limit->isVisible();
}

double ScatterPlot::limitValue() const
{
    return m_limit->value();
}

double ScatterPlot::xRangeLower() const
{
    return m_plot->xAxis->range().lower;
}

double ScatterPlot::xRangeUpper() const
{
    return m_plot->xAxis->range().upper;
}

QPoint ScatterPlot::pointPosition(int series, int point) const
{
    if (series < 0 || series >= seriesCount() || point < 0 || point >= m_graphs[series]->dataCount())
        return {};
    const auto it = m_graphs[series]->data()->at(point);
    return QPoint(int(std::lround(m_plot->xAxis->coordToPixel(it->key))),
                  int(std::lround(m_plot->yAxis->coordToPixel(it->value))));
}

std::pair<int, int> ScatterPlot::pointAt(const QPoint& canvasPos) const
{
    std::pair<int, int> nearest{-1, -1};
    double best = kPickPixels * kPickPixels;
    for (int s = 0; s < seriesCount(); ++s)
        for (int p = 0; p < m_graphs[s]->dataCount(); ++p) {
            const QPoint d = pointPosition(s, p) - canvasPos;
            const double distance = double(d.x()) * d.x() + double(d.y()) * d.y();
            if (distance <= best) { // later series (drawn on top) win ties
                best = distance;
                nearest = {s, p};
            }
        }
    return nearest;
}

void ScatterPlot::showToolTip(QMouseEvent* event)
{
    const auto [series, point] = pointAt(event->position().toPoint());
    const QString tip = pointToolTip(series, point);
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), tip, m_plot);
}

} // namespace mdse::widgets
