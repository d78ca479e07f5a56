#pragma once

#include <QColor>
#include <QList>
#include <QPoint>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <memory>
#include <utility>

class QCPGraph;
class QCustomPlot;
class QMouseEvent;

namespace mdse::widgets {

class ReferenceLine;

// A scatter plot of point series (our wrapper of QCustomPlot; no QCP* type
// leaves widgets/plot/), each with its own marker and a tool tip per point,
// an optional labelled horizontal reference line (a baseline) and an
// optional labelled vertical one (a limit). Hovering a point shows its tool
// tip. Drag and wheel zoom on both axes.
class ScatterPlot : public QWidget {
    Q_OBJECT
public:
    enum class Marker { Circle, Diamond, Star };
    struct Series {
        QString name;
        QColor color;
        Marker marker = Marker::Circle;
        double size = 7; // marker size in pixels
        QVector<double> x;
        QVector<double> y;
        QStringList toolTips; // one per point, or empty
    };

    explicit ScatterPlot(QWidget* parent = nullptr);
    ~ScatterPlot() override;

    void setAxisLabels(const QString& x, const QString& y);
    // Replaces every series, fits the axes (y from 0) and redraws.
    void setSeries(const QList<Series>& series);
    void setReferenceLine(double y, const QString& label, const QColor& color);
    void clearReferenceLine();
    void setLimitLine(double x, const QString& label, const QColor& color);
    void clearLimitLine();
    // The x range shown until the next setSeries() (which fits all points);
    // dragging and the wheel still reach every point.
    void setXRange(double lower, double upper);
    void clear();

    // What is plotted, for tests and the view. A series' points are held
    // in ascending x (ties keep their order), with their tool tips.
    int seriesCount() const;
    QString seriesName(int index) const;
    QVector<double> seriesX(int index) const;
    QVector<double> seriesY(int index) const;
    QString pointToolTip(int series, int point) const;
    bool hasReferenceLine() const;
    double referenceValue() const;
    QString referenceLabel() const;
    bool hasLimitLine() const;
    double limitValue() const;
    double xRangeLower() const;
    double xRangeUpper() const;
    // The canvas (child "plotCanvas") point of one point, and the point
    // nearest a canvas point within a few pixels as {series, point}, or
    // {-1, -1}.
    QPoint pointPosition(int series, int point) const;
    std::pair<int, int> pointAt(const QPoint& canvasPos) const;

private:
    void showToolTip(QMouseEvent* event);
    void fitAxes();

    QCustomPlot* m_plot;
    std::unique_ptr<ReferenceLine> m_reference;
    std::unique_ptr<ReferenceLine> m_limit;
    QList<QCPGraph*> m_graphs;
    QList<QStringList> m_toolTips; // per series, in the graph's (sorted) order
};

} // namespace mdse::widgets
