// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// ClientConnection without a window, against a tiny QTcpServer peer that
// speaks FrameCodec or LineCodec over real loopback sockets.
#include "clientconnection.h"
#include "testserver.h"

#include <QtEndian>
#include <QtTest>

#ifdef Q_OS_LINUX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using State = ClientConnection::State;

namespace {


const QByteArray kPromptLine = QByteArrayLiteral("* info: ") + Protocol::kPasswordPrompt + '\n';

// A frames hello as docs/protocol.md spells it, byte by byte: version 1,
// the name, and the password in field tag 1 when there is one.
QByteArray helloBytes(const QByteArray &name, const QByteArray &password)
{
    QByteArray payload("\x00\x01", 2);
    payload += char(name.size());
    payload += name;
    if (!password.isNull()) {
        payload += char(Protocol::kHelloFieldPassword);
        payload += char(password.size());
        payload += password;
    }
    QByteArray frame(4, '\0');
    qToBigEndian(quint32(payload.size()), frame.data());
    frame += char(Message::Type::Hello);
    return frame + payload;
}

// A text frame from a client, as FrameCodec writes it.
QByteArray textFrame(const QString &text)
{
    return Codec::create(Protocol::Framing::Frames)->encode(Message::makeText(text));
}

QStringList texts(const QSignalSpy &spy)
{
    QStringList out;
    for (const QList<QVariant> &args : spy)
        out.append(args.at(0).toString());
    return out;
}

} // namespace

class TestClientConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectAndDisconnect();
    void sendsHelloFirst();
    void framesBothWays();
    void linesBothWays();
    void readGateHoldsInputUntilRetried();
    void answersServerPing();
    void refused();
    void hostNotFound();
    void connectTimeout();
    void cancelWhileConnecting();
    void abortIsNotAnError();
    void connectAgainReplacesConnection();
    void badMagicFromLineServer();
    void serverVanishes_data();
    void serverVanishes();
    void serverDisconnectNoticeGivesReason();
    void heartbeatDetectsDeadPeer();
    void heartbeatKeepsLivePeer();
    void reconnectBacksOff();
    void reconnectDelayIsCapped();
    void refusesTooLargeMessage();
    void refusesSendWhileDisconnected();
    void reportsUnsentBytes();
    void shutdownDeliversQueuedBytes();
    void shutdownTimeoutReportsUnsentBytes();
    void shutdownWhenIdleFinishesAtOnce();

    // Issue 9: the password.
    void framesPasswordOnlyAfterTheServerAsks();
    void framesPasswordNotSentWhenTheServerDoesNotAsk();
    void framesPasswordNeverSentToASilentServer();
    void framesWithoutPasswordDoNotWait();
    void linesSendPasswordAfterThePrompt();
    void linesNeverSendPasswordWhenServerSpeaksFirst();
    void linesWithoutPromptInTimeSendNoPassword();
    void tooLongPasswordIsRefusedBeforeConnecting();
    void lineServerDisconnectNoticeGivesReason();
    void kickedConnectionsBackOff();
    // Issue 10: bytes and line endings.
    void linesSendBytesWithEachEnding();
    void framesSendBytesAsTheyAre();
    void sendBytesIsCheckedAndHeld();
};

void TestClientConnection::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<Message>();
}

void TestClientConnection::connectAndDisconnect()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    QSignalSpy connectedSpy(&c, &ClientConnection::connected);
    QSignalSpy disconnectedSpy(&c, &ClientConnection::disconnected);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);

    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QCOMPARE(c.state(), State::Connecting);
    QTRY_COMPARE(c.state(), State::Connected);
    QCOMPARE(connectedSpy.count(), 1);
    QCOMPARE(c.peerLabel(), u"127.0.0.1:%1"_s.arg(peer.port()));
    QTRY_VERIFY(peer.isConnected());

    c.disconnectFromHost();
    QCOMPARE(c.state(), State::Disconnected);
    QCOMPARE(disconnectedSpy.count(), 1);
    QTRY_COMPARE(peer.socket()->state(), QAbstractSocket::UnconnectedState);
    QVERIFY2(errorSpy.isEmpty(), qPrintable(texts(errorSpy).join(u'\n')));
    QVERIFY(c.lastError().isEmpty());
}

void TestClientConnection::sendsHelloFirst()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setName(u"alice"_s);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_VERIFY(!peer.received.isEmpty());
    QVERIFY(peer.raw.startsWith(Protocol::magic().toByteArray()));
    const Message hello = peer.received.constFirst();
    QCOMPARE(hello.type, Message::Type::Hello);
    QCOMPARE(hello.name, u"alice"_s);
    QCOMPARE(hello.version, Protocol::kVersion);
    QVERIFY(peer.codecError.isEmpty());
}

