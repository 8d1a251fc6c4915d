// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "connectattempt.h"

#include "certificatefingerprint.h"
#include "clientconnection.h"
#include "clientlogging.h"
#include "protocol.h"
#include "tlsprotocolname.h"

#include <QSslSocket>

ConnectAttempt::ConnectAttempt(QSslSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_timer(this)
    , m_timeoutMs(Protocol::kDefaultConnectTimeoutMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectAttempt::onTimeout);
    connect(socket, &QSslSocket::connected, this, &ConnectAttempt::onConnected);
    connect(socket, &QSslSocket::encrypted, this, &ConnectAttempt::onEncrypted);
    // Direct: ignoreSslErrors() only counts from inside the slot.
    connect(socket, &QSslSocket::sslErrors, this, &ConnectAttempt::onSslErrors, Qt::DirectConnection);
}

QString ConnectAttempt::start(const QString &host, quint16 port, const QString &peer)
{
    m_peer = peer;
    m_peerFingerprint.clear();
    m_tlsVersion.clear();
    m_trust.clearRejection();
    m_handshaking = false;
    QSslConfiguration tls;
    if (m_tlsEnabled) {
        QString problem;
        tls = m_trust.configuration(&problem);
        if (!problem.isEmpty())
            return problem;
    }
    m_active = true;
    m_timer.start(m_timeoutMs);
    if (m_tlsEnabled) {
        m_socket->setSslConfiguration(tls);
        m_socket->connectToHostEncrypted(host, port);
    } else {
        m_socket->connectToHost(host, port);
    }
    return {};
}

void ConnectAttempt::stop()
{
    m_active = false;
    m_timer.stop();
}

void ConnectAttempt::onConnected()
{
    if (!m_active)
        return;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // A server host that vanishes is found by the kernel's probes even in
    // lines mode, which has no heartbeat.
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    if (m_tlsEnabled) {
        m_handshaking = true;
        return; // open once the handshake is over: onEncrypted()
    }
    stop();
    Q_EMIT opened();
}

void ConnectAttempt::onSslErrors(const QList<QSslError> &errors)
{
    if (!m_active)
        return;
    QSslCertificate certificate = m_socket->peerCertificate();
    if (certificate.isNull() && !errors.isEmpty())
        certificate = errors.constFirst().certificate();
    // Not ignored: the handshake fails next, and failure() names the
    // reasons recorded.
    if (m_trust.acceptDespite(certificate, errors, m_peer))
        m_socket->ignoreSslErrors(errors);
}

void ConnectAttempt::onEncrypted()
{
    if (!m_active)
        return;
    const QString seen = CertificateFingerprint::of(m_socket->peerCertificate());
    if (!m_trust.acceptVerified(seen)) {
        stop();
        Q_EMIT failed(tr("Could not connect to %1: %2").arg(m_peer, m_trust.rejectionText()));
        return;
    }
    m_handshaking = false;
    m_peerFingerprint = seen;
    m_tlsVersion = tlsProtocolName(m_socket->sessionProtocol());
    stop();
    Q_EMIT opened();
}

QString ConnectAttempt::failure(const QString &qtReason) const
{
    QString reason = qtReason;
    if (!m_trust.rejectedReason().isEmpty())
        reason = m_trust.rejectionText(); // the certificate, and why
    else if (m_handshaking && m_socket->peerCertificate().isNull())
        // No certificate came back: a plain server (socket-server without
        // TLS closes at once; a text service answers in text).
        reason = tr("the server does not speak TLS (%1): untick TLS").arg(qtReason);
    else if (m_tlsEnabled && m_socket->error() == QAbstractSocket::SslHandshakeFailedError)
        reason = tr("TLS: %1").arg(qtReason);
    else if (m_handshaking)
        reason = tr("TLS: the handshake did not complete: %1").arg(qtReason);
    return tr("Could not connect to %1: %2").arg(m_peer, reason);
}

void ConnectAttempt::onTimeout()
{
    if (!m_active)
        return;
    stop();
    if (m_tlsEnabled && m_socket->state() == QAbstractSocket::ConnectedState) {
        // A plain server that waits for its client to speak first answers
        // a ClientHello with nothing at all.
        const QString hint = m_socket->peerCertificate().isNull() ? tr(": the server may not speak TLS (untick TLS)")
                                                                  : QString();
        Q_EMIT failed(tr("Could not connect to %1: the TLS handshake did not finish within %2 s%3")
                          .arg(m_peer, Protocol::secondsText(m_timeoutMs), hint));
        return;
    }
    Q_EMIT failed(tr("Could not connect to %1: Connection timed out after %2 s")
                      .arg(m_peer, Protocol::secondsText(m_timeoutMs)));
}
