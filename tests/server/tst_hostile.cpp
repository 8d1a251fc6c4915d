// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Hostile and broken peers against the engine: real sockets on 127.0.0.1
// (port 0), real third-party peers (nc, socat) and the real socket-server
// binary. Timeouts (handshake, a magic prefix, message, idle, server pings),
// TCP keepalive, the frames rules, the order of replies, logs and line
// relays that no peer can forge, names, and the regression rows of the
// hardening issue. Every row checks that the other clients do not notice.
//
// Timeouts are set small through ServerOptions; the tests wait only for
// outcomes (QTRY_* with generous limits), never for a time, and assert no
// durations.
#include "clientsession.h"
#include "eventlog.h"
#include "framecodec.h"
#include "servercore.h"
#include "corefixture.h"
#include "linefeeder.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtEndian>

#include <memory>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using Protocol::Framing;
using LineFeed::serverSideDescriptor;

namespace {

// The most any outcome is waited for.
constexpr int kWaitMs = 10000;

// A frame with any type byte and payload, as a broken peer writes it.
QByteArray frame(quint8 type, const QByteArray &payload)
{
    QByteArray out(4, '\0');
    qToBigEndian(quint32(payload.size()), out.data());
    out += char(type);
    out += payload;
    return out;
}
QByteArray frame(Message::Type type, const QByteArray &payload)
{
    return frame(quint8(type), payload);
}
QByteArray magicBytes()
{
    return Protocol::magic().toByteArray();
}
QByteArray encoded(const Message &m)
{
    return FrameCodec().encode(m);
}
QByteArray helloFrame(const QString &name)
{
    return encoded(Message::makeHello(name, Protocol::kVersion));
}
QByteArray textFrame(const QString &text)
{
    return encoded(Message::makeText(text));
}

// What docs/protocol.md ("Control characters") makes visible: C0 except
// TAB, DEL, C1, U+2028/2029, the bidi embeddings, overrides and isolates.
bool isShownEscaped(char32_t c)
{
    return (c < 0x20 && c != u'\t') || (c >= 0x7F && c <= 0x9F) || (c >= 0x2028 && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
}
// The first of lines that holds such a character raw, or an empty string.
QString firstUnescaped(const QStringList &lines)
{
    for (const QString &line : lines) {
        for (const QChar c : line) {
            if (isShownEscaped(c.unicode()))
                return line;
        }
    }
    return {};
}

// Every kind of escaped character between letters, and how a log (or an
// escaped line) shows it: written out here, not computed with
// ControlEscape. withLineFeed: an LF too (a frames text; a line client's
// LF ends its line).
QString controlZoo(bool withLineFeed, QString *shown)
{
    struct Escape
    {
        char16_t c;
        const char16_t *shown;
    };
    static const Escape kEscapes[] = {
        { 0x00, u"\u2400" },     { 0x01, u"\u2401" },     { 0x07, u"\u2407" },     { 0x0D, u"\u240D" },
        { 0x1B, u"\u241B" },     { 0x1F, u"\u241F" },     { 0x7F, u"\u2421" },     { 0x80, u"<U+0080>" },
        { 0x85, u"<U+0085>" },   { 0x9B, u"<U+009B>" },   { 0x9F, u"<U+009F>" },   { 0x2028, u"<U+2028>" },
        { 0x2029, u"<U+2029>" }, { 0x202A, u"<U+202A>" }, { 0x202B, u"<U+202B>" }, { 0x202C, u"<U+202C>" },
        { 0x202D, u"<U+202D>" }, { 0x202E, u"<U+202E>" }, { 0x2066, u"<U+2066>" }, { 0x2067, u"<U+2067>" },
        { 0x2068, u"<U+2068>" }, { 0x2069, u"<U+2069>" }, { 0x09, u"\t" }, // TAB stays
    };
    QString text = u"zoo"_s;
    *shown = text;
    char letter = 'a';
    for (const Escape &e : kEscapes) {
        text += QLatin1Char(letter);
        *shown += QLatin1Char(letter);
        text += QChar(e.c);
        *shown += QString::fromUtf16(e.shown);
        letter = letter == 'z' ? 'a' : char(letter + 1);
    }
    if (withLineFeed) {
        text += u"lf\nend"_s;
        *shown += u"lf\u240Aend"_s;
    } else {
        text += u"end"_s;
        *shown += u"end"_s;
    }
    return text;
}

int intOption(int fd, int level, int name)
{
    int value = -1;
    socklen_t size = sizeof value;
    if (::getsockopt(fd, level, name, &value, &size) != 0)
        return -1;
    return value;
}

// A socket of another process (socket-server) as /proc/net/tcp shows it:
// its timer ("2" is the keepalive timer) and when it fires, in clock ticks.
// False if the connection is not listed.
bool procNetTcpTimer(quint16 localPort, quint16 remotePort, int *timer, qint64 *whenTicks)
{
    QFile f(u"/proc/net/tcp"_s);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QList<QByteArray> rows = f.readAll().split('\n');
    for (const QByteArray &row : rows) {
        const QList<QByteArray> fields = row.simplified().split(' ');
        if (fields.size() < 6 || !fields.at(1).contains(':'))
            continue;
        bool ok1 = false, ok2 = false;
        const uint local = fields.at(1).split(':').value(1).toUInt(&ok1, 16);
        const uint remote = fields.at(2).split(':').value(1).toUInt(&ok2, 16);
        if (!ok1 || !ok2 || local != localPort || remote != remotePort)
            continue;
        const QList<QByteArray> tr = fields.at(5).split(':');
        *timer = tr.value(0).toInt(nullptr, 16);
        *whenTicks = tr.value(1).toLongLong(nullptr, 16);
        return true;
    }
    return false;
}

// Sets the kernel's buffers between a core in this process and one of its
// clients small (see tst_flowcontrol): a client that stops reading then
// fills the engine's queue after a few hundred kilobytes.
bool setPathBuffers(const TestPeer *peer, quint16 serverPort, int serverSend, int clientReceive = 128 * 1024)
{
    const int clientFd = int(peer->socket()->socketDescriptor());
    const int serverFd = serverSideDescriptor(serverPort, peer->localPort());
    return clientFd >= 0 && serverFd >= 0
        && ::setsockopt(clientFd, SOL_SOCKET, SO_RCVBUF, &clientReceive, sizeof clientReceive) == 0
        && ::setsockopt(serverFd, SOL_SOCKET, SO_SNDBUF, &serverSend, sizeof serverSend) == 0;
}

QString describe(const Message &m)
{
    switch (m.type) {
    case Message::Type::Hello: return u"hello:"_s + m.name;
    case Message::Type::Text: return u"text:"_s + m.textString();
    case Message::Type::Notice: return u"notice:"_s + m.textString();
    case Message::Type::Ping: return u"ping:"_s + QString::fromLatin1(m.data);
    case Message::Type::Pong: return u"pong:"_s + QString::fromLatin1(m.data);
    }
    return {};
}

} // namespace

#define WAIT_FOR(expr) QTRY_VERIFY_WITH_TIMEOUT(expr, kWaitMs)
#define WAIT_FOR2(expr, message) QTRY_VERIFY2_WITH_TIMEOUT(expr, message, kWaitMs)
#define WAIT_COMPARE(actual, expected) QTRY_COMPARE_WITH_TIMEOUT(actual, expected, kWaitMs)

// An honest client of an echo server still gets its own message back.
#define VERIFY_ECHOES(p)                                                                                  \
    do {                                                                                                  \
        const QString probe_ = u"honest %1"_s.arg(++m_probe);                                             \
        (p)->sendLine(probe_);                                                                            \
        WAIT_FOR((p)->hasLine(probe_));                                                                   \
    } while (false)
#define VERIFY_FRAMES_ECHOES(p)                                                                           \
    do {                                                                                                  \
        const QString probe_ = u"honest %1"_s.arg(++m_probe);                                             \
        (p)->sendText(probe_);                                                                            \
        WAIT_FOR((p)->hasText(probe_, 0));                                                                \
    } while (false)
// In relay mode: a line from an honest line client (id fromId, no name)
// reaches an honest line client.
#define VERIFY_RELAYS(from, fromId, to)                                                                   \
    do {                                                                                                  \
        const QString probe_ = u"honest %1"_s.arg(++m_probe);                                             \
        (from)->sendLine(probe_);                                                                         \
        WAIT_FOR((to)->hasLine(u"#%1: "_s.arg(fromId) + probe_));                                         \
    } while (false)

class TestHostile : public QObject, protected CoreFixture
{
    Q_OBJECT

private:
    int m_probe = 0;

