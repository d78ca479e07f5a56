#include "models/layer_table_model.h"

#include "models/quantity_format.h"
#include "models/studio_document.h"

#include "core/graph/layer_stats.h"

namespace mdse::models {

namespace {

QString shapesText(const std::vector<core::Shape>& shapes)
{
    QStringList parts;
    for (const core::Shape& shape : shapes)
        parts << QString::fromStdString(core::shapeToString(shape));
    return parts.join(QStringLiteral(", "));
}

} // namespace

LayerTableModel::LayerTableModel(const StudioDocument* document, QObject* parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &StudioDocument::networkChanged, this, &LayerTableModel::reload);
    reload();
}

// The model keeps its own copy of the rows so a reset is announced before
// the data it describes changes.
void LayerTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    if (m_document->hasNetwork()) {
        for (const core::LayerStats& stats : m_document->stats().layers) {
            Row row;
            row.name = QString::fromStdString(stats.name);
            row.inputShapes = shapesText(stats.inputShapes);
            row.outputShapes = shapesText(stats.outputShapes);
            row.op = opText(stats);
            row.inputElements = stats.inputElements;
            row.outputElements = stats.outputElements;
            row.weights = stats.weights;
            row.biases = stats.biases;
            row.params = stats.params;
            row.macs = stats.macs;
            m_rows.push_back(row);
        }
    }
    endResetModel();
}

// "conv2d (depthwise)" / "conv2d (pointwise)"; other ops by their file name.
QString LayerTableModel::opText(const core::LayerStats& stats) const
{
    const QString op = QString::fromUtf8(core::opName(stats.op));
    if (stats.inputShapes.empty())
        return op;
    const core::Layer& layer = m_document->network().layers().at(stats.layerIndex);
    const std::string variant = core::convVariant(layer, stats.inputShapes.front());
    if (variant == "depthwise")
        return tr("%1 (depthwise)").arg(op);
    if (variant == "pointwise")
        return tr("%1 (pointwise)").arg(op);
    return op;
}

int LayerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, index.column());
    case RawValueRole:
        return rawValue(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() >= ParamsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == ParamsColumn)
            return tr("%1 weights + %2 biases").arg(formatExactCount(row.weights), formatExactCount(row.biases));
        if (index.column() == MacsColumn)
            return formatCountBoth(row.macs);
        return {};
    default:
        return {};
    }
}

QVariant LayerTableModel::displayValue(const Row& row, int column) const
{
    switch (column) {
    case NameColumn: return row.name;
    case OpColumn: return row.op;
    case InputShapeColumn: return row.inputShapes;
    case OutputShapeColumn: return row.outputShapes;
    case ParamsColumn: return formatExactCount(row.params);
    case MacsColumn: return formatExactCount(row.macs);
    default: return {};
    }
}

// Shapes sort by their element count; counts are qlonglong.
QVariant LayerTableModel::rawValue(const Row& row, int column) const
{
    switch (column) {
    case NameColumn: return row.name;
    case OpColumn: return row.op;
    case InputShapeColumn: return qlonglong{row.inputElements};
    case OutputShapeColumn: return qlonglong{row.outputElements};
    case ParamsColumn: return qlonglong{row.params};
    case MacsColumn: return qlonglong{row.macs};
    default: return {};
    }
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section >= ParamsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Layer");
    case OpColumn: return tr("Op");
    case InputShapeColumn: return tr("Input shape");
    case OutputShapeColumn: return tr("Output shape");
    case ParamsColumn: return tr("Params");
    case MacsColumn: return tr("MACs");
    default: return {};
    }
}

} // namespace mdse::models
