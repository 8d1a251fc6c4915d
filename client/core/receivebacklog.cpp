// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "receivebacklog.h"

#include "eventlog.h"
#include "logwriter.h"

ReceiveBacklog::ReceiveBacklog(EventLog *log, QObject *parent)
    : QObject(parent)
    , m_log(log)
{
    // Before any other listener of the log: its batch has gone out.
    connect(log, &EventLog::eventsAppended, this, [this] {
        notePending();
        Q_EMIT mayReadAgain();
    });
    connect(log, &EventLog::cleared, this, [this] {
        notePending();
        Q_EMIT mayReadAgain();
    });
}

ReceiveBacklog::~ReceiveBacklog() = default;

void ReceiveBacklog::watchWriter(LogWriter *writer)
{
    m_watchedWriter.store(writer, std::memory_order_release);
    // Emitted on the writer's thread.
    connect(writer, &LogWriter::batchWritten, this, &ReceiveBacklog::mayReadAgain, Qt::DirectConnection);
}

void ReceiveBacklog::delivered(qint64 cost)
{
    notePending();
    m_inFlight.fetch_sub(cost, std::memory_order_relaxed);
}

void ReceiveBacklog::notePending()
{
    m_logPending.store(m_log->pendingBytes(), std::memory_order_relaxed);
}

qint64 ReceiveBacklog::bytes() const
{
    // The writer outlives the connection's thread (main.cpp declares it
    // before the window).
    const LogWriter *writer = m_watchedWriter.load(std::memory_order_acquire);
    return m_inFlight.load(std::memory_order_relaxed) + m_logPending.load(std::memory_order_relaxed)
        + (writer ? writer->backlogBytes() : 0);
}
