#pragma once

#include <QMenu>

namespace mdse::widgets {

// "Zoo": one action per built-in network (core::zooIds()), each named and
// carrying "zoo:<id>".
class ZooMenu : public QMenu {
    Q_OBJECT
public:
    explicit ZooMenu(QWidget* parent = nullptr);

signals:
    void networkRequested(const QString& pathOrZooId);
};

} // namespace mdse::widgets
