// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "gracefulclose.h"

#include "clientlogging.h"

#include <QSslSocket>

GracefulClose::GracefulClose(QSslSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &GracefulClose::onTimeout);
    connect(socket, &QSslSocket::stateChanged, this, &GracefulClose::onSocketStateChanged);
}

qint64 GracefulClose::queuedBytes(const QSslSocket *socket)
{
    // With TLS, bytesToWrite() counts only what is not encrypted yet.
    return socket->bytesToWrite() + socket->encryptedBytesToWrite();
}

void GracefulClose::begin()
{
    m_active = true;
    m_lost = 0;
}

void GracefulClose::wait()
{
    if (!m_active)
        return;
    // Closed during the disconnect (nothing was queued), or before: ends
    // now, after what the disconnect reported.
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        end(qMax(m_lost, queuedBytes(m_socket)));
        return;
    }
    qCDebug(lcClient) << "shutdown: waiting for" << queuedBytes(m_socket) << "queued bytes";
    m_timer.start(m_timeoutMs);
}

void GracefulClose::noteError()
{
    if (m_active)
        m_lost = qMax(m_lost, queuedBytes(m_socket));
}

void GracefulClose::onSocketStateChanged()
{
    // Complete: everything was written and the socket closed, or the
    // socket failed with bytes still queued. Only once wait() began: a
    // close during the disconnect itself ends in wait(), after the
    // disconnect's own reports.
    if (m_active && m_timer.isActive() && m_socket->state() == QAbstractSocket::UnconnectedState)
        end(qMax(m_lost, queuedBytes(m_socket)));
}

void GracefulClose::onTimeout()
{
    if (!m_active)
        return;
    const qint64 unsent = queuedBytes(m_socket);
    m_active = false; // the abort that follows is ours, not the end of the close
    Q_EMIT abortNeeded();
    qCWarning(lcClient) << unsent << "bytes not sent: the connection did not drain within" << m_timeoutMs << "ms";
    end(unsent);
}

void GracefulClose::end(qint64 unsent)
{
    m_active = false;
    m_timer.stop();
    Q_EMIT finished(unsent);
}
