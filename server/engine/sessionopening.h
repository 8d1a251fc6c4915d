// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#pragma once

#include "framingsniffer.h"
#include "protocol.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

class ClientSession;
class HttpGate;

// How a connection's first bytes choose what it speaks: TLS or plain (and
// the TLS handshake, its memory counted in the budget until it ends), then
// HTTP (a page or a WebSocket upgrade), lines or frames, within the framing
// grace period; and the greeting in the framing chosen. Until then the
// bytes it sent wait here. Part of a ClientSession, on its thread.
class SessionOpening
{
public:
    explicit SessionOpening(ClientSession &session);
    ~SessionOpening();
    SessionOpening(const SessionOpening &) = delete;
    SessionOpening &operator=(const SessionOpening &) = delete;

    // The framing at once when the configuration forces it and TLS cannot
    // come first; otherwise the grace period starts.
    void start();
    // The framing grace timer's id (0: not running).
    int graceTimerId() const { return m_graceTimerId; }
    void graceOver();
    void stopGraceTimer();

    // TLS: a first byte that starts a handshake (peeked, so that OpenSSL
    // reads the ClientHello whole) starts it; true when it did.
    bool startTlsIfAsked();
    // Goes on with a handshake; true once it is done and the session lives.
    bool shakeHands();

    // Bytes read while no framing is chosen: kept to decide, or an HTTP
    // request's.
    void feed(QByteArrayView bytes);
    // The peer ended its input before a framing was chosen: true when that
    // ended the session.
    bool inputEnded();
    // The session is closing before a framing was chosen: the goodbye waits
    // for one, or there is none to give (HTTP).
    void closing();

    bool isHttp() const { return m_http != nullptr; }
    void answerHttp(const QByteArray &response, const QString &reason);
    // Bytes of a frames client's magic received so far, while it is awaited.
    qsizetype heldBytes() const { return m_held.size(); }

private:
    void sniff(QByteArrayView first, FramingSniffer::Moment moment);
    void decide(Protocol::Framing detected);
    void setFraming(Protocol::Framing framing);
    void startTls();
    // A running TLS handshake holds a charge in the budget and a turn in
    // the HandshakeGate (m_handshakeCharge > 0 while it does). Gives both
    // back: false if it held none.
    bool giveBackHandshake();
    // The handshake ended: giveBackHandshake(), and the host hears that
    // the budget has room again.
    void endHandshake();
    void onEncrypted();
    void passTlsGate();
    void startHttp();
    void feedHttp(QByteArrayView bytes);

    ClientSession &m_session;
    QByteArray m_held; // what it sent while the framing is unknown
    std::unique_ptr<HttpGate> m_http; // while an HTTP request is read or answered
    qsizetype m_handshakeCharge = 0; // a running TLS handshake's memory, in the budget
    int m_graceTimerId = 0;
    bool m_awaitingMagic = false; // past the grace with a proper prefix of the magic
};
