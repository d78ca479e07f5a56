#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QVector>

namespace mdse::core {
struct LayerStats;
}

namespace mdse::models {

class StudioDocument;

// One row per layer of the document's network, in execution order, with the
// exact statistics of core::computeStats. DisplayRole is formatted for
// people; RawValueRole holds the number behind each cell (element counts for
// shapes) for sorting and plots. Read-only.
class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, OpColumn, InputShapeColumn, OutputShapeColumn, ParamsColumn, MacsColumn, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole;

    explicit LayerTableModel(const StudioDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString name;
        QString op;
        QString inputShapes;
        QString outputShapes;
        qint64 inputElements = 0;
        qint64 outputElements = 0;
        qint64 weights = 0;
        qint64 biases = 0;
        qint64 params = 0;
        qint64 macs = 0;
    };

    void reload();
    QVariant displayValue(const Row& row, int column) const;
    QVariant rawValue(const Row& row, int column) const;
    QString opText(const core::LayerStats& stats) const;

    const StudioDocument* m_document;
    QVector<Row> m_rows;
};

} // namespace mdse::models
