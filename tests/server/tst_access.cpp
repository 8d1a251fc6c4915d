// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Who may connect: allow and deny lists (ncat's semantics), the limit per
// address, kick and ban. Real sockets on loopback; other source addresses
// (127.0.0.2, 127.0.0.3) by binding the client socket before it connects.
#include "accesspolicy.h"
#include "eventlog.h"
#include "servercore.h"
#include "corefixture.h"

#include <QProcess>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Protocol::Framing;

class TestAccess : public QObject, protected CoreFixture
{
    Q_OBJECT

private:
    // Echo mode: what a client sends proves it was admitted.
    bool startCore(ServerOptions options = {})
    {
        options.mode = ServerOptions::Mode::Echo;
        return CoreFixture::startCore(options) != nullptr;
    }
    // A line client from source address from, which says hello first.
    TestPeer *linesFrom(const char *from, const QString &hello = u"hi"_s)
    {
        m_peers.push_back(std::make_unique<TestPeer>(Framing::Lines));
        TestPeer *p = m_peers.back().get();
        if (!p->socket()->bind(QHostAddress(QString::fromLatin1(from)), 0))
            qWarning("could not bind %s", from);
        p->connectTo(m_core->serverPort());
        p->sendLine(hello);
        return p;
    }
    int logLinesContaining(const QString &text) const
    {
        return int(m_core->log()->lines().filter(text).size());
    }

private Q_SLOTS:
    void cleanup()
    {
        m_peers.clear();
        m_core.reset();
    }

