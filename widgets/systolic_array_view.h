#pragma once

#include <QWidget>

class QComboBox;
class QDockWidget;
class QFormLayout;
class QItemSelectionModel;
class QLabel;
class QSpinBox;

namespace mdse::models {
class StudioDocument;
class SystolicSimulation;
} // namespace mdse::models

namespace mdse::widgets {

class StepPlot;

// The systolic-array simulation of one layer (models::SystolicSimulation):
// the array configuration (rows, columns, dataflow, three SRAM sizes), the
// report (cycles, stalls, utilization, mapping efficiency, SRAM and DRAM
// traffic, folds, GEMM dimensions) and a plot of the SRAM demand per cycle,
// binned. It brings its own dock; the layer follows a layer table's current
// row (followLayerSelection).
class SystolicArrayView : public QWidget {
    Q_OBJECT
public:
    explicit SystolicArrayView(models::StudioDocument* document, QWidget* parent = nullptr);

    // A dock holding this widget (the widget is reparented into it).
    QDockWidget* createDock(QWidget* parent);
    // The current row of a view over models::LayerTableModel (or a proxy
    // of it) selects the simulated layer by its name column.
    void followLayerSelection(QItemSelectionModel* selection);

    models::SystolicSimulation* simulation() const { return m_simulation; }
    StepPlot* plot() const { return m_plot; }

private:
    QWidget* createConfigForm();
    QWidget* createReportForm();
    QSpinBox* addSpinBox(const char* objectName, int maximum, const QString& suffix);
    QLabel* addValueLabel(QFormLayout* form, const QString& label, const char* objectName);
    void applyConfig();
    void showConfig();
    void showResult();
    void showTrace();
    void clearReport();

    models::SystolicSimulation* m_simulation;
    QLabel* m_layer;
    QSpinBox* m_rows;
    QSpinBox* m_cols;
    QComboBox* m_dataflow;
    QSpinBox* m_ifmapSram;
    QSpinBox* m_filterSram;
    QSpinBox* m_ofmapSram;
    QList<QLabel*> m_values;
    QLabel* m_gemm;
    QLabel* m_folds;
    QLabel* m_totalCycles;
    QLabel* m_stallCycles;
    QLabel* m_utilization;
    QLabel* m_mappingEfficiency;
    QLabel* m_sramReads;
    QLabel* m_sramWrites;
    QLabel* m_dramReads;
    QLabel* m_dramWrites;
    StepPlot* m_plot;
};

} // namespace mdse::widgets
