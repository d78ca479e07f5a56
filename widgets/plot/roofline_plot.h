#pragma once

#include <QList>
#include <QPoint>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QMouseEvent;

namespace mdse::widgets {

// Our one door to QCustomPlot for a log-log roofline (Williams, Waterman,
// Patterson, CACM 2009): a horizontal line per compute ceiling, a slanted
// line (ops/s = intensity x bytes/s) per bandwidth ceiling up to its ridge
// under the highest compute ceiling, so the drawn roof is min(peak,
// intensity x bandwidth); the points as scatter markers, one shape per memory
// level, memory-bound points in their own colour. Wheel zoom and drag pan on
// both axes; hovering a point shows its layer in a tool tip, clicking it
// emits pointClicked(). It draws what it is given and computes no analysis.
class RooflinePlot : public QWidget {
    Q_OBJECT
public:
    struct Ceiling {
        QString name;
        double value = 0; // ops/s for a compute ceiling, bytes/s for a bandwidth ceiling
    };
    struct Point {
        QString name;               // the layer
        QString level;              // the memory level its bytes refer to ("flash", "SRAM", ...)
        double intensity = 0;       // op/B
        double opsPerSecond = 0;    // attained
        bool memoryBound = false;
    };
    struct Data {
        QList<Ceiling> compute;
        QList<Ceiling> bandwidth;
        QList<Point> points;
    };

    explicit RooflinePlot(QWidget* parent = nullptr);

    // Replaces everything, fits the axes and redraws (keeps the highlight's name).
    void setData(const Data& data);
    void clear();
    // Rings the points of this layer ("" rings none).
    void setHighlightedLayer(const QString& layer);

    // What is drawn, for tests.
    int computeCeilingCount() const { return int(m_computeLines.size()); }
    int bandwidthCeilingCount() const { return int(m_bandwidthLines.size()); }
    int ceilingLineCount() const { return computeCeilingCount() + bandwidthCeilingCount(); }
    QStringList ceilingLegendNames() const;
    // The ops/s of a compute line and the x where a bandwidth line ends (its ridge).
    double computeCeilingY(int index) const;
    double ridgeX(int bandwidthIndex) const;
    // Markers drawn for a level, and the (intensity, ops/s) of the i-th point
    // of that level in the order given to setData().
    int pointCount(const QString& level) const;
    QPointF pointPosition(const QString& level, int index) const;
    QString pointName(const QString& level, int index) const;
    int memoryBoundPointCount() const;
    int highlightedPointCount() const;
    // Pixel position of a data point on the canvas (after layout), and the
    // layer whose marker is within a few pixels of a canvas position.
    QPoint pixelOf(const QPointF& data) const;
    QString layerAt(const QPoint& canvasPos) const;
    QWidget* canvas() const;

signals:
    void pointClicked(const QString& layer);

private:
    void addCeilingLines();
    void addPointGraphs();
    void fitAxes();
    void updateHighlight();
    const Point* pointAt(const QPoint& canvasPos) const;
    QList<const Point*> pointsOf(const QString& level) const;
    double highestPeak() const;
    void onMouseMove(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);

    QCustomPlot* m_plot;
    Data m_data;
    QList<QCPGraph*> m_computeLines;
    QList<QCPGraph*> m_bandwidthLines;
    QList<QCPGraph*> m_pointGraphs;
    QCPGraph* m_highlight = nullptr;
    QString m_highlightedLayer;
    QPoint m_pressPos;
};

} // namespace mdse::widgets
