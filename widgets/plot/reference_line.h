#pragma once

#include <QColor>
#include <Qt>
#include <QString>

class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;

namespace mdse::widgets {

// A labelled line across a QCustomPlot at one value (a capacity, a
// baseline, a limit), horizontal (at y) or vertical (at x), for the plot
// wrappers of widgets/plot/ only. The line and its label are items owned by
// the plot; the label sits at the left (horizontal) or top (vertical) end,
// beside the line, and stays there when the view pans.
class ReferenceLine {
public:
    explicit ReferenceLine(QCustomPlot* plot, Qt::Orientation orientation = Qt::Horizontal);

    void set(double value, const QString& label, const QColor& color);
    void clear();

    bool isVisible() const { return m_visible; }
    double value() const { return m_value; }
    QString label() const;
    // Widens the plot's y range (after a rescale) so a horizontal line shows.
    void includeInYRange() const;

private:
    QCustomPlot* m_plot;
    Qt::Orientation m_orientation;
    QCPItemStraightLine* m_line;
    QCPItemText* m_text;
    bool m_visible = false;
    double m_value = 0;
};

} // namespace mdse::widgets
