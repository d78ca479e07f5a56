#include "widgets/zoo_menu.h"

#include "core/io/zoo.h"

namespace mdse::widgets {

ZooMenu::ZooMenu(QWidget* parent)
    : QMenu(tr("&Zoo"), parent)
{
    setObjectName(QStringLiteral("zooMenu"));
    for (const std::string& id : core::zooIds()) {
        const QString zooId = QStringLiteral("zoo:") + QString::fromStdString(id);
        QAction* action = addAction(QString::fromStdString(id));
        action->setObjectName(zooId);
        action->setData(zooId);
        action->setStatusTip(tr("Open the built-in network %1").arg(zooId));
        connect(action, &QAction::triggered, this, [this, zooId] { emit networkRequested(zooId); });
    }
}

} // namespace mdse::widgets
