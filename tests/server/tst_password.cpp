// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server password (issue 9): line clients give it as their first line,
// frames clients in their hello's password field. Until then a connection
// is not a client: it is routed nothing and is not in the table. A wrong or
// missing password gets a notice and a close; too many from one address
// lock it out for a while. The password is never logged.
#include "corefixture.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"s3cret ✓"_s;

ServerOptions withPassword(ServerOptions o = {})
{
    o.passwordDigest = ServerOptions::digestPassword(kPassword);
    o.mode = ServerOptions::Mode::Relay;
    return o;
}

} // namespace

class TestPassword : public QObject, private CoreFixture
{
    Q_OBJECT

private:
    const QString m_prompt = ClientSession::passwordPromptText();

    // A frames peer whose hello carries password (null: no field).
    TestPeer *framesWith(const QByteArray &password, const QString &name)
    {
        m_peers.push_back(std::make_unique<TestPeer>(Protocol::Framing::Frames, name));
        TestPeer *p = m_peers.back().get();
        p->setSendHello(false);
        p->sendRaw(Protocol::magic().toByteArray()
                   + FrameCodec().encode(Message::makeHello(name, Protocol::kVersion, password)));
        p->connectTo(m_core->serverPort());
        return p;
    }
    // A line client that gave the right password and was welcomed.
    TestPeer *admittedLines()
    {
        TestPeer *p = peer();
        p->sendLine(kPassword);
        return p;
    }

private Q_SLOTS:
    void cleanup() { resetFixture(); }

    // Constant-time comparison of digests: right, wrong, empty, and a
    // password that differs only in its last byte.
    void passwordMatches()
    {
        const QByteArray digest = ServerOptions::digestPassword(kPassword);
        QVERIFY(AccessPolicy::passwordMatches(digest, kPassword.toUtf8()));
        QVERIFY(!AccessPolicy::passwordMatches(digest, kPassword.toUtf8() + 'x'));
        QVERIFY(!AccessPolicy::passwordMatches(digest, kPassword.toUtf8().chopped(1)));
        QVERIFY(!AccessPolicy::passwordMatches(digest, QByteArray()));
        QVERIFY(!AccessPolicy::passwordMatches(QByteArray(), QByteArray()));
        QVERIFY(ServerOptions::digestPassword(QString()).isEmpty());
    }

    // A line client is asked, answers with its first line, and is then
    // welcomed and served; nothing it sends is lost around the password.
    void linesRightPassword()
    {
        QVERIFY(startCore(withPassword()));
        TestPeer *other = admittedLines();
        QTRY_VERIFY(other->hasNoticeLine("welcome", u"Welcome client 1"_s));
        TestPeer *p = peer();
        QTRY_VERIFY(p->hasNoticeLine("info", m_prompt));
        QCOMPARE(m_core->clientCount(), 1); // asked, not admitted
        p->sendRaw(kPassword.toUtf8() + "\nfirst words\n");
        QTRY_VERIFY(p->hasNoticeLine("welcome", u"Welcome client 2"_s));
        QTRY_VERIFY(other->hasLine(u"#2: first words"_s));
        QCOMPARE(m_core->clientCount(), 2);
        // The log says it gave the password (docs/security.md).
        QVERIFY(logText().contains(u"#2 connected from 127.0.0.1:%1 (lines) with the password"_s.arg(p->localPort())));
        QVERIFY(!logText().contains(u"s3cret"_s));
        // The password line is not a message: not relayed, not shown.
        QVERIFY(!other->raw().contains("s3cret"));
    }

    // Wrong: a notice and a close; nothing it sent after is handled.
    void linesWrongPassword()
    {
        QVERIFY(startCore(withPassword()));
        TestPeer *other = admittedLines();
        QTRY_VERIFY(other->hasNoticeLine("welcome", u"Welcome client 1"_s));
        TestPeer *p = peer();
        p->sendRaw("guess\nsneaky words\n");
        QTRY_VERIFY(p->hasNoticeLine("disconnect", u"wrong password"_s));
        QTRY_VERIFY(p->isClosed());
        QVERIFY(!p->raw().contains("welcome"));
        QVERIFY(logText().contains(u"refused: wrong password"_s));
        QVERIFY(!logText().contains(u"sneaky"_s));
        QVERIFY(!logText().contains(u"guess"_s));
        QVERIFY(!other->raw().contains("sneaky"));
        QCOMPARE(m_core->clientCount(), 1);
    }

