// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// socket-client's end of the program (the window closed): after the
// connection's graceful disconnect, wait until every queued byte is written
// and the socket closed (a clean FIN, not a reset), or at most timeout(),
// after which the socket is aborted and what was still queued is reported.
// Either way finished() follows, once.
#pragma once

#include <QObject>
#include <QTimer>

class QSslSocket;

class GracefulClose : public QObject
{
    Q_OBJECT

public:
    // Default 2 s; --close-timeout.
    static constexpr int kDefaultTimeoutMs = 2000;

    GracefulClose(QSslSocket *socket, QObject *parent);

    int timeout() const { return m_timeoutMs; }
    void setTimeout(int ms) { m_timeoutMs = qMax(1, ms); }
    bool isActive() const { return m_active; }

    // Before the connection disconnects: from now on a socket error
    // counts as bytes lost.
    void begin();
    // After the disconnect: ends now when the socket is closed, else when
    // it closes or the timeout passes.
    void wait();
    // The socket failed while closing: what was queued then is lost.
    void noteError();

    // Bytes queued for the server, before and after encryption.
    static qint64 queuedBytes(const QSslSocket *socket);

Q_SIGNALS:
    // The timeout passed: the socket must be aborted now.
    void abortNeeded();
    // Over; unsent is what had to be dropped (0: all was written and the
    // socket closed cleanly).
    void finished(qint64 unsent);

private:
    void onSocketStateChanged();
    void onTimeout();
    void end(qint64 unsent);

    QSslSocket *m_socket;
    QTimer m_timer;
    int m_timeoutMs = kDefaultTimeoutMs;
    bool m_active = false;
    // Bytes still queued when the socket failed.
    qint64 m_lost = 0;
};
