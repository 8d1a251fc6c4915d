// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Browsers on the same port (issue 19, docs/protocol.md section 10), against
// the real engine with a raw client written here over QTcpSocket: the page
// and its Content-Security-Policy, 404, 400 and 431 with a close, the
// WebSocket handshake whole and split, JSON both ways with a line client in
// a relay, pings, errors with their close status, origins, the limit, and
// flow control: a WebSocket reader that stops is evicted as a slow consumer
// while a fast one gets every message in order.
#include "corefixture.h"
#include "linefeeder.h"
#include "websocketcodec.h"
#include "../common/websocketframes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 20000;

// A browser, by hand: an HTTP request, then masked frames.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { read(); });
        QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket,
                         [this] { m_socket.write(std::exchange(m_pending, {})); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }
    QTcpSocket &socket() { return m_socket; }
    // Written once connected.
    void send(const QByteArray &bytes)
    {
        if (m_socket.state() == QAbstractSocket::ConnectedState)
            m_socket.write(bytes);
        else
            m_pending += bytes;
    }
    void sendJson(const QByteArray &json) { send(WebSocketFrames::clientText(json)); }
    static QByteArray upgrade(const QByteArray &origin = "Origin: http://localhost\r\n")
    {
        return "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + origin + "\r\n";
    }
    bool headDone() const { return m_head.endsWith("\r\n\r\n"); }
    const QByteArray &head() const { return m_head; }
    const QByteArray &raw() const { return m_raw; }
    bool closed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    // The JSON objects of the text frames so far.
    QList<QJsonObject> objects() const
    {
        QList<QJsonObject> out;
        for (const auto &f : m_frames) {
            if (f.opcode == WebSocketCodec::OpText)
                out.append(QJsonDocument::fromJson(f.payload).object());
        }
        return out;
    }
    bool hasObject(const QString &type, const QString &key, const QVariant &value) const
    {
        for (const QJsonObject &o : objects()) {
            if (o.value(u"type"_s).toString() == type && o.value(key).toVariant() == value)
                return true;
        }
        return false;
    }
    const QList<WebSocketFrames::ServerFrame> &frames() const { return m_frames; }
    int textFrames() const
    {
        int n = 0;
        for (const auto &f : m_frames)
            n += f.opcode == WebSocketCodec::OpText ? 1 : 0;
        return n;
    }
    // Stops reading: what the server sends stays in the kernel's buffers
    // (Qt reads at most one byte more). resumeReading() reads on.
    void pauseReading()
    {
        m_paused = true;
        m_socket.setReadBufferSize(1);
    }
    void resumeReading()
    {
        m_paused = false;
        m_socket.setReadBufferSize(0);
        read();
    }
    // The close frame's status, 0 if none came.
    int closeCode() const
    {
        for (const auto &f : m_frames) {
            if (f.opcode == WebSocketCodec::OpClose && f.payload.size() >= 2)
                return (quint8(f.payload[0]) << 8) | quint8(f.payload[1]);
        }
        return 0;
    }

private:
    void read()
    {
        if (m_paused)
            return;
        QByteArray bytes = m_socket.readAll();
        m_raw += bytes;
        if (!headDone()) {
            m_head += bytes;
            const qsizetype end = m_head.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            m_rest = m_head.sliced(end + 4);
            m_head.truncate(end + 4);
        } else {
            m_rest += bytes;
        }
        if (m_head.startsWith("HTTP/1.1 101"))
            WebSocketFrames::takeServerFrames(m_rest, m_frames);
    }

    QTcpSocket m_socket;
    QByteArray m_pending;
    QByteArray m_raw;
    QByteArray m_head;
    QByteArray m_rest;
    QList<WebSocketFrames::ServerFrame> m_frames;
    bool m_paused = false;
};

// A WebSocket client that has joined: handshake, hello, welcome; its id.
int join(RawClient &ws, const QByteArray &name)
{
    ws.send(RawClient::upgrade() + WebSocketFrames::clientText(R"({"type":"hello","name":")" + name + "\"}"));
    if (!QTest::qWaitFor([&] { return ws.hasObject(u"notice"_s, u"kind"_s, u"welcome"_s); }, kTimeoutMs))
        return 0;
    for (const QJsonObject &o : ws.objects()) {
        if (o.value(u"kind"_s) == u"welcome"_s)
            return o.value(u"id"_s).toInt();
    }
    return 0;
}

