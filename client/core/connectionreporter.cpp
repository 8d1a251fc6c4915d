// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "connectionreporter.h"

#include "eventlog.h"
#include "receivebacklog.h"
#include "receivedmessagelog.h"

#include <QDateTime>

ConnectionReporter::ConnectionReporter(ReceiveBacklog *backlog, QObject *parent)
    : QObject(parent)
    , m_backlog(backlog)
    , m_connection(new ClientConnection(this))
    , m_received(new EventLog(1, this))
{
    m_connection->setReadGate([backlog] { return !backlog->isBehind(); });
    m_received->setRetaining(false);
    m_received->setBatchInterval(kBatchIntervalMs);
    connect(m_received, &EventLog::eventsAppended, this, &ConnectionReporter::eventsReceived);
    // With each batch, the status (a welcome notice sets the client id).
    connect(m_received, &EventLog::eventsAppended, this, &ConnectionReporter::reportStatus);
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
    m_backlog->made(-m_received->pendingBytes());
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
    m_backlog->made(event->cost());
    m_received->appendEvent(*event);
}

void ConnectionReporter::beforeEvent()
{
    if (m_received->pendingCount() > 0)
        m_received->flush(); // the status follows the batch
    else
        reportStatus();
}