    // A peer that decodes frames but sends nothing by itself: the test
    // writes every byte (the magic included).
    TestPeer *rawFramesPeer()
    {
        m_peers.push_back(std::make_unique<TestPeer>(Framing::Frames));
        TestPeer *p = m_peers.back().get();
        p->setSendHello(false);
        p->connectTo(m_core->serverPort());
        return p;
    }
    ClientInfo info(quint32 id) const
    {
        const QList<ClientInfo> all = m_core->clients();
        for (const ClientInfo &i : all) {
            if (i.id == id)
                return i;
        }
        return {};
    }
    static QString serverBinary() { return QStringLiteral(SOCKETHUB_BINARY_DIR "/server/socket-server"); }

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

    // Row 1: the whole magic, then a hello, within the handshake timeout.
    void noHelloWithinTheHandshakeTimeout_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("the magic alone") << magicBytes();
        QTest::newRow("the magic and half a hello") << magicBytes() + helloFrame(u"slow"_s).left(6);
    }
    void noHelloWithinTheHandshakeTimeout()
    {
        QFETCH(QByteArray, bytes);
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.handshakeTimeoutMs = 500;
        QVERIFY(startCore(o));
        TestPeer *honest = linesPeer(u"first"_s);
        WAIT_FOR(honest->hasLine(u"first"_s));
        TestPeer *carol = peer(Framing::Frames, u"carol"_s); // a hello in time
        WAIT_FOR(carol->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *mute = rawFramesPeer();
        mute->sendRaw(bytes);
        WAIT_FOR(mute->hasNotice(Message::NoticeKind::Disconnect, u"no hello within 0.5 s"_s));
        WAIT_FOR(mute->isClosed());
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(0).toUInt(), 3u);
        QVERIFY(logText().contains(u"#3 left: no hello within 0.5 s"_s));

        // Nobody else noticed; the frames client that said hello in time stays.
        VERIFY_ECHOES(honest);
        VERIFY_FRAMES_ECHOES(carol);
        QCOMPARE(m_core->clientIds(), (QList<quint32>{ 1, 2 }));
        WAIT_COMPARE(liveSessions(), 2);
    }

    // Row 2: a proper prefix of the magic is never taken for lines, even
    // after the framing grace; the rest completes the handshake.
    void magicPrefixWaitsPastTheGrace_data()
    {
        QTest::addColumn<int>("split");
        QTest::newRow("FF") << 1;
        QTest::newRow("FF 53") << 2;
        QTest::newRow("FF 53 4D") << 3;
    }
    void magicPrefixWaitsPastTheGrace()
    {
        QFETCH(int, split);
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.handshakeTimeoutMs = 60000; // out of the way: only the grace is passed
        QVERIFY(startCore(o));
        QCOMPARE(o.framingGraceMs, 300);
        TestPeer *prefix = rawFramesPeer();
        prefix->sendRaw(magicBytes().left(split));
        WAIT_FOR(m_core->clientCount() == 1 && info(1).bytesIn == quint64(split));

        // Two silent clients, one after the other, each decided by its own
        // grace: when the second is welcomed, the prefix's grace (started
        // earlier, as long) has certainly passed.
        TestPeer *silent1 = peer();
        WAIT_FOR(silent1->hasLine(u"* welcome #2: Welcome client 2"_s));
        TestPeer *silent2 = peer();
        WAIT_FOR(silent2->hasLine(u"* welcome #3: Welcome client 3"_s));

        QVERIFY2(prefix->raw().isEmpty(), prefix->raw().toHex(' ').constData()); // no lines welcome, nothing
        QCOMPARE(info(1).framing, QString()); // still undecided
        QVERIFY(prefix->isConnected());
        QVERIFY(!logText().contains(u"#1 connected"_s));

        // The rest arrives: frames, as if it had come at once.
        prefix->sendRaw(magicBytes().mid(split) + helloFrame(u"pat"_s));
        WAIT_FOR(prefix->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 1"_s));
        QVERIFY(prefix->raw().startsWith(magicBytes()));
        QCOMPARE(prefix->messages().constFirst().type, Message::Type::Hello);
        QCOMPARE(info(1).framing, u"frames"_s);
        WAIT_COMPARE(info(1).name, u"pat"_s);
        QVERIFY(logText().contains(u"#1 connected from 127.0.0.1:%1 (frames)"_s.arg(prefix->localPort())));
        VERIFY_FRAMES_ECHOES(prefix);
        QCOMPARE(prefix->codecError(), QString());

        VERIFY_ECHOES(silent1);
        VERIFY_ECHOES(silent2);
    }

    // Row 2: a prefix that never completes is answered in frames at the
    // handshake timeout (the magic, the server's hello, a disconnect
    // notice; no welcome) and closed.
    void magicPrefixTimesOutInFrames_data()
    {
        QTest::addColumn<int>("split");
        QTest::newRow("FF") << 1;
        QTest::newRow("FF 53") << 2;
        QTest::newRow("FF 53 4D") << 3;
    }
    void magicPrefixTimesOutInFrames()
    {
        QFETCH(int, split);
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.handshakeTimeoutMs = 500;
        QVERIFY(startCore(o));
        TestPeer *honest = linesPeer(u"first"_s);
        WAIT_FOR(honest->hasLine(u"first"_s));

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *prefix = rawFramesPeer();
        prefix->sendRaw(magicBytes().left(split));
        const QString reason = u"no frames handshake within 0.5 s (%1 of the 4 magic bytes received)"_s.arg(split);
        WAIT_FOR(prefix->hasNotice(Message::NoticeKind::Disconnect, reason));
        WAIT_FOR(prefix->isClosed());
        QVERIFY(prefix->raw().startsWith(magicBytes()));
        QCOMPARE(prefix->codecError(), QString());
        QCOMPARE(prefix->messages().size(), 2);
        QCOMPARE(prefix->messages().at(0).type, Message::Type::Hello);
        QCOMPARE(prefix->messages().at(0).name, u"socket-server"_s);
        QCOMPARE(prefix->messages().at(1).noticeKind, Message::NoticeKind::Disconnect);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(1).toString(), reason);
        QVERIFY(logText().contains(u"#2 left: "_s + reason));

        VERIFY_ECHOES(honest);
        QCOMPARE(m_core->clientIds(), QList<quint32>{ 1 });
        WAIT_COMPARE(liveSessions(), 1);
    }

    // Row 2, the end of stream: a connection that sends a proper prefix of
    // the magic and then ends its stream (a half-close) sent nothing that
    // could be lines either. It must not be welcomed in lines, and its
    // bytes must not be logged or relayed as a text.
    void magicPrefixThenEndOfStreamIsNotLines()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        TestPeer *a = linesPeer(u"a"_s);
        WAIT_COMPARE(m_core->clientCount(), 1);
        TestPeer *b = linesPeer(u"b"_s);
        WAIT_FOR(a->hasLine(u"#2: b"_s));

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *prefix = rawFramesPeer();
        prefix->sendRaw(magicBytes().left(2));
        WAIT_FOR(prefix->isConnected() && prefix->socket()->bytesToWrite() == 0);
        QVERIFY(prefix->shutdownWrite());
        WAIT_COMPARE(left.size(), 1);
        WAIT_FOR(prefix->isClosed());
        qInfo("a prefix, then end of stream: \"%s\"; sent: %s", qPrintable(left.at(0).at(1).toString()),
              prefix->raw().toHex(' ').constData());

        VERIFY_RELAYS(b, 2, a); // after anything #3 could have made them relay
        QStringList problems;
        if (prefix->raw().contains("* welcome"))
            problems << u"it was welcomed in lines: \"%1\""_s.arg(QString::fromUtf8(prefix->raw()).trimmed());
        const QString log = logText();
        if (log.contains(u"#3 connected from 127.0.0.1:%1 (lines)"_s.arg(prefix->localPort())))
            problems << u"the log says it connected as a line client"_s;
        const QString who = u"#3 (127.0.0.1:"_s + QString::number(prefix->localPort()) + u"): "_s;
        for (const QString &line : m_core->log()->lines()) {
            if (line.contains(who))
                problems << u"its bytes were logged as a text: \"%1\""_s.arg(line);
        }
        for (const QString &line : a->lines()) {
            if (line.startsWith(u"#3"_s))
                problems << u"its bytes were relayed as a text: \"%1\""_s.arg(line);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
        VERIFY_RELAYS(a, 1, b);
    }

    // Row 2, a close while the prefix waits for its grace (a kick; stop()
    // takes the same path): it meant frames, so it hears why in frames, as
    // a silent connection kicked during its grace hears why in lines once
    // the grace has decided.
    void magicPrefixKickedDuringTheGraceHearsWhy()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.framingGraceMs = 2000; // long enough to kick within it, short of the 5 s close timeout
        QVERIFY(startCore(o));
        TestPeer *prefix = rawFramesPeer();
        prefix->sendRaw(magicBytes().left(2));
        WAIT_FOR(m_core->clientCount() == 1 && info(1).bytesIn == 2);
        TestPeer *silent = peer();
        WAIT_COMPARE(m_core->clientCount(), 2);
        TestPeer *honest = linesPeer(u"first"_s);
        WAIT_FOR(honest->hasLine(u"first"_s));
        QCOMPARE(info(1).framing, QString());
        QCOMPARE(info(2).framing, QString());

