#pragma once

#include <QWidget>

class QComboBox;
class QDockWidget;
class QLabel;

namespace mdse::models {
class EvaluationRunner;
} // namespace mdse::models

namespace mdse::widgets {

class RooflinePlot;

// The MCU roofline of the studio's network on its target, as
// models::EvaluationRunner evaluated it (core::mcuNetworkRoofline): the log-log
// plot with the compute and bandwidth ceilings and one point per layer and
// memory level, a level filter (flash and SRAM / flash / SRAM) and one
// summary line per bandwidth ceiling (its ridge under the highest compute
// ceiling, and how many of the layers with a point at that level are
// memory-bound). It follows the analysis's updated() and only presents it.
class RooflineView : public QWidget {
    Q_OBJECT
public:
    explicit RooflineView(const models::EvaluationRunner* analysis, QWidget* parent = nullptr);

    // A dock holding this widget (the widget is reparented into it).
    QDockWidget* createDock(QWidget* parent);
    // Rings the points of this layer (by its name; a folded batchnorm rings
    // its producer's; "" rings none), e.g. to follow a layer table's current row.
    void setHighlightedLayer(const QString& layer);
    const QString& highlightedLayer() const { return m_highlightedLayer; }

    RooflinePlot* plot() const { return m_plot; }
    QComboBox* levelFilter() const { return m_level; }

signals:
    // A point of this layer was clicked in the plot.
    void layerClicked(const QString& layer);

private:
    void refresh();
    void showMessage(const QString& text);
    QString summary() const;

    const models::EvaluationRunner* m_analysis;
    QComboBox* m_level;
    QLabel* m_message;
    RooflinePlot* m_plot;
    QLabel* m_summary;
    QString m_highlightedLayer;
};

} // namespace mdse::widgets
