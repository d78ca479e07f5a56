#include "widgets/plot/reference_line.h"

#include <qcustomplot.h>

namespace mdse::widgets {

namespace {

constexpr double kHeadroom = 1.05; // the line stays clear of the top edge

// Above the plottables ("main"), below the axes and the legend.
QCPLayer* referenceLayer(QCustomPlot* plot)
{
    const QString name = QStringLiteral("reference");
    if (!plot->layer(name))
        plot->addLayer(name, plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    return plot->layer(name);
}

} // namespace

ReferenceLine::ReferenceLine(QCustomPlot* plot, Qt::Orientation orientation)
    : m_plot(plot)
    , m_orientation(orientation)
    , m_line(new QCPItemStraightLine(plot))
    , m_text(new QCPItemText(plot))
{
    m_line->setLayer(referenceLayer(plot));
    m_text->setLayer(referenceLayer(plot));
    m_line->setSelectable(false);
    m_text->setSelectable(false);
    const bool horizontal = orientation == Qt::Horizontal;
    m_text->setPositionAlignment(horizontal ? Qt::AlignLeft | Qt::AlignBottom : Qt::AlignLeft | Qt::AlignTop);
    m_text->position->setTypeX(horizontal ? QCPItemPosition::ptAxisRectRatio : QCPItemPosition::ptPlotCoords);
    m_text->position->setTypeY(horizontal ? QCPItemPosition::ptPlotCoords : QCPItemPosition::ptAxisRectRatio);
    clear();
}

void ReferenceLine::set(double value, const QString& label, const QColor& color)
{
    m_visible = true;
    m_value = value;
    QPen pen(color, 1.5, Qt::DashLine);
    m_line->setPen(pen);
    m_text->setText(label);
    m_text->setColor(color);
    if (m_orientation == Qt::Horizontal) {
        m_line->point1->setCoords(0, value);
        m_line->point2->setCoords(1, value);
        m_text->position->setCoords(0.01, value);
    } else {
        m_line->point1->setCoords(value, 0);
        m_line->point2->setCoords(value, 1);
        m_text->position->setCoords(value, 0.01);
    }
    m_line->setVisible(true);
    m_text->setVisible(true);
}

void ReferenceLine::clear()
{
    m_visible = false;
    m_value = 0;
    m_text->setText(QString());
    m_line->setVisible(false);
    m_text->setVisible(false);
}

QString ReferenceLine::label() const
{
    return m_text->text();
}

void ReferenceLine::includeInYRange() const
{
    if (m_visible && m_orientation == Qt::Horizontal && m_plot->yAxis->range().upper < m_value * kHeadroom)
        m_plot->yAxis->setRangeUpper(m_value * kHeadroom);
}

} // namespace mdse::widgets
