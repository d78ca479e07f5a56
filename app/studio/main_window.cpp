#include "app/studio/main_window.h"

#include "models/evaluation_runner.h"
#include "models/setting.h"
#include "models/studio_document.h"
#include "core/io/onnx/onnx_inputs.h"
#include "core/util/error.h"
#include "widgets/input_shape_dialog.h"
#include "widgets/layer_table_view.h"
#include "widgets/memory_view.h"
#include "widgets/roofline_view.h"
#include "widgets/systolic_array_view.h"
#include "widgets/target_summary_widget.h"
#include "widgets/zoo_menu.h"

#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QUrl>

namespace mdse::app {

namespace {

const models::Setting<QString> lastOpenDirectory{"files/lastOpenDirectory", QString()};
const models::Setting<QByteArray> savedGeometry{"window/geometry", QByteArray()};
const models::Setting<QByteArray> savedDockState{"window/state", QByteArray()};

} // namespace

MainWindow::MainWindow(models::StudioDocument* document, QWidget* parent)
    : QMainWindow(parent)
    , m_document(document)
    , m_layerView(new widgets::LayerTableView(document, this))
{
    setCentralWidget(m_layerView);
    auto* targetView = new widgets::TargetSummaryWidget(document, this);
    QDockWidget* targetDock = targetView->createDock(this);
    addDockWidget(Qt::RightDockWidgetArea, targetDock);
    connect(targetView, &widgets::TargetSummaryWidget::errorOccurred, this,
            [this](const QString& message) { showError(message); });

    createFileMenu();
    auto* zooMenu = new widgets::ZooMenu(this);
    menuBar()->addMenu(zooMenu);
    connect(zooMenu, &widgets::ZooMenu::networkRequested, this, &MainWindow::openNetwork);
    menuBar()->addMenu(targetView->createMenu(this));
    auto* systolicView = new widgets::SystolicArrayView(document, this);
    QDockWidget* systolicDock = systolicView->createDock(this);
    addDockWidget(Qt::RightDockWidgetArea, systolicDock);
    systolicView->followLayerSelection(m_layerView->table()->selectionModel());
    const QList<QDockWidget*> mcuDocks = createMcuDocks();
    createViewMenu(m_layerView->viewActions(), {targetDock->toggleViewAction(), systolicDock->toggleViewAction(),
                                                mcuDocks[0]->toggleViewAction(), mcuDocks[1]->toggleViewAction()});

    connect(document, &models::StudioDocument::networkChanged, this, &MainWindow::updateTitle);
    connect(document, &models::StudioDocument::targetChanged, this, &MainWindow::updateTitle);
    connect(document->undoStack(), &QUndoStack::cleanChanged, this,
            [this](bool clean) { setWindowModified(!clean); });
    setAcceptDrops(true);
    statusBar();
    resize(1200, 700);
    restoreGeometry(savedGeometry.value());
    restoreState(savedDockState.value());
    updateTitle();
}

// The MCU views over one shared evaluation, tabbed below the layer table;
// they follow the layer table's current row, and a clicked roofline point
// selects its layer there.
QList<QDockWidget*> MainWindow::createMcuDocks()
{
    auto* analysis = new models::EvaluationRunner(m_document, this);
    auto* memoryView = new widgets::MemoryView(analysis, this);
    auto* rooflineView = new widgets::RooflineView(analysis, this);
    QDockWidget* memoryDock = memoryView->createDock(this);
    QDockWidget* rooflineDock = rooflineView->createDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, memoryDock);
    tabifyDockWidget(memoryDock, rooflineDock);
    memoryDock->raise();
    memoryView->followLayerSelection(m_layerView->table()->selectionModel());
    connect(m_layerView, &widgets::LayerTableView::currentLayerChanged, rooflineView,
            &widgets::RooflineView::setHighlightedLayer);
    connect(rooflineView, &widgets::RooflineView::layerClicked, m_layerView, &widgets::LayerTableView::selectLayer);
    return {memoryDock, rooflineDock};
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    savedGeometry.setValue(saveGeometry());
    savedDockState.setValue(saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::createFileMenu()
{
    QMenu* menu = menuBar()->addMenu(tr("&File"));
    menu->setObjectName(QStringLiteral("fileMenu"));
    QAction* open = menu->addAction(tr("&Open…"), this, &MainWindow::openFileDialog);
    open->setObjectName(QStringLiteral("openAction"));
    open->setShortcut(QKeySequence::Open);
    menu->addSeparator();
    QAction* quit = menu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
}

void MainWindow::createViewMenu(const QList<QAction*>& viewActions, const QList<QAction*>& dockToggles)
{
    QMenu* menu = menuBar()->addMenu(tr("&View"));
    menu->setObjectName(QStringLiteral("viewMenu"));
    menu->addActions(viewActions);
    menu->addSeparator();
    menu->addActions(dockToggles);
}

void MainWindow::openFileDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Network"), lastOpenDirectory.value(),
                                                      tr("Networks (*.yaml *.yml *.onnx *.tflite);;YAML networks (*.yaml *.yml);;"
                                                         "ONNX models (*.onnx);;TFLite models (*.tflite);;All files (*)"));
    if (path.isEmpty())
        return;
    lastOpenDirectory.setValue(QFileInfo(path).absolutePath());
    openNetwork(path);
}

