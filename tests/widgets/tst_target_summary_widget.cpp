// The target summary follows the document's target, in KiB and kB.
#include "widgets/target_summary_widget.h"

#include "models/studio_document.h"

#include "hwlib/catalogue.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QtTest>

using mdse::models::StudioDocument;
using mdse::widgets::TargetSummaryWidget;

namespace {

QString labelText(const QWidget& widget, const char* name)
{
    const auto* label = widget.findChild<QLabel*>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

} // namespace

class TestTargetSummaryWidget : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void showsDefaultTarget();
    void followsDocument();
    void pickerAndMenuChooseTargets();
    void contributesDock();
};

void TestTargetSummaryWidget::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestTargetSummaryWidget::showsDefaultTarget()
{
    StudioDocument document;
    QCOMPARE(document.setTargetId(QStringLiteral("stm32f746")), QString());
    TargetSummaryWidget widget(&document);
    // STM32F746 datasheet DS10916: 216 MHz Cortex-M7, 320 KB SRAM (= 320 KiB
    // = 327,680 B = 327.68 kB), 1 MB flash (= 1,024 KiB = 1,048,576 B).
    QCOMPARE(labelText(widget, "targetCore"), QStringLiteral("Cortex-M7"));
    QCOMPARE(labelText(widget, "targetClock"), QStringLiteral("216 MHz"));
    QCOMPARE(labelText(widget, "targetSram"), QStringLiteral("320 KiB = 327.68 kB (327,680 B)"));
    QCOMPARE(labelText(widget, "targetFlash"), QStringLiteral("1,024 KiB = 1,048.58 kB (1,048,576 B)"));
    QCOMPARE(widget.picker()->currentData().toString(), QStringLiteral("stm32f746"));
}

void TestTargetSummaryWidget::followsDocument()
{
    StudioDocument document;
    TargetSummaryWidget widget(&document);
    mdse::hwlib::McuTarget target;
    target.id = "test-part";
    target.name = "Test part";
    target.core = "Cortex-M4";
    target.clockHz = 80'000'000;
    target.sramBytes = 512 * 1024;     // 512 KiB = 524,288 B = 524.29 kB
    target.flashBytes = 2'000'000;     // 2,000 kB = 1,953.125 KiB -> 1,953.13 KiB
    document.setTarget(target);
    QCOMPARE(labelText(widget, "targetName"), QStringLiteral("Test part"));
    QCOMPARE(labelText(widget, "targetClock"), QStringLiteral("80 MHz"));
    QCOMPARE(labelText(widget, "targetSram"), QStringLiteral("512 KiB = 524.29 kB (524,288 B)"));
    QCOMPARE(labelText(widget, "targetFlash"), QStringLiteral("1,953.13 KiB = 2,000 kB (2,000,000 B)"));
    QCOMPARE(widget.picker()->currentIndex(), -1); // not a catalogue part
}

void TestTargetSummaryWidget::pickerAndMenuChooseTargets()
{
    StudioDocument document;
    TargetSummaryWidget widget(&document);
    QScopedPointer<QMenu> menu(widget.createMenu(nullptr));
    const auto parts = mdse::hwlib::builtInMcuTargets();
    QCOMPARE(widget.picker()->count(), static_cast<int>(parts.size()));
    QCOMPARE(menu->actions().size(), static_cast<int>(parts.size()));
    QSignalSpy changed(&document, &StudioDocument::targetChanged);
    // The menu: choose the last part of the catalogue.
    QAction* last = menu->actions().constLast();
    last->trigger();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(QString::fromStdString(document.target().id), last->data().toString());
    QVERIFY(last->isChecked());
    QCOMPARE(labelText(widget, "targetName"), QString::fromStdString(parts.back().name));
    if (parts.size() < 2)
        return; // the keyboard step needs a second part to move to
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QTest::keyClick(widget.picker(), Qt::Key_Home);
    QCOMPARE(QString::fromStdString(document.target().id), QString::fromStdString(parts.front().id));
    QCOMPARE(labelText(widget, "targetName"), QString::fromStdString(parts.front().name));
    QVERIFY(menu->actions().constFirst()->isChecked());
}

void TestTargetSummaryWidget::contributesDock()
{
    StudioDocument document;
    auto* widget = new TargetSummaryWidget(&document);
    QScopedPointer<QDockWidget> dock(widget->createDock(nullptr));
    QCOMPARE(dock->widget(), widget);
    QVERIFY(!dock->objectName().isEmpty()); // needed by QMainWindow::saveState
}

QTEST_MAIN(TestTargetSummaryWidget)
#include "tst_target_summary_widget.moc"
