#pragma once

#include <QSortFilterProxyModel>

namespace mdse::models {

// Sorts the layer table by the raw values (numbers, not their formatted
// text) and filters rows whose layer name or op contains a text,
// case-insensitively.
class LayerFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit LayerFilterProxyModel(QObject* parent = nullptr);

    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_filterText;
};

} // namespace mdse::models
