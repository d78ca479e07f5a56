#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QVector>
#include <QWidget>

class QCustomPlot;

namespace mdse::widgets {

// Our one door to QCustomPlot (no QCP* type leaves widgets/plot/): a plot
// of step series over a shared x axis, for binned quantities such as SRAM
// words per cycle over cycle ranges. A series' y[i] holds from x[i] up to
// x[i+1]; the last step ends at `end`. Drag and wheel zoom along x.
class StepPlot : public QWidget {
    Q_OBJECT
public:
    struct Series {
        QString name;
        QColor color;
        QVector<double> x; // step starts, ascending
        QVector<double> y;
        double end = 0;    // where the last step ends
    };

    explicit StepPlot(QWidget* parent = nullptr);

    void setAxisLabels(const QString& x, const QString& y);
    // Replaces every series, fits the axes to them and redraws.
    void setSeries(const QList<Series>& series);
    void clear();

    // What is plotted, for tests and tool tips.
    int seriesCount() const;
    QString seriesName(int index) const;
    // The step values of one series (without the closing point at `end`).
    QVector<double> seriesValues(int index) const;

private:
    QCustomPlot* m_plot;
};

} // namespace mdse::widgets
