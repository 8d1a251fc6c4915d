// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "receivebacklog.h"

#include "clientconnection.h"
#include "eventlog.h"
#include "logwriter.h"

ReceiveBacklog::ReceiveBacklog(ClientConnection *connection, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_log(log)
{
    connection->setReadGate([this] { return !isBehind(); });
    // After the view and any writer took the batch.
    connect(log, &EventLog::eventsAppended, connection, &ClientConnection::retryRead, Qt::QueuedConnection);
}

ReceiveBacklog::~ReceiveBacklog()
{
    if (m_connection)
        m_connection->setReadGate({});
}

void ReceiveBacklog::watchWriter(LogWriter *writer)
{
    m_writer = writer;
    // Emitted on the writer's thread: queued to the connection's.
    connect(writer, &LogWriter::batchWritten, m_connection, &ClientConnection::retryRead, Qt::QueuedConnection);
}

qint64 ReceiveBacklog::bytes() const
{
    return m_log->pendingBytes() + (m_writer ? m_writer->backlogBytes() : 0);
}