void TestClientConnection::framesBothWays()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    QSignalSpy sent(&c, &ClientConnection::messageSent);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());

    peer.send(Message::makeNotice(Message::NoticeKind::Welcome, u"Welcome client 3"_s, 3));
    peer.send(Message::makeText(u"hi ✓"_s));
    peer.send(Message::makeText(u"relayed\nsecond line"_s, 2, u"bob"_s));
    QTRY_COMPARE(received.count(), 4); // hello, notice, text, text
    QCOMPARE(c.serverName(), u"test-peer"_s);
    QCOMPARE(c.clientId(), 3u);
    const Message notice = received.at(1).at(0).value<Message>();
    QCOMPARE(notice.type, Message::Type::Notice);
    QCOMPARE(notice.text, u"Welcome client 3"_s);
    QCOMPARE(received.at(2).at(0).value<Message>().text, u"hi ✓"_s);
    const Message relayed = received.at(3).at(0).value<Message>();
    QCOMPARE(relayed.senderId, 2u);
    QCOMPARE(relayed.name, u"bob"_s);
    QCOMPARE(relayed.text, u"relayed\nsecond line"_s);

    QVERIFY(c.sendText(u"héllo\nwörld 日本語"_s));
    QCOMPARE(sent.count(), 1);
    QTRY_COMPARE(peer.texts(), QList<QString>{u"héllo\nwörld 日本語"_s});
}

void TestClientConnection::linesBothWays()
{
    TestServer peer(Protocol::Framing::Lines);
    peer.onAccept = "line one\r\nline two ✓\n";
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setName(u"alice"_s);
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(received.count(), 2);
    QCOMPARE(received.at(0).at(0).value<Message>().text, u"line one"_s);
    QCOMPARE(received.at(1).at(0).value<Message>().text, u"line two ✓"_s);

    QVERIFY(c.sendText(u"a\nb"_s));
    QVERIFY(c.sendText(u"日本語"_s));
    // No magic, no hello: plain lines only.
    QTRY_COMPARE(peer.raw, u"a\nb\n日本語\n"_s.toUtf8());
}

// Issue 22: while the read gate is closed nothing is decoded, and the
// socket holds at most its read buffer (the rest stays with TCP and the
// server); retryRead() with the gate open reads on, losing nothing.
void TestClientConnection::readGateHoldsInputUntilRetried()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    bool open = true; // before the connection, which asks it until destroyed
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setReadGate([&open] { return open; });
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_VERIFY(c.isConnected());

    open = false;
    constexpr int kLines = 20000; // 1.3 MB, far more than the read buffer
    QByteArray flood;
    for (int i = 0; i < kLines; ++i)
        flood += QByteArray("held ").append(QByteArray::number(i).rightJustified(8, '0')).leftJustified(63, '.') + '\n';
    peer.write(flood);
    QTRY_COMPARE(c.socket()->bytesAvailable(), ClientConnection::kReadBufferSize);
    QVERIFY(c.isReadHeld());
    QCOMPARE(received.count(), 0);
    QCOMPARE(c.readHolds(), quint64(1));

    open = true;
    c.retryRead();
    QTRY_COMPARE(received.count(), kLines);
    QVERIFY(!c.isReadHeld());
    for (int i = 0; i < kLines; i += 997)
        QVERIFY(received.at(i).at(0).value<Message>().text.startsWith(
            u"held %1"_s.arg(QString::number(i).rightJustified(8, u'0'))));
    QVERIFY(c.isConnected());
}

void TestClientConnection::answersServerPing()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());
    peer.send(Message::makePing("17"));
    QTRY_VERIFY(peer.received.contains(Message::makePong("17")));
}

void TestClientConnection::refused()
{
    const quint16 port = freePort();
    QVERIFY(port != 0);
    const QString qtReason = qtConnectError(u"127.0.0.1"_s, port);
    QVERIFY(!qtReason.isEmpty());

    ClientConnection c;
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, port);
    QTRY_COMPARE(errorSpy.count(), 1);
    const QString error = errorSpy.at(0).at(0).toString();
    QVERIFY2(error.contains(qtReason), qPrintable(error));
    QVERIFY2(error.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(error));
    QCOMPARE(c.state(), State::Disconnected);
    QCOMPARE(c.lastError(), error);
}

void TestClientConnection::hostNotFound()
{
    const QString host = u"nonexistent.invalid"_s;
    // Qt reports every failed lookup this way (QAbstractSocket, HostNotFoundError).
    const QString qtReason = QAbstractSocket::tr("Host not found");

    ClientConnection c;
    c.setConnectTimeout(20000);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(host, 8000);
    QTRY_COMPARE_WITH_TIMEOUT(errorSpy.count(), 1, 20000);
    const QString error = errorSpy.at(0).at(0).toString();
    QVERIFY2(error.contains(qtReason), qPrintable(error));
    QCOMPARE(c.state(), State::Disconnected);
}

