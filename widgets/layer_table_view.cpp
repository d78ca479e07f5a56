#include "widgets/layer_table_view.h"

#include "models/layer_filter_proxy_model.h"
#include "models/layer_table_model.h"
#include "models/quantity_format.h"
#include "models/studio_document.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace mdse::widgets {

using models::LayerTableModel;

LayerTableView::LayerTableView(models::StudioDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new LayerTableModel(document, this))
    , m_proxy(new models::LayerFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_totals(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_filter->setObjectName(QStringLiteral("layerFilter"));
    m_filter->setPlaceholderText(tr("Filter layers by name or op"));
    m_filter->setClearButtonEnabled(true);
    m_table->setObjectName(QStringLiteral("layerTable"));
    m_table->setModel(m_proxy);
    // Execution order (no sort column) until a header is clicked.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_totals->setObjectName(QStringLiteral("layerTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_totals);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &models::LayerFilterProxyModel::setFilterText);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                emit currentLayerChanged(
                    current.isValid() ? current.siblingAtColumn(LayerTableModel::NameColumn).data().toString()
                                      : QString());
            });
    connect(document, &models::StudioDocument::networkChanged, this, &LayerTableView::updateTotals);
    createActions();
    updateTotals();
}

bool LayerTableView::selectLayer(const QString& name)
{
    const auto find = [&] {
        const QModelIndexList hits = m_proxy->match(m_proxy->index(0, LayerTableModel::NameColumn), Qt::DisplayRole,
                                                    name, 1, Qt::MatchExactly);
        return hits.isEmpty() ? QModelIndex() : hits.front();
    };
    QModelIndex index = find();
    if (!index.isValid() && !m_filter->text().isEmpty()) {
        m_filter->clear();
        index = find();
    }
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void LayerTableView::createActions()
{
    auto* findAction = new QAction(tr("&Find Layer…"), this);
    findAction->setObjectName(QStringLiteral("findLayerAction"));
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    auto* orderAction = new QAction(tr("&Execution Order"), this);
    orderAction->setObjectName(QStringLiteral("executionOrderAction"));
    connect(orderAction, &QAction::triggered, m_table, [this] {
        m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    });
    m_actions = {findAction, orderAction};
}

void LayerTableView::updateTotals()
{
    if (!m_document->hasNetwork()) {
        m_totals->setText(tr("No network"));
        return;
    }
    const core::NetworkStats& stats = m_document->stats();
    const auto layers = static_cast<qint64>(stats.layers.size());
    m_totals->setText(tr("layers %1 · params %2 · MACs %3 · activation elements %4")
                          .arg(models::formatExactCount(layers), models::formatCountBoth(stats.totals.params),
                               models::formatCountBoth(stats.totals.macs),
                               models::formatCountBoth(stats.totals.activationElements)));
    m_table->resizeColumnsToContents();
}

} // namespace mdse::widgets
