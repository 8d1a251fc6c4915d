// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "connectionreporter.h"

#include "receivebacklog.h"
#include "receivedmessagelog.h"

#include <QDateTime>

ConnectionReporter::ConnectionReporter(ReceiveBacklog *backlog, QObject *parent)
    : QObject(parent)
    , m_backlog(backlog)
    , m_connection(new ClientConnection(this))
    , m_batchTimer(this)
{
    m_connection->setReadGate([backlog] { return !backlog->isBehind(); });
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(kBatchIntervalMs);
    // With the batch, the status (a welcome notice sets the client id).
    connect(&m_batchTimer, &QTimer::timeout, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &ClientConnection::messageReceived, this, &ConnectionReporter::onMessage);
    // Received lines not reported yet go before any other event.
    // Direct, and before anyone else's connection to these: the batch and
    // the status cross first.
    using C = ClientConnection;
    connect(m_connection, &C::stateChanged, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::connected, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::disconnected, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::errorOccurred, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::messageSent, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::sendFailed, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::textsNotSent, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::unsentBytes, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::reconnectScheduled, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::reconnectCountdown, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::shutdownFinished, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::passwordSent, this, &ConnectionReporter::beforeEvent);
    connect(m_connection, &C::passwordNotSent, this, &ConnectionReporter::beforeEvent);
}

ConnectionReporter::~ConnectionReporter()
{
    // What never reached the window no longer counts.
    m_backlog->made(-m_pendingCost);
}

void ConnectionReporter::sendText(const QString &text)
{
    if (m_connection->isConnected()) {
        m_connection->sendText(text);
        return;
    }
    beforeEvent();
    Q_EMIT textsNotSent({text});
}

void ConnectionReporter::sendBytes(const QByteArray &bytes, ClientConnection::LineEnding ending)
{
    if (m_connection->isConnected()) {
        m_connection->sendBytes(bytes, ending);
        return;
    }
    beforeEvent();
    Q_EMIT textsNotSent({QString::fromUtf8(bytes)});
}

void ConnectionReporter::reportStatus()
{
    ClientStatus status = ClientStatus::of(*m_connection);
    status.commandSeq = m_commandSeq;
    Q_EMIT statusChanged(status);
}

void ConnectionReporter::onMessage(const Message &message)
{
    std::optional<LogEvent> event
        = ReceivedMessageLog::event(message, m_connection->framing(), QDateTime::currentMSecsSinceEpoch());
    if (!event)
        return;
    const qint64 cost = event->cost();
    m_pending.append(std::move(*event));
    m_pendingCost += cost;
    m_backlog->made(cost);
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void ConnectionReporter::beforeEvent()
{
    flush();
    reportStatus();
}

void ConnectionReporter::flush()
{
    m_batchTimer.stop();
    if (m_pending.isEmpty())
        return;
    const QList<LogEvent> batch = std::exchange(m_pending, {});
    m_pendingCost = 0;
    m_pending.reserve(batch.size()); // the next batch is likely as large: grow once
    Q_EMIT eventsReceived(batch);
}