void TestClientConnection::connectTimeout()
{
#ifdef Q_OS_LINUX
    // A listener with a full accept queue drops further SYNs, so a connect
    // to it hangs: exactly what a timeout is for.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    const auto closeFd = qScopeGuard([fd] { ::close(fd); });
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
    QCOMPARE(::listen(fd, 0), 0);
    socklen_t len = sizeof addr;
    QCOMPARE(::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len), 0);
    const quint16 port = ntohs(addr.sin_port);

    // Fill the queue (never accepted).
    QList<QTcpSocket *> fillers;
    const auto cleanup = qScopeGuard([&fillers] { qDeleteAll(fillers); });
    for (int i = 0; i < 2; ++i) {
        auto *s = new QTcpSocket;
        fillers.append(s);
        s->connectToHost(QHostAddress::LocalHost, port);
    }
    QTRY_VERIFY(std::any_of(fillers.cbegin(), fillers.cend(), [](QTcpSocket *s) {
        return s->state() == QAbstractSocket::ConnectedState;
    }));

    ClientConnection c;
    c.setConnectTimeout(300);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy connectedSpy(&c, &ClientConnection::connected);
    c.connectToHost(u"127.0.0.1"_s, port);
    QTRY_VERIFY(errorSpy.count() + connectedSpy.count() > 0);
    if (!connectedSpy.isEmpty())
        QSKIP("this kernel accepted a connection beyond the backlog");
    const QString error = errorSpy.at(0).at(0).toString();
    QVERIFY2(error.contains(u"Connection timed out after 0.3 s"_s), qPrintable(error));
    QCOMPARE(c.state(), State::Disconnected);
#else
    QSKIP("needs Linux's full-backlog behaviour");
#endif
}

void TestClientConnection::cancelWhileConnecting()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QCOMPARE(c.state(), State::Connecting);
    c.cancel();
    QCOMPARE(c.state(), State::Disconnected);
    QCOMPARE(c.socket()->state(), QAbstractSocket::UnconnectedState);
    QVERIFY(errorSpy.isEmpty());
    QVERIFY(c.lastError().isEmpty());
}

void TestClientConnection::abortIsNotAnError()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setAutoReconnect(true);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy disconnectedSpy(&c, &ClientConnection::disconnected);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    // Wait until the hello is out, so nothing is left unsent at the abort.
    QTRY_COMPARE(peer.count(Message::Type::Hello), 1);
    c.abort();
    QCOMPARE(c.state(), State::Disconnected); // no reconnect either
    QCOMPARE(disconnectedSpy.count(), 1);
    QCOMPARE(disconnectedSpy.at(0).at(0).toString(), u"aborted"_s);
    QVERIFY2(errorSpy.isEmpty(), qPrintable(texts(errorSpy).join(u'\n')));
    QVERIFY(c.lastError().isEmpty());
    QTRY_COMPARE(peer.socket()->state(), QAbstractSocket::UnconnectedState);
}

void TestClientConnection::connectAgainReplacesConnection()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_COMPARE(peer.connectionCount(), 2);
    QVERIFY2(errorSpy.isEmpty(), qPrintable(texts(errorSpy).join(u'\n')));
}

void TestClientConnection::badMagicFromLineServer()
{
    TestServer peer(Protocol::Framing::Lines);
    peer.onAccept = "hello from a line server\n";
    QVERIFY(peer.listen());
    ClientConnection c; // frames
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(errorSpy.count(), 1);
    const QString error = errorSpy.at(0).at(0).toString();
    QVERIFY2(error.contains(u"bad magic"_s), qPrintable(error));
    QCOMPARE(c.state(), State::Disconnected);
    QTRY_COMPARE(peer.socket()->state(), QAbstractSocket::UnconnectedState);
}

void TestClientConnection::serverVanishes_data()
{
    QTest::addColumn<bool>("abort");
    QTest::newRow("close") << false;
    QTest::newRow("abort") << true;
}

void TestClientConnection::serverVanishes()
{
    QFETCH(bool, abort);
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy disconnectedSpy(&c, &ClientConnection::disconnected);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());

    if (abort)
        peer.socket()->abort();
    else
        peer.socket()->disconnectFromHost();
    QTRY_COMPARE(c.state(), State::Disconnected);
    QCOMPARE(errorSpy.count(), 1);
    QCOMPARE(disconnectedSpy.count(), 1);
    const QString error = errorSpy.at(0).at(0).toString();
    QVERIFY2(error.startsWith(u"Connection to 127.0.0.1:%1"_s.arg(peer.port())), qPrintable(error));
    QVERIFY2(error.contains(u"closed"_s) || error.contains(u"reset"_s), qPrintable(error));
}

void TestClientConnection::serverDisconnectNoticeGivesReason()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());
    peer.send(Message::makeNotice(Message::NoticeKind::Disconnect, u"kicked"_s, 1));
    peer.socket()->disconnectFromHost();
    QTRY_COMPARE(errorSpy.count(), 1);
    const QString error = errorSpy.at(0).at(0).toString();
    QVERIFY2(error.contains(u"closed by the server: kicked"_s), qPrintable(error));
}

