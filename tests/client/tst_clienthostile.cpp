// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The client against a hostile server (issue 8, part 2): every row of the
// issue's table with real sockets, a HostileServer on 127.0.0.1 playing the
// server. ClientConnection alone where the reason is what matters, the real
// ClientWindow (driven through its widgets) for what a person sees.
//
//   1  garbage, a 4 GiB header        closes with the codec's reason
//   2  a ping flood, never reading     closes past the unsent cap
//   3  accepts and never speaks        closes after the hello timeout
//   4  an endless line                 closes "line longer than ..."
//   5  300 texts of almost 1 MiB       stays responsive, shows the prefix
//
// The SIGTERM half of row 5 runs the real program: tst_clientmain.
#include "clientconnection.h"
#include "clientui.h"
#include "hostileserver.h"
#include "logevent.h"
#include "logview.h"

#include <QSettings>
#include <QTextBlock>
#include <QtEndian>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using State = ClientConnection::State;

namespace {

QStringList texts(const QSignalSpy &spy)
{
    QStringList out;
    for (const QList<QVariant> &args : spy)
        out.append(args.at(0).toString());
    return out;
}

QString closedPrefix(quint16 port)
{
    return u"Connection to 127.0.0.1:%1 closed: "_s.arg(port);
}

// A unit of a ping flood: many 64-byte pings, each answered by a pong of
// the same size.
constexpr int kPingPayload = Protocol::kMaxPingPayload;
constexpr int kPongSize = Protocol::kFrameHeaderSize + kPingPayload;
QByteArray pingBurst()
{
    const QByteArray ping = HostileServer::frame(Message::makePing(QByteArray(kPingPayload, 'p')));
    return ping.repeated(1000);
}

qsizetype longestBlock(const QPlainTextEdit *view)
{
    qsizetype longest = 0;
    for (QTextBlock b = view->document()->begin(); b.isValid(); b = b.next())
        longest = qMax<qsizetype>(longest, b.text().size());
    return longest;
}

} // namespace

class TestClientHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // Row 1.
    void garbageClosesWithReason_data();
    void garbageClosesWithReason();
    // Hello first, and once.
    void frameBeforeHelloCloses_data();
    void frameBeforeHelloCloses();
    void secondHelloCloses();
    // Row 3.
    void helloTimeout_data();
    void helloTimeout();
    void helloInTimeKeepsConnection();
    void linesHaveNoHelloTimeout();
    // Row 2.
    void pingFloodHitsUnsentCap_data();
    void pingFloodHitsUnsentCap();
    void textPastUnsentCapCloses();
    // Row 4.
    void endlessLineCloses();
    // What the window shows (rows 1-3), and row 5.
    void windowShowsWhyItClosed_data();
    void windowShowsWhyItClosed();
    void hugeTextFloodStaysResponsive();

private:
    ClientWindow *newWindow();
    std::vector<std::unique_ptr<ClientWindow>> m_windows;
};

void TestClientHostile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<Message>();
}

void TestClientHostile::init()
{
    QSettings(u"SocketHub"_s, u"socket-client"_s).clear();
}

void TestClientHostile::cleanup()
{
    m_windows.clear();
}

ClientWindow *TestClientHostile::newWindow()
{
    return showNewWindow(m_windows);
}

// Row 1: what is not the protocol closes the connection at once, with the
// decoder's own reason; nothing a header claims is waited for.
void TestClientHostile::garbageClosesWithReason_data()
{
    QTest::addColumn<bool>("magic");
    QTest::addColumn<bool>("hello");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");

    QTest::newRow("http instead of magic") << false << false << "HTTP/1.1 400 Bad Request\r\n\r\n"_ba
                                           << u"the peer does not speak frames (bad magic 48 54 54 50): it looks like an HTTP server"_s;
    QTest::newRow("binary garbage") << false << false << "\xFF\x00\x13\x37 garbage"_ba
                                    << u"the peer does not speak frames (bad magic ff 00 13 37)"_s;
    QTest::newRow("4 GiB header after hello") << true << true << "\xFF\xFF\xFF\xFF\x02"_ba
                                              << u"frame of 4294967295 bytes exceeds the maximum of 1048576 bytes"_s;
    QTest::newRow("4 GiB header instead of hello") << true << false << "\xFF\xFF\xFF\xFF\x01"_ba
                                                   << u"frame of 4294967295 bytes exceeds the maximum of 1048576 bytes"_s;
    QTest::newRow("unknown type") << true << true << "\x00\x00\x00\x00\x07"_ba << u"unknown frame type 0x07"_s;
    QTest::newRow("truncated hello") << true << false << "\x00\x00\x00\x01\x01\x00"_ba
                                     << u"hello frame of 1 bytes is shorter than its 3-byte header"_s;
    QTest::newRow("hello of version 2")
        << true << false << HostileServer::frame(Message::makeHello(u"future"_s, 2))
        << u"unsupported protocol version 2 (this peer speaks 1)"_s;
}

