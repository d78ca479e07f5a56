#include "widgets/target_summary_widget.h"

#include "models/quantity_format.h"
#include "models/studio_document.h"

#include "hwlib/catalogue.h"

#include <QActionGroup>
#include <QComboBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>

namespace mdse::widgets {

namespace {

// "320 KiB = 327.68 kB (327,680 B)": binary and decimal kilo side by side,
// since datasheets mix them (1 KiB = 1024 B, 1 kB = 1000 B).
QString bytesText(qint64 bytes)
{
    return TargetSummaryWidget::tr("%1 = %2 (%3 B)")
        .arg(models::formatKibibytes(bytes), models::formatKilobytes(bytes), models::formatExactCount(bytes));
}

} // namespace

TargetSummaryWidget::TargetSummaryWidget(models::StudioDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_picker(new QComboBox(this))
{
    m_picker->setObjectName(QStringLiteral("targetPicker"));
    for (const hwlib::McuTarget& target : hwlib::builtInMcuTargets())
        m_picker->addItem(QString::fromStdString(target.name), QString::fromStdString(target.id));
    auto* layout = new QFormLayout(this);
    layout->addRow(tr("Target:"), m_picker);
    m_name = addValueLabel("targetName");
    layout->addRow(tr("Name:"), m_name);
    m_core = addValueLabel("targetCore");
    layout->addRow(tr("Core:"), m_core);
    m_clock = addValueLabel("targetClock");
    layout->addRow(tr("Clock:"), m_clock);
    m_sram = addValueLabel("targetSram");
    layout->addRow(tr("SRAM:"), m_sram);
    m_flash = addValueLabel("targetFlash");
    layout->addRow(tr("Flash:"), m_flash);

    connect(m_picker, &QComboBox::activated, this, [this](int index) {
        choose(m_picker->itemData(index).toString());
    });
    connect(document, &models::StudioDocument::targetChanged, this, &TargetSummaryWidget::updateFromDocument);
    updateFromDocument();
}

QLabel* TargetSummaryWidget::addValueLabel(const char* objectName)
{
    auto* label = new QLabel(this);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QDockWidget* TargetSummaryWidget::createDock(QWidget* parent)
{
    auto* dock = new QDockWidget(tr("Target"), parent);
    dock->setObjectName(QStringLiteral("targetDock"));
    dock->setWidget(this);
    return dock;
}

QMenu* TargetSummaryWidget::createMenu(QWidget* parent)
{
    auto* menu = new QMenu(tr("&Target"), parent);
    menu->setObjectName(QStringLiteral("targetMenu"));
    auto* group = new QActionGroup(menu);
    for (int i = 0; i < m_picker->count(); ++i) {
        QAction* action = menu->addAction(m_picker->itemText(i));
        const QString id = m_picker->itemData(i).toString();
        action->setObjectName(QStringLiteral("target:") + id);
        action->setData(id);
        action->setCheckable(true);
        action->setChecked(id == QString::fromStdString(m_document->target().id));
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, id] { choose(id); });
    }
    connect(m_document, &models::StudioDocument::targetChanged, group, [this, group] {
        for (QAction* action : group->actions())
            action->setChecked(action->data().toString() == QString::fromStdString(m_document->target().id));
    });
    return menu;
}

void TargetSummaryWidget::choose(const QString& id)
{
    const QString error = m_document->setTargetId(id);
    if (!error.isEmpty())
        emit errorOccurred(error);
}

void TargetSummaryWidget::updateFromDocument()
{
    const hwlib::McuTarget& target = m_document->target();
    m_picker->setCurrentIndex(m_picker->findData(QString::fromStdString(target.id)));
    m_name->setText(QString::fromStdString(target.name));
    m_core->setText(QString::fromStdString(target.core));
    m_clock->setText(models::formatMegahertz(target.clockHz));
    m_sram->setText(bytesText(target.sramBytes));
    m_flash->setText(bytesText(target.flashBytes));
}

} // namespace mdse::widgets
