// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "websockethandshake.h"

#include "httprequest.h"

#include <QCryptographicHash>
#include <QUrl>

namespace {

// What it reports is English and never translated: the server sends it to
// the peer (an HTTP body; docs/protocol.md, section 10).

constexpr char kGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
// The key is 16 random bytes in base64.
constexpr int kKeyBytes = 16;

} // namespace

WebSocketHandshake::WebSocketHandshake(const HttpRequest &request, bool secure, const QStringList &allowedOrigins)
{
    if (request.method() != "GET" || request.version() != "HTTP/1.1") {
        refuse(400, QStringLiteral("a WebSocket handshake must be GET over HTTP/1.1"));
        return;
    }
    const QByteArray host = request.header("host");
    if (host.isEmpty()) {
        refuse(400, QStringLiteral("WebSocket handshake without a Host header"));
        return;
    }
    if (!request.headerHasToken("upgrade", "websocket") || !request.headerHasToken("connection", "upgrade")) {
        refuse(400, QStringLiteral("WebSocket handshake without Upgrade: websocket and Connection: Upgrade"));
        return;
    }
    if (request.header("sec-websocket-version") != "13") {
        refuse(426, QStringLiteral("WebSocket version %1 is not supported (13 is)")
                        .arg(QString::fromLatin1(request.header("sec-websocket-version").left(16))));
        return;
    }
    const QByteArray key = request.header("sec-websocket-key");
    const auto decoded = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kKeyBytes) {
        refuse(400, QStringLiteral("WebSocket handshake with a bad Sec-WebSocket-Key"));
        return;
    }
    const QByteArray origin = request.header("origin");
    if (!origin.isNull()) {
        const QString own = normalizedOrigin(QLatin1String(secure ? "https://" : "http://")
                                             + QString::fromLatin1(host));
        const QString given = normalizedOrigin(QString::fromLatin1(origin));
        bool allowed = !given.isEmpty() && given == own;
        for (const QString &o : allowedOrigins)
            allowed = allowed || (!given.isEmpty() && normalizedOrigin(o) == given);
        if (!allowed) {
            refuse(403, QStringLiteral("WebSocket from origin %1 refused (allowed: %2)")
                            .arg(QString::fromLatin1(origin.left(200)),
                                 (QStringList { own } + allowedOrigins).join(QLatin1String(", "))));
            return;
        }
    }
    m_accept = acceptKey(key);
}

void WebSocketHandshake::refuse(int status, const QString &error)
{
    m_status = status;
    m_error = error;
}

QByteArray WebSocketHandshake::response() const
{
    if (!accepted())
        return {};
    return "HTTP/1.1 101 Switching Protocols\r\n"
           "Upgrade: websocket\r\n"
           "Connection: Upgrade\r\n"
           "Sec-WebSocket-Accept: "
        + m_accept + "\r\n\r\n";
}

QByteArray WebSocketHandshake::refusalHeaders() const
{
    return m_status == 426 ? QByteArray("Sec-WebSocket-Version: 13\r\n") : QByteArray();
}

QByteArray WebSocketHandshake::acceptKey(QByteArrayView key)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(key);
    sha1.addData(QByteArrayView(kGuid, sizeof kGuid - 1));
    return sha1.result().toBase64();
}

QString WebSocketHandshake::normalizedOrigin(const QString &origin)
{
    const QUrl url(origin.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return {};
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    const int port = url.port(defaultPort);
    QString host = url.host(QUrl::FullyEncoded).toLower();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return scheme + QLatin1String("://") + host
        + (port == defaultPort ? QString() : QLatin1Char(':') + QString::number(port));
}
