// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "hubtcpserver.h"

#include "hostport.h"
#include "serveroptions.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
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
        sockaddr_storage peer {};
        socklen_t length = sizeof(peer);
        const int fd = ::accept4(int(socketDescriptor()), reinterpret_cast<sockaddr *>(&peer), &length,
                                 SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd >= 0) {
            QHostAddress address;
            quint16 port = 0;
            if (peer.ss_family == AF_INET || peer.ss_family == AF_INET6) {
                address = QHostAddress(reinterpret_cast<const sockaddr *>(&peer));
                port = peer.ss_family == AF_INET6 ? ntohs(reinterpret_cast<const sockaddr_in6 *>(&peer)->sin6_port)
                                                  : ntohs(reinterpret_cast<const sockaddr_in *>(&peer)->sin_port);
            }
            Q_EMIT descriptorAccepted(fd, address, port);
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

namespace {

QString hostText(const QHostAddress &address)
{
    if (address == QHostAddress(QHostAddress::Any) || address == QHostAddress(QHostAddress::AnyIPv4))
        return QStringLiteral("0.0.0.0");
    return address.toString();
}

} // namespace

QString HubTcpServer::addressText(const QString &bind, quint16 port) const
{
    if (isListening())
        return hostPort(hostText(serverAddress()), serverPort());
    const QHostAddress a = ServerOptions::bindAddress(bind);
    return hostPort(a.isNull() ? bind : hostText(a), port);
}

QString HubTcpServer::description(const QString &bind, quint16 port) const
{
    // "0.0.0.0:8000" reads as IPv4 only; a dual-stack socket takes both.
    const QHostAddress a = serverAddress();
    const QString portText = QString::number(serverPort());
    if (a == QHostAddress::Any)
        return tr("all interfaces (IPv4 and IPv6), port %1").arg(portText);
    if (a == QHostAddress::AnyIPv4)
        return tr("all IPv4 interfaces, port %1").arg(portText);
    if (a == QHostAddress::AnyIPv6)
        return tr("all IPv6 interfaces, port %1").arg(portText);
    return addressText(bind, port);
}