void TestClientHostile::garbageClosesWithReason()
{
    QFETCH(bool, magic);
    QFETCH(bool, hello);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    HostileServer server;
    server.sendMagic = magic;
    server.sendHello = hello;
    server.onAccept = bytes;
    QVERIFY(server.listen());
    ClientConnection c;
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, server.port());
    QTRY_COMPARE(errorSpy.count(), 1);
    QCOMPARE(errorSpy.at(0).at(0).toString(), closedPrefix(server.port()) + reason);
    QCOMPARE(c.lastError(), closedPrefix(server.port()) + reason);
    QCOMPARE(c.state(), State::Disconnected);
    QTRY_VERIFY(server.clientGone());
}

// A frames server's first frame is its hello: anything else first closes
// the connection, and is neither shown nor answered.
void TestClientHostile::frameBeforeHelloCloses_data()
{
    QTest::addColumn<Message>("first");
    QTest::addColumn<QString>("type");
    QTest::newRow("text") << Message::makeText(u"early"_s, 2, u"bob"_s) << u"text"_s;
    QTest::newRow("notice") << Message::makeNotice(Message::NoticeKind::Welcome, u"Welcome"_s, 1) << u"notice"_s;
    QTest::newRow("ping") << Message::makePing("17") << u"ping"_s;
    QTest::newRow("pong") << Message::makePong("17") << u"pong"_s;
}

void TestClientHostile::frameBeforeHelloCloses()
{
    QFETCH(Message, first);
    QFETCH(QString, type);
    HostileServer server;
    server.sendHello = false;
    server.onAccept = HostileServer::frame(first)
        + HostileServer::frame(Message::makeHello(u"late"_s, Protocol::kVersion));
    QVERIFY(server.listen());
    ClientConnection c;
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    c.connectToHost(u"127.0.0.1"_s, server.port());
    QTRY_COMPARE(errorSpy.count(), 1);
    QCOMPARE(errorSpy.at(0).at(0).toString(),
             closedPrefix(server.port()) + u"the server sent a %1 frame before its hello"_s.arg(type));
    QCOMPARE(received.count(), 0);
    QCOMPARE(c.state(), State::Disconnected);
    QTRY_VERIFY(server.clientGone());
    // The ping was not answered: the client's hello is all it sent.
    QCOMPARE(server.received.size(), 1);
    QCOMPARE(server.received.constFirst().type, Message::Type::Hello);
}

// A second hello is an error too (a server has one name and one version);
// what came before it is kept.
void TestClientHostile::secondHelloCloses()
{
    HostileServer server;
    server.onAccept = HostileServer::frame(Message::makeText(u"before"_s))
        + HostileServer::frame(Message::makeHello(u"again"_s, Protocol::kVersion))
        + HostileServer::frame(Message::makeText(u"after"_s));
    QVERIFY(server.listen());
    ClientConnection c;
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    c.connectToHost(u"127.0.0.1"_s, server.port());
    QTRY_COMPARE(errorSpy.count(), 1);
    QCOMPARE(errorSpy.at(0).at(0).toString(), closedPrefix(server.port()) + u"the server sent a second hello"_s);
    QCOMPARE(received.count(), 2);
    QCOMPARE(received.at(0).at(0).value<Message>().type, Message::Type::Hello);
    QCOMPARE(received.at(1).at(0).value<Message>().text, u"before"_s);
    QCOMPARE(c.serverName(), u"hostile"_s);
    QCOMPARE(c.state(), State::Disconnected);
    QTRY_VERIFY(server.clientGone());
}

