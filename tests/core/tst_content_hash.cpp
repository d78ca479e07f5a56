// Content identity (core/util/content_hash.h): XXH3-128 as its reference
// tool prints it. The digests below were produced by `xxh128sum` (Debian
// package xxhash 0.8.1, the reference implementation's CLI) on the same
// bytes, e.g. `printf 'abc' | xxh128sum`.
#include "core/util/content_hash.h"

#include <QtTest>

using namespace mdse::core;

class TestContentHash : public QObject {
    Q_OBJECT
private slots:
    void matchesTheReferenceTool_data();
    void matchesTheReferenceTool();
    void fieldsAreDelimited();
};

void TestContentHash::matchesTheReferenceTool_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("digest");
    QTest::newRow("empty") << QByteArray("") << QByteArray("99aa06d3014798d86001c324468d497f");
    QTest::newRow("abc") << QByteArray("abc") << QByteArray("06b05ab6733a618578af5f94892f3950");
    QTest::newRow("name") << QByteArray("MicroDSE Studio") << QByteArray("acd1a7eff63362b16880f2d6f9c6d905");
}

void TestContentHash::matchesTheReferenceTool()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, digest);
    QCOMPARE(QByteArray::fromStdString(contentHash(bytes.toStdString())), digest);
}

void TestContentHash::fieldsAreDelimited()
{
    // Length- and type-prefixed: a field boundary moved is another content.
    const std::string ab_c = ContentHasher().add("ab").add("c").hex();
    const std::string a_bc = ContentHasher().add("a").add("bc").hex();
    QVERIFY(ab_c != a_bc);
    QCOMPARE(ContentHasher().add("ab").add("c").hex(), ab_c); // deterministic
    QVERIFY(ContentHasher().add(std::int64_t{1}).hex() != ContentHasher().add(1.0).hex());
    QCOMPARE(ab_c.size(), std::size_t(32));
}

QTEST_APPLESS_MAIN(TestContentHash)
#include "tst_content_hash.moc"
