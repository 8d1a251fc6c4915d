// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "hubtcpserver.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>

bool HubTcpServer::listenOn(const QHostAddress &address, quint16 port)
{
    if (!listen(address, port))
        return false;
    pauseAccepting(); // QTcpServer's own notifier: accepting is ours
    m_notifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &HubTcpServer::acceptPending);
    return true;
}

void HubTcpServer::stop()
{
    delete m_notifier;
    m_notifier = nullptr;
    close();
}

void HubTcpServer::retryAccepting()
{
    if (m_notifier)
        m_notifier->setEnabled(true);
}

void HubTcpServer::acceptPending()
{
    for (int i = 0; i < kMaxAcceptsPerPass; ++i) {
        const int fd = ::accept4(int(socketDescriptor()), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd >= 0) {
            Q_EMIT descriptorAccepted(fd);
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        const int error = errno;
        m_notifier->setEnabled(false);
        Q_EMIT acceptFailed(QString::fromLocal8Bit(std::strerror(error)));
        return;
    }
}
