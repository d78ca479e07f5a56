#pragma once

#include <QColor>
#include <QList>
#include <QPoint>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <memory>

class QCPAbstractPlottable;
class QCPGraph;
class QCPItemRect;
class QCustomPlot;
class QMouseEvent;

namespace mdse::widgets {

class ReferenceLine;

// A plot of per-step quantities over an execution order (our wrapper of
// QCustomPlot; no QCP* type leaves widgets/plot/): series with one value per
// step, step i centred at x = i, drawn as bars or as a step line; an
// optional labelled horizontal reference line (a capacity); one marked step
// (a peak, in the legend) and one highlighted step (a band). Hovering a step
// shows that step's tool tip. Drag and wheel zoom along x.
class TimelinePlot : public QWidget {
    Q_OBJECT
public:
    enum class Style { Bars, Steps };
    struct Series {
        QString name;
        QColor color;
        Style style = Style::Bars;
        QVector<double> values; // one per step
    };

    explicit TimelinePlot(QWidget* parent = nullptr);
    ~TimelinePlot() override;

    void setAxisLabels(const QString& x, const QString& y);
    // Replaces every series and the steps' tool tips (one per step), clears
    // the mark and the highlight, fits the axes and redraws.
    void setSeries(const QList<Series>& series, const QStringList& stepToolTips);
    void setReferenceLine(double y, const QString& label, const QColor& color);
    void clearReferenceLine();
    // A marker on the first series' value at `step`, named `label` in the
    // legend; -1 removes it.
    void setMarkedStep(int step, const QString& label);
    // A band behind `step`; -1 removes it.
    void setHighlightedStep(int step);
    void clear();

    // What is plotted, for tests and the view.
    int seriesCount() const;
    QString seriesName(int index) const;
    QVector<double> seriesValues(int index) const;
    int stepCount() const { return int(m_toolTips.size()); }
    QString stepToolTip(int step) const;
    int markedStep() const { return m_markedStep; }
    QString markedLabel() const;
    int highlightedStep() const { return m_highlightedStep; }
    bool hasReferenceLine() const;
    double referenceValue() const;
    QString referenceLabel() const;
    // The step under a point of the canvas (the child named "plotCanvas"),
    // or -1; and the canvas point at the centre of a step's first value.
    int stepAt(const QPoint& canvasPos) const;
    QPoint stepPosition(int step) const;

private:
    void showToolTip(QMouseEvent* event);
    void fitAxes();

    QCustomPlot* m_plot;
    std::unique_ptr<ReferenceLine> m_reference;
    QList<QCPAbstractPlottable*> m_series;
    QCPGraph* m_marker = nullptr;
    QCPItemRect* m_band;
    QStringList m_toolTips;
    int m_markedStep = -1;
    int m_highlightedStep = -1;
};

} // namespace mdse::widgets
