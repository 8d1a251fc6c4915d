// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What a connection that opened with "GET " gets (docs/protocol.md, section
// 10): its request head is read (bounded, HttpRequest), then it is either
// answered and closed (the page and its files, 404, 400, 431, a refused
// WebSocket handshake) or upgraded to WebSocket (the 101 answer, and the
// bytes the client sent after its head, for the WebSocket codec). No
// sockets here: ClientSession feeds it and sends what it says.
#pragma once

#include "httprequest.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

class HttpGate
{
public:
    enum class Outcome : quint8 { Waiting, Respond, Upgrade };

    // secure: the connection is TLS (the page's origin is https://).
    // origins: origins allowed besides the page's own (--ws-origin).
    HttpGate(bool secure, QStringList origins);

    Outcome feed(QByteArrayView bytes);
    // What to send: the answer and close (Respond), or the 101 (Upgrade).
    const QByteArray &response() const { return m_response; }
    // Upgrade: the bytes after the head.
    const QByteArray &leftover() const { return m_leftover; }
    // For the log: "GET / 200", "GET /x 404", the reason of a refusal.
    const QString &summary() const { return m_summary; }
    const HttpRequest &request() const { return m_request; }

    // An answer with a short text body, and Connection: close.
    static QByteArray errorResponse(int status, const QString &text, const QByteArray &extraHeaders = {});
    // The Content-Security-Policy the page is sent with: script and style
    // from its own origin only (no inline script), connections to it only.
    static QByteArray contentSecurityPolicy();

private:
    void answer();

    const bool m_secure;
    const QStringList m_origins;
    HttpRequest m_request;
    QByteArray m_response;
    QByteArray m_leftover;
    QString m_summary;
};
