// Issue #2: "Writing a network and reading it back yields an identical
// network", checked on every network of the built-in zoo.
#include "core/graph/layer_stats.h"
#include "core/io/network_yaml.h"
#include "core/io/zoo.h"

#include <QtTest>

using namespace mdse::core;

class TestYamlRoundTrip : public QObject {
    Q_OBJECT
private slots:
    void zooNetwork_data();
    void zooNetwork();
};

void TestYamlRoundTrip::zooNetwork_data()
{
    QTest::addColumn<QString>("id");
    for (const std::string& id : zooIds())
        QTest::newRow(id.c_str()) << QString::fromStdString(id);
}

void TestYamlRoundTrip::zooNetwork()
{
    QFETCH(QString, id);
    const std::string label = "zoo:" + id.toStdString();
    const NetworkDefinition original = parseNetworkYaml(*zooYaml(id.toStdString()), label);
    const std::string written = writeNetworkYaml(original);
    const NetworkDefinition reread = parseNetworkYaml(written, "<written " + label + ">");
    QVERIFY(reread == original);
    const Network before(original);
    const Network after(reread);
    QVERIFY(after == before);
    QCOMPARE(after.executionOrder(), before.executionOrder());
    QCOMPARE(after.outputs(), before.outputs());
    // The same totals, and writing again changes nothing.
    QCOMPARE(computeStats(after).totals.params, computeStats(before).totals.params);
    QCOMPARE(computeStats(after).totals.macs, computeStats(before).totals.macs);
    QCOMPARE(writeNetworkYaml(reread), written);
}

QTEST_APPLESS_MAIN(TestYamlRoundTrip)
#include "tst_yaml_roundtrip.moc"
