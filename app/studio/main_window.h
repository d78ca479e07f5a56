#pragma once

#include "core/graph/shape.h"

#include <QMainWindow>

#include <map>
#include <string>

class QDockWidget;
class QMimeData;

namespace mdse::models {
class StudioDocument;
}
namespace mdse::widgets {
class LayerTableView;
}

namespace mdse::app {

// Hosts the views over one StudioDocument and owns the application-level
// actions (File, Zoo). Each view brings its own dock, menu and actions.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(models::StudioDocument* document, QWidget* parent = nullptr);

    widgets::LayerTableView* layerView() const { return m_layerView; }

public slots:
    // Opens "zoo:<id>" or a file; on failure shows the error in a message
    // box (non-blocking) and keeps the current network. Returns success.
    // An ONNX model with symbolic input dimensions other than the batch
    // first asks for them (InputShapeDialog, non-blocking): this returns
    // false and the network opens when the dialog is accepted.
    bool openNetwork(const QString& pathOrZooId);
    // `message` alone, or a one-line `summary` with `message` as details.
    void showError(const QString& message, const QString& summary = {});

protected:
    void closeEvent(QCloseEvent* event) override;
    // Dropped local .onnx/.yaml/.yml files: the first one opens.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createFileMenu();
    QList<QDockWidget*> createMcuDocks();
    void createViewMenu(const QList<QAction*>& viewActions, const QList<QAction*>& dockToggles);
    void openFileDialog();
    void updateTitle();
    bool openWithShapes(const QString& pathOrZooId, const std::map<std::string, core::Shape>& onnxInputShapes);
    // The first local file in `mime` the studio can open, or "".
    static QString openableFile(const QMimeData* mime);

    models::StudioDocument* m_document;
    widgets::LayerTableView* m_layerView;
};

} // namespace mdse::app