void TestClientConnection::heartbeatDetectsDeadPeer()
{
    TestServer peer(Protocol::Framing::Frames);
    peer.answerPings = false;
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setHeartbeatInterval(50);
    c.setHeartbeatTimeout(300);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.pings >= 1);
    QTRY_COMPARE(errorSpy.count(), 1);
    const QString error = errorSpy.at(0).at(0).toString();
    QVERIFY2(error.contains(u"no reply from the server for 0.3 s"_s), qPrintable(error));
    QCOMPARE(c.state(), State::Disconnected);
    QTRY_COMPARE(peer.socket()->state(), QAbstractSocket::UnconnectedState);
}

void TestClientConnection::heartbeatKeepsLivePeer()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setHeartbeatInterval(10);
    c.setHeartbeatTimeout(400);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    // 60 pings answered take longer than the timeout: the pongs keep it alive.
    QTRY_VERIFY(peer.pings >= 60);
    QCOMPARE(c.state(), State::Connected);
    QVERIFY2(errorSpy.isEmpty(), qPrintable(texts(errorSpy).join(u'\n')));
}

void TestClientConnection::reconnectBacksOff()
{
    const quint16 port = freePort();
    ClientConnection c;
    c.setAutoReconnect(true);
    c.setReconnectBaseDelay(20);
    QSignalSpy scheduled(&c, &ClientConnection::reconnectScheduled);
    QSignalSpy countdown(&c, &ClientConnection::reconnectCountdown);
    c.connectToHost(u"127.0.0.1"_s, port);
    QTRY_VERIFY(scheduled.count() >= 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(scheduled.at(i).at(0).toInt(), i + 1);
        QVERIFY(isJitteredDelay(scheduled.at(i).at(1).toInt(), qMin(20 << i, 100)));
    }
    // The countdown shows 1; 2, 1; 4, 3, 2, 1; 5 ... units (seconds by
    // default), rounded up: the jitter takes less than a unit off.
    QList<int> values;
    for (int i = 0; i < countdown.count() && i < 8; ++i)
        values.append(countdown.at(i).at(0).toInt());
    QCOMPARE(values, (QList<int>{1, 2, 1, 4, 3, 2, 1, 5}));

    // The server comes back: the client reconnects, and the backoff resets.
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), State::Connected, 10000);
    QCOMPARE(c.reconnectAttempt(), 0);
    QVERIFY(c.lastError().isEmpty());

    // A drop starts over at the first delay.
    scheduled.clear();
    QTRY_VERIFY(peer.isConnected());
    peer.socket()->abort();
    QTRY_VERIFY(!scheduled.isEmpty());
    QVERIFY(isJitteredDelay(scheduled.at(0).at(1).toInt(), 20));
    QTRY_COMPARE(peer.connectionCount(), 2);
    QTRY_COMPARE(c.state(), State::Connected);

    // The user's Disconnect stops reconnecting, even during the countdown.
    peer.stopListening();
    scheduled.clear();
    peer.socket()->abort();
    QTRY_COMPARE(c.state(), State::WaitingToReconnect);
    c.disconnectFromHost();
    QCOMPARE(c.state(), State::Disconnected);
    QVERIFY(c.lastError().isEmpty());
}

void TestClientConnection::reconnectDelayIsCapped()
{
    const quint16 port = freePort();
    ClientConnection c;
    c.setAutoReconnect(true);
    c.setReconnectBaseDelay(10);
    QSignalSpy scheduled(&c, &ClientConnection::reconnectScheduled);
    c.connectToHost(u"127.0.0.1"_s, port);
    QTRY_VERIFY(scheduled.count() >= 8);
    c.disconnectFromHost();
    // kReconnectMaxDelayMs / kReconnectInitialDelayMs = 5 units, each
    // delay less up to a fifth at random.
    const int full[] = { 10, 20, 40, 50, 50, 50, 50, 50 };
    for (int i = 0; i < 8; ++i) {
        const int delay = scheduled.at(i).at(1).toInt();
        QVERIFY2(isJitteredDelay(delay, full[i]), qPrintable(u"attempt %1: %2 ms"_s.arg(i + 1).arg(delay)));
    }
    QCOMPARE(c.state(), State::Disconnected);
}

void TestClientConnection::refusesTooLargeMessage()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setMaxMessageSize(16);
    QSignalSpy failed(&c, &ClientConnection::sendFailed);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    // Payload = 5 bytes of sender fields + the text.
    QVERIFY(!c.sendText(QString(12, u'x')));
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(0).toString().contains(u"17 bytes exceeds the maximum of 16 bytes"_s),
             qPrintable(failed.at(0).at(0).toString()));
    QVERIFY(c.sendText(u"small"_s));
    QTRY_COMPARE(peer.texts(), QList<QString>{u"small"_s});
    QCOMPARE(c.state(), State::Connected);
}

