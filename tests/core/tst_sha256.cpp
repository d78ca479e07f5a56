// SHA-256 against the test vectors of NIST FIPS 180-4 (examples published
// in "SHA256.pdf", NIST Cryptographic Standards and Guidelines, examples
// with intermediate values) and the well-known empty-message digest.
#include "core/util/sha256.h"

#include <QtTest>

using namespace mdse::core;

class TestSha256 : public QObject {
    Q_OBJECT
private slots:
    void vectors_data();
    void vectors();
    void streamingEqualsOneShot();
};

void TestSha256::vectors_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("digest");
    // NIST example "abc" (one block).
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // NIST example of two blocks (448 bits of message).
    QTest::newRow("two-block") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                               << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // The empty message (FIPS 180-4 padding only).
    QTest::newRow("empty") << QByteArray("")
                           << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // NIST long-message example: one million 'a'.
    QTest::newRow("million-a") << QByteArray(1000000, 'a')
                               << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

void TestSha256::vectors()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, digest);
    QCOMPARE(QByteArray::fromStdString(sha256Hex(message.toStdString())), digest);
}

void TestSha256::streamingEqualsOneShot()
{
    // Splitting the input at every offset around the 64-byte block and the
    // 56-byte padding boundary gives the one-shot digest.
    const std::string text(130, 'x');
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        Sha256 hash;
        hash.update(std::string_view(text).substr(0, cut));
        hash.update(std::string_view(text).substr(cut));
        std::string hex;
        for (auto byte : hash.finish())
            hex += QByteArray::number(byte, 16).rightJustified(2, '0').toStdString();
        QCOMPARE(hex, sha256Hex(text));
    }
}

QTEST_APPLESS_MAIN(TestSha256)
#include "tst_sha256.moc"
