// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The listening socket. QTcpServer binds and listens (with the backlog
// set); accepting is done here, so that:
// - each accepted descriptor is handed on as it is, for a ClientSession on
//   the network thread that will own it (as in Qt's threadedfortuneserver);
// - running out of descriptors (EMFILE) is reported once and accepting
//   stops until retryAccepting(), instead of spinning: Qt 6.4 takes that
//   error for a temporary one after a first successful accept, and retries
//   at once, for ever, without a signal;
// - a burst is accepted at most kMaxAcceptsPerPass at a time (a whole
//   listen backlog: a queue left full makes the kernel drop new SYNs, and
//   those clients wait a second to retry), then existing clients are served.
#pragma once

#include <QHostAddress>
#include <QTcpServer>

class QSocketNotifier;

class HubTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    static constexpr int kMaxAcceptsPerPass = 4096;

    using QTcpServer::QTcpServer;

    // QTcpServer::listen(), then accepting here.
    bool listenOn(const QHostAddress &address, quint16 port);
    // Stops listening.
    void stop();
    // Accepts again after acceptFailed().
    void retryAccepting();
    // "0.0.0.0:8000" for Any, "[::1]:8000" for IPv6; bind and port (as
    // configured) while not listening.
    QString addressText(const QString &bind, quint16 port) const;
    // For people: "all interfaces (IPv4 and IPv6), port 8000" for a
    // dual-stack socket, else addressText().
    QString description(const QString &bind, quint16 port) const;

Q_SIGNALS:
    // peer and port as accept() read them (a null address when it has no
    // IP address): a connection reset before it was accepted has no peer
    // name to ask for any more, yet its data is still there to read.
    void descriptorAccepted(qintptr descriptor, const QHostAddress &peer, quint16 port);
    // Accepting stopped: reason says why (such as "Too many open files").
    void acceptFailed(const QString &reason);

private:
    void acceptPending();

    QSocketNotifier *m_notifier = nullptr;
};
