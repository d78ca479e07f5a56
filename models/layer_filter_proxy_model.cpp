#include "models/layer_filter_proxy_model.h"

#include "models/layer_table_model.h"

namespace mdse::models {

LayerFilterProxyModel::LayerFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(LayerTableModel::RawValueRole);
}

void LayerFilterProxyModel::setFilterText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateFilter();
}

bool LayerFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_filterText.isEmpty())
        return true;
    for (int column : {LayerTableModel::NameColumn, LayerTableModel::OpColumn}) {
        const QModelIndex index = sourceModel()->index(sourceRow, column, sourceParent);
        if (index.data(Qt::DisplayRole).toString().contains(m_filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace mdse::models
