// The layer table view with its totals line, driven like a user would.
#include "widgets/layer_table_view.h"

#include "models/layer_table_model.h"
#include "models/studio_document.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QtTest>

using mdse::models::LayerTableModel;
using mdse::models::StudioDocument;
using mdse::widgets::LayerTableView;

class TestLayerTableView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void totalsLine();
    void typingFilters();
    void clickingHeaderSortsByNumber();
};

void TestLayerTableView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestLayerTableView::totalsLine()
{
    StudioDocument document;
    LayerTableView view(&document);
    QCOMPARE(view.totalsLabel()->text(), QStringLiteral("No network"));
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet-300-100")), QString());
    // LeNet-300-100 by hand: params 784*300+300 + 300*100+100 + 100*10+10 = 266,610
    // (Han et al. 2016, Table 1: 267K); MACs 235,200 + 30,000 + 1,000 = 266,200;
    // activation elements: input 784 + 300 + 100 + 10 = 1,194 (flatten is a view).
    QCOMPARE(view.totalsLabel()->text(),
             QStringLiteral("layers 4 · params 266,610 (267 k) · MACs 266,200 (266 k) · activation elements 1,194 (1.19 k)"));
    QCOMPARE(view.table()->model()->rowCount(), 4);
}

void TestLayerTableView::typingFilters()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet-300-100")), QString());
    LayerTableView view(&document);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::keyClicks(view.filterEdit(), QStringLiteral("fc"));
    QCOMPARE(view.table()->model()->rowCount(), 3);
    QTest::keyClicks(view.filterEdit(), QStringLiteral("3"));
    QCOMPARE(view.table()->model()->rowCount(), 1);
    QCOMPARE(view.table()->model()->index(0, 0).data().toString(), QStringLiteral("fc3"));
    view.filterEdit()->clear();
    QCOMPARE(view.table()->model()->rowCount(), 4);
}

void TestLayerTableView::clickingHeaderSortsByNumber()
{
    StudioDocument document;
    QCOMPARE(document.openNetwork(QStringLiteral("zoo:lenet-300-100")), QString());
    LayerTableView view(&document);
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QAbstractItemModel* model = view.table()->model();
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("flatten")); // execution order first
    QHeaderView* header = view.table()->horizontalHeader();
    const int column = LayerTableModel::ParamsColumn;
    const QPoint centre(header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2);
    auto params = [model](int row) { return model->index(row, LayerTableModel::ParamsColumn).data(LayerTableModel::RawValueRole).toLongLong(); };
    for (int click = 0; click < 2; ++click) {
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
        const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
        QCOMPARE(header->sortIndicatorSection(), column);
        // Numeric order: 0 < 1,010 < 30,100 < 235,500 (text order would differ).
        for (int row = 1; row < model->rowCount(); ++row)
            QVERIFY(ascending ? params(row - 1) <= params(row) : params(row - 1) >= params(row));
        QCOMPARE(params(ascending ? 3 : 0), 235500LL);
    }
}

QTEST_MAIN(TestLayerTableView)
#include "tst_layer_table_view.moc"
