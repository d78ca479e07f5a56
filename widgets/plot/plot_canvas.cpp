#include "widgets/plot/plot_canvas.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

namespace mdse::widgets {

QCustomPlot* createPlotCanvas(QWidget* owner, int minimumHeight, Qt::Orientations panZoom)
{
    auto* plot = new QCustomPlot(owner);
    plot->setObjectName(QStringLiteral("plotCanvas"));
    plot->setMinimumHeight(minimumHeight);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(panZoom);
    plot->axisRect()->setRangeZoom(panZoom);
    plot->legend->setVisible(true);
    QFont small = owner->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    plot->legend->setFont(small);
    plot->legend->setBrush(QColor(255, 255, 255, 200));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    auto* layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot);
    return plot;
}

} // namespace mdse::widgets
