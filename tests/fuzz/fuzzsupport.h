// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Shared by the fuzz targets: a check that aborts (libFuzzer then saves the
// input), the input's option bytes, chunking derived from the input, and a
// non-blocking socket peer that the Qt event loop is driven against.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEvent>
#include <QList>
#include <QLoggingCategory>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

// An invariant broke: say which, then abort so that libFuzzer keeps the input.
#define FUZZ_CHECK(cond, ...)                                                              \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            std::fprintf(stderr, "  " __VA_ARGS__);                                        \
            std::fprintf(stderr, "\n");                                                    \
            std::abort();                                                                  \
        }                                                                                  \
    } while (false)

namespace Fuzz {

// The maximum message sizes the targets try: tiny ones reach every limit
// with short inputs; the default is the real one.
inline qsizetype maxMessageSize(unsigned selector)
{
    static constexpr qsizetype sizes[] = { 1, 2, 5, 16, 64, 255, 1024, 1024 * 1024 };
    return sizes[selector % 8];
}

// Reads the option bytes at the front of an input; past the end they are 0.
class Options
{
public:
    Options(const quint8 *data, size_t size, int count)
        : m_data(data), m_count(int(qMin<size_t>(size, size_t(count)))), m_rest(data + m_count, qsizetype(size) - m_count)
    {
    }
    quint8 at(int i) const { return i < m_count ? m_data[i] : 0; }
    // The bytes after the option bytes: the stream.
    QByteArrayView rest() const { return m_rest; }

private:
    const quint8 *m_data;
    int m_count;
    QByteArrayView m_rest;
};

// How a stream is cut into chunks, from one seed byte: 0 = all at once,
// 1 = a byte at a time, else pseudo-random sizes from 1 to a maximum the
// seed also picks (a 32-bit xorshift, so every input replays exactly).
class Chunker
{
public:
    explicit Chunker(quint8 seed)
        : m_seed(seed), m_state(0x9E3779B9u ^ (quint32(seed) * 0x85EBCA6Bu)),
          m_maxChunk(1 + (seed >> 2) * 4) // 1 .. 253
    {
    }
    // The size of the next chunk, with `left` bytes to go (> 0).
    qsizetype next(qsizetype left)
    {
        if (m_seed == 0)
            return left;
        if (m_seed == 1)
            return 1;
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return qMin<qsizetype>(left, 1 + qsizetype(m_state % quint32(m_maxChunk)));
    }

private:
    quint8 m_seed;
    quint32 m_state;
    int m_maxChunk;
};

inline QList<QByteArrayView> split(QByteArrayView bytes, quint8 seed)
{
    QList<QByteArrayView> chunks;
    Chunker chunker(seed);
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype n = chunker.next(bytes.size() - pos);
        chunks.append(bytes.sliced(pos, n));
        pos += n;
    }
    return chunks;
}

// Quiet Qt's debug and info logging (a codec error is logged per input);
// warnings still show.
inline void quietLogging()
{
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false"));
}

// One process-wide QCoreApplication (the socket targets need an event loop).
inline void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = { name, nullptr };
    new QCoreApplication(argc, argv); // lives as long as the process
    quietLogging();
}

// One pass of the event loop, deferred deletes included (sessions end with
// deleteLater()), without blocking.
inline void spinOnce()
{
    QCoreApplication::processEvents(QEventLoop::AllEvents);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

inline void setNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

// The far end of a connection, played by the fuzzer: it writes a stream in
// chunks, then half-closes (shutdown(SHUT_WR)), and keeps every byte it
// receives until the other side closes. Non-blocking, driven by step().
class Peer
{
public:
    Peer() = default;
    Peer(int fd, QByteArrayView input, quint8 chunkSeed)
        : m_fd(fd), m_input(input), m_chunker(chunkSeed)
    {
        setNonBlocking(fd);
    }
    ~Peer()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Q_DISABLE_COPY_MOVE(Peer)

    // Writes the next chunk, if the socket takes it, and reads what arrived.
    // One chunk per step, so the other side sees the chunks separately when
    // it keeps up.
    void step()
    {
        if (m_fd < 0)
            return;
        if (m_written < m_input.size()) {
            const qsizetype n = m_chunker.next(m_input.size() - m_written);
            const ssize_t w = ::send(m_fd, m_input.data() + m_written, size_t(n), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (w > 0)
                m_written += w;
            else if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                m_written = m_input.size(); // the other side has gone (EPIPE, ECONNRESET)
        }
        if (m_written == m_input.size() && !m_shut && !m_hold) {
            m_shut = true;
            ::shutdown(m_fd, SHUT_WR);
        }
        while (!m_eof) {
            char buffer[16384];
            const ssize_t r = ::recv(m_fd, buffer, sizeof(buffer), MSG_DONTWAIT);
            if (r > 0) {
                m_received.append(buffer, r);
            } else if (r == 0) {
                m_eof = true;
            } else {
                if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                    break;
                m_eof = true; // a reset ends it too
                m_reset = true;
            }
        }
    }
    // While held, the peer does not half-close after its stream.
    void setHold(bool hold) { m_hold = hold; }
    bool sawEof() const { return m_eof; }
    bool wasReset() const { return m_reset; }
    const QByteArray &received() const { return m_received; }

private:
    int m_fd = -1;
    QByteArrayView m_input;
    Chunker m_chunker { 0 };
    qsizetype m_written = 0;
    bool m_shut = false;
    bool m_hold = false;
    bool m_eof = false;
    bool m_reset = false;
    QByteArray m_received;
};

// Spins the loop, stepping the peers, until done() holds; a hang is a bug
// (the real timeouts are seconds long, the runs milliseconds), reported
// with what.
template <typename Done, typename Step>
void runUntil(Done done, Step step, const char *what, int limitMs = 20000)
{
    const QDeadlineTimer deadline(limitMs);
    while (!done()) {
        step();
        spinOnce();
        FUZZ_CHECK(!deadline.hasExpired(), "%s did not finish within %d ms", what, limitMs);
    }
}

} // namespace Fuzz
