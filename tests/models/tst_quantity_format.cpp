// Number and size formatting shared by the views.
#include "models/quantity_format.h"
#include "models/setting.h"

#include <QStandardPaths>
#include <QtTest>

using namespace mdse::models;

class TestQuantityFormat : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void bytes_data();
    void bytes();
    void counts_data();
    void counts();
    void megahertz();
    void settingRoundTrip();

private:
    QLocale m_english{QLocale::English, QLocale::UnitedStates};
};

void TestQuantityFormat::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MicroDSE-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_quantity_format"));
}

void TestQuantityFormat::bytes_data()
{
    QTest::addColumn<qlonglong>("bytes");
    QTest::addColumn<QString>("kibibytes");
    QTest::addColumn<QString>("kilobytes");
    // Hand calculations, 1 KiB = 1024 B (IEC 80000-13), 1 kB = 1000 B (SI).
    QTest::newRow("STM32F746 SRAM 320 KiB") << 327680LL << "320 KiB" << "327.68 kB";
    QTest::newRow("1 MiB flash") << 1048576LL << "1,024 KiB" << "1,048.58 kB"; // 1048.576 rounds up
    QTest::newRow("1000 B") << 1000LL << "0.98 KiB" << "1 kB"; // 1000/1024 = 0.9765625
    QTest::newRow("1024 B") << 1024LL << "1 KiB" << "1.02 kB";
    QTest::newRow("zero") << 0LL << "0 KiB" << "0 kB";
}

void TestQuantityFormat::bytes()
{
    QFETCH(qlonglong, bytes);
    QFETCH(QString, kibibytes);
    QFETCH(QString, kilobytes);
    QCOMPARE(formatKibibytes(bytes, m_english), kibibytes);
    QCOMPARE(formatKilobytes(bytes, m_english), kilobytes);
}

void TestQuantityFormat::counts_data()
{
    QTest::addColumn<qlonglong>("count");
    QTest::addColumn<QString>("both");
    // MobileNetV2 1.0/224 params 3,504,872 (Sandler et al. 2018 / torchvision):
    // three significant digits with SI prefix -> 3.50 M.
    QTest::newRow("mobilenetv2 params") << 3504872LL << "3,504,872 (3.50 M)";
    QTest::newRow("lenet params") << 266610LL << "266,610 (267 k)";
    QTest::newRow("small") << 804LL << "804 (804)";
}

void TestQuantityFormat::counts()
{
    QFETCH(qlonglong, count);
    QFETCH(QString, both);
    QCOMPARE(formatCountBoth(count, m_english), both);
}

void TestQuantityFormat::megahertz()
{
    // STM32F746 maximum clock, DS10916 §3.1: 216 MHz.
    QCOMPARE(formatMegahertz(216000000, m_english), QStringLiteral("216 MHz"));
    QCOMPARE(formatMegahertz(80500000, m_english), QStringLiteral("80.5 MHz"));
}

void TestQuantityFormat::settingRoundTrip()
{
    const Setting<int> columns{"test/columns", 7};
    columns.reset();
    QCOMPARE(columns.value(), 7);
    columns.setValue(3);
    QCOMPARE(columns.value(), 3);
    const Setting<QString> directory{"test/directory", QStringLiteral("/home")};
    directory.setValue(QStringLiteral("/tmp/x"));
    QCOMPARE(directory.value(), QStringLiteral("/tmp/x"));
    columns.reset();
    directory.reset();
    QCOMPARE(columns.value(), 7);
    QCOMPARE(directory.value(), QStringLiteral("/home"));
}

QTEST_GUILESS_MAIN(TestQuantityFormat)
#include "tst_quantity_format.moc"
