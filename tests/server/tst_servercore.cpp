// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// ServerCore without any window: listening, sessions, framing detection,
// routing, limits. Real sockets on 127.0.0.1, port 0.
#include "clientsession.h"
#include "clienttablemodel.h"
#include "eventlog.h"
#include "servercontroller.h"
#include "servercore.h"
#include "corefixture.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using Protocol::Framing;

class TestServerCore : public QObject, protected CoreFixture
{
    Q_OBJECT

private:
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }
    void cleanup()
    {
        m_peers.clear();
        m_core.reset();
    }

    void listenAndStop()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        QVERIFY(startCore(o));
        QVERIFY(m_core->isListening());
        QVERIFY(m_core->serverPort() != 0);
        QCOMPARE(m_core->serverAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(logText().contains(u"Listening on 127.0.0.1:%1"_s.arg(m_core->serverPort())));

        TestPeer *a = linesPeer(u"one"_s);
        QTRY_VERIFY(a->hasLine(u"one"_s));
        QCOMPARE(a->lines().constFirst(), u"* welcome #1: Welcome client 1"_s);

        QSignalSpy listening(m_core.get(), &ServerCore::listeningChanged);
        m_core->stop();
        QCOMPARE(listening.size(), 1);
        QCOMPARE(listening.at(0).at(0).toBool(), false);
        QVERIFY(!m_core->isListening());
        QCOMPARE(m_core->clientCount(), 0);
        QTRY_VERIFY(a->hasNoticeLine("disconnect", u"server stopped listening"_s));
        QTRY_VERIFY(a->isClosed());
        QVERIFY(logText().contains(u"#1 left: server stopped listening"_s));
        QTRY_COMPARE(liveSessions(), 0);

        // No longer accepting.
        QTcpSocket probe;
        QSignalSpy refused(&probe, &QTcpSocket::errorOccurred);
        probe.connectToHost(QHostAddress::LocalHost, a->socket()->peerPort());
        QVERIFY(refused.wait());

        // Starts again.
        QVERIFY(m_core->start());
        QVERIFY(m_core->isListening());
    }

    void idsCountUpAndAreNeverReused()
    {
        QVERIFY(startCore());
        TestPeer *a = linesPeer();
        TestPeer *b = linesPeer();
        QTRY_COMPARE(m_core->clientCount(), 2);
        QCOMPARE(m_core->clientIds(), (QList<quint32>{ 1, 2 }));
        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        a->socket()->disconnectFromHost();
        QVERIFY(left.wait());
        QCOMPARE(left.at(0).at(0).toUInt(), 1u);
        linesPeer();
        QTRY_COMPARE(m_core->clientIds(), (QList<quint32>{ 2, 3 }));
        QVERIFY(b->isConnected());
    }

    void autoSilentClientSpeaksLinesAfterGrace()
    {
        QVERIFY(startCore());
        TestPeer *a = peer();
        QTRY_COMPARE(m_core->clientCount(), 1);
        QTRY_VERIFY(a->hasLine(u"* welcome #1: Welcome client 1"_s));
        QCOMPARE(m_core->clients().at(0).framing, u"lines"_s);
        QVERIFY(logText().contains(u"#1 connected from 127.0.0.1:%1 (lines)"_s.arg(a->socket()->localPort())));
    }

    void autoMagicClientSpeaksFrames()
    {
        ServerOptions o;
        o.framingGraceMs = 60000; // detection must not depend on the grace
        QVERIFY(startCore(o));
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 1"_s));
        QVERIFY(c->raw().startsWith(Protocol::magic().toByteArray()));
        const Message &hello = c->messages().at(0);
        QCOMPARE(hello.type, Message::Type::Hello);
        QCOMPARE(hello.name, u"socket-server"_s);
        QCOMPARE(hello.version, Protocol::kVersion);
        QCOMPARE(c->messages().at(1).senderId, 1u);
        QTRY_COMPARE(m_core->clients().at(0).name, u"carol"_s);
        QCOMPARE(m_core->clients().at(0).framing, u"frames"_s);

        // Ping is answered with the same payload.
        c->sendRaw(FrameCodec().encode(Message::makePing("abc")));
        QTRY_VERIFY(!c->messages().isEmpty() && c->messages().constLast().type == Message::Type::Pong);
        QCOMPARE(c->messages().constLast().data, QByteArray("abc"));
    }

    void nothingIsSentBeforeTheFramingIsKnown()
    {
        ServerOptions o;
        o.framingGraceMs = 60000;
        QVERIFY(startCore(o));
        TestPeer *a = peer();
        QTRY_COMPARE(m_core->clientCount(), 1);
        QVERIFY(m_core->sendToAll(u"queued"_s));
        QVERIFY(m_core->sendToAll(u"two\nlines"_s));
        // The first bytes decide: then the welcome, then what was queued.
        a->sendLine(u"hello"_s);
        QTRY_COMPARE(a->lines().size(), 4);
        QCOMPARE(a->lines(), (QStringList{ u"* welcome #1: Welcome client 1"_s, u"queued"_s, u"two"_s, u"lines"_s }));
        QTRY_VERIFY(logText().contains(u"#1 (127.0.0.1:%1): hello"_s.arg(a->socket()->localPort())));
    }

    // Relays too are queued for a connection whose framing is undecided,
    // and sent in its framing once known (docs/protocol.md, section 2).
    // Relay mode announces joins and leaves (notice kinds 3 and 4) to the
    // other clients: a frames client once its hello named it. Other modes,
    // and a hub above the presence limit, do not.
    void presenceNoticesInRelayMode_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("announced");
        QTest::newRow("relay") << int(ServerOptions::Mode::Relay) << 200 << true;
        QTest::newRow("relay, above the limit") << int(ServerOptions::Mode::Relay) << 1 << false;
        QTest::newRow("relay, limit 0") << int(ServerOptions::Mode::Relay) << 0 << false;
        QTest::newRow("echo") << int(ServerOptions::Mode::Echo) << 200 << false;
    }
    void presenceNoticesInRelayMode()
    {
        QFETCH(int, mode);
        QFETCH(int, limit);
        QFETCH(bool, announced);
        ServerOptions o;
        o.mode = ServerOptions::Mode(mode);
        o.presenceLimit = limit;
        o.presenceHoldMs = 0; // at once: this test is about which notices go where (tst_hardening tests the hold)
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer(u"first"_s);
        QTRY_VERIFY(a->hasLine(u"* welcome #1: Welcome client 1"_s));
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
        TestPeer *c = linesPeer(u"third"_s);
        QTRY_VERIFY(c->hasLine(u"* welcome #3: Welcome client 3"_s));
        b->socket()->disconnectFromHost();
        QTRY_COMPARE(m_core->clientCount(), 2);
        QVERIFY(m_core->sendToAll(u"sync"_s));
        QTRY_VERIFY(a->hasLine(u"sync"_s));
        QTRY_VERIFY(c->hasLine(u"sync"_s));
        QCOMPARE(a->hasLine(u"* joined #2: bob joined"_s), announced);
        QCOMPARE(a->hasLine(u"* joined #3: client 3 joined"_s), announced);
        QCOMPARE(a->hasLine(u"* left #2: bob left"_s), announced);
        QCOMPARE(c->hasLine(u"* left #2: bob left"_s), announced);
        QVERIFY(!c->raw().contains("#3 joined") && !c->raw().contains("client 3 joined")); // not to itself
        QVERIFY(!c->raw().contains("bob joined")); // it joined after bob
        // Protocol, not chat: the counters keep them apart.
        const QList<ClientInfo> clients = m_core->clients();
        QCOMPARE(clients.at(0).messagesOut, 2u); // "sync", and "third" relayed (or "first" echoed)
        QCOMPARE(clients.at(0).protocolOut, announced ? 4u : 1u); // the welcome, 2 joins, 1 leave
        QCOMPARE(clients.at(0).messagesIn, 1u); // "first"
    }

    // --presence-limit counts the joining client (docs/protocol.md,
    // section 4.1): with a limit of 2 the second client's joining is
    // announced and the third's is not; a client announced joining is
    // announced leaving, whatever the count by then.
    void presenceLimitCountsTheJoiningClient()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        o.presenceLimit = 2;
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer(u"first"_s);
        QTRY_VERIFY(a->hasLine(u"* welcome #1: Welcome client 1"_s));
        TestPeer *b = linesPeer(u"second"_s);
        QTRY_VERIFY(b->hasLine(u"* welcome #2: Welcome client 2"_s));
        QTRY_VERIFY(a->hasLine(u"* joined #2: client 2 joined"_s));
        TestPeer *c = linesPeer(u"third"_s);
        QTRY_VERIFY(c->hasLine(u"* welcome #3: Welcome client 3"_s));
        b->socket()->disconnectFromHost();
        // Nameless, it leaves as "client 2 left", with three connected.
        QTRY_VERIFY(a->hasLine(u"* left #2: client 2 left"_s));
        QTRY_VERIFY(c->hasLine(u"* left #2: client 2 left"_s));
        QVERIFY(m_core->sendToAll(u"sync"_s));
        QTRY_VERIFY(a->hasLine(u"sync"_s));
        QVERIFY2(!a->raw().contains("joined #3"), a->raw().constData());
    }

    // The welcome text (docs/protocol.md, section 3): "%1" is the id, "%%"
    // one "%", and nothing else is special (QString::arg() took "%0" for
    // the id, and "%%1" too).
    void welcomeTextPlaceholders()
    {
        ServerOptions o;
        o.welcomeText = u"Hi %1: 100%% sure; %0 %2 %%1 %"_s;
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer(u"first"_s);
        QTRY_VERIFY(!a->lines().isEmpty());
        QCOMPARE(a->lines().constFirst(), u"* welcome #1: Hi 1: 100% sure; %0 %2 %1 %"_s);
        // No password here: the log does not claim one.
        QTRY_VERIFY(logText().contains(u"#1 connected from 127.0.0.1:%1 (lines)"_s.arg(a->localPort())));
        QVERIFY(!logText().contains(u"with the password"_s));
    }

    void relaysAreQueuedUntilTheFramingIsKnown()
    {
        ServerOptions o;
        o.framingGraceMs = 60000;
        o.mode = ServerOptions::Mode::Relay;
        o.presenceHoldMs = 0; // bob's join at once, so that its place in the queue is known
        QVERIFY(startCore(o));
        TestPeer *undecided = peer();
        QTRY_COMPARE(m_core->clientCount(), 1);
        TestPeer *bob = peer(Framing::Frames, u"bob"_s);
        QTRY_VERIFY(bob->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
        bob->sendText(u"one"_s);
        bob->sendText(u"#two"_s);
        QTRY_VERIFY(logText().contains(u"bob (127.0.0.1:"_s));
        QTRY_COMPARE(m_core->stats().deliveries, quint64(0)); // nothing went out yet
        QVERIFY(undecided->lines().isEmpty());
        undecided->sendLine(u"now lines"_s);
        QTRY_COMPARE(undecided->lines().size(), 4);
        // Bob's joining was queued too, in order.
        QCOMPARE(undecided->lines(), (QStringList{ u"* welcome #1: Welcome client 1"_s, u"* joined #2: bob joined"_s,
                                                   u"#2 bob: one"_s, u"#2 bob: #two"_s }));
        QTRY_VERIFY(bob->hasText(u"now lines"_s, 1));
    }

    // An error found at the end of the stream (a frame cut short) is
    // explained like any other: a disconnect notice, then the close.
    void endOfStreamErrorIsExplained()
    {
        QVERIFY(startCore());
        TestPeer *a = peer(Framing::Frames, u"a"_s);
        QTRY_VERIFY(a->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 1"_s));
        a->sendRaw(QByteArray::fromHex("0000001002000000"));
        QTRY_COMPARE(a->socket()->bytesToWrite(), 0);
        QVERIFY(a->shutdownWrite());
        QTRY_VERIFY(a->isClosed());
        QVERIFY(a->hasNotice(Message::NoticeKind::Disconnect,
                             u"the stream ended inside a frame (8 bytes of it received)"_s));
        QTRY_VERIFY(logText().contains(u"#1 a left: the stream ended inside a frame"_s));
    }

    void forcedFraming_data()
    {
        QTest::addColumn<int>("setting");
        QTest::newRow("lines") << int(ServerOptions::FramingSetting::Lines);
        QTest::newRow("frames") << int(ServerOptions::FramingSetting::Frames);
    }
    void forcedFraming()
    {
        QFETCH(int, setting);
        ServerOptions o;
        o.framing = ServerOptions::FramingSetting(setting);
        o.framingGraceMs = 60000; // forced framing does not wait
        QVERIFY(startCore(o));
        if (o.framing == ServerOptions::FramingSetting::Lines) {
            TestPeer *a = peer();
            QTRY_VERIFY(a->hasLine(u"* welcome #1: Welcome client 1"_s));
            QCOMPARE(m_core->clients().at(0).framing, u"lines"_s);
        } else {
            TestPeer *c = peer(Framing::Frames);
            c->setSendHello(false); // silent: the server still greets in frames
            QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 1"_s));
            QCOMPARE(m_core->clients().at(0).framing, u"frames"_s);
            // A lines client on a frames-only server is refused with a reason.
            TestPeer *a = peer();
            a->sendLine(u"plain text"_s);
            QTRY_VERIFY(a->isClosed());
            QTRY_VERIFY(logText().contains(u"#2 left: the peer does not speak frames"_s));
            QVERIFY(c->isConnected());
        }
    }

    void echoMode()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer(u"echo me"_s);
        TestPeer *b = linesPeer(u"b here"_s);
        QTRY_VERIFY(a->hasLine(u"echo me"_s));
        QTRY_VERIFY(b->hasLine(u"b here"_s));
        QVERIFY(!a->hasLine(u"b here"_s));
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        c->sendText(u"frames echo"_s);
        QTRY_VERIFY(c->hasText(u"frames echo"_s, 0));
    }

    void relayModeBetweenLinesAndFrames()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer(u"first"_s);
        TestPeer *b = linesPeer(u"second"_s);
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        QTRY_COMPARE(m_core->clients().size(), 3);
        QTRY_COMPARE(m_core->clients().at(2).name, u"carol"_s);
        QTRY_VERIFY(b->hasLine(u"#1: first"_s));

        a->sendLine(u"from a"_s);
        QTRY_VERIFY(b->hasLine(u"#1: from a"_s));
        QTRY_VERIFY(c->hasText(u"from a"_s, 1));
        c->sendText(u"from carol"_s);
        QTRY_VERIFY(a->hasLine(u"#3 carol: from carol"_s));
        QTRY_VERIFY(b->hasLine(u"#3 carol: from carol"_s));
        QVERIFY(!c->hasText(u"from carol"_s, 3)); // never to the sender
        QVERIFY(!a->hasLine(u"#1: from a"_s));
        QVERIFY(logText().contains(u"#3 carol (127.0.0.1:%1): from carol"_s.arg(c->socket()->localPort())));
    }

    void fanOutToAllAndToSome()
    {
        QVERIFY(startCore());
        TestPeer *a = linesPeer();
        TestPeer *b = linesPeer();
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        QTRY_COMPARE(m_core->clientCount(), 3);
        QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 3"_s));
        QVERIFY(m_core->sendToAll(u"to everyone"_s));
        QTRY_VERIFY(a->hasLine(u"to everyone"_s));
        QTRY_VERIFY(b->hasLine(u"to everyone"_s));
        QTRY_VERIFY(c->hasText(u"to everyone"_s));

        QVERIFY(m_core->sendTo({ 2, 3 }, u"to some"_s));
        QVERIFY(m_core->sendToAll(u"sync"_s));
        QTRY_VERIFY(a->hasLine(u"sync"_s));
        QTRY_VERIFY(b->hasLine(u"sync"_s));
        QTRY_VERIFY(c->hasText(u"sync"_s));
        // Sent to some: a direct notice, which a client can tell from a
        // broadcast.
        QVERIFY(!a->raw().contains("to some"));
        QVERIFY(b->hasLine(u"* direct: to some"_s));
        QVERIFY(c->hasNotice(Message::NoticeKind::Direct, u"to some"_s));
        QVERIFY(!c->hasText(u"to some"_s));

        // Too large to send: refused with a reason, nothing sent. The size is
        // the encoded one: 13 bytes of text are an 18-byte frame payload.
        m_core->setMaxMessageSize(8);
        QVERIFY(!m_core->sendToAll(u"much too long"_s));
        QVERIFY(logText().contains(u"Not sent: the message is 18 bytes encoded, more than the maximum of 8 bytes"_s));
    }

    void kick()
    {
        QVERIFY(startCore());
        TestPeer *a = linesPeer();
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        QTRY_COMPARE(m_core->clientCount(), 2);
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        m_core->disconnectClients({ 1, 2 });
        QCOMPARE(left.size(), 2);
        QCOMPARE(m_core->clientCount(), 0);
        QTRY_VERIFY(a->hasNoticeLine("disconnect", u"kicked by the server"_s));
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Disconnect, u"kicked by the server"_s));
        QTRY_VERIFY(a->isClosed());
        QTRY_VERIFY(b->isClosed());
        QVERIFY(logText().contains(u"#1 left: kicked"_s));
        QVERIFY(logText().contains(u"#2 bob left: kicked"_s));
        QTRY_COMPARE(liveSessions(), 0);
    }

    void cleanCloseAndReset()
    {
        QVERIFY(startCore());
        TestPeer *a = linesPeer();
        TestPeer *b = linesPeer();
        QTRY_COMPARE(m_core->clientCount(), 2);
        QTRY_VERIFY(a->hasLine(u"* welcome #1: Welcome client 1"_s));
        QTRY_VERIFY(b->hasLine(u"* welcome #2: Welcome client 2"_s));
        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);

        // A clean close and a reset read differently.
        a->socket()->disconnectFromHost();
        QVERIFY(left.wait());
        QCOMPARE(left.at(0).at(0).toUInt(), 1u);
        QCOMPARE(left.at(0).at(1).toString(), u"connection closed by the client"_s);
        QVERIFY(logText().contains(u"#1 left: connection closed by the client"_s));

        b->reset();
        QVERIFY(left.wait());
        QCOMPARE(left.at(1).at(0).toUInt(), 2u);
        QCOMPARE(left.at(1).at(1).toString(), u"connection reset by the client"_s);
        QCOMPARE(m_core->clientCount(), 0);
        QVERIFY(logText().contains(u"#2 left: connection reset by the client"_s));
        QTRY_COMPARE(liveSessions(), 0);
    }


    // M bounds the encoded form: a line with its "#N name: " prefix, a frame
    // payload with its sender field. A relay that would exceed it in a
    // framing is not sent in that framing (it would make every receiver drop
    // the connection), and the log says so once per message.
    void oversizedRelayIsNotRelayed()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        o.maxMessageSize = 64;
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer(u"a"_s);
        QTRY_COMPARE(m_core->clientCount(), 1);
        TestPeer *b = linesPeer(u"b"_s);
        QTRY_COMPARE(m_core->clientCount(), 2);
        TestPeer *d = linesPeer(u"d"_s);
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        for (TestPeer *p : { a, b, c, d })
            p->setMaxMessageSize(64); // checks what arrives, as a real client does
        QTRY_COMPARE(m_core->clientCount(), 4);
        QTRY_COMPARE(m_core->clients().at(3).name, u"carol"_s);
        QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 4"_s));

        // Exactly M bytes of text: "#1: " + 64 = 68 on a line, 5 + 64 = 69 in a frame.
        const QString full(64, u'x');
        a->sendLine(full);
        QTRY_VERIFY(logText().contains(
            u"#1's message (68 bytes) was not relayed to lines clients: over the 64-byte maximum"_s));
        QVERIFY(logText().contains(
            u"#1's message (69 bytes) was not relayed to frames clients: over the 64-byte maximum"_s));
        QCOMPARE(logText().count(u"was not relayed to lines clients"_s), 1); // two receivers, one line

        // The name counts too: "#4 carol: " + 58 = 68 on a line; the frame fits.
        const QString named(58, u'n');
        c->sendText(named);
        QTRY_VERIFY(logText().contains(
            u"#4 carol's message (68 bytes) was not relayed to lines clients: over the 64-byte maximum"_s));

        // M - 5 fits both: 4 + 59 = 63 on a line, 5 + 59 = 64 in a frame.
        const QString fits(59, u'y');
        a->sendLine(fits);
        QTRY_VERIFY(b->hasLine(u"#1: "_s + fits));
        QTRY_VERIFY(d->hasLine(u"#1: "_s + fits));
        QTRY_VERIFY(c->hasText(fits, 1));
        // What was not relayed never arrives, and every receiver stays.
        QVERIFY(!c->hasText(full, 1));
        for (TestPeer *p : { b, d }) {
            QVERIFY(!p->hasLine(u"#1: "_s + full));
            QVERIFY(!p->hasLine(u"#4 carol: "_s + named));
        }
        for (TestPeer *p : { a, b, c, d }) {
            QCOMPARE(p->codecError(), QString());
            QVERIFY(p->isConnected());
        }
        QCOMPARE(m_core->clientCount(), 4);
    }

    // The server's own texts are checked by their encoded size too: a text
    // of M bytes is an (M + 5)-byte frame payload.
    void serverSendsCheckTheEncodedSize()
    {
        ServerOptions o;
        o.maxMessageSize = 64;
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer();
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        a->setMaxMessageSize(64);
        c->setMaxMessageSize(64);
        QTRY_COMPARE(m_core->clientCount(), 2);
        QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));

        QVERIFY(!m_core->sendToAll(QString(64, u'x')));
        QVERIFY(logText().contains(u"Not sent: the message is 69 bytes encoded, more than the maximum of 64 bytes"_s));
        QVERIFY(!m_core->sendTo({ 1, 2 }, QString(60, u'x')));
        QVERIFY(logText().contains(u"Not sent: the message is 65 bytes encoded, more than the maximum of 64 bytes"_s));

        const QString fits(59, u'y');
        QVERIFY(m_core->sendToAll(fits));
        QTRY_VERIFY(a->hasLine(fits));
        QTRY_VERIFY(c->hasText(fits));
        QVERIFY(!a->hasLine(QString(64, u'x')));
        QCOMPARE(a->codecError(), QString());
        QCOMPARE(c->codecError(), QString());
        QVERIFY(a->isConnected());
        QVERIFY(c->isConnected());
    }

    // A hello name cannot break a line: control characters become spaces,
    // runs of spaces one.
    void helloNameCannotForgeLines()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer(u"a"_s);
        QTRY_COMPARE(m_core->clientCount(), 1);
        TestPeer *c = peer(Framing::Frames, u"\tx\r\n* server stopped listening\x01\x7f"_s);
        const QString clean = u"x * server stopped listening"_s;
        QTRY_COMPARE(m_core->clientCount(), 2);
        QTRY_COMPARE(m_core->clients().at(1).name, clean);
        c->sendText(u"hi"_s);
        QTRY_VERIFY(a->hasLine(u"#2 "_s + clean + u": hi"_s));
        for (const QString &line : a->lines())
            QVERIFY2(!line.startsWith(u"* server"_s), qPrintable(line));
        QVERIFY(logText().contains(u"#2 is "_s + clean));
        QVERIFY(logText().contains(u"#2 "_s + clean + u" (127.0.0.1:"_s));
        // No log entry spans more than one line.
        for (const QString &entry : m_core->log()->lines())
            QVERIFY2(!entry.contains(u'\n') && !entry.contains(u'\r'), qPrintable(entry));

        QCOMPARE(Protocol::sanitizeName(u"  al\u007fice\u001f "_s), u"al ice"_s);
        QCOMPARE(Protocol::sanitizeName(u"b\u00f6b"_s), u"b\u00f6b"_s);
        // ":" would make "#5 a: b: c" ambiguous.
        QCOMPARE(Protocol::sanitizeName(u"a: b"_s), u"a b"_s);
        // C1 controls, bidi controls, zero-width and separators.
        QCOMPARE(Protocol::sanitizeName(u"ev\u202Eil\u2066\u200B\u0085x\u2028y\u00A0z"_s), u"ev il x y z"_s);
        // Emoji (outside the BMP) and other printable text stay.
        QCOMPARE(Protocol::sanitizeName(u"\U0001F600 \u05D0\u05D1"_s), u"\U0001F600 \u05D0\u05D1"_s);
        // A tag character (format, outside the BMP) goes.
        QCOMPARE(Protocol::sanitizeName(u"a\U000E0041b"_s), u"a b"_s);
        QCOMPARE(Protocol::sanitizeName(u"\u200B\u202E"_s), QString());
    }

    // The outbound limit counts bytes while the framing is unknown too, not
    // UTF-16 units: 450 x "é" is 900 bytes of UTF-8.
    void queuedMessagesCountTheirEncodedBytes()
    {
        ServerOptions o;
        o.framingGraceMs = 60000; // stays undetected: everything queues
        o.maxOutboundQueue = 1000;
        QVERIFY(startCore(o));
        TestPeer *a = peer();
        QTRY_COMPARE(m_core->clientCount(), 1);
        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        const QString text(450, QChar(0x00e9));
        QVERIFY(m_core->sendToAll(text)); // 910 bytes as a frame: fits
        QCOMPARE(left.size(), 0);
        QVERIFY(m_core->sendToAll(text)); // 1820: over
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(1).toString(), u"slow consumer: more than 1000 bytes queued"_s);
        QTRY_VERIFY(a->isClosed());
    }

    // Sending signals nothing per message: the core reports changes in one
    // coalesced snapshot.
    void sendingDoesNotSignalPerMessage()
    {
        QVERIFY(startCore());
        TestPeer *a = linesPeer();
        TestPeer *b = linesPeer();
        QTRY_VERIFY(a->hasLine(u"* welcome #1: Welcome client 1"_s));
        QTRY_VERIFY(b->hasLine(u"* welcome #2: Welcome client 2"_s));
        m_core->publishSnapshot(); // everything so far, now
        QSignalSpy changed(m_core.get(), &ServerCore::snapshotReady);
        for (int i = 0; i < 50; ++i)
            QVERIFY(m_core->sendToAll(u"m%1"_s.arg(i)));
        QCOMPARE(changed.size(), 0);
        QVERIFY(changed.wait());
        QCOMPARE(changed.size(), 1);
        const ServerSnapshot snapshot = changed.at(0).at(0).value<ServerSnapshot>();
        QCOMPARE(snapshot.changed.size(), 2);
        // The 50 texts are chat; the welcome is protocol, counted apart.
        QCOMPARE(snapshot.changed.at(0).messagesOut, 50u);
        QCOMPARE(m_core->clients().at(0).messagesOut, 50u);
        QCOMPARE(m_core->clients().at(0).protocolOut, 1u);
        QTRY_VERIFY(a->hasLine(u"m49"_s));
        QTRY_VERIFY(b->hasLine(u"m49"_s));
    }

    // One dataChanged() per refresh, over the range of changed rows.
    void tableModelReportsOneRangePerTick()
    {
        QVERIFY(startCore());
        // Fed from the start, as a window is: snapshots are deltas.
        ClientTableModel model;
        connect(m_core.get(), &ServerCore::snapshotReady, &model, &ClientTableModel::applySnapshot);
        TestPeer *a = linesPeer();
        TestPeer *b = linesPeer();
        TestPeer *c = linesPeer();
        QTRY_VERIFY(a->hasLine(u"* welcome #1: Welcome client 1"_s));
        QTRY_VERIFY(b->hasLine(u"* welcome #2: Welcome client 2"_s));
        QTRY_VERIFY(c->hasLine(u"* welcome #3: Welcome client 3"_s));
        QTRY_COMPARE(model.rowCount(), 3);
        QTRY_COMPARE(model.index(2, ClientTableModel::MessagesInColumn).data().toString(), u"1"_s);
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy tick(m_core.get(), &ServerCore::snapshotReady);
        QVERIFY(m_core->sendToAll(u"to all"_s));
        QVERIFY(tick.wait());
        QCOMPARE(dataChanged.size(), 1);
        QCOMPARE(dataChanged.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(dataChanged.at(0).at(0).value<QModelIndex>().column(), 0);
        QCOMPARE(dataChanged.at(0).at(1).value<QModelIndex>().row(), 2);
        QCOMPARE(dataChanged.at(0).at(1).value<QModelIndex>().column(), ClientTableModel::ColumnCount - 1);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(model.index(row, ClientTableModel::MessagesOutColumn).data().toString(), u"1"_s);
        // Chat and protocol apart: the text, and the welcome.
        QCOMPARE(model.index(0, ClientTableModel::MessagesOutColumn).data(Qt::ToolTipRole).toString(),
                 u"1 chat message(s); 1 protocol frame(s) (hello, notices, pings, pongs)"_s);
    }

    void invalidUtf8IsNotedInTheLog()
    {
        QVERIFY(startCore());
        TestPeer *a = peer();
        a->sendRaw(QByteArray("\xC3\x28\n"));
        QTRY_VERIFY(a->isConnected());
        const QString expected = u"#1 (127.0.0.1:%1): \uFFFD( [invalid UTF-8 replaced]"_s.arg(a->localPort());
        QTRY_VERIFY2(logText().contains(expected), qPrintable(logText()));
        a->sendLine(u"plain"_s);
        QTRY_VERIFY(logText().contains(u"#1 (127.0.0.1:%1): plain"_s.arg(a->localPort())));
        QVERIFY(!logText().contains(u"plain [invalid"_s));
    }

    void oversizeLineClosesOnlyItsConnection()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.maxMessageSize = 16;
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer(u"short"_s);
        TestPeer *b = linesPeer(u"fine"_s);
        QTRY_VERIFY(a->hasLine(u"short"_s));
        QTRY_VERIFY(b->hasLine(u"fine"_s));
        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        a->sendLine(u"this line is longer than sixteen bytes"_s);
        QTRY_VERIFY(a->hasNoticeLine("disconnect", u"line longer than 16 bytes"_s));
        QTRY_VERIFY(a->isClosed());
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(1).toString(), u"line longer than 16 bytes"_s);
        QVERIFY(logText().contains(u"#1 left: line longer than 16 bytes"_s));
        b->sendLine(u"still here"_s);
        QTRY_VERIFY(b->hasLine(u"still here"_s));
        QCOMPARE(m_core->clientIds(), QList<quint32>{ 2 });
        QTRY_COMPARE(liveSessions(), 1);
    }

    void badFrameClosesOnlyItsConnection()
    {
        QVERIFY(startCore());
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        TestPeer *a = linesPeer();
        QTRY_COMPARE(m_core->clientCount(), 2);
        QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 1"_s));
        const quint16 port = c->socket()->localPort();
        // Valid text, then a frame of unknown type 0x7f: the text is kept.
        c->sendRaw(FrameCodec().encode(Message::makeText(u"kept"_s)) + QByteArray("\0\0\0\0\x7f", 5));
        QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Disconnect, u"unknown frame type 0x7f"_s));
        QTRY_VERIFY(c->isClosed());
        QVERIFY(logText().contains(u"#1 carol (127.0.0.1:%1): kept"_s.arg(port)));
        QVERIFY(logText().contains(u"#1 carol left: unknown frame type 0x7f"_s));
        QVERIFY(a->isConnected());
        QCOMPARE(m_core->clientIds(), QList<quint32>{ 2 });
    }

    void maxClients()
    {
        ServerOptions o;
        o.maxClients = 2;
        QVERIFY(startCore(o));
        linesPeer();
        linesPeer();
        QTRY_COMPARE(m_core->clientCount(), 2);
        TestPeer *c = linesPeer();
        QTRY_VERIFY(c->hasLine(u"* disconnect: server full (limit 2)"_s));
        const quint16 port = c->localPort();
        QTRY_VERIFY(c->isClosed());
        QCOMPARE(m_core->clientCount(), 2);
        QVERIFY(logText().contains(u"Refused a connection from 127.0.0.1:%1: server full (limit 2)"_s
                                       .arg(port)));
        QVERIFY(!c->hasLine(u"* welcome #3: Welcome client 3"_s));
        QTRY_COMPARE(liveSessions(), 2);
    }

    // With the framing forced, a refused connection still hears only its
    // goodbye, never a welcome.
    void maxClientsForcedFraming()
    {
        ServerOptions o;
        o.maxClients = 1;
        o.framing = ServerOptions::FramingSetting::Lines;
        QVERIFY(startCore(o));
        TestPeer *a = peer();
        QTRY_VERIFY(a->hasLine(u"* welcome #1: Welcome client 1"_s));
        TestPeer *b = peer(); // silent
        QTRY_VERIFY(b->isClosed());
        QCOMPARE(b->lines(), QStringList{ u"* disconnect: server full (limit 1)"_s });
    }

    void portInUse()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        ServerOptions o;
        o.port = blocker.serverPort();
        o.bind = u"localhost"_s;
        ServerCore core(o);
        QSignalSpy failed(&core, &ServerCore::listenFailed);
        QVERIFY(!core.start());
        QCOMPARE(failed.size(), 1);
        QVERIFY(!core.isListening());
        QVERIFY(!core.errorString().isEmpty());
        const QString expected = u"Could not listen on 127.0.0.1:%1: %2"_s.arg(blocker.serverPort()).arg(core.errorString());
        QCOMPARE(failed.at(0).at(0).toString(), u"127.0.0.1:%1"_s.arg(blocker.serverPort()));
        QCOMPARE(failed.at(0).at(1).toString(), core.errorString());
        QVERIFY(core.log()->lines().join(u'\n').contains(expected));

        ServerOptions bad;
        bad.bind = u"not-an-address"_s;
        ServerCore badCore(bad);
        QVERIFY(!badCore.start());
        QVERIFY(badCore.errorString().contains(u"not a valid address"_s));
    }

    void slowConsumerIsClosed()
    {
        ServerOptions o;
        o.maxOutboundQueue = 256 * 1024;
        QVERIFY(startCore(o));
        TestPeer *good = linesPeer();
        TestPeer *slow = linesPeer();
        QTRY_COMPARE(m_core->clientCount(), 2);
        QTRY_VERIFY(slow->hasLine(u"* welcome #2: Welcome client 2"_s));
        slow->socket()->setReadBufferSize(1); // stops reading: the kernel buffers fill up

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        const QString chunk(16 * 1024, u'x');
        QTimer pump;
        pump.setInterval(1);
        connect(&pump, &QTimer::timeout, this, [&] { m_core->sendToAll(chunk); });
        pump.start();
        QTRY_VERIFY_WITH_TIMEOUT(left.size() >= 1, 20000);
        pump.stop();
        QCOMPARE(left.at(0).at(0).toUInt(), 2u);
        QVERIFY(left.at(0).at(1).toString().startsWith(u"slow consumer"_s));
        QVERIFY(good->isConnected());
        QCOMPARE(m_core->clientIds(), QList<quint32>{ 1 });
        QTRY_COMPARE(liveSessions(), 1);
    }

    // A close that cannot flush (the client reads nothing) still frees the
    // session, after ClientSession::kCloseTimeoutMs.
    void closingIsBounded()
    {
        ServerOptions o;
        o.maxOutboundQueue = 256 * 1024 * 1024;
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer();
        QTRY_COMPARE(m_core->clientCount(), 1);
        QTRY_VERIFY(a->hasLine(u"* welcome #1: Welcome client 1"_s));
        a->socket()->setReadBufferSize(1); // reads no more
        const QString chunk(512 * 1024, u'x');
        for (int i = 0; i < 64; ++i)
            QVERIFY(m_core->sendToAll(chunk)); // 32 MiB: more than the kernel buffers hold
        QCOMPARE(liveSessions(), 1);
        QVERIFY(m_core->findChildren<ClientSession *>().constFirst()->pendingBytes() > 0);
        m_core->disconnectClients({ 1 });
        QCOMPARE(m_core->clientCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(liveSessions(), 0, ClientSession::kCloseTimeoutMs + 5000);
    }
    // Two network threads: connections are shared out between them, ids stay
    // unique, and a relay reaches the clients of both threads, in order.
    void twoNetworkThreadsRelayAcrossThreads()
    {
        ServerOptions o;
        o.port = 0;
        o.bind = u"localhost"_s;
        o.mode = ServerOptions::Mode::Relay;
        o.networkThreads = 2;
        ServerController controller(o);
        QCOMPARE(controller.networkThreads(), 2);
        controller.start();
        QTRY_VERIFY(controller.isListening());
        std::vector<std::unique_ptr<TestPeer>> peers;
        for (int i = 1; i <= 4; ++i) {
            peers.push_back(std::make_unique<TestPeer>(Framing::Lines));
            peers.back()->connectTo(controller.serverPort()); // silent: lines after the grace
        }
        QTRY_COMPARE(controller.clientCount(), 4);
        QSet<QString> welcomes;
        for (const auto &p : peers) {
            QTRY_VERIFY(!p->lines().isEmpty());
            welcomes.insert(p->lines().constFirst());
        }
        QCOMPARE(welcomes, (QSet<QString>{ u"* welcome #1: Welcome client 1"_s, u"* welcome #2: Welcome client 2"_s,
                                           u"* welcome #3: Welcome client 3"_s, u"* welcome #4: Welcome client 4"_s }));
        // Everyone is in: each speaks once.
        for (size_t i = 0; i < peers.size(); ++i)
            peers[i]->sendLine(u"hello from %1"_s.arg(i + 1));
        // Every client hears the 3 others' hellos, whichever thread they are on.
        for (const auto &p : peers)
            QTRY_COMPARE(p->lines().filter(u": hello from "_s).size(), 3);
        // Order across threads: 200 lines from one sender arrive in order everywhere.
        TestPeer *sender = peers.front().get();
        for (int i = 0; i < 200; ++i)
            sender->sendLine(u"n%1"_s.arg(i));
        for (size_t k = 1; k < peers.size(); ++k) {
            TestPeer *p = peers[k].get();
            QTRY_COMPARE(p->lines().filter(u": n"_s).size(), 200);
            const QStringList got = p->lines().filter(u": n"_s);
            for (int i = 0; i < 200; ++i)
                QVERIFY2(got.at(i).endsWith(u": n%1"_s.arg(i)), qPrintable(got.at(i)));
        }
        // A direct send and a kick reach clients on both threads through the
        // router (each thread serves two of the four).
        QVERIFY(controller.sendTo({ 1, 2, 3, 4 }, u"to each"_s));
        for (const auto &p : peers)
            QTRY_VERIFY(p->hasLine(u"* direct: to each"_s));
        controller.disconnectClients({ 1, 2 });
        QTRY_COMPARE(controller.clientCount(), 2);
        int kicked = 0;
        for (const auto &p : peers) {
            QTRY_VERIFY(p->hasLine(u"* welcome #1: Welcome client 1"_s) || p->hasLine(u"* welcome #2: Welcome client 2"_s)
                        || p->hasLine(u"* welcome #3: Welcome client 3"_s) || p->hasLine(u"* welcome #4: Welcome client 4"_s));
            if (p->hasLine(u"* welcome #1: Welcome client 1"_s) || p->hasLine(u"* welcome #2: Welcome client 2"_s)) {
                QTRY_VERIFY(p->hasNoticeLine("disconnect", u"kicked by the server"_s));
                ++kicked;
            }
        }
        QCOMPARE(kicked, 2);
        QSignalSpy done(&controller, &ServerController::shutDownFinished);
        controller.shutDown();
        QVERIFY(done.wait());
        for (const auto &p : peers) {
            if (!p->hasNoticeLine("disconnect", u"kicked by the server"_s))
                QTRY_VERIFY(p->hasNoticeLine("disconnect", u"server stopped listening"_s));
        }
        QCOMPARE(controller.clientCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerCore)
#include "tst_servercore.moc"
