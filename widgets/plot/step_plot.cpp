#include "widgets/plot/step_plot.h"

#include "widgets/plot/plot_canvas.h"

#include <qcustomplot.h>


namespace mdse::widgets {

StepPlot::StepPlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(createPlotCanvas(this, 200, Qt::Horizontal))
{
}

void StepPlot::setAxisLabels(const QString& x, const QString& y)
{
    m_plot->xAxis->setLabel(x);
    m_plot->yAxis->setLabel(y);
}

void StepPlot::setSeries(const QList<Series>& series)
{
    m_plot->clearGraphs();
    for (const Series& s : series) {
        QCPGraph* graph = m_plot->addGraph();
        graph->setName(s.name);
        graph->setPen(QPen(s.color, 1.5));
        graph->setLineStyle(QCPGraph::lsStepLeft);
        QVector<double> x = s.x, y = s.y;
        if (!x.isEmpty()) { // close the last step at its end
            x.append(s.end);
            y.append(y.back());
        }
        graph->setData(x, y, true);
    }
    m_plot->rescaleAxes();
    if (m_plot->yAxis->range().lower > 0)
        m_plot->yAxis->setRangeLower(0);
    m_plot->yAxis->scaleRange(1.05, m_plot->yAxis->range().lower);
    m_plot->replot();
}

void StepPlot::clear()
{
    setSeries({});
}

int StepPlot::seriesCount() const
{
    return m_plot->graphCount();
}

QString StepPlot::seriesName(int index) const
{
    const QCPGraph* graph = m_plot->graph(index);
    return graph ? graph->name() : QString();
}

QVector<double> StepPlot::seriesValues(int index) const
{
    QVector<double> values;
    const QCPGraph* graph = m_plot->graph(index);
    if (!graph || graph->data()->isEmpty())
        return values;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        values.append(it->value);
    values.removeLast(); // the closing point at the end of the last step
    return values;
}

} // namespace mdse::widgets