// Row 3: a server that accepts and never says hello (or stops inside its
// magic or its hello) is given up on after the hello timeout.
void TestClientHostile::helloTimeout_data()
{
    QTest::addColumn<bool>("magic");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("silent") << false << QByteArray();
    QTest::newRow("half the magic") << false << Protocol::magic().first(2).toByteArray();
    QTest::newRow("magic only") << true << QByteArray();
    QTest::newRow("half a hello") << true
                                  << HostileServer::frame(Message::makeHello(u"slow"_s, Protocol::kVersion)).first(7);
}

void TestClientHostile::helloTimeout()
{
    QFETCH(bool, magic);
    QFETCH(QByteArray, bytes);
    HostileServer server;
    server.sendMagic = magic;
    server.sendHello = false;
    server.onAccept = bytes;
    QVERIFY(server.listen());
    ClientConnection c;
    QCOMPARE(c.helloTimeout(), Protocol::kDefaultHelloTimeoutMs);
    c.setHelloTimeout(300);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, server.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QTRY_COMPARE(errorSpy.count(), 1);
    QCOMPARE(errorSpy.at(0).at(0).toString(),
             closedPrefix(server.port()) + u"the server did not say hello within 0.3 s"_s);
    QCOMPARE(c.state(), State::Disconnected);
    QTRY_VERIFY(server.clientGone());
}

// A hello in time stops the timer for good.
void TestClientHostile::helloInTimeKeepsConnection()
{
    HostileServer server;
    QVERIFY(server.listen());
    ClientConnection c;
    c.setHelloTimeout(100);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    c.connectToHost(u"127.0.0.1"_s, server.port());
    QTRY_COMPARE(received.count(), 1);
    QVERIFY2(!errorSpy.wait(1000), qPrintable(texts(errorSpy).join(u'\n')));
    QCOMPARE(c.state(), State::Connected);
}

