#pragma once

#include <QWidget>

class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;

namespace mdse::models {
class StudioDocument;
}

namespace mdse::widgets {

// The chosen MCU target: a picker over the built-in catalogue and its key
// figures (name, core, clock, SRAM and flash in both KiB and kB). It
// contributes its own dock and its own "Target" menu to the window.
class TargetSummaryWidget : public QWidget {
    Q_OBJECT
public:
    explicit TargetSummaryWidget(models::StudioDocument* document, QWidget* parent = nullptr);

    // A dock holding this widget (the widget is reparented into it).
    QDockWidget* createDock(QWidget* parent);
    // A menu with one checkable action per catalogue part, kept in sync.
    QMenu* createMenu(QWidget* parent);

    QComboBox* picker() const { return m_picker; }

signals:
    // A catalogue part could not be chosen; the message says why.
    void errorOccurred(const QString& message);

private:
    void choose(const QString& id);
    void updateFromDocument();
    QLabel* addValueLabel(const char* objectName);

    models::StudioDocument* m_document;
    QComboBox* m_picker;
    QLabel* m_name;
    QLabel* m_core;
    QLabel* m_clock;
    QLabel* m_sram;
    QLabel* m_flash;
};

} // namespace mdse::widgets
