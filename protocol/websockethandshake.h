// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server's answer to a WebSocket opening handshake (RFC 6455, 4.2): a
// complete HttpRequest for the WebSocket path either upgrades (101, with
// Sec-WebSocket-Accept) or is refused with a status and a reason. Origins
// are checked against cross-site WebSocket hijacking: a request with an
// Origin header is accepted only when the origin is the page's own (the
// scheme of the connection and its Host header) or one of the extra
// allowed origins (--ws-origin). A request without Origin is not from a
// browser, and is accepted. docs/protocol.md, section 10.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

class HttpRequest;

class WebSocketHandshake
{
public:
    // secure: the connection is TLS (the page's origin is https://Host).
    WebSocketHandshake(const HttpRequest &request, bool secure, const QStringList &allowedOrigins = {});

    bool accepted() const { return m_status == 101; }
    // 101, or 400 (malformed), 403 (origin), 426 (version).
    int status() const { return m_status; }
    // Why it was refused, for the log and the response body.
    const QString &error() const { return m_error; }
    // The 101 response to send (empty when refused).
    QByteArray response() const;
    // Extra header lines a refusal carries (426: Sec-WebSocket-Version).
    QByteArray refusalHeaders() const;

    // base64(SHA-1(key + the RFC's GUID)).
    static QByteArray acceptKey(QByteArrayView key);
    // An Origin header value in the form browsers send: lower-case scheme
    // and host, no default port, no trailing slash.
    static QString normalizedOrigin(const QString &origin);

private:
    void refuse(int status, const QString &error);

    int m_status = 101;
    QString m_error;
    QByteArray m_accept;
};
