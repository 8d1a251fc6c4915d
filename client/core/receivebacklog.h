// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// socket-client's backpressure (issue 22): what it has received and not
// yet handed on. A line is made into a LogEvent on the connection's thread
// (ConnectionReporter), crosses to the window's thread in a batch, goes
// into the window's EventLog, which passes it on in batches about 30 times
// a second to the log view (which formats at most what it shows) and to
// the --log writer (which writes every line, on a thread of its own). The
// backlog is the LogEvent::cost() of the lines made and not yet in the
// log, plus what the log has not handed on yet, plus the writer's not yet
// written. Each part is kept by the thread that changes it, in atomics,
// so the connection's thread asks isBehind() without a lock.
//
// While the backlog is over maxBytes(), the connection decodes nothing more
// (ClientConnection::setReadGate()): its socket buffer fills, TCP's window
// closes and the server's flow control holds the rest of the flood, as for
// any slow reader. As soon as a batch went out or the writer wrote one,
// mayReadAgain() tells it to read on. So the client's memory stays bounded
// whatever the length of the flood, and it keeps reading at the pace of
// its slowest part: holds last a batch interval or a write, never long
// enough for the server's slow-consumer timeout (10 s by default), which
// evicts only a client that stopped reading altogether (its log on a disk
// that stopped, say).
#pragma once

#include <QObject>

#include <atomic>

class EventLog;
class LogWriter;

class ReceiveBacklog : public QObject
{
    Q_OBJECT

public:
    // About 15,000 lines of 64 bytes; --max-backlog. 8 MiB was as fast
    // and held about 10 MB more at the peak (benchmarks.md, S14).
    static constexpr qint64 kDefaultMaxBytes = 4 * 1024 * 1024;

    // Counts what the window's log has not handed on yet. On the log's
    // thread.
    explicit ReceiveBacklog(EventLog *log, QObject *parent = nullptr);
    ~ReceiveBacklog() override;

    // And what the writer has not written yet (--log).
    void watchWriter(LogWriter *writer);

    qint64 maxBytes() const { return m_maxBytes.load(std::memory_order_relaxed); }
    void setMaxBytes(qint64 bytes) { m_maxBytes.store(qMax<qint64>(1, bytes), std::memory_order_relaxed); }
    // The bytes received and not handed on yet. Any thread.
    qint64 bytes() const;
    bool isBehind() const { return bytes() > maxBytes(); }

    // The connection's thread made events of this cost for the log.
    void made(qint64 cost) { m_inFlight.fetch_add(cost, std::memory_order_relaxed); }
    // The log's thread appended events of this cost to the log.
    void delivered(qint64 cost);

Q_SIGNALS:
    // The backlog went down (a batch went out, the writer wrote one):
    // reading held by the gate may go on. Emitted on the log's or the
    // writer's thread.
    void mayReadAgain();

private:
    void notePending();

    EventLog *m_log;
    std::atomic<qint64> m_maxBytes {kDefaultMaxBytes};
    // Made on the connection's thread, not yet in the log.
    std::atomic<qint64> m_inFlight {0};
    // The log's pendingBytes(), as its thread last saw it.
    std::atomic<qint64> m_logPending {0};
    std::atomic<LogWriter *> m_watchedWriter {nullptr};
};
