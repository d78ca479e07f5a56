#pragma once

// Internal to widgets/plot: the QCustomPlot canvas every plot wrapper starts from.

#include <Qt>

class QCustomPlot;
class QWidget;

namespace mdse::widgets {

// A canvas named "plotCanvas" filling `owner` (through a margin-less
// layout), at least `minimumHeight` px high, dragged and wheel-zoomed along
// `panZoom`, with a visible legend in a smaller font on a translucent
// background at the top right of the axis rect (data stays visible behind it).
QCustomPlot* createPlotCanvas(QWidget* owner, int minimumHeight, Qt::Orientations panZoom);

} // namespace mdse::widgets
