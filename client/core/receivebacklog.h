// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// socket-client's backpressure (issue 22): what it has received and not
// yet handed on. A line goes from the socket into the window's EventLog,
// which passes it on in batches about 30 times a second to the log view
// (which formats at most what it shows) and to the --log writer (which
// writes every line, on a thread of its own). The backlog is the
// LogEvent::cost() of the lines the log has not handed on yet plus the
// writer's not yet written.
//
// While the backlog is over maxBytes(), the connection decodes nothing more
// (ClientConnection::setReadGate()): its socket buffer fills, TCP's window
// closes and the server's flow control holds the rest of the flood, as for
// any slow reader. As soon as a batch went out or the writer wrote one, it
// reads on. So the client's memory stays bounded whatever the length of
// the flood, and it keeps reading at the pace of its slowest part: holds
// last a batch interval or a write, never long enough for the server's
// slow-consumer timeout (10 s by default), which evicts only a client that
// stopped reading altogether (its log on a disk that stopped, say).
#pragma once

#include <QObject>
#include <QPointer>

class ClientConnection;
class EventLog;
class LogWriter;

class ReceiveBacklog : public QObject
{
    Q_OBJECT

public:
    // About 15,000 lines of 64 bytes; --max-backlog. 8 MiB was as fast
    // and held about 10 MB more at the peak (benchmarks.md, S14).
    static constexpr qint64 kDefaultMaxBytes = 4 * 1024 * 1024;

    // Gates the connection's reading on the log's pending batch.
    ReceiveBacklog(ClientConnection *connection, EventLog *log, QObject *parent = nullptr);
    ~ReceiveBacklog() override;

    // And on what the writer has not written yet (--log).
    void watchWriter(LogWriter *writer);

    qint64 maxBytes() const { return m_maxBytes; }
    void setMaxBytes(qint64 bytes) { m_maxBytes = qMax<qint64>(1, bytes); }
    // The bytes received and not handed on yet.
    qint64 bytes() const;
    bool isBehind() const { return bytes() > m_maxBytes; }

private:
    QPointer<ClientConnection> m_connection;
    EventLog *m_log;
    QPointer<LogWriter> m_writer;
    qint64 m_maxBytes = kDefaultMaxBytes;
};