bool MainWindow::openNetwork(const QString& pathOrZooId)
{
    if (!pathOrZooId.endsWith(QStringLiteral(".onnx"), Qt::CaseInsensitive))
        return openWithShapes(pathOrZooId, {});
    std::vector<core::OnnxInputInfo> inputs;
    try {
        inputs = core::listOnnxInputs(pathOrZooId.toStdString());
    } catch (const core::Error& error) {
        showError(QString::fromStdString(error.what()), tr("The network could not be opened."));
        return false;
    }
    bool needsShapes = false;
    for (const core::OnnxInputInfo& input : inputs)
        needsShapes = needsShapes || input.needsOverride();
    if (!needsShapes)
        return openWithShapes(pathOrZooId, {});
    auto* dialog = new widgets::InputShapeDialog(QFileInfo(pathOrZooId).fileName(), std::move(inputs), this);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, pathOrZooId] { openWithShapes(pathOrZooId, dialog->inputShapes()); });
    connect(dialog, &QDialog::finished, dialog, &QObject::deleteLater);
    dialog->open();
    return false;
}

bool MainWindow::openWithShapes(const QString& pathOrZooId, const std::map<std::string, core::Shape>& onnxInputShapes)
{
    const QString error = m_document->openNetwork(pathOrZooId, onnxInputShapes);
    if (error.isEmpty()) {
        statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(pathOrZooId)), 5000);
        return true;
    }
    showError(error, tr("The network could not be opened."));
    return false;
}

void MainWindow::showError(const QString& message, const QString& summary)
{
    auto* box = new QMessageBox(QMessageBox::Warning, tr("MicroDSE Studio"), summary.isEmpty() ? message : summary,
                                QMessageBox::Ok, this);
    if (!summary.isEmpty())
        box->setInformativeText(message);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString MainWindow::openableFile(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString suffix = QFileInfo(url.fileName()).suffix().toLower();
        if (suffix == QLatin1String("onnx") || suffix == QLatin1String("tflite") || suffix == QLatin1String("yaml")
            || suffix == QLatin1String("yml"))
            return url.toLocalFile();
    }
    return {};
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (openableFile(event->mimeData()).isEmpty())
        event->ignore();
    else
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event)
{
    if (openableFile(event->mimeData()).isEmpty())
        event->ignore();
    else
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = openableFile(event->mimeData());
    if (path.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    // Open after the drop returns, so the drag source is not kept waiting.
    QMetaObject::invokeMethod(this, [this, path] { openNetwork(path); }, Qt::QueuedConnection);
}

void MainWindow::updateTitle()
{
    const QString network = m_document->hasNetwork() ? m_document->networkName() : tr("No network");
    setWindowTitle(tr("%1 on %2[*] — MicroDSE Studio").arg(network, m_document->targetName()));
}

} // namespace mdse::app