void TestClientConnection::refusesSendWhileDisconnected()
{
    ClientConnection c;
    QSignalSpy failed(&c, &ClientConnection::sendFailed);
    QSignalSpy sent(&c, &ClientConnection::messageSent);
    QVERIFY(!c.sendText(u"lost?"_s));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(sent.count(), 0);
}

void TestClientConnection::reportsUnsentBytes()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    QSignalSpy unsent(&c, &ClientConnection::unsentBytes);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());

    // Queue bytes, then the server resets before the event loop writes them.
    QVERIFY(c.sendText(QString(100000, u'x')));
    const qint64 queued = c.socket()->bytesToWrite();
    QVERIFY(queued > 0);
    peer.reset();
    QTRY_COMPARE(errorSpy.count(), 1);
    QCOMPARE(unsent.count(), 1);
    QVERIFY(unsent.at(0).at(0).toLongLong() > 0);
    QVERIFY(unsent.at(0).at(0).toLongLong() <= queued);
    const QString error = errorSpy.at(0).at(0).toString();
    QVERIFY2(error.contains(u"bytes not sent"_s), qPrintable(error));
}

namespace {

// Lines of 1,000,000 "x" + "\n": 8 of them are more than loopback's socket
// buffers (a few MB) take while the server does not read.
constexpr int kQueuedLines = 8;
constexpr int kLineLength = 1000000;

} // namespace

void TestClientConnection::shutdownDeliversQueuedBytes()
{
    TestServer peer(Protocol::Framing::Lines);
    peer.readBufferSize = 1; // stalled until resumeReading()
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setShutdownTimeout(60000); // far beyond the test: only the drain ends it
    QSignalSpy finished(&c, &ClientConnection::shutdownFinished);
    QSignalSpy unsent(&c, &ClientConnection::unsentBytes);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());

    for (int i = 0; i < kQueuedLines; ++i)
        QVERIFY(c.sendText(QString(kLineLength, u'x')));
    c.shutdown();
    QCOMPARE(c.state(), State::Disconnected);
    QVERIFY(c.isShuttingDown());
    QCOMPARE(c.socket()->state(), QAbstractSocket::ClosingState);
    QVERIFY(c.socket()->bytesToWrite() > 0);
    QCOMPARE(finished.count(), 0);

    peer.resumeReading();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toLongLong(), 0);
    QCOMPARE(unsent.count(), 0);
    QTRY_VERIFY(peer.closedByClient);
    QCOMPARE(peer.raw.size(), qsizetype(kQueuedLines) * (kLineLength + 1));
    QCOMPARE(peer.texts().size(), kQueuedLines);
}

void TestClientConnection::shutdownTimeoutReportsUnsentBytes()
{
    TestServer peer(Protocol::Framing::Lines);
    peer.readBufferSize = 1; // never reads
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setShutdownTimeout(100);
    QSignalSpy finished(&c, &ClientConnection::shutdownFinished);
    QSignalSpy unsent(&c, &ClientConnection::unsentBytes);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());

    for (int i = 0; i < kQueuedLines; ++i)
        QVERIFY(c.sendText(QString(kLineLength, u'x')));
    c.shutdown();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.count(), 1);
    const qint64 lost = finished.at(0).at(0).toLongLong();
    QVERIFY(lost > 0);
    QVERIFY(lost <= qint64(kQueuedLines) * (kLineLength + 1));
    QCOMPARE(unsent.count(), 1);
    QCOMPARE(unsent.at(0).at(0).toLongLong(), lost);
    QCOMPARE(c.socket()->state(), QAbstractSocket::UnconnectedState);
    QVERIFY(!c.isShuttingDown());
}

void TestClientConnection::shutdownWhenIdleFinishesAtOnce()
{
    ClientConnection c;
    QSignalSpy finished(&c, &ClientConnection::shutdownFinished);
    c.shutdown();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toLongLong(), 0);

    // Connected with nothing queued: closes at once, exactly one report.
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    c.setFraming(Protocol::Framing::Lines);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());
    finished.clear();
    c.shutdown();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toLongLong(), 0);
    QTRY_VERIFY(peer.closedByClient);
}