// Checks that the texts from client `from` are LineFeed::numberedLines(0,
// expected, lineSize) without their line ends, whole and in order. Returns
// what is wrong, or an empty string.
QString textSequenceError(const RawClient &ws, int from, int expected, int lineSize)
{
    QStringList texts;
    for (const QJsonObject &o : ws.objects()) {
        if (o.value(u"type"_s) == u"text"_s && o.value(u"from"_s).toInt() == from)
            texts.append(u"#: "_s + o.value(u"text"_s).toString());
    }
    return LineFeed::sequenceError(texts, u"#: "_s, expected, lineSize);
}

} // namespace

class TestWebSocket : public QObject, public CoreFixture
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { m_peers.clear(); m_core.reset(); }
    void pageWithItsPolicy();
    void otherPathsAndBadRequests();
    void relayBothWaysWithASplitHandshake();
    void pingsAndClose();
    void errorsCloseWithTheirStatus_data();
    void errorsCloseWithTheirStatus();
    void origins();
    void password();
    void stoppedReaderIsEvictedFastReaderGetsAll();
};

void TestWebSocket::pageWithItsPolicy()
{
    QVERIFY(startCore());
    RawClient page(m_core->serverPort());
    page.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(page.closed(), kTimeoutMs);
    QVERIFY2(page.head().startsWith("HTTP/1.1 200 OK\r\n"), page.head().constData());
    QVERIFY(page.head().contains("Content-Type: text/html; charset=utf-8\r\n"));
    QVERIFY(page.head().contains("Content-Security-Policy: default-src 'none'; script-src 'self';"));
    QVERIFY(page.raw().contains("role=\"log\""));
    RawClient script(m_core->serverPort());
    script.send("GET /app.js HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(script.closed(), kTimeoutMs);
    QVERIFY2(script.head().startsWith("HTTP/1.1 200 OK\r\n"), script.head().constData());
    QVERIFY(script.raw().contains("textContent"));
}

void TestWebSocket::otherPathsAndBadRequests()
{
    QVERIFY(startCore());
    const QList<std::pair<QByteArray, QByteArray>> cases {
        { "GET /secret HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 404 " },
        { "GET / HTTP/1.1\r\nno colon\r\n\r\n", "HTTP/1.1 400 " },
        { "GET /" + QByteArray(Protocol::kMaxHttpHeadSize, 'a'), "HTTP/1.1 431 " },
        { "GET /ws HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400 " }, // no Upgrade
        { RawClient::upgrade().replace("Version: 13", "Version: 8"), "HTTP/1.1 426 " },
    };
    for (const auto &[request, status] : cases) {
        RawClient c(m_core->serverPort());
        c.send(request);
        QTRY_VERIFY_WITH_TIMEOUT(c.closed(), kTimeoutMs);
        QVERIFY2(c.head().startsWith(status), (status + " expected, got " + c.head().left(80)).constData());
    }
    // None of them connected as a WebSocket client.
    QVERIFY2(!logText().contains(u"(WebSocket)"_s), qPrintable(logText()));
}

void TestWebSocket::relayBothWaysWithASplitHandshake()
{
    ServerOptions o;
    o.mode = ServerOptions::Mode::Relay;
    o.presenceHoldMs = 0;
    QVERIFY(startCore(o));
    TestPeer *line = linesPeer(u"first"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_core->clientCount() == 1, kTimeoutMs);

    RawClient ws(m_core->serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(ws.socket().state() == QAbstractSocket::ConnectedState, kTimeoutMs);
    // The handshake in three writes, each sent before the next.
    const QByteArray handshake = RawClient::upgrade();
    for (const QByteArray &part : { handshake.first(2), handshake.sliced(2, 30), handshake.sliced(32) }) {
        ws.send(part);
        QTRY_VERIFY_WITH_TIMEOUT(ws.socket().bytesToWrite() == 0, kTimeoutMs);
    }
    QTRY_VERIFY_WITH_TIMEOUT(ws.headDone(), kTimeoutMs);
    QVERIFY2(ws.head().contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), ws.head().constData());
    // The server's hello comes first, then the hello from the page.
    QTRY_VERIFY_WITH_TIMEOUT(ws.hasObject(u"hello"_s, u"name"_s, u"socket-server"_s), kTimeoutMs);
    ws.sendJson(R"({"type":"hello","name":"alice"})");
    QTRY_VERIFY_WITH_TIMEOUT(ws.hasObject(u"notice"_s, u"kind"_s, u"welcome"_s), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_core->clientCount() == 2, kTimeoutMs);
    const int id = int(ws.objects().at(1).value(u"id"_s).toInt());
    QVERIFY(id > 0);
    QVERIFY(logText().contains(u"(WebSocket)"_s));

    // Line -> WebSocket, with its sender; WebSocket -> line, with its name.
    line->sendLine(u"hello <b>web</b>"_s);
    QTRY_VERIFY_WITH_TIMEOUT(ws.hasObject(u"text"_s, u"text"_s, u"hello <b>web</b>"_s), kTimeoutMs);
    ws.sendJson(R"({"type":"text","text":"hi from the web ✓"})");
    QTRY_VERIFY_WITH_TIMEOUT(line->hasLine(u"#%1 alice: hi from the web ✓"_s.arg(id)), kTimeoutMs);
    // The line client's leaving reaches the page as a notice.
    line->reset();
    QTRY_VERIFY_WITH_TIMEOUT(ws.hasObject(u"notice"_s, u"kind"_s, u"left"_s), kTimeoutMs);
}

void TestWebSocket::pingsAndClose()
{
    QVERIFY(startCore());
    RawClient ws(m_core->serverPort());
    ws.send(RawClient::upgrade() + WebSocketFrames::clientText(R"({"type":"hello","name":"p"})")
            + WebSocketFrames::clientFrame(WebSocketCodec::OpPing, "abc"));
    QTRY_VERIFY_WITH_TIMEOUT(!ws.frames().isEmpty() && ws.frames().last().opcode == WebSocketCodec::OpPong,
                             kTimeoutMs);
    QCOMPARE(ws.frames().last().payload, "abc"_ba);
    // The page closes: the server answers with its close frame and closes.
    ws.send(WebSocketFrames::clientFrame(WebSocketCodec::OpClose, QByteArray("\x03\xE8", 2)));
    QTRY_VERIFY_WITH_TIMEOUT(ws.closeCode() == WebSocketCodec::CloseNormal, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed(), kTimeoutMs);
}

void TestWebSocket::errorsCloseWithTheirStatus_data()
{
    QTest::addColumn<QByteArray>("frames");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");
    const QByteArray hello = WebSocketFrames::clientText(R"({"type":"hello","name":"e"})");
    QTest::newRow("binary") << hello + WebSocketFrames::clientFrame(WebSocketCodec::OpBinary, "x") << 1003
                            << u"binary"_s;
    QTest::newRow("invalid UTF-8") << hello + WebSocketFrames::clientText("{\"type\":\"text\",\"text\":\"\xFF\"}")
                                   << 1007 << u"UTF-8"_s;
    QTest::newRow("too big") << hello + WebSocketFrames::clientText(QByteArray(2000, ' ')) << 1009 << u"maximum"_s;
    QTest::newRow("text first") << WebSocketFrames::clientText(R"({"type":"text","text":"x"})") << 1000
                                << u"hello"_s;
    QTest::newRow("unmasked") << hello + QByteArray::fromHex("8100") << 1002 << u"unmasked"_s;
}

void TestWebSocket::errorsCloseWithTheirStatus()
{
    QFETCH(QByteArray, frames);
    QFETCH(int, code);
    QFETCH(QString, words);
    ServerOptions o;
    o.maxMessageSize = 1000;
    QVERIFY(startCore(o));
    RawClient ws(m_core->serverPort());
    ws.send(RawClient::upgrade() + frames);
    QTRY_VERIFY_WITH_TIMEOUT(ws.closed(), kTimeoutMs);
    QCOMPARE(ws.closeCode(), code);
    bool said = false;
    for (const QJsonObject &o : ws.objects())
        said = said || (o.value(u"kind"_s) == u"disconnect"_s && o.value(u"text"_s).toString().contains(words));
    QVERIFY2(said, ws.raw().right(300).constData());
}

void TestWebSocket::origins()
{
    ServerOptions o;
    o.webSocketOrigins = QStringList { u"https://chat.example.org"_s };
    QVERIFY(startCore(o));
    RawClient evil(m_core->serverPort());
    evil.send(RawClient::upgrade("Origin: http://evil.example\r\n"));
    QTRY_VERIFY_WITH_TIMEOUT(evil.closed(), kTimeoutMs);
    QVERIFY2(evil.head().startsWith("HTTP/1.1 403 "), evil.head().constData());
    RawClient allowed(m_core->serverPort());
    allowed.send(RawClient::upgrade("Origin: https://chat.example.org\r\n"));
    QTRY_VERIFY_WITH_TIMEOUT(allowed.headDone(), kTimeoutMs);
    QVERIFY2(allowed.head().startsWith("HTTP/1.1 101 "), allowed.head().constData());
    RawClient own(m_core->serverPort());
    own.send(RawClient::upgrade());
    QTRY_VERIFY_WITH_TIMEOUT(own.headDone(), kTimeoutMs);
    QVERIFY2(own.head().startsWith("HTTP/1.1 101 "), own.head().constData());
}

void TestWebSocket::password()
{
    ServerOptions o;
    o.passwordDigest = ServerOptions::digestPassword(u"s3cret ✓"_s);
    QVERIFY(startCore(o));
    // The server's hello asks for it; the page gives it in its hello.
    RawClient right(m_core->serverPort());
    right.send(RawClient::upgrade());
    QTRY_VERIFY_WITH_TIMEOUT(right.hasObject(u"hello"_s, u"passwordRequired"_s, true), kTimeoutMs);
    right.sendJson(R"({"type":"hello","name":"a","password":"s3cret ✓"})");
    QTRY_VERIFY_WITH_TIMEOUT(m_core->clientCount() == 1, kTimeoutMs);
    RawClient wrong(m_core->serverPort());
    wrong.send(RawClient::upgrade() + WebSocketFrames::clientText(R"({"type":"hello","name":"b","password":"no"})"));
    QTRY_VERIFY_WITH_TIMEOUT(wrong.closed(), kTimeoutMs);
    QVERIFY(wrong.hasObject(u"notice"_s, u"kind"_s, u"disconnect"_s));
    QCOMPARE(m_core->clientCount(), 1);
}

// Flow control (docs/protocol.md 7.1) for WebSocket readers, as for line
// clients (tst_flowcontrol's relayUnderBackpressureDeliversEverything): a
// line client sends as fast as TCP takes it to a fast WebSocket reader and
// one that stopped reading. While the stopped one is congested the sender
// is held back; it is evicted after the slow-consumer timeout, the sender
// goes on, and the fast reader gets every line, in order, as JSON texts.
void TestWebSocket::stoppedReaderIsEvictedFastReaderGetsAll()
{
    constexpr int kLineSize = 512;
    ServerOptions o = LineFeed::backpressureRelayOptions(1000);
    o.presenceHoldMs = 0;
    QVERIFY(startCore(o));

    RawClient fast(m_core->serverPort());
    QCOMPARE(join(fast, "fast"), 1);
    RawClient stopped(m_core->serverPort());
    QCOMPARE(join(stopped, "stopped"), 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_core->clientCount(), 2, kTimeoutMs);
    // Small kernel buffers on the stopped reader's path, so that the
    // engine's queue for it fills after a few hundred kilobytes.
    QVERIFY(LineFeed::setPathBuffers(&stopped.socket(), stopped.socket().localPort(), m_core->serverPort(),
                                     16 * 1024));
    stopped.pauseReading();
    TestPeer *sender = peer(); // silent until its first numbered line: lines after the grace
    QTRY_COMPARE_WITH_TIMEOUT(m_core->clientCount(), 3, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(sender->isConnected(), kTimeoutMs);

    QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
    LineFeed::LineFeeder feeder(sender, kLineSize);
    feeder.start();
    QTRY_VERIFY_WITH_TIMEOUT(!left.isEmpty(), kTimeoutMs);
    // The sender goes on after the eviction, to 2 MB at least.
    QTRY_VERIFY_WITH_TIMEOUT(qint64(feeder.sent()) * kLineSize >= 2 * 1024 * 1024, kTimeoutMs);
    feeder.stop();

    // The stopped reader left as a slow consumer, by the timeout, and only it.
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.at(0).at(0).toUInt(), 2u);
    const QString reason = left.at(0).at(1).toString();
    const QString wrong = LineFeed::timeoutEvictionError(reason, o);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QCOMPARE(m_core->stats().slowConsumers, 1u);
    m_core->log()->flush();
    const QStringList leftLines = m_core->log()->lines().filter(u" left: "_s);
    QVERIFY2(leftLines.filter(u"#2 stopped left: "_s + reason).size() == 1, qPrintable(leftLines.join(u'\n')));

    // The fast reader gets every line, in order, none missing.
    QTRY_VERIFY_WITH_TIMEOUT(fast.textFrames() >= feeder.sent(), kTimeoutMs);
    QString error;
    QTRY_VERIFY2_WITH_TIMEOUT((error = textSequenceError(fast, 3, feeder.sent(), kLineSize)).isEmpty(),
                              qPrintable(error), kTimeoutMs);
    QVERIFY(!fast.closed());
    QVERIFY(sender->isConnected());
    QCOMPARE(m_core->clientIds(), (QList<quint32>{ 1, 3 }));

    // The evicted reader was cut: it sees so once it reads again.
    stopped.resumeReading();
    QTRY_VERIFY_WITH_TIMEOUT(stopped.closed(), kTimeoutMs);
}

QTEST_MAIN(TestWebSocket)
#include "tst_websocket.moc"
