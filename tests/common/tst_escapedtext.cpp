// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// EscapedText: escapes to bytes, and errors that name the bad escape and
// where it is.
#include "escapedtext.h"

#include <QtTest>

using namespace Qt::StringLiterals;

class TestEscapedText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodes_data();
    void decodes();
    void errors_data();
    void errors();
    void offsetCountsInPositions();
};

void TestEscapedText::decodes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("plain") << u"hello"_s << QByteArray("hello");
    QTest::newRow("crlf") << u"AT\\r\\n"_s << QByteArray("AT\r\n");
    QTest::newRow("tab") << u"a\\tb"_s << QByteArray("a\tb");
    QTest::newRow("backslash") << u"C:\\\\dir"_s << QByteArray("C:\\dir");
    QTest::newRow("hex") << u"\\x68\\x65\\x6C\\x6c\\x6F"_s << QByteArray("hello");
    QTest::newRow("nul and ff") << u"\\x00\\xFF"_s << QByteArray("\x00\xFF", 2);
    QTest::newRow("mixed") << u"\\x02STX ✓\\x03"_s << QByteArray("\x02STX \xE2\x9C\x93\x03");
    QTest::newRow("escaped backslash then n") << u"\\\\n"_s << QByteArray("\\n");
    QTest::newRow("literal newline") << u"a\nb"_s << QByteArray("a\nb");
    QTest::newRow("emoji") << u"😀\\n"_s << QByteArray("\xF0\x9F\x98\x80\n");
}

void TestEscapedText::decodes()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    const EscapedText::Result result = EscapedText::decode(text);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.bytes, bytes);
    QCOMPARE(result.errorPosition, 0);
}

void TestEscapedText::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::addColumn<qsizetype>("position");
    QTest::newRow("unknown") << u"ab\\q"_s
                             << u"unknown escape \\q at character 3: use \\r, \\n, \\t, \\\\ or \\xNN"_s
                             << qsizetype(3);
    QTest::newRow("unknown emoji") << u"\\😀"_s
                                   << u"unknown escape \\😀 at character 1: use \\r, \\n, \\t, \\\\ or \\xNN"_s
                                   << qsizetype(1);
    QTest::newRow("bad hex digit") << u"x\\x4G"_s
                                   << u"\\x4G at character 2: \\x takes two hex digits, as in \\x0D"_s
                                   << qsizetype(2);
    QTest::newRow("one hex digit at end") << u"\\x4"_s
                                          << u"\\x4 at character 1: \\x takes two hex digits, as in \\x0D"_s
                                          << qsizetype(1);
    QTest::newRow("x alone") << u"\\x"_s << u"\\x at character 1: \\x takes two hex digits, as in \\x0D"_s
                             << qsizetype(1);
    QTest::newRow("trailing backslash") << u"abc\\"_s
                                        << u"a \\ at the end, at character 4: write \\\\ for a backslash"_s
                                        << qsizetype(4);
    QTest::newRow("placeholder in text") << u"%1\\%2"_s
                                         << u"unknown escape \\% at character 3: use \\r, \\n, \\t, \\\\ or \\xNN"_s
                                         << qsizetype(3);
    QTest::newRow("first of two") << u"\\q\\x"_s
                                  << u"unknown escape \\q at character 1: use \\r, \\n, \\t, \\\\ or \\xNN"_s
                                  << qsizetype(1);
}

void TestEscapedText::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFETCH(qsizetype, position);
    const EscapedText::Result result = EscapedText::decode(text);
    QVERIFY(!result.ok());
    QCOMPARE(result.error, error);
    QCOMPARE(result.errorPosition, position);
    QVERIFY(result.bytes.isEmpty());
}

void TestEscapedText::offsetCountsInPositions()
{
    const EscapedText::Result result = EscapedText::decode(u"ok\\z"_s, 10);
    QCOMPARE(result.errorPosition, 13);
    QVERIFY(result.error.contains(u"at character 13"_s));
}

QTEST_APPLESS_MAIN(TestEscapedText)
#include "tst_escapedtext.moc"