        m_core->disconnectClients({ 1, 2 });
        WAIT_FOR(silent->isClosed());
        QCOMPARE(silent->lines(), QStringList{ u"* disconnect #2: kicked by the server"_s });
        WAIT_FOR(prefix->isClosed());
        QVERIFY2(prefix->hasNotice(Message::NoticeKind::Disconnect, u"kicked by the server"_s),
                 qPrintable(u"received: \""_s + QString::fromLatin1(prefix->raw().toHex(' ')) + u"\""_s));
        QVERIFY(prefix->raw().startsWith(magicBytes()));
        VERIFY_ECHOES(honest);
    }

    // Row 3: a message begun must be completed within the message timeout.
    // What came whole before it in the same read is kept.
    void messageNotCompleted_data()
    {
        QTest::addColumn<bool>("frames");
        QTest::newRow("lines: a line without its LF") << false;
        QTest::newRow("frames: a partial frame") << true;
    }
    void messageNotCompleted()
    {
        QFETCH(bool, frames);
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.messageTimeoutMs = 500;
        QVERIFY(startCore(o));
        TestPeer *honest = linesPeer(u"first"_s);
        WAIT_FOR(honest->hasLine(u"first"_s));
        TestPeer *carol = peer(Framing::Frames, u"carol"_s);
        WAIT_FOR(carol->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *partial = nullptr;
        QString reason;
        if (frames) {
            partial = peer(Framing::Frames, u"pat"_s);
            WAIT_FOR(partial->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 3"_s));
            // A whole text, then a text frame's header (100 bytes) and 10 of them.
            partial->sendRaw(textFrame(u"whole"_s) + frame(Message::Type::Text, QByteArray(100, 'p')).left(15));
            reason = u"message not completed within 0.5 s (15 bytes of it received)"_s;
            WAIT_FOR(partial->hasText(u"whole"_s, 0));
            WAIT_FOR(partial->hasNotice(Message::NoticeKind::Disconnect, reason));
            QVERIFY(logText().contains(u"#3 pat left: "_s + reason));
        } else {
            partial = peer();
            partial->sendRaw("whole\npartial");
            reason = u"message not completed within 0.5 s (7 bytes of it received)"_s;
            WAIT_FOR(partial->hasLine(u"whole"_s));
            WAIT_FOR(partial->hasLine(u"* disconnect #3: "_s + reason));
            QVERIFY(logText().contains(u"#3 left: "_s + reason));
        }
        WAIT_FOR(partial->isClosed());
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(1).toString(), reason);

        VERIFY_ECHOES(honest);
        VERIFY_FRAMES_ECHOES(carol);
        QCOMPARE(m_core->clientIds(), (QList<quint32>{ 1, 2 }));
        WAIT_COMPARE(m_core->stats().buffered, 0);
    }

    // Row 3: a slowloris drips a message a byte at a time, each byte well
    // within any idle timeout; the message timeout closes it.
    void slowlorisIsClosed_data()
    {
        QTest::addColumn<bool>("frames");
        QTest::newRow("lines") << false;
        QTest::newRow("frames") << true;
    }
    void slowlorisIsClosed()
    {
        QFETCH(bool, frames);
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.messageTimeoutMs = 500;
        QVERIFY(startCore(o));
        TestPeer *honest = linesPeer(u"first"_s);
        WAIT_FOR(honest->hasLine(u"first"_s));

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *loris = nullptr;
        QByteArray message;
        if (frames) {
            loris = peer(Framing::Frames, u"loris"_s);
            WAIT_FOR(loris->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
            message = textFrame(QString(1000, u'd'));
        } else {
            loris = peer();
            message = QByteArray(1000, 'd') + '\n';
        }
        qsizetype dripped = 0; // declared before the timer that uses it
        QTimer drip;
        drip.setInterval(20);
        connect(&drip, &QTimer::timeout, &drip, [loris, &message, &dripped] {
            if (loris->isConnected() && dripped < message.size())
                loris->sendRaw(message.mid(dripped++, 1));
        });
        drip.start();
        WAIT_COMPARE(left.size(), 1);
        drip.stop();
        const QString reason = left.at(0).at(1).toString();
        const QRegularExpression expected(u"^message not completed within 0.5 s \\((\\d+) bytes of it received\\)$"_s);
        const QRegularExpressionMatch match = expected.match(reason);
        QVERIFY2(match.hasMatch(), qPrintable(reason));
        QVERIFY(match.captured(1).toInt() >= 1);
        QVERIFY(dripped < message.size());
        if (frames)
            WAIT_FOR(loris->hasNotice(Message::NoticeKind::Disconnect, reason));
        else
            WAIT_FOR(loris->hasLine(u"* disconnect #2: "_s + reason));
        WAIT_FOR(loris->isClosed());
        qInfo("dripped %lld bytes; %s", qlonglong(dripped), qPrintable(reason));

        VERIFY_ECHOES(honest);
        QCOMPARE(m_core->clientIds(), QList<quint32>{ 1 });
    }

    // Row 3: a client paused by flow control (relay mode, a congested
    // reader) holds a partial message longer than the message timeout and
    // is not blamed; a witness that began its partial message later, and
    // is not paused, is closed meanwhile.
    void congestedClientIsNotBlamed()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        o.messageTimeoutMs = 2000;
        o.highWaterMark = 64 * 1024;
        o.lowWaterMark = 16 * 1024;
        o.maxOutboundQueue = 256 * 1024 * 1024;
        o.slowConsumerTimeoutMs = 600000;
        QVERIFY(startCore(o));
        TestPeer *reader = linesPeer(u"r"_s);
        WAIT_COMPARE(m_core->clientCount(), 1);
        TestPeer *other = linesPeer(u"o"_s);
        WAIT_FOR(reader->hasLine(u"#2: o"_s));
        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);

        TestPeer *paused = peer();
        paused->sendRaw("abc");
        WAIT_FOR(m_core->clientCount() == 3 && info(3).bytesIn == 3);
        TestPeer *witness = peer();
        witness->sendRaw("xyz");
        WAIT_FOR(m_core->clientCount() == 4 && info(4).bytesIn == 3);

        // The reader stops reading; server texts to it fill its queue.
        QVERIFY(setPathBuffers(reader, m_core->serverPort(), 16 * 1024));
        reader->pauseReading();
        for (int i = 0; i < 4; ++i)
            QVERIFY(m_core->sendTo({ 1 }, QString(256 * 1024, u'z')));
        WAIT_FOR(session(1) && session(1)->isCongested());
        // The rest of the paused client's line is not read: it feeds the
        // congested reader.
        paused->sendRaw("def\n");
        WAIT_FOR(m_core->stats().pausedReaders >= 1);

        const QString reason = u"message not completed within 2 s (3 bytes of it received)"_s;
        WAIT_FOR(witness->hasLine(u"* disconnect #4: "_s + reason));
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(0).toUInt(), 4u);
        QVERIFY(paused->isConnected());
        QCOMPARE(m_core->clientIds(), (QList<quint32>{ 1, 2, 3 }));

        // The reader reads again: the paused line completes and is relayed.
        reader->resumeReading();
        WAIT_FOR(reader->hasLine(u"#3: abcdef"_s));
        WAIT_FOR(other->hasLine(u"#3: abcdef"_s));
        QCOMPARE(left.size(), 1);
        VERIFY_RELAYS(other, 2, reader);
    }

    // Row 4: a silent connection is a line client after the grace, and
    // legitimate: with the defaults no idle timeout closes it, even once a
    // silent frames client (connected later) has been closed for its
    // silence.
    void silentLineClientIsNotClosed()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.framesIdleTimeoutMs = 600;
        o.pingIntervalMs = 0;
        QCOMPARE(o.lineIdleTimeoutMs, 0); // the default
        QVERIFY(startCore(o));
        TestPeer *silent = peer();
        WAIT_FOR(silent->hasLine(u"* welcome #1: Welcome client 1"_s));
        QCOMPARE(info(1).framing, u"lines"_s);

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *frames = peer(Framing::Frames, u"quiet"_s);
        WAIT_FOR(frames->hasNotice(Message::NoticeKind::Disconnect, u"nothing received for 0.6 s"_s));
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(0).toUInt(), 2u);
        QVERIFY(logText().contains(u"#2 quiet left: nothing received for 0.6 s"_s));

        QVERIFY(silent->isConnected());
        QCOMPARE(m_core->clientIds(), QList<quint32>{ 1 });
        VERIFY_ECHOES(silent);
    }

    // Row 4: with a line idle timeout, a silent line client is closed; one
    // that keeps talking stays.
    void lineIdleTimeoutClosesSilentLineClients()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.lineIdleTimeoutMs = 1500;
        QVERIFY(startCore(o));
        TestPeer *chatty = linesPeer(u"first"_s);
        WAIT_FOR(chatty->hasLine(u"first"_s));
        int ticks = 0; // declared before the timer that uses it
        QTimer ticker;
        ticker.setInterval(100);
        connect(&ticker, &QTimer::timeout, &ticker, [chatty, &ticks] {
            if (chatty->isConnected())
                chatty->sendLine(u"tick %1"_s.arg(++ticks));
        });
        ticker.start();

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *silent = peer();
        WAIT_FOR(silent->hasLine(u"* disconnect #2: nothing received for 1.5 s"_s));
        WAIT_FOR(silent->isClosed());
        ticker.stop();
        QCOMPARE(silent->lines().constFirst(), u"* welcome #2: Welcome client 2"_s);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(0).toUInt(), 2u);
        QVERIFY(logText().contains(u"#2 left: nothing received for 1.5 s"_s));

        QVERIFY(chatty->isConnected());
        WAIT_FOR(chatty->hasLine(u"tick %1"_s.arg(ticks)));
        VERIFY_ECHOES(chatty);
        QCOMPARE(m_core->clientIds(), QList<quint32>{ 1 });
    }

    // Row 5: the server pings a silent frames client (a ping frame, type
    // 0x04); one that never answers is closed at the frames idle timeout,
    // one that answers (pongs) stays.
    void serverPingsSilentFramesClients()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.pingIntervalMs = 300;
        o.framesIdleTimeoutMs = 1500;
        QVERIFY(startCore(o));
        TestPeer *honest = peer(); // a silent line client is never pinged nor closed
        WAIT_FOR(honest->hasLine(u"* welcome #1: Welcome client 1"_s));

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *mute = peer(Framing::Frames, u"mute"_s);
        WAIT_FOR(mute->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
        TestPeer *polite = peer(Framing::Frames, u"polite"_s);
        // Answers every ping with a pong of the same payload.
        auto answered = std::make_shared<qsizetype>(0);
        auto scanned = std::make_shared<qsizetype>(0);
        connect(polite->socket(), &QTcpSocket::readyRead, polite->socket(), [polite, answered, scanned] {
            const QList<Message> &messages = polite->messages();
            for (; *scanned < messages.size(); ++*scanned) {
                const Message &m = messages.at(*scanned);
                if (m.type == Message::Type::Ping) {
                    polite->sendRaw(encoded(Message::makePong(m.data)));
                    ++*answered;
                }
            }
        });
        WAIT_FOR(polite->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 3"_s));

        WAIT_FOR(mute->hasNotice(Message::NoticeKind::Disconnect, u"nothing received for 1.5 s"_s));
        WAIT_FOR(mute->isClosed());
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(0).toUInt(), 2u);
        QVERIFY(logText().contains(u"#2 mute left: nothing received for 1.5 s"_s));
        // It was pinged first: ping frames (type 0x04) with payloads 1, 2, ...
        QList<QByteArray> pings;
        for (const Message &m : mute->messages()) {
            if (m.type == Message::Type::Ping)
                pings.append(m.data);
        }
        QVERIFY2(!pings.isEmpty(), "the silent frames client was never pinged");
        QCOMPARE(pings.constFirst(), QByteArray("1"));
        const QByteArray firstPing = frame(Message::Type::Ping, "1");
        QCOMPARE(quint8(firstPing.at(4)), quint8(0x04));
        QVERIFY(mute->raw().contains(firstPing));

        // The one that answers was pinged too, and stays.
        WAIT_FOR(*answered >= 2);
        QVERIFY(polite->isConnected());
        VERIFY_FRAMES_ECHOES(polite);
        QVERIFY(honest->isConnected());
        VERIFY_ECHOES(honest);
        QCOMPARE(m_core->clientIds(), (QList<quint32>{ 1, 3 }));
        // No line client was sent anything for a ping.
        for (const QString &line : honest->lines())
            QVERIFY2(!line.contains(u"ping"_s), qPrintable(line));
    }

    // Row 6: TCP keepalive on every accepted socket, whatever its framing
    // (or while it is still undecided). The server's side is a descriptor
    // of this process, found by its ports.
    void keepAliveOnEveryAcceptedSocket()
    {
        ServerOptions o;
        o.framingGraceMs = 60000; // the silent one stays undecided
        QVERIFY(startCore(o));
        TestPeer *lines = linesPeer(u"l"_s);
        TestPeer *frames = peer(Framing::Frames, u"f"_s);
        TestPeer *undecided = peer();
        WAIT_COMPARE(m_core->clientCount(), 3);
        // Welcomed, whichever was accepted first.
        WAIT_FOR(lines->hasNoticeLine("welcome", u"Welcome client %1"_s.arg(info(1).framing == u"lines"_s ? 1 : 2)));
        WAIT_COMPARE(frames->messages().size(), 2);
        QCOMPARE(frames->messages().at(1).noticeKind, Message::NoticeKind::Welcome);
        QVERIFY(undecided->raw().isEmpty());

        QCOMPARE(Protocol::kKeepAliveIdleSeconds, 60);
        QCOMPARE(Protocol::kKeepAliveIntervalSeconds, 10);
        QCOMPARE(Protocol::kKeepAliveProbes, 6);
        for (TestPeer *p : { lines, frames, undecided }) {
            int fd = -1;
            WAIT_FOR((fd = serverSideDescriptor(m_core->serverPort(), p->localPort())) >= 0);
            QCOMPARE(intOption(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
            QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_KEEPIDLE), 60);
            QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_KEEPINTVL), 10);
            QCOMPARE(intOption(fd, IPPROTO_TCP, TCP_KEEPCNT), 6);
            // The test's own side has none: the values are the server's doing.
            QCOMPARE(intOption(int(p->socket()->socketDescriptor()), SOL_SOCKET, SO_KEEPALIVE), 0);
        }
    }

    // Row 7: the first frame after the magic must be a hello, there is one
    // hello, and a client sends no notices. What came before the offence in
    // the same read is kept and relayed; nothing after it is.
    void framesRules_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("kept");
        QTest::newRow("a text first") << magicBytes() + textFrame(u"sneaky"_s) + helloFrame(u"mal"_s)
                                      << u"the first frame must be a hello, not a text frame"_s << u"#3"_s
                                      << QString();
        QTest::newRow("a ping first") << magicBytes() + encoded(Message::makePing("p"))
                                      << u"the first frame must be a hello, not a ping frame"_s << u"#3"_s
                                      << QString();
        QTest::newRow("a second hello")
            << magicBytes() + helloFrame(u"mal"_s) + textFrame(u"kept"_s) + helloFrame(u"mallory"_s)
                   + textFrame(u"sneaky"_s)
            << u"a second hello (a name cannot change during a connection)"_s << u"#3 mal"_s << u"kept"_s;
        QTest::newRow("a notice")
            << magicBytes() + helloFrame(u"mal"_s) + textFrame(u"kept"_s)
                   + encoded(Message::makeNotice(Message::NoticeKind::Disconnect, u"server stopped"_s, 1))
                   + textFrame(u"sneaky"_s)
            << u"a client may not send notices"_s << u"#3 mal"_s << u"kept"_s;
        QTest::newRow("a notice first")
            << magicBytes() + encoded(Message::makeNotice(Message::NoticeKind::Welcome, u"sneaky"_s, 1))
            << u"a client may not send notices"_s << u"#3"_s << QString();
    }
    void framesRules()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QFETCH(QString, label);
        QFETCH(QString, kept);
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        TestPeer *lines = linesPeer(u"l"_s);
        WAIT_COMPARE(m_core->clientCount(), 1);
        TestPeer *frames = peer(Framing::Frames, u"fay"_s);
        WAIT_COMPARE(info(2).name, u"fay"_s);

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *bad = rawFramesPeer();
        bad->sendRaw(bytes); // one write: one read
        WAIT_FOR(bad->hasNotice(Message::NoticeKind::Disconnect, reason));
        WAIT_FOR(bad->isClosed());
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(1).toString(), reason);
        QVERIFY2(logText().contains(label + u" left: "_s + reason), qPrintable(logText()));
        if (!kept.isEmpty()) {
            WAIT_FOR(lines->hasLine(label + u": "_s + kept));
            WAIT_FOR(frames->hasText(kept, 3));
            QCOMPARE(info(3).id, 0u); // gone
        }
        // Anything the offender could have had relayed is in before this.
        const QString probe = u"after %1"_s.arg(++m_probe);
        lines->sendLine(probe);
        WAIT_FOR(frames->hasText(probe, 1));
        for (const QString &line : lines->lines())
            QVERIFY2(!line.contains(u"sneaky"_s) && !line.contains(u"mallory"_s), qPrintable(line));
        for (const Message &m : frames->messages())
            QVERIFY2(!m.textString().contains(u"sneaky"_s) && m.name != u"mallory"_s, qPrintable(m.textString()));
        QVERIFY(!logText().contains(u"sneaky"_s));
        QVERIFY(!logText().contains(u"mallory"_s));
        frames->sendText(u"from fay"_s);
        WAIT_FOR(lines->hasLine(u"#2 fay: from fay"_s));
        QCOMPARE(m_core->clientIds(), (QList<quint32>{ 1, 2 }));
    }

    // Row 8: replies keep the order of what they answer. Within one read,
    // in echo mode, texts and pings are answered in the order they came.
    void repliesKeepOrder_data()
    {
        QTest::addColumn<QList<Message>>("sent");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("text, ping, text")
            << QList<Message>{ Message::makeText(u"a"_s), Message::makePing("p"), Message::makeText(u"b"_s) }
            << QStringList{ u"text:a"_s, u"pong:p"_s, u"text:b"_s };
        QTest::newRow("ping, text, ping, ping, text, text")
            << QList<Message>{ Message::makePing("1"), Message::makeText(u"a"_s), Message::makePing("2"),
                               Message::makePing("3"), Message::makeText(u"b"_s), Message::makeText(u"c"_s) }
            << QStringList{ u"pong:1"_s, u"text:a"_s, u"pong:2"_s, u"pong:3"_s, u"text:b"_s, u"text:c"_s };
    }
    void repliesKeepOrder()
    {
        QFETCH(QList<Message>, sent);
        QFETCH(QStringList, expected);
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        QVERIFY(startCore(o));
        TestPeer *honest = linesPeer(u"first"_s);
        WAIT_FOR(honest->hasLine(u"first"_s));
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        WAIT_FOR(c->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
        const qsizetype before = c->messages().size();
        QByteArray bytes;
        for (const Message &m : sent)
            bytes += encoded(m);
        c->sendRaw(bytes); // one write: one read
        WAIT_COMPARE(c->messages().size(), before + expected.size());
        QStringList got;
        for (qsizetype i = before; i < c->messages().size(); ++i)
            got.append(describe(c->messages().at(i)));
        QCOMPARE(got, expected);
        VERIFY_ECHOES(honest);
    }

    // Row 9: no peer can split a log line or forge one: control characters,
    // line and paragraph separators and bidi controls in texts (lines and
    // frames) and names are shown visibly in ServerCore::log().
    void logCannotBeForged()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        TestPeer *lines = linesPeer(u"l"_s);
        WAIT_COMPARE(m_core->clientCount(), 1);
        TestPeer *frames = peer(Framing::Frames, u"fred"_s);
        WAIT_COMPARE(info(2).name, u"fred"_s);
        TestPeer *named = peer(Framing::Frames, u"\u001b[31mred\u202E\u2066evil\r\n12:00:00.000 #1"_s);
        WAIT_COMPARE(m_core->clientCount(), 3);
        WAIT_FOR(named->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 3"_s));
        const QString cleanName = u"[31mred evil 12 00 00.000 #1"_s;
        WAIT_COMPARE(info(3).name, cleanName);

        const QString forged = u"12:00:00.000 #1 alice (127.0.0.1:1): forged"_s;
        // A line client: a CR inside its line (an LF would end the line).
        lines->sendRaw("x\r" + forged.toUtf8() + '\n');
        QString zooShownLines;
        const QString zooLines = controlZoo(false, &zooShownLines);
        lines->sendRaw(zooLines.toUtf8() + '\n');
        // A frames client: an LF inside one text.
        frames->sendText(u"x\n"_s + forged);
        QString zooShownFrames;
        frames->sendText(controlZoo(true, &zooShownFrames));
        named->sendText(u"hi"_s);
        WAIT_FOR(lines->hasLine(u"#3 "_s + cleanName + u": hi"_s));

        const QString linesWho = u"#1 (127.0.0.1:%1): "_s.arg(lines->localPort());
        const QString framesWho = u"#2 fred (127.0.0.1:%1): "_s.arg(frames->localPort());
        const QStringList log = m_core->log()->lines();
        const QString text = log.join(u'\n');
        QVERIFY2(text.contains(linesWho + u"x\u240D"_s + forged), qPrintable(text));
        QVERIFY2(text.contains(linesWho + zooShownLines), qPrintable(text));
        QVERIFY2(text.contains(framesWho + u"x\u240A"_s + forged), qPrintable(text));
        QVERIFY2(text.contains(framesWho + zooShownFrames), qPrintable(text));
        QVERIFY2(text.contains(u"#3 is "_s + cleanName), qPrintable(text));
        QVERIFY2(text.contains(u"#3 "_s + cleanName + u" (127.0.0.1:%1): hi"_s.arg(named->localPort())),
                 qPrintable(text));
        const QString raw = firstUnescaped(log);
        QVERIFY2(raw.isEmpty(), raw.toUtf8().toHex(' ').constData());
        // Every entry starts with the server's own time stamp, and the forged
        // one is only ever text after a sender's label.
        const QRegularExpression stamp(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d "_s);
        for (const QString &entry : log) {
            QVERIFY2(stamp.match(entry).hasMatch(), qPrintable(entry));
            QVERIFY2(!entry.mid(13).startsWith(u"12:00:00.000"_s), qPrintable(entry));
        }
        // Relayed to a line client: each line of the frames text carries the
        // relay prefix, and the controls are shown as in the log.
        WAIT_FOR(lines->hasLine(u"#2 fred: "_s + zooShownFrames.section(u'\u240A', 0, 0)));
        QVERIFY(lines->hasLine(u"#2 fred: x"_s));
        QVERIFY(lines->hasLine(u"#2 fred: "_s + forged));
        QVERIFY(lines->hasLine(u"#2 fred: end"_s));
        const QRegularExpression relayOrNotice(u"^(#[1-9][0-9]* [^:]*: |#[1-9][0-9]*: |\\* [a-z]+ #[1-9][0-9]*: )"_s);
        for (const QString &line : lines->lines())
            QVERIFY2(relayOrNotice.match(line).hasMatch(), qPrintable(line));
        QVERIFY2(firstUnescaped(lines->lines()).isEmpty(), qPrintable(firstUnescaped(lines->lines())));
        const QString probe = u"after %1"_s.arg(++m_probe);
        lines->sendLine(probe);
        WAIT_FOR(frames->hasText(probe, 1));
    }

    // Row 9: the same in the logs of the real socket-server: a --log file,
    // and stdout (--headless --log -). Row 6 for the real binary: its side
    // of a connection has the keepalive timer armed (/proc/net/tcp, timer
    // 2) within 60 s, not the kernel's default 2 hours.
    void logsOfTheRealServer_data()
    {
        QTest::addColumn<bool>("toStdout");
        QTest::newRow("--log FILE") << false;
        QTest::newRow("--log -") << true;
    }
    void logsOfTheRealServer()
    {
        QFETCH(bool, toStdout);
        QVERIFY2(QFileInfo::exists(serverBinary()), "socket-server is not built (tst_hostile depends on it)");
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString logFile = home.filePath(u"server.log"_s);
        QByteArray out; // declared before proc, which may still emit while it is destroyed
        QProcess proc;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, home.path()); // not the user's settings
        env.insert(u"HOME"_s, home.path());
        proc.setProcessEnvironment(env);
        proc.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        connect(&proc, &QProcess::readyReadStandardOutput, &proc, [&] { out += proc.readAllStandardOutput(); });
        proc.start(serverBinary(), { u"--port"_s, u"0"_s, u"--bind"_s, u"localhost"_s, u"--headless"_s,
                                     u"--client-messages"_s, u"relay"_s, u"--log"_s,
                                     toStdout ? u"-"_s : logFile });
        const QRegularExpression listening(u"^listening on 127\\.0\\.0\\.1:(\\d+)$"_s,
                                           QRegularExpression::MultilineOption);
        WAIT_FOR(listening.match(QString::fromUtf8(out)).hasMatch());
        const quint16 port = listening.match(QString::fromUtf8(out)).captured(1).toUShort();
        QVERIFY(port != 0);

        TestPeer lines;
        lines.connectTo(port);
        lines.sendLine(u"l"_s);
        WAIT_FOR(lines.hasLine(u"* welcome #1: Welcome client 1"_s));
        TestPeer frames(Framing::Frames, u"fr\u202Eed\u001b[2K"_s);
        frames.connectTo(port);
        WAIT_FOR(frames.hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));

        const QString forged = u"12:00:00.000 #1 alice (127.0.0.1:1): forged"_s;
        lines.sendRaw("x\r" + forged.toUtf8() + '\n');
        QString zooShownLines;
        lines.sendRaw(controlZoo(false, &zooShownLines).toUtf8() + '\n');
        frames.sendText(u"x\n"_s + forged);
        QString zooShownFrames;
        frames.sendText(controlZoo(true, &zooShownFrames));
        frames.sendText(u"last"_s);
        WAIT_FOR(lines.hasLine(u"#2 fr ed [2K: last"_s));

        // Keepalive on the server's side of the line client's connection.
        int timer = -1;
        qint64 when = -1;
        WAIT_FOR(procNetTcpTimer(port, lines.localPort(), &timer, &when) && timer == 2);
        const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
        QVERIFY2(when <= 60 * ticksPerSecond, qPrintable(u"keepalive due in %1 ticks"_s.arg(when)));

        proc.terminate();
        WAIT_FOR(lines.hasNoticeLine("disconnect", u"server stopped listening"_s));
        WAIT_COMPARE(proc.state(), QProcess::NotRunning);
        QCOMPARE(proc.exitStatus(), QProcess::NormalExit);
        QCOMPARE(proc.exitCode(), 0);

        QByteArray logBytes = out;
        if (!toStdout) {
            QFile f(logFile);
            QVERIFY(f.open(QIODevice::ReadOnly));
            logBytes = f.readAll();
        }
        QStringList log = QString::fromUtf8(logBytes).split(u'\n');
        QCOMPARE(log.takeLast(), QString()); // ends with a line end
        if (toStdout) {
            QCOMPARE(log.count(u"listening on 127.0.0.1:%1"_s.arg(port)), 1);
            log.removeAll(u"listening on 127.0.0.1:%1"_s.arg(port));
        }
        const QString text = log.join(u'\n');
        const QString linesWho = u"#1 (127.0.0.1:%1): "_s.arg(lines.localPort());
        const QString framesWho = u"#2 fr ed [2K (127.0.0.1:%1): "_s.arg(frames.localPort());
        QVERIFY2(text.contains(linesWho + u"x\u240D"_s + forged), qPrintable(text));
        QVERIFY2(text.contains(linesWho + zooShownLines), qPrintable(text));
        QVERIFY2(text.contains(framesWho + u"x\u240A"_s + forged), qPrintable(text));
        QVERIFY2(text.contains(framesWho + zooShownFrames), qPrintable(text));
        QVERIFY2(text.contains(u"#2 is fr ed [2K"_s), qPrintable(text));
        const QString raw = firstUnescaped(log);
        QVERIFY2(raw.isEmpty(), raw.toUtf8().toHex(' ').constData());
        const QRegularExpression stamp(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d "_s);
        for (const QString &entry : std::as_const(log)) {
            QVERIFY2(stamp.match(entry).hasMatch(), qPrintable(entry));
            QVERIFY2(!entry.mid(13).startsWith(u"12:00:00.000"_s), qPrintable(entry));
        }
    }

    // Row 10: a text that would move a terminal's cursor and redraw a line
    // reaches a line client (a real nc) as one line with its controls shown,
    // from a real socat sender; with rawLines, byte for byte. Frames
    // clients get it byte for byte either way.
    void terminalInjectionThroughRealClients_data()
    {
        QTest::addColumn<bool>("rawLines");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("escaped (default)") << false << QByteArray("#3: x\xE2\x90\x8D\xE2\x90\x9B[2K#1 alice: forged\n");
        QTest::newRow("--raw-lines") << true << QByteArray("#3: x\r\x1B[2K#1 alice: forged\n");
    }
    void terminalInjectionThroughRealClients()
    {
        QFETCH(bool, rawLines);
        QFETCH(QByteArray, expected);
        const QString nc = program(u"nc"_s);
        const QString socat = program(u"socat"_s);
        QVERIFY(!nc.isEmpty() && !socat.isEmpty());
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        o.presenceLimit = 0; // the terminal is compared byte for byte
        o.rawLines = rawLines;
        QVERIFY(startCore(o));
        const QString port = QString::number(m_core->serverPort());

        QByteArray terminal; // declared before receiver, which may still emit while it is destroyed
        QProcess receiver;
        receiver.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        connect(&receiver, &QProcess::readyReadStandardOutput, &receiver,
                [&] { terminal += receiver.readAllStandardOutput(); });
        receiver.start(nc, { u"127.0.0.1"_s, port }); // silent: lines after the grace
        WAIT_FOR(terminal.contains("* welcome #1: Welcome client 1\n"));
        TestPeer *frames = peer(Framing::Frames, u"fran"_s);
        WAIT_FOR(frames->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        QProcess sender;
        sender.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        sender.start(socat, { u"-t"_s, u"30"_s, u"-"_s, u"TCP:127.0.0.1:%1"_s.arg(port) });
        const QByteArray injection = "x\r\x1B[2K#1 alice: forged";
        sender.write(injection + '\n');
        sender.closeWriteChannel();
        WAIT_COMPARE(sender.state(), QProcess::NotRunning);
        QCOMPARE(sender.exitCode(), 0);
        WAIT_FOR(terminal.contains("#3: x"));
        WAIT_FOR(terminal.endsWith('\n'));
        QCOMPARE(terminal, "* welcome #1: Welcome client 1\n" + expected);
        WAIT_FOR(frames->hasText(QString::fromUtf8(injection), 3));
        WAIT_COMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(1).toString(), u"connection closed by the client"_s);

        // The terminal still chats.
        frames->sendText(u"still here"_s);
        WAIT_FOR(terminal.endsWith("#2 fran: still here\n"));
        receiver.write("from nc\n");
        WAIT_FOR(frames->hasText(u"from nc"_s, 1));
        receiver.kill();
        WAIT_COMPARE(receiver.state(), QProcess::NotRunning);
    }

    // Row 10: server texts (sender 0) whose line starts with "#", "*" or
    // "\" are quoted with a "\" for line clients, so that relays ("#N name:
    // "), notices ("* kind #id: text") and server texts are told apart;
    // control characters are shown. Not with rawLines. Frames clients get
    // texts byte for byte.
    void serverTextsAreQuotedForLineClients_data()
    {
        QTest::addColumn<bool>("rawLines");
        QTest::newRow("escaped (default)") << false;
        QTest::newRow("--raw-lines") << true;
    }
    void serverTextsAreQuotedForLineClients()
    {
        QFETCH(bool, rawLines);
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.rawLines = rawLines;
        QVERIFY(startCore(o));
        TestPeer *lines = peer();
        WAIT_FOR(lines->hasLine(u"* welcome #1: Welcome client 1"_s));
        TestPeer *frames = peer(Framing::Frames, u"f"_s);
        WAIT_FOR(frames->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));

        const QString bell = u"bell"_s + QChar(0x07) + u"!"_s;
        const QStringList texts = { u"#1 alice: fake relay"_s, u"* disconnect #1: fake notice"_s,
                                    u"\\ a backslash"_s, u"plain"_s, u"two\n#3 x: y"_s, u"in # the * middle"_s,
                                    bell };
        for (const QString &t : texts)
            QVERIFY(m_core->sendToAll(t));
        const QStringList expected = rawLines
            ? QStringList{ u"#1 alice: fake relay"_s, u"* disconnect #1: fake notice"_s, u"\\ a backslash"_s,
                           u"plain"_s, u"two"_s, u"#3 x: y"_s, u"in # the * middle"_s, bell }
            : QStringList{ u"\\#1 alice: fake relay"_s, u"\\* disconnect #1: fake notice"_s,
                           u"\\\\ a backslash"_s, u"plain"_s, u"two"_s, u"\\#3 x: y"_s, u"in # the * middle"_s,
                           u"bell\u2407!"_s };
        WAIT_COMPARE(lines->lines().size(), 1 + expected.size());
        QCOMPARE(lines->lines().mid(1), expected);
        for (const QString &t : texts)
            WAIT_FOR(frames->hasText(t, 0));

        // An echo is a server text too.
        lines->sendLine(u"#2 f: not really"_s);
        WAIT_FOR(lines->hasLine(rawLines ? u"#2 f: not really"_s : u"\\#2 f: not really"_s));
        frames->sendText(u"* welcome #9: not really"_s);
        WAIT_FOR(frames->hasText(u"* welcome #9: not really"_s, 0));

        // The notice lines themselves.
        m_core->disconnectClients({ 1 });
        WAIT_FOR(lines->isClosed());
        QCOMPARE(lines->lines().constLast(), u"* disconnect #1: kicked by the server"_s);
        VERIFY_FRAMES_ECHOES(frames);
    }

    // Row 11: "%1".."%4" in a client's name and texts never rewrite a log
    // line: its hello, its texts, a relay refused as over-size, its leaving.
    void percentPlaceholdersStayVerbatim()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        o.maxMessageSize = 64;
        QVERIFY(startCore(o));
        TestPeer *lines = linesPeer(u"%1%2%3%4 from a line"_s);
        lines->setMaxMessageSize(64);
        WAIT_COMPARE(m_core->clientCount(), 1);
        const QString name = u"%1%2 %3%4"_s;
        TestPeer *frames = peer(Framing::Frames, name);
        WAIT_COMPARE(info(2).name, name);
        frames->sendText(u"%1 and %2, %3%4"_s);
        WAIT_FOR(lines->hasLine(u"#2 %1%2 %3%4: %1 and %2, %3%4"_s));
        // "#2 %1%2 %3%4: " and 51 bytes: 65 on a line, over 64.
        const QString longText = u"%4"_s + QString(49, u'x');
        frames->sendText(longText);
        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        frames->socket()->disconnectFromHost();
        WAIT_COMPARE(left.size(), 1);
        QVERIFY(m_core->sendToAll(u"%1 %2 to all"_s));
        WAIT_FOR(lines->hasLine(u"%1 %2 to all"_s));

        const QString text = logText();
        // Built without arg(): the expected lines hold "%1" themselves.
        const QString framesWho = u"#2 %1%2 %3%4 (127.0.0.1:"_s + QString::number(frames->localPort()) + u"): "_s;
        QVERIFY2(text.contains(u"#1 (127.0.0.1:"_s + QString::number(lines->localPort()) + u"): %1%2%3%4 from a line"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"#2 is %1%2 %3%4"_s), qPrintable(text));
        QVERIFY2(text.contains(framesWho + u"%1 and %2, %3%4"_s), qPrintable(text));
        QVERIFY2(text.contains(framesWho + longText), qPrintable(text));
        QVERIFY2(text.contains(
                     u"#2 %1%2 %3%4's message (65 bytes) was not relayed to lines clients: over the 64-byte maximum"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"#2 %1%2 %3%4 left: connection closed by the client"_s), qPrintable(text));
        QVERIFY2(text.contains(u"To all (1): %1 %2 to all"_s), qPrintable(text));
        QVERIFY(!lines->hasLine(u"#2 %1%2 %3%4: "_s + longText));
        QCOMPARE(lines->codecError(), QString());
        QVERIFY(lines->isConnected());
    }

    // Row 12: a name's controls, format characters (bidi, zero-width),
    // separators, other whitespace and ":" become a space, runs collapse,
    // the ends are trimmed: through a real hello, in the relay prefix, to
    // frames clients and in the log. A name that is nothing else is no name.
    void namesAreSanitized()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Relay;
        QVERIFY(startCore(o));
        TestPeer *lines = linesPeer(u"l"_s);
        WAIT_COMPARE(m_core->clientCount(), 1);
        TestPeer *frames = peer(Framing::Frames, u"fay"_s);
        WAIT_COMPARE(info(2).name, u"fay"_s);

        const QString raw = u"\u202E\u200Fevil\u200Bname\u2066:x\u00A0y\u2028z\tw\u3000v\u0085u\u2069 "_s;
        const QString clean = u"evil name x y z w v u"_s;
        QCOMPARE(Protocol::sanitizeName(raw), clean);
        TestPeer *named = peer(Framing::Frames, raw);
        WAIT_COMPARE(info(3).name, clean);
        named->sendText(u"hi"_s);
        WAIT_FOR(lines->hasLine(u"#3 "_s + clean + u": hi"_s));
        WAIT_FOR(frames->hasText(u"hi"_s, 3));
        for (const Message &m : frames->messages()) {
            if (m.type == Message::Type::Text && m.senderId == 3)
                QCOMPARE(m.name, clean);
        }
        QVERIFY(logText().contains(u"#3 is "_s + clean));
        QVERIFY(logText().contains(u"#3 "_s + clean + u" (127.0.0.1:%1): hi"_s.arg(named->localPort())));

        // Nothing but invisible characters: no name at all.
        TestPeer *nameless = peer(Framing::Frames, u"\u200B\u202E\u2060 \t"_s);
        WAIT_FOR(nameless->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 4"_s));
        nameless->sendText(u"anon"_s);
        WAIT_FOR(lines->hasLine(u"#4: anon"_s));
        QCOMPARE(info(4).name, QString());
        QVERIFY(!logText().contains(u"#4 is"_s));

        // A name cannot change: a second hello closes, the name stays.
        named->sendRaw(helloFrame(u"other"_s));
        WAIT_FOR(named->hasNotice(Message::NoticeKind::Disconnect,
                                  u"a second hello (a name cannot change during a connection)"_s));
        QVERIFY(logText().contains(u"#3 "_s + clean + u" left: a second hello"_s));
        const QString probe = u"after %1"_s.arg(++m_probe);
        lines->sendLine(probe);
        WAIT_FOR(frames->hasText(probe, 1));
        frames->sendText(u"still"_s);
        WAIT_FOR(lines->hasLine(u"#2 fay: still"_s));
    }

    // Row 13: each broken frame closes only its own connection, with its
    // own reason; the other clients keep chatting. (An unknown type, an
    // over-size line and a lines client of a frames-only server are in
    // tst_servercore.)
    void brokenFrameClosesOnlyItsConnection_data()
    {
        QTest::addColumn<bool>("forcedFrames");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("label");
        const QByteArray hello = magicBytes() + helloFrame(u"bo"_s);
        QTest::newRow("header 0xFFFFFFFF") << false << hello + QByteArray("\xFF\xFF\xFF\xFF\x02", 5)
                                           << u"frame of 4294967295 bytes exceeds the maximum of 1048576 bytes"_s
                                           << u"#3 bo"_s;
        QTest::newRow("wrong version") << false << magicBytes() + frame(Message::Type::Hello, QByteArray("\0\2\0", 3))
                                       << u"unsupported protocol version 2 (this peer speaks 1)"_s << u"#3"_s;
        QTest::newRow("truncated hello (header)")
            << false << magicBytes() + frame(Message::Type::Hello, QByteArray("\0", 1))
            << u"hello frame of 1 bytes is shorter than its 3-byte header"_s << u"#3"_s;
        QTest::newRow("truncated hello (name)")
            << false << magicBytes() + frame(Message::Type::Hello, QByteArray("\0\1\x0A" "ab", 5))
            << u"hello frame ends inside its 10-byte name"_s << u"#3"_s;
        // Version 2, whose password field claims 9 bytes where 3 follow:
        // truncated hello before unsupported version (docs/protocol.md,
        // section 6, step 3; the example in section 9).
        QTest::newRow("truncated hello (field), version 2")
            << false << QByteArray::fromHex("FF534D48" "0000000B01" "0002" "03657665" "0109616263")
            << u"hello frame ends inside a field after the name (at byte 6 of 11)"_s << u"#3"_s;
        QTest::newRow("malformed text (no sender field)")
            << false << hello + frame(Message::Type::Text, QByteArray("\0\0", 2))
            << u"text frame of 2 bytes is shorter than its sender field"_s << u"#3 bo"_s;
        QTest::newRow("malformed text (name too long)")
            << false << hello + frame(Message::Type::Text, QByteArray("\0\0\0\0\x09" "ab", 7))
            << u"text frame of 7 bytes is shorter than its sender field"_s << u"#3 bo"_s;
        QTest::newRow("ping payload too long") << false << hello + frame(Message::Type::Ping, QByteArray(65, 'p'))
                                               << u"ping or pong payload of 65 bytes exceeds 64 bytes"_s
                                               << u"#3 bo"_s;
        QTest::newRow("bad magic (frames forced)")
            << true << QByteArray("GET / HTTP/1.0\r\n\r\n")
            << u"the peer does not speak frames (bad magic 47 45 54 20): it looks like an HTTP client"_s << u"#3"_s;
    }
    void brokenFrameClosesOnlyItsConnection()
    {
        QFETCH(bool, forcedFrames);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QFETCH(QString, label);
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        if (forcedFrames)
            o.framing = ServerOptions::FramingSetting::Frames;
        QVERIFY(startCore(o));
        TestPeer *first = forcedFrames ? peer(Framing::Frames, u"one"_s) : linesPeer(u"one"_s);
        WAIT_COMPARE(m_core->clientCount(), 1);
        TestPeer *carol = peer(Framing::Frames, u"carol"_s);
        WAIT_FOR(carol->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *bad = rawFramesPeer();
        bad->sendRaw(bytes);
        WAIT_FOR(bad->hasNotice(Message::NoticeKind::Disconnect, reason));
        WAIT_FOR(bad->isClosed());
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(1).toString(), reason);
        QVERIFY2(logText().contains(label + u" left: "_s + reason), qPrintable(logText()));

        if (forcedFrames)
            VERIFY_FRAMES_ECHOES(first);
        else
            VERIFY_ECHOES(first);
        VERIFY_FRAMES_ECHOES(carol);
        QCOMPARE(m_core->clientIds(), (QList<quint32>{ 1, 2 }));
        WAIT_COMPARE(liveSessions(), 2);
        WAIT_COMPARE(m_core->stats().buffered, 0);
    }

    // Row 13: connections beyond maxClients are refused with a reason and
    // no id ("* disconnect: server full (limit N)" for a line client; see
    // also tst_servercore::maxClients); a frames client hears it in frames,
    // as ServerCore::adoptDescriptor says ("in its own framing").
    void refusedConnectionsHearWhyInTheirFraming()
    {
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.maxClients = 2;
        QVERIFY(startCore(o));
        TestPeer *honest = linesPeer(u"first"_s);
        WAIT_FOR(honest->hasLine(u"first"_s));
        TestPeer *carol = peer(Framing::Frames, u"carol"_s);
        WAIT_FOR(carol->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));

        TestPeer *lines = linesPeer(u"third"_s);
        WAIT_FOR(lines->isClosed());
        QCOMPARE(lines->lines(), QStringList{ u"* disconnect: server full (limit 2)"_s });

        TestPeer *frames = peer(Framing::Frames, u"fourth"_s);
        WAIT_FOR(frames->isClosed());
        const bool heardInFrames = frames->hasNotice(Message::NoticeKind::Disconnect, u"server full (limit 2)"_s)
            && frames->codecError().isEmpty();
        QVERIFY2(heardInFrames, qPrintable(u"received: \""_s + QString::fromUtf8(frames->raw()).trimmed() + u"\""_s));
        for (const Message &m : frames->messages()) {
            if (m.type == Message::Type::Notice)
                QCOMPARE(m.senderId, 0u); // no id
        }

        VERIFY_ECHOES(honest);
        VERIFY_FRAMES_ECHOES(carol);
        QCOMPARE(m_core->clientIds(), (QList<quint32>{ 1, 2 }));
        WAIT_COMPARE(liveSessions(), 2);
    }

    // Row 13: a connection that resets (or ends its stream) in the middle
    // of a message: only it goes, and what its partial message held is
    // given back to the global budget.
    void endInTheMiddleOfAMessage_data()
    {
        QTest::addColumn<bool>("frames");
        QTest::addColumn<bool>("reset");
        QTest::addColumn<QString>("reason");
        QTest::newRow("frames, reset mid-frame") << true << true << u"connection reset by the client"_s;
        QTest::newRow("lines, reset mid-line") << false << true << u"connection reset by the client"_s;
        QTest::newRow("frames, end of stream mid-frame")
            << true << false << u"the stream ended inside a frame (505 bytes of it received)"_s;
    }
    void endInTheMiddleOfAMessage()
    {
        QFETCH(bool, frames);
        QFETCH(bool, reset);
        QFETCH(QString, reason);
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        QVERIFY(startCore(o));
        TestPeer *honest = linesPeer(u"first"_s);
        WAIT_FOR(honest->hasLine(u"first"_s));
        TestPeer *carol = peer(Framing::Frames, u"carol"_s);
        WAIT_FOR(carol->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        TestPeer *quitter = nullptr;
        if (frames) {
            quitter = peer(Framing::Frames, u"quit"_s);
            WAIT_FOR(quitter->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 3"_s));
            quitter->sendRaw(textFrame(QString(1000, u'q')).left(505));
        } else {
            quitter = peer();
            quitter->sendRaw(QByteArray(505, 'q'));
        }
        WAIT_FOR(info(3).bytesIn >= 505 && quitter->socket()->bytesToWrite() == 0);
        WAIT_FOR(m_core->stats().buffered >= 505);
        if (reset)
            quitter->reset();
        else
            QVERIFY(quitter->shutdownWrite());
        WAIT_COMPARE(left.size(), 1);
        QCOMPARE(left.at(0).at(0).toUInt(), 3u);
        QCOMPARE(left.at(0).at(1).toString(), reason);
        QVERIFY(logText().contains(u"#3"_s + (frames ? u" quit"_s : QString()) + u" left: "_s + reason));
        WAIT_COMPARE(m_core->stats().buffered, 0);
        WAIT_COMPARE(liveSessions(), 2);

        VERIFY_ECHOES(honest);
        VERIFY_FRAMES_ECHOES(carol);
        QCOMPARE(m_core->clientIds(), (QList<quint32>{ 1, 2 }));
    }

    // Row 13: many connections each holding a partial message (64 KiB of a
    // line) are all closed by the message timeout while an honest client
    // chats on; with a small global budget, what the partial messages hold
    // stays under the budget plus one read budget per connection.
    void partialMessageFlood_data()
    {
        QTest::addColumn<qsizetype>("maxBuffered");
        QTest::addColumn<qsizetype>("readBudget");
        QTest::newRow("within the budget") << qsizetype(Protocol::kDefaultMaxBuffered)
                                           << qsizetype(Protocol::kDefaultReadBudget);
        QTest::newRow("over a 1 MiB budget") << qsizetype(1024 * 1024) << qsizetype(16 * 1024);
    }
    void partialMessageFlood()
    {
        QFETCH(qsizetype, maxBuffered);
        QFETCH(qsizetype, readBudget);
        constexpr int kConnections = 50;
        constexpr int kPartial = 64 * 1024;
        ServerOptions o;
        o.mode = ServerOptions::Mode::Echo;
        o.messageTimeoutMs = 1000;
        o.maxBuffered = maxBuffered;
        o.readBudget = readBudget;
        QVERIFY(startCore(o));
        const bool withinBudget = maxBuffered >= qsizetype(kConnections) * kPartial * 2;
        TestPeer *honest = linesPeer(u"first"_s);
        WAIT_FOR(honest->hasLine(u"first"_s));

        // The honest client talks throughout (over the budget, nothing is
        // read until the partial messages go: it waits, and is not closed).
        int ticks = 0; // declared before the timer that uses it
        QTimer ticker;
        ticker.setInterval(100);
        connect(&ticker, &QTimer::timeout, &ticker, [honest, &ticks] { honest->sendLine(u"tick %1"_s.arg(++ticks)); });
        ticker.start();

        QSignalSpy left(m_core.get(), &ServerCore::clientLeft);
        const QByteArray partial(kPartial, 'p');
        QList<TestPeer *> holders;
        for (int i = 0; i < kConnections; ++i) {
            holders.append(peer());
            holders.last()->sendRaw(partial);
        }
        WAIT_COMPARE(left.size(), kConnections);
        ticker.stop();
        const QRegularExpression expected(u"^message not completed within 1 s \\((\\d+) bytes of it received\\)$"_s);
        qint64 heldAtClose = 0;
        for (const QList<QVariant> &l : std::as_const(left)) {
            QVERIFY(l.at(0).toUInt() >= 2);
            const QRegularExpressionMatch match = expected.match(l.at(1).toString());
            QVERIFY2(match.hasMatch(), qPrintable(l.at(1).toString()));
            heldAtClose += match.captured(1).toLongLong();
            if (withinBudget)
                QCOMPARE(match.captured(1).toInt(), kPartial);
        }
        for (TestPeer *h : std::as_const(holders)) {
            WAIT_FOR(h->isClosed());
            QVERIFY(!h->lines().isEmpty());
            QVERIFY2(h->lines().constLast().startsWith(u"* disconnect #"_s), qPrintable(h->lines().constLast()));
            QVERIFY(h->lines().constLast().contains(u": message not completed within 1 s ("_s));
        }
        QCOMPARE(logText().count(u" left: message not completed within 1 s ("_s), kConnections);

        const ServerSnapshot::Stats stats = m_core->stats();
        const qint64 bound = maxBuffered + qint64(kConnections) * readBudget;
        qInfo("bufferedPeak %lld (budget %lld, bound %lld), %lld bytes held when closed", qlonglong(stats.bufferedPeak),
              qlonglong(maxBuffered), qlonglong(bound), qlonglong(heldAtClose));
        QVERIFY2(stats.bufferedPeak <= bound, qPrintable(u"bufferedPeak %1 > %2"_s.arg(stats.bufferedPeak).arg(bound)));
        if (!withinBudget)
            QVERIFY(stats.bufferedPeak > maxBuffered / 2); // the budget was reached, not avoided

        // Every tick the honest client sent came back, in order; it chats on.
        WAIT_FOR(honest->hasLine(u"tick %1"_s.arg(ticks)));
        QCOMPARE(honest->lines().filter(u"tick "_s).size(), ticks);
        VERIFY_ECHOES(honest);
        QCOMPARE(m_core->clientIds(), QList<quint32>{ 1 });
        WAIT_COMPARE(m_core->stats().buffered, 0);
        WAIT_COMPARE(m_core->connectionCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
