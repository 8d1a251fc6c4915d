// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// A sender that floods the server with numbered lines, the checks that every
// line arrived whole and in order, and the server's side of a client's
// connection (to give a client that stops reading small kernel buffers).
// Header-only, shared by tst_flowcontrol, tst_networkthreads, tst_hostile and
// tst_websocket.
#pragma once

#include "serveroptions.h"
#include "testpeer.h"

#include <QObject>
#include <QRegularExpression>
#include <QStringList>
#include <QTcpSocket>

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>

namespace LineFeed {

using namespace Qt::StringLiterals;

// Lines of lineSize bytes each (LF included), numbered from first on:
// "000042 xxxx…". The number and the length make a gap, a repeat, a
// reordering or a torn line visible.
inline QByteArray numberedLines(int first, int count, int lineSize)
{
    Q_ASSERT(lineSize > 8);
    const QByteArray pad(lineSize - 8, 'x'); // 6 digits, a space, the pad, LF
    QByteArray out;
    out.reserve(qsizetype(count) * lineSize);
    for (int i = first; i < first + count; ++i) {
        out += QByteArray::number(i).rightJustified(6, '0');
        out += ' ';
        out += pad;
        out += '\n';
    }
    return out;
}

inline int countWithPrefix(const QStringList &lines, const QString &prefix)
{
    int n = 0;
    for (const QString &line : lines)
        n += line.startsWith(prefix) ? 1 : 0;
    return n;
}

// Checks that the lines starting with prefix (a relay prefix such as "#3: ")
// are numberedLines(0, expected, lineSize), whole and in order. Returns what
// is wrong, or an empty string.
inline QString sequenceError(const QStringList &lines, const QString &prefix, int expected, int lineSize)
{
    int next = 0;
    for (const QString &line : lines) {
        if (!line.startsWith(prefix))
            continue;
        const QStringView body = QStringView(line).mid(prefix.size());
        bool ok = false;
        const int n = body.left(6).toInt(&ok);
        if (!ok || body.size() != lineSize - 1)
            return u"\"%1\" after line %2: a malformed line (%3 chars): %4"_s.arg(prefix)
                .arg(next - 1)
                .arg(body.size())
                .arg(line.left(40));
        if (n != next)
            return u"\"%1\": expected line %2, got line %3"_s.arg(prefix).arg(next).arg(n);
        ++next;
    }
    if (next != expected)
        return u"\"%1\": got %2 of %3 lines"_s.arg(prefix).arg(next).arg(expected);
    return {};
}

// Relay options with small marks, so that a client that stops reading
// congests its queue after a few hundred kilobytes and holds the senders
// back; only the slow-consumer timeout evicts here (the hard cap is far).
inline ServerOptions backpressureRelayOptions(int slowConsumerTimeoutMs)
{
    ServerOptions o;
    o.mode = ServerOptions::Mode::Relay;
    o.highWaterMark = 64 * 1024;
    o.lowWaterMark = 16 * 1024;
    o.readBudget = 16 * 1024;
    o.slowConsumerTimeoutMs = slowConsumerTimeoutMs;
    o.maxOutboundQueue = 64 * 1024 * 1024;
    return o;
}

// What is wrong with a slow-consumer eviction's reason, if it was not the
// timeout's ("slow consumer: N bytes queued for T s", N above the high-water
// mark, T at least the timeout); an empty string if it was.
inline QString timeoutEvictionError(const QString &reason, const ServerOptions &o)
{
    const QRegularExpressionMatch m =
        QRegularExpression(u"^slow consumer: (\\d+) bytes queued for (\\d+(?:\\.\\d+)?) s$"_s).match(reason);
    if (!m.hasMatch())
        return u"not a timeout's reason: "_s + reason;
    if (m.captured(1).toLongLong() <= o.highWaterMark)
        return u"not above the high-water mark: "_s + reason;
    if (m.captured(2).toDouble() < o.slowConsumerTimeoutMs / 1000.0)
        return u"before the timeout: "_s + reason;
    return {};
}

// Writes numbered lines to a peer for as long as it runs, as fast as the
// connection takes them (it keeps a little unwritten in the socket).
class LineFeeder : public QObject
{
public:
    LineFeeder(TestPeer *peer, int lineSize)
        : m_peer(peer)
        , m_lineSize(lineSize)
    {
        connect(peer->socket(), &QTcpSocket::bytesWritten, this, &LineFeeder::topUp);
    }
    // The peer must be connected.
    void start()
    {
        m_running = true;
        topUp();
    }
    void stop() { m_running = false; }
    int sent() const { return m_next; }

private:
    void topUp()
    {
        constexpr int kBlock = 64;
        while (m_running && m_peer->socket()->bytesToWrite() < 128 * 1024) {
            m_peer->sendRaw(numberedLines(m_next, kBlock, m_lineSize));
            m_next += kBlock;
        }
    }

    TestPeer *m_peer;
    int m_lineSize;
    int m_next = 0;
    bool m_running = false;
};

// The port of a socket address, or 0 if it is not IPv4/IPv6.
inline quint16 portOf(const sockaddr_storage &a)
{
    if (a.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in *>(&a)->sin_port);
    if (a.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 *>(&a)->sin6_port);
    return 0;
}

// The server's side of a connection to a core in this process, found among
// the process's descriptors by its ports; -1 if there is none.
inline int serverSideDescriptor(quint16 serverPort, quint16 clientPort)
{
    rlimit limit {};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    const int last = int(qMin<rlim_t>(limit.rlim_cur, 65536));
    for (int fd = 0; fd < last; ++fd) {
        sockaddr_storage local {};
        sockaddr_storage remote {};
        socklen_t localSize = sizeof local;
        socklen_t remoteSize = sizeof remote;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localSize) != 0
            || ::getpeername(fd, reinterpret_cast<sockaddr *>(&remote), &remoteSize) != 0)
            continue;
        if (portOf(local) == serverPort && portOf(remote) == clientPort)
            return fd;
    }
    return -1;
}

// Sets the kernel's buffers on the path between the server and one of its
// clients: the send buffer of the server's side (found among this process's
// descriptors by its ports) and the client's receive buffer. On loopback the
// kernel otherwise lets a client that does not read absorb megabytes (it
// grows both buffers) before the engine queues a byte; with a small server
// send buffer the engine's queue fills after a few hundred kilobytes. (The
// receive buffer stays several times the loopback MSS, 64 KiB: smaller, TCP
// waits for its persist timer to reopen the window, for hundreds of ms.)
// Call it once the server has the client.
inline bool setPathBuffers(const QTcpSocket *client, quint16 clientPort, quint16 serverPort, int serverSend,
                           int clientReceive = 128 * 1024)
{
    const int clientFd = int(client->socketDescriptor());
    if (clientFd < 0
        || ::setsockopt(clientFd, SOL_SOCKET, SO_RCVBUF, &clientReceive, sizeof clientReceive) != 0)
        return false;
    const int fd = serverSideDescriptor(serverPort, clientPort);
    return fd >= 0 && ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &serverSend, sizeof serverSend) == 0;
}

inline bool setPathBuffers(const TestPeer *peer, quint16 serverPort, int serverSend, int clientReceive = 128 * 1024)
{
    return setPathBuffers(peer->socket(), peer->localPort(), serverPort, serverSend, clientReceive);
}

} // namespace LineFeed