    // Frames: the hello's field; right, wrong and missing.
    void framesPassword_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QString>("refusal"); // empty: admitted
        QTest::newRow("right") << kPassword.toUtf8() << QString();
        QTest::newRow("wrong") << QByteArray("nope") << u"wrong password"_s;
        QTest::newRow("empty field") << QByteArray("") << u"wrong password"_s;
        QTest::newRow("no field") << QByteArray() << u"a password is required"_s;
    }
    void framesPassword()
    {
        QFETCH(QByteArray, password);
        QFETCH(QString, refusal);
        QVERIFY(startCore(withPassword()));
        TestPeer *other = admittedLines();
        QTRY_VERIFY(other->hasNoticeLine("welcome", u"Welcome client 1"_s));
        TestPeer *p = framesWith(password, u"fran"_s);
        p->sendText(u"after the hello"_s);
        if (refusal.isEmpty()) {
            QTRY_VERIFY(p->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
            QTRY_VERIFY(other->hasLine(u"#2 fran: after the hello"_s));
            QCOMPARE(m_core->clientCount(), 2);
            QVERIFY(logText().contains(u"#2 is fran"_s));
        } else {
            QTRY_VERIFY(p->hasNotice(Message::NoticeKind::Disconnect, refusal));
            QTRY_VERIFY(p->isClosed());
            QVERIFY(!p->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
            QVERIFY(!other->raw().contains("after the hello"));
            QVERIFY(!logText().contains(u"after the hello"_s));
            QVERIFY(logText().contains(u"refused: "_s + refusal));
        }
        QVERIFY(!logText().contains(u"s3cret"_s));
    }

    // Before it is admitted a connection is routed nothing (no relays, no
    // broadcasts) and is not a client in the table or the counts.
    void pendingIsNotAClient()
    {
        QVERIFY(startCore(withPassword()));
        TestPeer *member = admittedLines();
        QTRY_VERIFY(member->hasNoticeLine("welcome", u"Welcome client 1"_s));
        TestPeer *waiting = peer();
        QTRY_VERIFY(waiting->hasNoticeLine("info", m_prompt));
        QSignalSpy snapshots(m_core.get(), &ServerCore::snapshotReady);
        member->sendLine(u"relayed to members only"_s);
        QVERIFY(m_core->sendToAll(u"broadcast to members only"_s));
        QTRY_VERIFY(logText().contains(u"relayed to members only"_s));
        QTRY_VERIFY(snapshots.size() > 0);
        for (const QList<QVariant> &args : std::as_const(snapshots)) {
            const auto s = args.at(0).value<ServerSnapshot>();
            for (const ClientInfo &c : s.changed)
                QCOMPARE(c.id, 1u);
        }
        QCOMPARE(m_core->clientCount(), 1);
        QCOMPARE(m_core->clients().size(), 1);
        QCOMPARE(m_core->connectionCount(), 2);
        // Then it gives the password: from now on it hears what is routed.
        waiting->sendLine(kPassword);
        QTRY_VERIFY(waiting->hasNoticeLine("welcome", u"Welcome client 2"_s));
        member->sendLine(u"now to both"_s);
        QTRY_VERIFY(waiting->hasLine(u"#1: now to both"_s));
        QCOMPARE(waiting->lines().size(), 3); // the prompt, the welcome, the relay
    }

    // No password within the handshake timeout: a notice, a close.
    void noPasswordInTime()
    {
        ServerOptions o = withPassword();
        o.handshakeTimeoutMs = 500;
        QVERIFY(startCore(o));
        TestPeer *silent = peer();
        QTRY_VERIFY(silent->hasNoticeLine("info", m_prompt));
        QTRY_VERIFY_WITH_TIMEOUT(silent->hasNoticeLine("disconnect", u"no password within 0.5 s"_s), 20000);
        QTRY_VERIFY(silent->isClosed());
        QVERIFY(logText().contains(u"left before it was admitted: no password within 0.5 s"_s));
        QTRY_COMPARE(liveSessions(), 0);
    }

    // Five failures from one address within the lockout time lock it out:
    // refused at accept with a notice that says why; other addresses are
    // unaffected; lifting the ban lets it in again.
    void lockout()
    {
        ServerOptions o = withPassword();
        o.maxPasswordFailures = 5;
        o.passwordLockoutMs = 60000;
        QVERIFY(startCore(o));
        for (int i = 0; i < 5; ++i) {
            TestPeer *p = peer();
            p->sendLine(u"wrong %1"_s.arg(i));
            QTRY_VERIFY(p->hasNoticeLine("disconnect", u"wrong password"_s));
            // Refused after accept: with the id it was given then
            // (docs/protocol.md, section 6.4).
            QVERIFY2(p->hasLine(u"* disconnect #%1: wrong password"_s.arg(i + 1)), p->raw().constData());
        }
        const QString reason = u"locked out for 60 s after too many wrong passwords"_s;
        QTRY_VERIFY(logText().contains(u"127.0.0.1 is "_s + reason));
        TestPeer *locked = peer();
        locked->sendLine(kPassword); // even the right one
        QTRY_VERIFY(locked->hasNoticeLine("disconnect", reason));
        // Refused at accept: no id.
        QVERIFY2(locked->hasLine(u"* disconnect: "_s + reason), locked->raw().constData());
        QTRY_VERIFY(locked->isClosed());
        QVERIFY(!locked->raw().contains("welcome"));
        QCOMPARE(m_core->access().bans(QDateTime::currentMSecsSinceEpoch()).size(), 1);

        // Another address is not locked out.
        m_peers.push_back(std::make_unique<TestPeer>());
        TestPeer *neighbour = m_peers.back().get();
        QVERIFY(neighbour->socket()->bind(QHostAddress(u"127.0.0.2"_s), 0));
        neighbour->sendLine(kPassword);
        neighbour->connectTo(m_core->serverPort());
        QTRY_VERIFY(neighbour->hasNoticeLine("welcome", u"Welcome client 6"_s));

        QVERIFY(m_core->unban(u"127.0.0.1"_s));
        TestPeer *again = admittedLines();
        QTRY_VERIFY(again->hasNoticeLine("welcome", u"Welcome client 7"_s));
    }

    // Stopping closes the connections still waiting to give the password
    // too; removing the password meanwhile admits them on their next line.
    void pendingAndStopOrNoPassword()
    {
        QVERIFY(startCore(withPassword()));
        TestPeer *waiting = peer();
        QTRY_VERIFY(waiting->hasNoticeLine("info", m_prompt));
        ServerOptions o = m_core->options();
        o.passwordDigest.clear();
        m_core->setOptions(o);
        waiting->sendLine(u"anything"_s);
        QTRY_VERIFY(waiting->hasNoticeLine("welcome", u"Welcome client 1"_s));
        QCOMPARE(m_core->clientCount(), 1);
        o.passwordDigest = ServerOptions::digestPassword(kPassword);
        m_core->setOptions(o);
        TestPeer *second = peer();
        QTRY_VERIFY(second->hasNoticeLine("info", m_prompt));
        m_core->stop();
        QTRY_VERIFY(second->hasNoticeLine("disconnect", u"server stopped listening"_s));
        QTRY_VERIFY(waiting->hasNoticeLine("disconnect", u"server stopped listening"_s));
        QTRY_COMPARE(liveSessions(), 0);
        QVERIFY(!logText().contains(u"refused: wrong password"_s));
    }

    // Failures older than the lockout time do not count.
    void oldFailuresAreForgotten()
    {
        AccessPolicy policy;
        const QHostAddress a(u"127.0.0.1"_s);
        const QHostAddress mapped(u"::ffff:127.0.0.1"_s);
        for (int i = 0; i < 4; ++i)
            QVERIFY(!policy.notePasswordFailure(a, 1000 + i, 5, 60000));
        // The fifth, 60 s after the first: the first no longer counts, so
        // four within the window.
        QVERIFY(!policy.notePasswordFailure(a, 61000, 5, 60000));
        // The sixth, as IPv4-mapped (the same address): five.
        QVERIFY(policy.notePasswordFailure(mapped, 61000, 5, 60000));
        // Counted afresh after a lockout; 0 never locks out.
        QVERIFY(!policy.notePasswordFailure(a, 61001, 5, 60000));
        QVERIFY(!policy.notePasswordFailure(a, 61002, 0, 60000));
    }

    // The real socket-server takes the password from SOCKETHUB_PASSWORD;
    // nc gives it as its first line. It is in no log line.
    void socketServerAndNc()
    {
        const QString nc = program(u"nc"_s);
        QVERIFY(!nc.isEmpty());
        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(Protocol::kPasswordEnvironmentVariable), kPassword);
        server.setProcessEnvironment(env);
        server.start(QStringLiteral(SOCKETHUB_BINARY_DIR "/server/socket-server"),
                     { u"--headless"_s, u"--port"_s, u"0"_s, u"--bind"_s, u"localhost"_s, u"--log"_s, u"-"_s });
        QVERIFY(server.waitForStarted(10000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += server.readAllStandardOutput()).contains("listening on 127.0.0.1:"), 20000);
        const qsizetype at = out.indexOf("listening on 127.0.0.1:") + 23;
        const QByteArray port = out.mid(at, out.indexOf('\n', at) - at);

        QProcess client;
        client.start(nc, { u"-q"_s, u"5"_s, u"127.0.0.1"_s, QString::fromLatin1(port) });
        QVERIFY(client.waitForStarted(10000));
        QByteArray heard;
        QTRY_VERIFY_WITH_TIMEOUT((heard += client.readAllStandardOutput()).contains("* info: " + m_prompt.toUtf8()),
                                 20000);
        client.write(kPassword.toUtf8() + "\nhello with a password\n");
        QTRY_VERIFY_WITH_TIMEOUT((heard += client.readAllStandardOutput()).contains("* welcome #1: "), 20000);
        QTRY_VERIFY_WITH_TIMEOUT((out += server.readAllStandardOutput()).contains("hello with a password"), 20000);
        QVERIFY(!out.contains("s3cret"));
        client.kill();
        client.waitForFinished(5000);
        server.terminate();
        QVERIFY(server.waitForFinished(20000));
        out += server.readAllStandardOutput();
        QVERIFY(!out.contains("s3cret"));
        QCOMPARE(server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPassword)
#include "tst_password.moc"
