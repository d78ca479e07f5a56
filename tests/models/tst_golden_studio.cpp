// The golden cases (tests/golden/README.md) through the studio's evaluation
// runner: the document opens the network and takes the spec, the runner
// evaluates off the GUI thread, and the report of its Evaluation must hold
// every expected figure (the same writer the CLI uses).
#include "models/evaluation_runner.h"
#include "models/studio_document.h"

#include "core/io/design_spec_yaml.h"
#include "core/report/evaluation_report.h"
#include "tests/golden/golden_case.h"

#include <QtTest>

using namespace mdse;

class TestGoldenStudio : public QObject {
    Q_OBJECT
private slots:
    void cases_data();
    void cases();
};

void TestGoldenStudio::cases_data()
{
    QTest::addColumn<int>("index");
    const auto all = test::goldenCases();
    for (std::size_t i = 0; i < all.size(); ++i)
        QTest::newRow(qPrintable(all[i].name)) << int(i);
}

void TestGoldenStudio::cases()
{
    QFETCH(int, index);
    const test::GoldenCase c = test::goldenCases().at(std::size_t(index));
    models::StudioDocument document;
    models::EvaluationRunner runner(&document);
    QCOMPARE(document.openNetwork(c.network), QString());
    document.setSpec(core::loadDesignSpec(c.spec.toStdString()));
    runner.waitForFinished();
    QVERIFY2(runner.evaluation(), qPrintable(runner.errorText()));
    const QJsonObject report
        = QJsonDocument::fromJson(QByteArray::fromStdString(core::evaluationJson(*runner.evaluation()))).object();
    const QStringList problems = test::mismatches(c, report);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestGoldenStudio)
#include "tst_golden_studio.moc"