// Lines have no hello, so no hello timeout: a silent line service is fine.
void TestClientHostile::linesHaveNoHelloTimeout()
{
    HostileServer server;
    server.sendMagic = false;
    server.sendHello = false;
    QVERIFY(server.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setHelloTimeout(100);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    c.connectToHost(u"127.0.0.1"_s, server.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QVERIFY2(!errorSpy.wait(1000), qPrintable(texts(errorSpy).join(u'\n')));
    QCOMPARE(c.state(), State::Connected);
}

// Row 2: a server that floods pings and never reads the pongs. The pongs
// queue up until they pass the cap; the client then closes, holding at most
// the cap plus one pong (it checks after every write).
void TestClientHostile::pingFloodHitsUnsentCap_data()
{
    QTest::addColumn<qint64>("cap");
    QTest::newRow("default cap") << qint64(0);
    QTest::newRow("100000 bytes") << qint64(100000);
}

void TestClientHostile::pingFloodHitsUnsentCap()
{
    QFETCH(qint64, cap);
    HostileServer server;
    server.reads = false;
    const QByteArray burst = pingBurst();
    server.floodUnit = [burst](qint64) { return burst; };
    QVERIFY(server.listen());
    ClientConnection c;
    QCOMPARE(c.maxUnsent(), Protocol::kDefaultClientMaxUnsent);
    if (cap > 0)
        c.setMaxUnsent(cap);
    else
        cap = Protocol::kDefaultClientMaxUnsent;
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy unsent(&c, &ClientConnection::unsentBytes);
    c.connectToHost(u"127.0.0.1"_s, server.port());
    QTRY_COMPARE_WITH_TIMEOUT(errorSpy.count(), 1, 120000);

    QCOMPARE(unsent.count(), 1);
    const qint64 held = unsent.at(0).at(0).toLongLong();
    QVERIFY2(held > cap && held <= cap + kPongSize, qPrintable(QString::number(held)));
    QCOMPARE(errorSpy.at(0).at(0).toString(),
             closedPrefix(server.port())
                 + u"the server is not reading (more than %1 bytes waiting to be sent) (%2 bytes not sent)"_s
                       .arg(QString::number(cap), QString::number(held)));
    QCOMPARE(c.state(), State::Disconnected);
    QCOMPARE(c.socket()->bytesToWrite(), qint64(0));
    QTRY_VERIFY(server.clientGone());
}

// The same cap holds for texts: one that takes the queue past it is not
// reported sent, and the connection closes.
void TestClientHostile::textPastUnsentCapCloses()
{
    HostileServer server;
    server.sendMagic = false;
    server.sendHello = false;
    server.reads = false;
    QVERIFY(server.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    c.setMaxUnsent(1000);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy sent(&c, &ClientConnection::messageSent);
    c.connectToHost(u"127.0.0.1"_s, server.port());
    QTRY_COMPARE(c.state(), State::Connected);
    QVERIFY(c.sendText(QString(500, u'a')));
    // Written to the socket only by the event loop: 2001 bytes are queued.
    QVERIFY(!c.sendText(QString(1500, u'b')));
    QCOMPARE(sent.count(), 1);
    QCOMPARE(errorSpy.count(), 1);
    const QString error = errorSpy.at(0).at(0).toString();
    QVERIFY2(error.startsWith(closedPrefix(server.port())
                              + u"the server is not reading (more than 1000 bytes waiting to be sent)"_s),
             qPrintable(error));
    QCOMPARE(c.state(), State::Disconnected);
}

// Row 4: a line that never ends fails as soon as it is longer than the
// maximum, without waiting for its end.
void TestClientHostile::endlessLineCloses()
{
    HostileServer server;
    server.sendMagic = false;
    server.sendHello = false;
    const QByteArray chunk(64 * 1024, 'x');
    server.floodUnit = [chunk](qint64) { return chunk; };
    QVERIFY(server.listen());
    ClientConnection c;
    c.setFraming(Protocol::Framing::Lines);
    QSignalSpy errorSpy(&c, &ClientConnection::errorOccurred);
    QSignalSpy received(&c, &ClientConnection::messageReceived);
    c.connectToHost(u"127.0.0.1"_s, server.port());
    QTRY_COMPARE_WITH_TIMEOUT(errorSpy.count(), 1, 30000);
    QCOMPARE(errorSpy.at(0).at(0).toString(), closedPrefix(server.port()) + u"line longer than 1048576 bytes"_s);
    QCOMPARE(received.count(), 0);
    QCOMPARE(c.state(), State::Disconnected);
    QTRY_VERIFY(server.clientGone());
    // It stopped reading at once: the flood got little further than M.
    QVERIFY2(server.floodSent() * chunk.size() < 64 * Protocol::kDefaultMaxMessageSize,
             qPrintable(QString::number(server.floodSent())));
}

// Rows 1-3 as a person sees them: the status line says why it closed.
void TestClientHostile::windowShowsWhyItClosed_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("reason");
    QTest::newRow("1 garbage") << 1 << u"the peer does not speak frames (bad magic 47 41 52 42)"_s;
    QTest::newRow("2 ping flood") << 2 << u"the server is not reading (more than 100000 bytes waiting to be sent)"_s;
    QTest::newRow("3 silent") << 3 << u"the server did not say hello within 0.5 s"_s;
}

void TestClientHostile::windowShowsWhyItClosed()
{
    QFETCH(int, row);
    QFETCH(QString, reason);
    HostileServer server;
    if (row == 1) {
        server.sendMagic = false;
        server.sendHello = false;
        server.onAccept = "GARBAGE"_ba;
    } else if (row == 2) {
        server.reads = false;
        const QByteArray burst = pingBurst();
        server.floodUnit = [burst](qint64) { return burst; };
    } else {
        server.sendMagic = false;
        server.sendHello = false;
    }
    QVERIFY(server.listen());
    ClientUi ui(newWindow());
    QVERIFY(ui.complete());
    ui.w->controller()->setMaxUnsent(100000);
    ui.w->controller()->setHelloTimeout(500);
    ui.connectTo(u"127.0.0.1"_s, server.port());
    QTRY_VERIFY_WITH_TIMEOUT(ui.status->text().startsWith(u"Not Connected"_s), 60000);
    const QString status = ui.status->text();
    QVERIFY2(status.startsWith(u"Not Connected — "_s + closedPrefix(server.port()) + reason), qPrintable(status));
    QVERIFY(!ui.sendButton->isEnabled());
    QVERIFY(ui.connectButton->isEnabled());
    QTRY_VERIFY(ui.log->toPlainText().contains(closedPrefix(server.port()) + reason));
}

namespace {

// Row 5: texts as large as the maximum allows (the frame's payload is the
// sender id, the name's length byte, the name and the text).
constexpr qint64 kHugeTexts = 300;
const QString kFloodName = u"flood"_s;
constexpr qsizetype kHugeTextSize = Protocol::kDefaultMaxMessageSize - 5 - 5; // minus 5 + "flood"

// Unit i is text i + 1, from sender i + 1: its log line reads "#N flood: ".
std::function<QByteArray(qint64)> hugeTexts()
{
    const QByteArray base = HostileServer::frame(
        Message::makeText(QString(kHugeTextSize, u'x'), 1, kFloodName));
    return [base](qint64 i) {
        QByteArray unit = base;
        qToBigEndian(quint32(i + 1), unit.data() + Protocol::kFrameHeaderSize);
        return unit;
    };
}

} // namespace

// Row 5: 300 texts of almost 1 MiB. The window keeps handling events all
// through the flood (a timer keeps firing, a message typed mid-flood goes
// out mid-flood), shows every text as a bounded prefix with its size, and
// stays connected.
void TestClientHostile::hugeTextFloodStaysResponsive()
{
    HostileServer server;
    server.floodUnit = hugeTexts();
    server.floodCount = kHugeTexts;
    QVERIFY(server.listen());
    QCOMPARE(HostileServer::frame(Message::makeText(QString(kHugeTextSize, u'x'), 1, kFloodName)).size()
                 - Protocol::kFrameHeaderSize,
             Protocol::kDefaultMaxMessageSize);

    ClientUi ui(newWindow());
    QVERIFY(ui.complete());
    qint64 texts = 0;
    int ticksDuringFlood = 0;
    QTimer ticker;
    // Declared after what its connections capture: destroyed first.
    QObject context;
    connect(&ticker, &QTimer::timeout, &context, [&texts, &ticksDuringFlood] {
        if (texts > 0 && texts < kHugeTexts)
            ++ticksDuringFlood;
    });
    connect(ui.w->controller(), &ClientController::eventsReceived, &context,
            [&texts, &ui](const QList<LogEvent> &events) {
                const qint64 before = texts;
                for (const LogEvent &event : events)
                    texts += event.kind == LogEvent::Kind::Message ? 1 : 0;
                // A person types while the flood arrives.
                if (before < kHugeTexts / 3 && texts >= kHugeTexts / 3)
                    ui.type(u"still here"_s);
            });
    ticker.start(1);

    ui.connectTo(u"127.0.0.1"_s, server.port(), u"me"_s);
    QTRY_COMPARE_WITH_TIMEOUT(texts, kHugeTexts, 300000);

    // The typed message reached the server while the flood was going on.
    QTRY_COMPARE(server.texts(), QList<QString>{u"still here"_s});
    QVERIFY2(server.floodSentAtText.constFirst() < kHugeTexts,
             qPrintable(QString::number(server.floodSentAtText.constFirst())));
    QVERIFY(ticksDuringFlood > 0);

    // Every text is logged as a prefix and its size; no line is laid out
    // longer than the view's limit.
    const QString last = u"#%1 %2: "_s.arg(QString::number(kHugeTexts), kFloodName)
        + QString(LogEvent::kMaxLoggedPayload, u'x') + u" … [%1 bytes]"_s.arg(kHugeTextSize);
    QTRY_VERIFY_WITH_TIMEOUT(ui.logLines().contains(last), 30000);
    QVERIFY(ui.logLines().contains(u"me: still here"_s));
    QVERIFY2(longestBlock(ui.log) <= LogView::kMaxLineLength, qPrintable(QString::number(longestBlock(ui.log))));
    QCOMPARE(ui.status->text(), u"Connected to 127.0.0.1:%1"_s.arg(server.port()));
    QVERIFY(ui.sendButton->isEnabled());
}

QTEST_MAIN(TestClientHostile)
#include "tst_clienthostile.moc"