    void rules_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("matches");
        QTest::newRow("v4 exact") << u"127.0.0.2"_s << u"127.0.0.2"_s << true;
        QTest::newRow("v4 other") << u"127.0.0.2"_s << u"127.0.0.3"_s << false;
        QTest::newRow("v4 cidr in") << u"10.0.0.0/8"_s << u"10.200.3.4"_s << true;
        QTest::newRow("v4 cidr out") << u"10.0.0.0/8"_s << u"11.0.0.1"_s << false;
        QTest::newRow("v4 /32") << u"192.168.1.7/32"_s << u"192.168.1.7"_s << true;
        QTest::newRow("v4 /0") << u"0.0.0.0/0"_s << u"8.8.8.8"_s << true;
        QTest::newRow("mapped address, v4 rule") << u"127.0.0.0/8"_s << u"::ffff:127.0.0.9"_s << true;
        QTest::newRow("v4 address, mapped rule") << u"::ffff:10.0.0.0/104"_s << u"10.1.2.3"_s << true;
        QTest::newRow("v6 exact") << u"::1"_s << u"::1"_s << true;
        QTest::newRow("v6 cidr") << u"fd00::/8"_s << u"fd12:3456::1"_s << true;
        QTest::newRow("v6 cidr out") << u"fd00::/8"_s << u"fe80::1"_s << false;
        QTest::newRow("v6 rule, v4 address") << u"::/0"_s << u"1.2.3.4"_s << false;
    }
    void rules()
    {
        QFETCH(QString, rule);
        QFETCH(QString, address);
        QFETCH(bool, matches);
        const auto r = AccessPolicy::Rule::parse(rule);
        QVERIFY(r);
        QCOMPARE(r->matches(QHostAddress(address)), matches);
    }
    void badRules()
    {
        // Octal, hex and short IPv4 forms read differently by inet_aton()
        // and parseSubnet(): refused, not guessed.
        for (const QString &bad : { u"localhost"_s, u"10.0.0.0/33"_s, u"10.0.0"_s, u"::1/129"_s, u""_s, u"1.2.3.4/x"_s,
                                    u"010.0.0.1"_s, u"192.168.001.010"_s, u"0x7f.0.0.1"_s, u"10.0.0.010/32"_s,
                                    u"256.0.0.1"_s }) {
            QString error;
            QVERIFY2(!AccessPolicy::Rule::parse(bad, &error), qPrintable(bad));
            QVERIFY2(error.contains(u"is not an address or a CIDR range"_s), qPrintable(error));
        }
    }

    // A denied address is closed at accept: no bytes, no session, no
    // client; the log counts a flood instead of a line per attempt.
    void denyClosesAtAccept()
    {
        ServerOptions o;
        o.deny = QStringList{ u"127.0.0.2"_s };
        QVERIFY(startCore(o));
        TestPeer *honest = linesFrom("127.0.0.1", u"first"_s);
        QTRY_VERIFY(honest->hasLine(u"first"_s));
        QList<TestPeer *> denied;
        for (int i = 0; i < 20; ++i)
            denied.append(linesFrom("127.0.0.2"));
        for (TestPeer *p : std::as_const(denied))
            QTRY_VERIFY(p->isClosed());
        for (TestPeer *p : std::as_const(denied))
            QVERIFY2(p->raw().isEmpty(), p->raw().constData());
        QCOMPARE(m_core->clientCount(), 1);
        QCOMPARE(logLinesContaining(u"in the deny list"_s), 1);
        QVERIFY(logLinesContaining(u"Refused a connection from 127.0.0.2:"_s) == 1);
        honest->sendLine(u"still here"_s);
        QTRY_VERIFY(honest->hasLine(u"still here"_s));
    }

    // With an allow list, only what it names may connect; deny wins.
    void allowList()
    {
        ServerOptions o;
        o.allow = QStringList{ u"127.0.0.0/30"_s };
        o.deny = QStringList{ u"127.0.0.3"_s };
        QVERIFY(startCore(o));
        TestPeer *one = linesFrom("127.0.0.1", u"one"_s);
        TestPeer *two = linesFrom("127.0.0.2", u"two"_s);
        TestPeer *three = linesFrom("127.0.0.3");
        TestPeer *five = linesFrom("127.0.0.5");
        QTRY_VERIFY(one->hasLine(u"one"_s));
        QTRY_VERIFY(two->hasLine(u"two"_s));
        QTRY_VERIFY(three->isClosed());
        QTRY_VERIFY(five->isClosed());
        QVERIFY(three->raw().isEmpty());
        QVERIFY(five->raw().isEmpty());
        QCOMPARE(m_core->clientCount(), 2);
    }

    // The limit per address: the next one hears why; other addresses and
    // a freed slot are unaffected.
    void maxPerAddress()
    {
        ServerOptions o;
        o.maxPerAddress = 2;
        QVERIFY(startCore(o));
        TestPeer *a = linesFrom("127.0.0.1", u"a"_s);
        TestPeer *b = linesFrom("127.0.0.1", u"b"_s);
        QTRY_VERIFY(a->hasLine(u"a"_s));
        QTRY_VERIFY(b->hasLine(u"b"_s));
        TestPeer *c = linesFrom("127.0.0.1", u"c"_s);
        QTRY_VERIFY(c->isClosed());
        QCOMPARE(c->lines(), QStringList{ u"* disconnect: too many connections from 127.0.0.1 (limit 2)"_s });
        TestPeer *other = linesFrom("127.0.0.3", u"other"_s);
        QTRY_VERIFY(other->hasLine(u"other"_s));
        QCOMPARE(m_core->access().connectionsFrom(QHostAddress(u"127.0.0.1"_s)), 2);
        a->socket()->disconnectFromHost();
        QTRY_COMPARE(m_core->access().connectionsFrom(QHostAddress(u"127.0.0.1"_s)), 1);
        TestPeer *d = linesFrom("127.0.0.1", u"d"_s);
        QTRY_VERIFY(d->hasLine(u"d"_s));
        // A frames client over the limit hears it in frames.
        m_peers.push_back(std::make_unique<TestPeer>(Framing::Frames, u"e"_s));
        TestPeer *e = m_peers.back().get();
        e->connectTo(m_core->serverPort());
        QTRY_VERIFY(e->hasNotice(Message::NoticeKind::Disconnect, u"too many connections from 127.0.0.1 (limit 2)"_s));
    }

    // Connections that reset at once never leave their address counted:
    // the address is read once, at accept, and released with the session.
    void resetsDoNotLeakTheCount()
    {
        ServerOptions o;
        o.maxPerAddress = 1;
        QVERIFY(startCore(o));
        for (int i = 0; i < 100; ++i) {
            TestPeer *p = linesFrom("127.0.0.1", u"x"_s);
            QTRY_VERIFY(p->isConnected() || p->isClosed());
            p->reset();
        }
        QTRY_COMPARE(m_core->clientCount(), 0);
        QTRY_COMPARE(m_core->access().connectionsFrom(QHostAddress(u"127.0.0.1"_s)), 0);
        TestPeer *after = linesFrom("127.0.0.1", u"after"_s);
        QTRY_VERIFY(after->hasLine(u"after"_s));
    }

    // Kick and ban: the address is refused at accept, with a notice, until
    // the ban ends or is lifted; other addresses are not affected.
    void kickAndBan()
    {
        QVERIFY(startCore());
        TestPeer *mallory = linesFrom("127.0.0.2", u"m"_s);
        TestPeer *alice = linesFrom("127.0.0.1", u"a"_s);
        QTRY_VERIFY(mallory->hasLine(u"m"_s));
        QTRY_VERIFY(alice->hasLine(u"a"_s));
        m_core->disconnectClients({ 1 }, 5);
        QTRY_VERIFY(mallory->isClosed());
        QVERIFY(mallory->hasLine(u"* disconnect #1: kicked and banned for 5 minutes"_s));
        QVERIFY(logLinesContaining(u"Banned 127.0.0.2 for 5 minute(s)"_s) == 1);
        const QList<AccessPolicy::Ban> bans = m_core->access().bans(QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(bans.size(), 1);
        QCOMPARE(bans.at(0).address, QHostAddress(u"127.0.0.2"_s));

        TestPeer *again = linesFrom("127.0.0.2", u"back"_s);
        QTRY_VERIFY(again->isClosed());
        QCOMPARE(again->lines(), QStringList{ u"* disconnect: banned from this server"_s });
        QTRY_VERIFY(logLinesContaining(u"banned from this server"_s) == 1);
        alice->sendLine(u"fine"_s);
        QTRY_VERIFY(alice->hasLine(u"fine"_s));

        QVERIFY(!m_core->unban(u"127.0.0.002"_s)); // not an address we read
        QVERIFY(m_core->unban(u"127.0.0.2"_s));
        QVERIFY(!m_core->unban(u"127.0.0.2"_s));
        QVERIFY(logLinesContaining(u"Lifted the ban on 127.0.0.2"_s) == 1);
        TestPeer *welcome = linesFrom("127.0.0.2", u"welcome back"_s);
        QTRY_VERIFY(welcome->hasLine(u"welcome back"_s));
    }

    // The program checks its options: a bad rule is a clear error.
    void badOptionIsAnError_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QByteArray>("error");
        QTest::newRow("deny a name") << QStringList{ u"--deny"_s, u"example.org"_s }
                                     << QByteArray("--deny: example.org is not an address or a CIDR range");
        QTest::newRow("certificate without key") << QStringList{ u"--tls-cert"_s, u"c.pem"_s }
                                                 << QByteArray("--tls-cert and --tls-key go together");
        QTest::newRow("presence limit") << QStringList{ u"--presence-limit"_s, u"-1"_s }
                                        << QByteArray("--presence-limit must be a number from 0 to 1000000");
        QTest::newRow("lockout") << QStringList{ u"--password-lockout"_s, u"0"_s }
                                 << QByteArray("--password-lockout must be a number from 1 to 604800");
    }
    void badOptionIsAnError()
    {
        QFETCH(QStringList, options);
        QFETCH(QByteArray, error);
        QProcess server;
        server.start(QStringLiteral(SOCKETHUB_BINARY_DIR "/server/socket-server"),
                     QStringList{ u"--headless"_s, u"--port"_s, u"0"_s } + options);
        QTRY_COMPARE_WITH_TIMEOUT(server.state(), QProcess::NotRunning, 20000);
        QVERIFY(server.exitCode() != 0);
        const QByteArray err = server.readAllStandardError();
        QVERIFY2(err.contains(error), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
