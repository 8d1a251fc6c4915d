#include "linecodec.h"

#include <QtTest>

class TestLineCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesLines();
};

void TestLineCodec::decodesLines()
{
    LineCodec codec;
    QList<Message> out;
    QVERIFY(codec.decode("hello\r\nwor", out));
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).text, QStringLiteral("hello"));
    QVERIFY(codec.decode("ld\n", out));
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(1).text, QStringLiteral("world"));
}

QTEST_GUILESS_MAIN(TestLineCodec)
#include "tst_linecodec.moc"
