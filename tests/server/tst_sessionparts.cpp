// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The pure parts of a ClientSession: FramingSniffer (detect, then decide, at
// each moment the question is asked) and SessionTimeouts (which limit ran
// out first), checked without sockets.
#include "framingsniffer.h"
#include "sessiontimeouts.h"

#include <QTest>

using Verdict = FramingSniffer::Verdict;
using Moment = FramingSniffer::Moment;
using Expired = SessionTimeouts::Expired;

class TestSessionParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sniffer_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<int>("moment");
        QTest::addColumn<bool>("tlsOffered");
        QTest::addColumn<int>("forced"); // -1: auto
        QTest::addColumn<int>("verdict");
        const QByteArray magic = Protocol::magic().toByteArray();
        const int autoDetect = -1;
        const int lines = int(Protocol::Framing::Lines);
        QTest::newRow("a line") << QByteArray("hello\n") << int(Moment::Read) << false << autoDetect << int(Verdict::Lines);
        QTest::newRow("the magic") << magic << int(Moment::Read) << false << autoDetect << int(Verdict::Frames);
        QTest::newRow("part of the magic, reading") << magic.left(2) << int(Moment::Read) << false << autoDetect << int(Verdict::Wait);
        QTest::newRow("part of the magic, grace over") << magic.left(2) << int(Moment::GraceOver) << false << autoDetect << int(Verdict::AwaitMagic);
        QTest::newRow("part of the magic, input ended") << magic.left(3) << int(Moment::InputEnded) << false << autoDetect << int(Verdict::MagicCutShort);
        QTest::newRow("silence, grace over") << QByteArray() << int(Moment::GraceOver) << false << autoDetect << int(Verdict::Lines);
        QTest::newRow("silence, input ended") << QByteArray() << int(Moment::InputEnded) << false << autoDetect << int(Verdict::Lines);
        QTest::newRow("TLS with a certificate") << QByteArray("\x16\x03\x01", 3) << int(Moment::GraceOver) << true << autoDetect << int(Verdict::StartTls);
        QTest::newRow("TLS without one") << QByteArray("\x16\x03\x01", 3) << int(Moment::Read) << false << autoDetect << int(Verdict::TlsWithoutCertificate);
        QTest::newRow("an HTTP request") << QByteArray("GET / HTTP/1.1\r\n") << int(Moment::Read) << false << autoDetect << int(Verdict::Http);
        QTest::newRow("GET peeked at the grace's end") << QByteArray("GET ") << int(Moment::GraceOver) << false << autoDetect << int(Verdict::Wait);
        QTest::newRow("GE, reading") << QByteArray("GE") << int(Moment::Read) << false << autoDetect << int(Verdict::Wait);
        QTest::newRow("GE typed by a line client") << QByteArray("GE") << int(Moment::GraceOver) << false << autoDetect << int(Verdict::Lines);
        QTest::newRow("forced lines, the magic") << magic << int(Moment::Read) << false << lines << int(Verdict::Lines);
        QTest::newRow("forced lines still tells TLS") << QByteArray("\x16", 1) << int(Moment::Read) << true << lines << int(Verdict::StartTls);
    }
    void sniffer()
    {
        QFETCH(QByteArray, first);
        QFETCH(int, moment);
        QFETCH(bool, tlsOffered);
        QFETCH(int, forced);
        QFETCH(int, verdict);
        FramingSniffer::Setup setup;
        setup.tlsOffered = tlsOffered;
        if (forced >= 0)
            setup.forced = Protocol::Framing(forced);
        QCOMPARE(int(FramingSniffer::judge(first, Moment(moment), setup)), verdict);
    }
    // Inside TLS a 0x16 byte is plaintext: lines, not a second handshake.
    void insideTlsA0x16IsText()
    {
        FramingSniffer::Setup setup;
        setup.tlsOffered = true;
        setup.insideTls = true;
        QCOMPARE(FramingSniffer::judge(QByteArray("\x16 hi\n"), Moment::Read, setup), Verdict::Lines);
    }

    void timeoutsInOrder()
    {
        SessionTimeouts::Limits limits { 1000, 2000, 500, 3000, 4000 };
        SessionTimeouts t(limits, 0);
        SessionTimeouts::Facts facts;
        facts.framingKnown = true;
        facts.frames = true;
        QCOMPARE(t.check(999, facts), Expired::None);
        QCOMPARE(t.check(1000, facts), Expired::Hello);
        QCOMPARE(t.limitMs(Expired::Hello, true), 1000);
        facts.helloReceived = true;
        // A partial message from t=1100 on: its clock starts at that read.
        t.inputArrived(1100);
        t.messageProgress(true, false);
        QCOMPARE(t.check(1500, facts), Expired::None);
        QCOMPARE(t.check(1600, facts), Expired::PingDue); // 500 ms after the last input
        QCOMPARE(t.check(1700, facts), Expired::None);    // the ping counts as sent
        QCOMPARE(t.check(3100, facts), Expired::Message);
        t.messageProgress(false, true);
        QCOMPARE(t.check(4100, facts), Expired::Idle);
        QCOMPARE(t.limitMs(Expired::Idle, true), 3000);
        QCOMPARE(t.limitMs(Expired::Idle, false), 4000);
    }
    void pausedByFlowControlIsNotBlamed()
    {
        SessionTimeouts t({ 1000, 1000, 0, 1000, 1000 }, 0);
        SessionTimeouts::Facts facts;
        facts.framingKnown = true;
        facts.passwordPending = true;
        t.pausedByHost(900, true);
        QCOMPARE(t.check(1500, facts), Expired::None);
        QCOMPARE(t.check(1900, facts), Expired::Password);
        // Held back by the budget instead: its handshake clock runs on.
        SessionTimeouts u({ 1000, 1000, 0, 1000, 1000 }, 0);
        u.pausedByHost(900, false);
        QCOMPARE(u.check(1000, facts), Expired::Password);
    }
    void undecidedAndTls()
    {
        SessionTimeouts t({ 1000, 0, 0, 0, 0 }, 0);
        SessionTimeouts::Facts facts;
        QCOMPARE(t.check(5000, facts), Expired::None); // silence: the grace decides
        facts.magicPending = true;
        QCOMPARE(t.check(1000, facts), Expired::FramesHandshake);
        facts.tlsHandshaking = true;
        QCOMPARE(t.check(999, facts), Expired::None);
        QCOMPARE(t.check(1000, facts), Expired::TlsHandshake);
        t.handshakeStarted(1000); // TLS done: the frames handshake starts again
        facts.tlsHandshaking = false;
        QCOMPARE(t.check(1999, facts), Expired::None);
    }
};

QTEST_GUILESS_MAIN(TestSessionParts)
#include "tst_sessionparts.moc"