// Frames with a password: the magic at once, the hello only after the
// server's hello, with the password because that hello asked for it (tag
// 2); a text typed meanwhile is held and follows the hello.
void TestClientConnection::framesPasswordOnlyAfterTheServerAsks()
{
    TestServer peer(Protocol::Framing::Frames);
    peer.greet = false; // the test greets, when it chooses
    peer.requirePassword = true;
    QVERIFY(peer.listen());
    const QString password = u"s3cret ✓"_s;
    ClientConnection c;
    c.setName(u"alice"_s);
    c.setPassword(password);
    QSignalSpy sent(&c, &ClientConnection::messageSent);
    QSignalSpy passwordSent(&c, &ClientConnection::passwordSent);
    QSignalSpy notSent(&c, &ClientConnection::passwordNotSent);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_COMPARE(peer.raw, Protocol::magic().toByteArray());
    QVERIFY(c.sendText(u"early"_s));
    QVERIFY(sent.isEmpty());

    peer.write(peer.greeting());
    // On the wire: the magic, the hello with field tag 1, then the text.
    // Had the hello or the text gone out before the server's hello, they
    // would stand before it, or twice.
    const QByteArray expected = Protocol::magic().toByteArray() + helloBytes("alice", password.toUtf8())
        + textFrame(u"early"_s);
    QTRY_COMPARE(peer.raw, expected);
    QVERIFY(peer.codecError.isEmpty());
    QCOMPARE(peer.received.first().data, password.toUtf8());
    QCOMPARE(passwordSent.count(), 1);
    QVERIFY(notSent.isEmpty());
    QCOMPARE(texts(sent), QStringList{u"early"_s}); // never the password

    // The longest password a field holds: 255 bytes.
    peer.greet = true;
    ClientConnection longest;
    longest.setPassword(QString(255, u'p'));
    longest.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(peer.connectionCount(), 2);
    QTRY_COMPARE(peer.count(Message::Type::Hello), 1);
    QCOMPARE(peer.received.first().data, QByteArray(255, 'p'));
}

// Frames with a password, to a server whose hello does not ask for one: the
// password is in no byte it receives; the hello goes without the field, and
// the held text after it.
void TestClientConnection::framesPasswordNotSentWhenTheServerDoesNotAsk()
{
    TestServer peer(Protocol::Framing::Frames);
    peer.greet = false;
    QVERIFY(peer.listen());
    const QString password = u"s3cret-4471"_s;
    ClientConnection c;
    c.setName(u"alice"_s);
    c.setPassword(password);
    QSignalSpy sent(&c, &ClientConnection::messageSent);
    QSignalSpy passwordSent(&c, &ClientConnection::passwordSent);
    QSignalSpy notSent(&c, &ClientConnection::passwordNotSent);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_COMPARE(peer.raw, Protocol::magic().toByteArray());
    QVERIFY(c.sendText(u"early"_s));

    peer.write(peer.greeting());
    const QByteArray expected = Protocol::magic().toByteArray() + helloBytes("alice", QByteArray())
        + textFrame(u"early"_s);
    QTRY_COMPARE(peer.raw, expected);
    QCOMPARE(notSent.count(), 1);
    QCOMPARE(notSent.at(0).at(0).toString(), u"the server's hello did not ask for it"_s);
    QVERIFY(passwordSent.isEmpty());
    QVERIFY(peer.received.first().data.isNull());
    QCOMPARE(texts(sent), QStringList{u"early"_s});

    // Later texts go straight out; the password never does.
    QVERIFY(c.sendText(u"later"_s));
    QTRY_COMPARE(peer.raw, expected + textFrame(u"later"_s));
    QVERIFY(!peer.raw.contains(password.toUtf8()));
    QVERIFY(!peer.raw.contains("4471"));
}

// Frames with a password, to a server that never says hello: it gets the
// magic and nothing else (no hello, no ping, no password) until the hello
// timeout closes the connection.
void TestClientConnection::framesPasswordNeverSentToASilentServer()
{
    TestServer peer(Protocol::Framing::Frames);
    peer.greet = false;
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setPassword(u"s3cret"_s);
    c.setHelloTimeout(300);
    c.setHeartbeatInterval(20); // pings would be due many times over
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy unsent(&c, &ClientConnection::unsentBytes);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QVERIFY(c.sendText(u"held"_s));
    QTRY_COMPARE(errorSpy.count(), 1);
    QVERIFY2(errorSpy.at(0).at(0).toString().startsWith(
                 u"Connection to 127.0.0.1:%1 closed: the server did not say hello within 0.3 s"_s.arg(peer.port())),
             qPrintable(errorSpy.at(0).at(0).toString()));
    QCOMPARE(unsent.count(), 1); // the held text
    QTRY_VERIFY(peer.closeError != QAbstractSocket::UnknownSocketError);
    QCOMPARE(peer.raw, Protocol::magic().toByteArray());
}

// Frames without a password: the magic and the hello at once, without the
// field, before the server has said anything.
void TestClientConnection::framesWithoutPasswordDoNotWait()
{
    TestServer peer(Protocol::Framing::Frames);
    peer.greet = false;
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setName(u"alice"_s);
    c.setPassword(QString());
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(peer.count(Message::Type::Hello), 1);
    QVERIFY(peer.received.first().data.isNull());
    QCOMPARE(peer.raw, Protocol::magic().toByteArray() + helloBytes("alice", QByteArray()));
    // Texts wait for the server's hello, which shows a frames server
    // (issue 15: a line server must not be shown them as sent).
    QSignalSpy sent(&c, &ClientConnection::messageSent);
    QVERIFY(c.sendText(u"at once"_s));
    QVERIFY(sent.isEmpty());
    peer.write(peer.greeting());
    QTRY_COMPARE(peer.texts(), QList<QString>{u"at once"_s});
    QCOMPARE(sent.count(), 1);
}

