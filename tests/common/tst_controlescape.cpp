// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// ControlEscape: what logs and line relays make visible (docs/protocol.md,
// "Control characters"), in UTF-8 and in UTF-16, and LogEvent::format()
// using it so that no peer can forge a log line.
#include "controlescape.h"
#include "linecodec.h"
#include "logevent.h"

#include <QtTest>

using namespace Qt::StringLiterals;

class TestControlEscape : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapes_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << u"hello, world"_s << u"hello, world"_s;
        QTest::newRow("tab kept") << u"a\tb"_s << u"a\tb"_s;
        QTest::newRow("cr") << u"a\rb"_s << u"a\u240Db"_s;
        QTest::newRow("lf") << u"a\nb"_s << u"a\u240Ab"_s;
        QTest::newRow("nul") << QString(QChar(0)) << u"\u2400"_s;
        QTest::newRow("esc sequence") << u"x\r\u001b[2K#1 alice: forged"_s << u"x\u240D\u241B[2K#1 alice: forged"_s;
        QTest::newRow("del") << u"a\u007fb"_s << u"a\u2421b"_s;
        QTest::newRow("c1 nel") << u"a\u0085b"_s << u"a<U+0085>b"_s;
        QTest::newRow("c1 csi") << u"\u009b2K"_s << u"<U+009B>2K"_s;
        QTest::newRow("line separator") << u"a\u2028b\u2029c"_s << u"a<U+2028>b<U+2029>c"_s;
        QTest::newRow("bidi override") << u"abc\u202Efed"_s << u"abc<U+202E>fed"_s;
        QTest::newRow("bidi embeddings") << u"\u202A\u202B\u202C\u202D"_s << u"<U+202A><U+202B><U+202C><U+202D>"_s;
        QTest::newRow("isolates") << u"\u2066\u2067\u2068\u2069"_s << u"<U+2066><U+2067><U+2068><U+2069>"_s;
        // Neighbours that stay: LRM/RLM are ordinary in right-to-left text.
        QTest::newRow("neighbours kept") << u"\u00A0\u00E9\u200E\u200F\u2027\u202F\u2065\u206A\u2400"_s
                                         << u"\u00A0\u00E9\u200E\u200F\u2027\u202F\u2065\u206A\u2400"_s;
        QTest::newRow("emoji kept") << u"\U0001F600!"_s << u"\U0001F600!"_s;
        // Non-ASCII text around escapes: the fast path skips it without
        // missing what follows.
        QTest::newRow("cyrillic") << u"\u043F\u0440\u0438\u0432\u0435\u0442\u202E\u043C\u0438\u0440 \u043F\u0440\u0438\u0432\u0435\u0442\u001b"_s
                                  << u"\u043F\u0440\u0438\u0432\u0435\u0442<U+202E>\u043C\u0438\u0440 \u043F\u0440\u0438\u0432\u0435\u0442\u241B"_s;
        QTest::newRow("latin-1 next to c1") << u"\u00e9\u00a9\u0085\u00c2"_s << u"\u00e9\u00a9<U+0085>\u00c2"_s;
        QTest::newRow("e2 neighbours") << u"\u2022\u20AC\u2028\u2190"_s << u"\u2022\u20AC<U+2028>\u2190"_s;
    }
    void escapes()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(ControlEscape::escaped(in), out);
        const QByteArray utf8 = in.toUtf8();
        QByteArray escaped = "prefix:";
        ControlEscape::appendEscaped(utf8, escaped);
        QCOMPARE(QString::fromUtf8(escaped), u"prefix:"_s + out);
    }

    // The 8-byte fast path: a control anywhere in a long ASCII text, and a
    // multi-byte escape split across a word boundary, are found.
    void everyPosition()
    {
        for (const QString &control : { u"\u001b"_s, u"\u007f"_s, u"\u0085"_s, u"\u202E"_s }) {
            for (int at = 0; at < 24; ++at) {
                const QString in = QString(at, u'a') + control + QString(23 - at, u'b');
                const QByteArray utf8 = in.toUtf8();
                QByteArray out;
                ControlEscape::appendEscaped(utf8, out);
                QCOMPARE(QString::fromUtf8(out), ControlEscape::escaped(in));
                QVERIFY(!QString::fromUtf8(out).contains(control));
            }
        }
        const QByteArray clean(4096, 'x');
        QByteArray out;
        ControlEscape::appendEscaped(clean, out);
        QCOMPARE(out, clean);
    }

    // Invalid UTF-8 (raw mode relays no longer guarantee valid text) does
    // not make it read past the end.
    void truncatedSequencesAtTheEnd()
    {
        for (const QByteArray &tail : { QByteArray("\xC2"), QByteArray("\xE2\x80"), QByteArray("\xE2") }) {
            QByteArray out;
            ControlEscape::appendEscaped(QByteArray("abc") + tail, out);
            QCOMPARE(out, QByteArray("abc") + tail);
        }
    }

    // No log entry can show a line break, or a line its writer did not
    // write (issue: log forging).
    void logEventsAreEscaped()
    {
        const QByteArray forged = "hi\n12:00:00.000 #1 alice (127.0.0.1:1): forged\r\x1b[2K";
        const LogEvent e = LogEvent::message(LogEvent::Kind::Message, u"#2 bob\u202E (127.0.0.1:2)"_s, forged,
                                             false, 0);
        const QString line = e.format();
        QVERIFY2(!line.contains(u'\n') && !line.contains(u'\r') && !line.contains(QChar(0x1b)), qPrintable(line));
        QVERIFY(line.contains(u"#2 bob<U+202E> (127.0.0.1:2): hi\u240A12:00:00.000 #1 alice"_s));
        QVERIFY(line.endsWith(u"forged\u240D\u241B[2K"_s));
        const QString info = LogEvent::info(u"To all (1): a\nb"_s).format();
        QVERIFY(info.endsWith(u"To all (1): a\u240Ab"_s));
    }

    // The server's line output: texts escaped, server texts quoted; a
    // client's own (raw) output untouched.
    void lineOutput()
    {
        const LineCodec server(Protocol::kDefaultMaxMessageSize, LineCodec::Output::Escaped);
        const LineCodec raw;
        const Message relay = Message::makeText(u"x\r\u001b[2K#1 alice: forged"_s, 2);
        QCOMPARE(server.encode(relay), QByteArray("#2: x\xE2\x90\x8D\xE2\x90\x9B[2K#1 alice: forged\n"));
        QCOMPARE(raw.encode(relay), QByteArray("#2: x\r\x1b[2K#1 alice: forged\n"));
        QCOMPARE(server.encode(Message::makeText(u"#1 x\n* y\n\\z\nplain"_s)),
                 QByteArray("\\#1 x\n\\* y\n\\\\z\nplain\n"));
        QCOMPARE(raw.encode(Message::makeText(u"#1 x"_s)), QByteArray("#1 x\n"));
        QCOMPARE(server.encode(Message::makeNotice(Message::NoticeKind::Disconnect, u"bye\u001b"_s, 4)),
                 QByteArray("* disconnect #4: bye\xE2\x90\x9B\n"));
        QCOMPARE(server.encode(Message::makeNotice(Message::NoticeKind::Info, u"hello"_s, 0)),
                 QByteArray("* info: hello\n"));
        // M counts the escaped line: one ESC is three bytes on the wire.
        QByteArray out;
        QCOMPARE(server.encodeTo(Message::makeText(u"\u001b\u001b"_s), out), 6);
    }
};

QTEST_GUILESS_MAIN(TestControlEscape)
#include "tst_controlescape.moc"
