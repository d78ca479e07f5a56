// The input-shape dialog: symbolic axes are the only editable ones, the
// batch stays 1, and typed extents come back as full ONNX shapes.
#include "widgets/input_shape_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

using mdse::core::OnnxInputDim;
using mdse::core::OnnxInputInfo;
using mdse::widgets::InputShapeDialog;
using Kind = OnnxInputDim::Kind;

namespace {

// "image": [batch, 3, height, width] (needs H and W);
// "scale": [batch, 16] (nothing to ask).
std::vector<OnnxInputInfo> twoInputs()
{
    return {
        {"image",
         {{Kind::Batch, 1, "batch"}, {Kind::Fixed, 3, ""}, {Kind::Symbolic, 0, "height"}, {Kind::Symbolic, 0, "width"}}},
        {"scale", {{Kind::Batch, 1, "N"}, {Kind::Fixed, 16, ""}}},
    };
}

void typeValue(QSpinBox* box, const QString& text)
{
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
}

QStringList labelTexts(const QWidget& widget)
{
    QStringList texts;
    for (const QLabel* label : widget.findChildren<QLabel*>())
        texts << label->text();
    return texts;
}

} // namespace

class TestInputShapeDialog : public QObject {
    Q_OBJECT
private slots:
    void onlySymbolicAxesAreEditable();
    void acceptReturnsTypedShapes();
    void cancelRejects();
};

void TestInputShapeDialog::onlySymbolicAxesAreEditable()
{
    InputShapeDialog dialog(QStringLiteral("model.onnx"), twoInputs());
    QCOMPARE(dialog.findChildren<QSpinBox*>().size(), qsizetype(2));
    QVERIFY(dialog.spinBox(QStringLiteral("image"), 2));
    QVERIFY(dialog.spinBox(QStringLiteral("image"), 3));
    QVERIFY(!dialog.spinBox(QStringLiteral("image"), 0)); // batch
    QVERIFY(!dialog.spinBox(QStringLiteral("image"), 1)); // fixed 3
    QVERIFY(!dialog.spinBox(QStringLiteral("scale"), 1));
    QVERIFY(dialog.spinBox(QStringLiteral("image"), 2)->toolTip().contains(QStringLiteral("height")));
    const QStringList texts = labelTexts(dialog);
    // Input names, the fixed extents and the batch's 1 are shown.
    for (const QString& expected : {QStringLiteral("image"), QStringLiteral("scale"), QStringLiteral("3"),
                                    QStringLiteral("16"), QStringLiteral("1")})
        QVERIFY2(texts.contains(expected), qPrintable(expected + QStringLiteral(" not in ") + texts.join(u'|')));
    QVERIFY(texts.join(u'|').contains(QStringLiteral("model.onnx")));
}

void TestInputShapeDialog::acceptReturnsTypedShapes()
{
    InputShapeDialog dialog(QStringLiteral("model.onnx"), twoInputs());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typeValue(dialog.spinBox(QStringLiteral("image"), 2), QStringLiteral("96"));
    typeValue(dialog.spinBox(QStringLiteral("image"), 3), QStringLiteral("128"));
    auto* buttons = dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttons"));
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto shapes = dialog.inputShapes();
    QCOMPARE(shapes.size(), std::size_t(1)); // "scale" needs no override
    QVERIFY(shapes.count("image"));
    QCOMPARE(shapes.at("image"), (mdse::core::Shape{1, 3, 96, 128}));
}

void TestInputShapeDialog::cancelRejects()
{
    InputShapeDialog dialog(QStringLiteral("model.onnx"), twoInputs());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.isVisible());
}

QTEST_MAIN(TestInputShapeDialog)
#include "tst_input_shape_dialog.moc"
