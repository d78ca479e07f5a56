// The golden cases (tests/golden/README.md) through the CLI: `microdse
// analyze <network> --spec spec.yaml --format json` must report every
// expected figure.
#include "app/cli/cli.h"
#include "tests/golden/golden_case.h"

#include <QtTest>

#include <sstream>

class TestGoldenCli : public QObject {
    Q_OBJECT
private slots:
    void cases_data();
    void cases();
    void enoughCases();
};

void TestGoldenCli::cases_data()
{
    QTest::addColumn<int>("index");
    const auto all = mdse::test::goldenCases();
    for (std::size_t i = 0; i < all.size(); ++i)
        QTest::newRow(qPrintable(all[i].name)) << int(i);
}

void TestGoldenCli::cases()
{
    QFETCH(int, index);
    const mdse::test::GoldenCase c = mdse::test::goldenCases().at(std::size_t(index));
    std::ostringstream out, err;
    const int code = mdse::app::runCli(
        {"analyze", c.network.toStdString(), "--spec", c.spec.toStdString(), "--format", "json"}, out, err);
    QVERIFY2(code == 0, err.str().c_str());
    const QJsonObject report = QJsonDocument::fromJson(QByteArray::fromStdString(out.str())).object();
    const QStringList problems = mdse::test::mismatches(c, report);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestGoldenCli::enoughCases()
{
    QVERIFY(mdse::test::goldenCases().size() >= 12);
}

QTEST_APPLESS_MAIN(TestGoldenCli)
#include "tst_golden_cli.moc"
