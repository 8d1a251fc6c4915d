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

Q_SIGNALS:
    void descriptorAccepted(qintptr descriptor);
    // Accepting stopped: reason says why (such as "Too many open files").
    void acceptFailed(const QString &reason);

private:
    void acceptPending();

    QSocketNotifier *m_notifier = nullptr;
};
