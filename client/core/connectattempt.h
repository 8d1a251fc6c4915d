// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// One attempt of socket-client's to open its connection: TCP, then, with
// TLS, the handshake and the check of the server's certificate (TlsTrust),
// all within the connect timeout. It reports opened() or failed() with
// words that name the fix where there is one ("the server does not speak
// TLS: untick TLS"). The socket is ClientConnection's; this only drives it
// until the connection is open.
#pragma once

#include "tlstrust.h"

#include <QObject>
#include <QTimer>

class QSslSocket;

class ConnectAttempt : public QObject
{
    Q_OBJECT

public:
    ConnectAttempt(QSslSocket *socket, QObject *parent);

    TlsTrust &trust() { return m_trust; }
    const TlsTrust &trust() const { return m_trust; }
    bool tlsEnabled() const { return m_tlsEnabled; }
    void setTlsEnabled(bool enabled) { m_tlsEnabled = enabled; }
    int timeout() const { return m_timeoutMs; }
    void setTimeout(int ms) { m_timeoutMs = qMax(1, ms); }

    // Opens the socket to host:port; peer is what messages call it. A
    // problem that keeps it from starting (a CA file that cannot be read,
    // no TLS backend) is returned, and nothing starts.
    QString start(const QString &host, quint16 port, const QString &peer);
    // Over: the timer stops, and the socket's reports are no longer ours.
    void stop();
    bool isActive() const { return m_active; }

    // The socket failed while the attempt was on: "Could not connect to
    // PEER: why", from Qt's reason.
    QString failure(const QString &qtReason) const;

    // Once opened with TLS: the server certificate's SHA-256 and the
    // protocol ("TLS 1.3"); empty otherwise.
    QString peerFingerprint() const { return m_peerFingerprint; }
    QString tlsVersion() const { return m_tlsVersion; }

Q_SIGNALS:
    // TCP is up, and with TLS the handshake is over and the certificate
    // was accepted.
    void opened();
    // The attempt failed: "Could not connect to PEER: why".
    void failed(const QString &message);

private:
    void onConnected();
    void onEncrypted();
    void onSslErrors(const QList<QSslError> &errors);
    void onTimeout();

    QSslSocket *m_socket;
    TlsTrust m_trust;
    QTimer m_timer;
    QString m_peer;
    bool m_active = false;
    bool m_tlsEnabled = false;
    // TCP is up, the TLS handshake is not over.
    bool m_handshaking = false;
    int m_timeoutMs;
    QString m_peerFingerprint;
    QString m_tlsVersion;
};
