#pragma once

#include <QString>
#include <QWidget>

class QComboBox;
class QDockWidget;
class QItemSelectionModel;
class QLabel;
class QStackedWidget;
class QTabWidget;

namespace mdse::core {
struct Evaluation;
} // namespace mdse::core

namespace mdse::models {
class EvaluationRunner;
} // namespace mdse::models

namespace mdse::widgets {

class ScatterPlot;
class TimelinePlot;

// The MCU memory analyses of models::EvaluationRunner, presented (nothing is
// computed here): tab "SRAM timeline" plots the live SRAM per execution
// step (live set as bars, MCUNet in-place depthwise as a step line, the
// target's arena SRAM as a line, the peak step marked) under a summary of
// peaks, the TFLM arena and the SRAM fit; tab "Patch inference" plots the
// MCUNetV2 patch curve (peak SRAM vs MAC overhead, one series per grid n,
// filterable) with the best plan and the per-layer peak. It re-reads the
// analysis on updated() and brings its own dock.
class MemoryView : public QWidget {
    Q_OBJECT
public:
    explicit MemoryView(const models::EvaluationRunner* analysis, QWidget* parent = nullptr);

    // A dock holding this widget (the widget is reparented into it).
    QDockWidget* createDock(QWidget* parent);
    // The current row of a view over models::LayerTableModel (or a proxy of
    // it) highlights that layer's step, by its name column.
    void followLayerSelection(QItemSelectionModel* selection);
    // Marks the step that runs `layer` in the timeline (a folded batchnorm:
    // its producer's step); a name without a step (or "") clears the mark.
    void setHighlightedLayer(const QString& layer);
    const QString& highlightedLayer() const { return m_highlightedLayer; }

    TimelinePlot* timelinePlot() const { return m_timeline; }
    ScatterPlot* patchPlot() const { return m_patch; }

private:
    QWidget* createTimelinePage();
    QWidget* createPatchPage();
    void showAnalysis();
    void showTimeline(const core::Evaluation& evaluation);
    void showTimelineSummary(const core::Evaluation& evaluation);
    void fillGridFilter(const core::Evaluation& evaluation);
    void showPatchCurve();
    void showPatchSummary(const core::Evaluation& evaluation);
    void limitPatchRange(const core::Evaluation& evaluation, int shownGrid);
    void applyHighlight();

    const models::EvaluationRunner* m_analysis;
    QStackedWidget* m_pages;
    QLabel* m_message;
    QTabWidget* m_tabs;
    QLabel* m_timelineSummary;
    QLabel* m_sramFit;
    TimelinePlot* m_timeline;
    QComboBox* m_gridFilter;
    QLabel* m_patchSummary;
    QLabel* m_rangeHint;
    ScatterPlot* m_patch;
    QString m_highlightedLayer;
};

} // namespace mdse::widgets
