#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QTableView;

namespace mdse::models {
class LayerFilterProxyModel;
class LayerTableModel;
class StudioDocument;
} // namespace mdse::models

namespace mdse::widgets {

// The per-layer table of the document's network (sortable, filterable by
// name or op) with a totals line underneath: layers, params and MACs (exact
// and SI), activation elements.
class LayerTableView : public QWidget {
    Q_OBJECT
public:
    explicit LayerTableView(models::StudioDocument* document, QWidget* parent = nullptr);

    // What this view adds to the window's View menu.
    QList<QAction*> viewActions() const { return m_actions; }

    QTableView* table() const { return m_table; }
    // Makes the layer of that name the current row (clearing the filter if
    // it hides it) and scrolls to it; returns false if there is no such layer.
    bool selectLayer(const QString& name);
    QLineEdit* filterEdit() const { return m_filter; }
    QLabel* totalsLabel() const { return m_totals; }

signals:
    // The current row's layer name ("" when no row is current).
    void currentLayerChanged(const QString& name);

private:
    void createActions();
    void updateTotals();

    models::StudioDocument* m_document;
    models::LayerTableModel* m_model;
    models::LayerFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QTableView* m_table;
    QLabel* m_totals;
    QList<QAction*> m_actions;
};

} // namespace mdse::widgets