// Lines: the password goes out only after the server's prompt, before any
// text; texts sent meanwhile are held and follow it.
void TestClientConnection::linesSendPasswordAfterThePrompt()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setPassword(u"s3cret ✓"_s);
    QSignalSpy sent(&c, &ClientConnection::messageSent);
    QSignalSpy passwordSent(&c, &ClientConnection::passwordSent);
    QSignalSpy notSent(&c, &ClientConnection::passwordNotSent);
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());
    // Typed before the server asked: held.
    QVERIFY(c.sendText(u"early"_s));
    QVERIFY(sent.isEmpty());

    peer.write(kPromptLine);
    // Had "early" gone out first, it would lead.
    QTRY_COMPARE(peer.raw, u"s3cret ✓\nearly\n"_s.toUtf8());
    QCOMPARE(passwordSent.count(), 1);
    QVERIFY(notSent.isEmpty());
    QCOMPARE(texts(sent), QStringList{u"early"_s}); // never the password
    QCOMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(0).value<Message>().text, QString::fromUtf8(kPromptLine.chopped(1)));

    QVERIFY(c.sendText(u"later"_s));
    QTRY_COMPARE(peer.raw, u"s3cret ✓\nearly\nlater\n"_s.toUtf8());
}

// Lines: a server whose first line is anything else (here its welcome)
// never gets the password, even when it asks afterwards.
void TestClientConnection::linesNeverSendPasswordWhenServerSpeaksFirst()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setPassword(u"s3cret"_s);
    QSignalSpy passwordSent(&c, &ClientConnection::passwordSent);
    QSignalSpy notSent(&c, &ClientConnection::passwordNotSent);
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());
    QVERIFY(c.sendText(u"early"_s));

    peer.write("* welcome #3: Welcome client 3\n" + kPromptLine);
    QTRY_COMPARE(peer.raw, QByteArray("early\n"));
    QTRY_COMPARE(received.count(), 2);
    QCOMPARE(notSent.count(), 1);
    QCOMPARE(notSent.at(0).at(0).toString(), u"the server did not ask for it first"_s);
    QVERIFY(c.sendText(u"more"_s));
    QTRY_COMPARE(peer.raw, QByteArray("early\nmore\n"));
    QVERIFY(passwordSent.isEmpty());
    QVERIFY(!peer.raw.contains("s3cret"));
}

// Lines: a server that says nothing (a line service that waits for its
// client) gets no password; held texts go out after the hello timeout.
void TestClientConnection::linesWithoutPromptInTimeSendNoPassword()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setHelloTimeout(200);
    c.setPassword(u"s3cret"_s);
    QSignalSpy notSent(&c, &ClientConnection::passwordNotSent);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QVERIFY(c.sendText(u"early"_s));
    QTRY_COMPARE(peer.raw, QByteArray("early\n"));
    QCOMPARE(notSent.count(), 1);
    QCOMPARE(notSent.at(0).at(0).toString(), u"the server did not ask for it within 0.2 s"_s);
    QVERIFY(c.isConnected());
}

void TestClientConnection::tooLongPasswordIsRefusedBeforeConnecting()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    // 128 × "é": 256 bytes of UTF-8 in 128 characters.
    c.setPassword(QString(128, u'é'));
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy stateSpy(&c, &ClientConnection::stateChanged);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    // At once: no attempt was started.
    QCOMPARE(errorSpy.count(), 1);
    QCOMPARE(errorSpy.at(0).at(0).toString(),
             u"Could not connect to 127.0.0.1:%1: the password is 256 bytes long in UTF-8; a server takes at "
             "most 255"_s.arg(peer.port()));
    QCOMPARE(c.state(), State::Disconnected);
    QVERIFY(stateSpy.isEmpty());
    QCOMPARE(c.socket()->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(peer.connectionCount(), 0);
}

// A line server's "* disconnect: reason" is the reason given for its close
// (a wrong password, say), as a frames notice is.
void TestClientConnection::lineServerDisconnectNoticeGivesReason()
{
    TestServer peer(Protocol::Framing::Lines);
    peer.onAccept = "* disconnect: wrong password\n";
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_VERIFY(peer.isConnected());
    peer.socket()->disconnectFromHost();
    QTRY_COMPARE(errorSpy.count(), 1);
    QCOMPARE(errorSpy.at(0).at(0).toString(),
             u"Connection to 127.0.0.1:%1 closed by the server: wrong password"_s.arg(peer.port()));
}

// A server that ends every connection with a notice (a wrong password, a
// lockout) is not retried every second: each such connection leaves the
// backoff growing, though its TCP connect succeeded.
void TestClientConnection::kickedConnectionsBackOff()
{
    QTcpServer kicker;
    connect(&kicker, &QTcpServer::newConnection, &kicker, [&kicker] {
        while (QTcpSocket *s = kicker.nextPendingConnection()) {
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            s->write("* disconnect: wrong password\n");
            s->disconnectFromHost();
        }
    });
    QVERIFY(kicker.listen(QHostAddress::LocalHost, 0));
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setAutoReconnect(true);
    c.setReconnectBaseDelay(20);
    QSignalSpy connectedSpy(&c, &ClientConnection::connected);
    QSignalSpy scheduled(&c, &ClientConnection::reconnectScheduled);
    c.connectToHost(u"127.0.0.1"_s, kicker.serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(scheduled.count() >= 4, 20000);
    c.disconnectFromHost();
    QVERIFY(connectedSpy.count() >= 4);
    for (int i = 0; i < 4; ++i)
        QVERIFY(isJitteredDelay(scheduled.at(i).at(1).toInt(), qMin(20 << i, 100)));
    QVERIFY2(c.lastError().isEmpty(), qPrintable(c.lastError()));
}

// Lines: sendBytes() writes the bytes as they are and then the ending
// asked for; nothing is dropped (a CR before an LF stays) or added.
void TestClientConnection::linesSendBytesWithEachEnding()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    QSignalSpy sent(&c, &ClientConnection::messageSent);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());

    QVERIFY(c.sendBytes("AT", ClientConnection::LineEnding::CrLf));
    QVERIFY(c.sendBytes("raw\x01", ClientConnection::LineEnding::None));
    QVERIFY(c.sendBytes("a\r\nb", ClientConnection::LineEnding::Lf));
    QVERIFY(c.sendBytes(QByteArray("\xFF\x00", 2))); // LF by default
    QTRY_COMPARE(peer.raw, QByteArray("AT\r\nraw\x01" "a\r\nb\n" "\xFF\x00\n", 16));
    QCOMPARE(sent.count(), 4);
    QCOMPARE(sent.at(0).at(0).toString(), u"AT"_s);
    QCOMPARE(sent.at(0).at(1).toByteArray(), QByteArray("AT")); // without the ending
    QCOMPARE(sent.at(3).at(0).toString(), QString(QChar(0xFFFD)) + QChar(0));
    QCOMPARE(sent.at(3).at(1).toByteArray(), QByteArray("\xFF\x00", 2));
}

// Frames: the body is the bytes, even when they are not UTF-8 (the line
// ending does not apply).
void TestClientConnection::framesSendBytesAsTheyAre()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());
    const QByteArray bytes("\x02STATUS\r\n\xFE\x03");
    QVERIFY(c.sendBytes(bytes, ClientConnection::LineEnding::CrLf));
    QTRY_COMPARE(peer.texts().size(), 1);
    QVERIFY(peer.received.constLast().invalidUtf8);
    // The frame as sent: header, sender id 0, no name, the bytes.
    QByteArray frame(4, '\0');
    qToBigEndian(quint32(5 + bytes.size()), frame.data());
    frame += char(Message::Type::Text);
    frame += QByteArray(5, '\0');
    frame += bytes;
    QVERIFY(peer.raw.endsWith(frame));
    // An empty message is still one (empty) text.
    QVERIFY(c.sendBytes(QByteArray()));
    QTRY_COMPARE(peer.texts().size(), 2);
    QCOMPARE(peer.texts().constLast(), QString());
}

// The maximum applies as the receiver counts it (lines: the longest line,
// CR included; with no ending the whole), and bytes wait for a password
// prompt like texts do.
void TestClientConnection::sendBytesIsCheckedAndHeld()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setMaxMessageSize(64); // the prompt line fits
    c.setPassword(u"pw"_s);
    QSignalSpy failed(&c, &ClientConnection::sendFailed);
    QSignalSpy sent(&c, &ClientConnection::messageSent);
    c.connectToHost(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_VERIFY(peer.isConnected());
    const QByteArray full(64, 'x');
    QVERIFY(!c.sendBytes(full, ClientConnection::LineEnding::CrLf)); // with its CR, 65
    QVERIFY(c.sendBytes("12\n" + full, ClientConnection::LineEnding::None)); // lines of 2 and 64
    QVERIFY(!c.sendBytes(full + 'x', ClientConnection::LineEnding::None));
    QCOMPARE(failed.count(), 2);
    QVERIFY2(failed.at(0).at(0).toString().contains(u"65 bytes exceeds the maximum of 64 bytes"_s),
             qPrintable(failed.at(0).at(0).toString()));
    QVERIFY(c.sendBytes("ok", ClientConnection::LineEnding::CrLf));
    QVERIFY(sent.isEmpty()); // held for the prompt
    peer.write(kPromptLine);
    QTRY_COMPARE(peer.raw, "pw\n12\n" + full + "ok\r\n");
    QCOMPARE(sent.count(), 2);
}

QTEST_GUILESS_MAIN(TestClientConnection)
#include "tst_clientconnection.moc"
