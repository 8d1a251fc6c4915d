// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "httpgate.h"

#include "websockethandshake.h"

#include <QFile>

namespace {

const char *reasonPhrase(int status)
{
    switch (status) {
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 426: return "Upgrade Required";
    case 431: return "Request Header Fields Too Large";
    }
    return "Error";
}

struct PageFile
{
    const char *path;
    const char *resource;
    const char *type;
};

constexpr PageFile kPageFiles[] = {
    { "/", ":/web/index.html", "text/html; charset=utf-8" },
    { "/index.html", ":/web/index.html", "text/html; charset=utf-8" },
    { "/app.js", ":/web/app.js", "text/javascript; charset=utf-8" },
    { "/style.css", ":/web/style.css", "text/css; charset=utf-8" },
};

QByteArray resourceBytes(const char *path)
{
    QFile file(QString::fromLatin1(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray httpResponse(int status, const QByteArray &type, const QByteArray &body, const QByteArray &extra)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n" + extra + "\r\n"
        + body;
}

} // namespace

HttpGate::HttpGate(bool secure, QStringList origins)
    : m_secure(secure)
    , m_origins(std::move(origins))
{
}

HttpGate::Outcome HttpGate::feed(QByteArrayView bytes)
{
    if (m_request.state() != HttpRequest::State::Incomplete)
        return m_response.isEmpty() ? Outcome::Waiting : Outcome::Respond;
    const qsizetype used = m_request.feed(bytes);
    switch (m_request.state()) {
    case HttpRequest::State::Incomplete:
        return Outcome::Waiting;
    case HttpRequest::State::Bad:
    case HttpRequest::State::TooLarge:
        m_summary = m_request.error();
        m_response = errorResponse(m_request.errorStatus(), m_request.error());
        return Outcome::Respond;
    case HttpRequest::State::Complete:
        break;
    }
    const QByteArray path = m_request.path();
    if (path == Protocol::kWebSocketPath) {
        const WebSocketHandshake handshake(m_request, m_secure, m_origins);
        if (handshake.accepted()) {
            m_response = handshake.response();
            m_leftover = bytes.sliced(used).toByteArray();
            m_summary = QStringLiteral("GET %1 101").arg(QString::fromLatin1(path));
            return Outcome::Upgrade;
        }
        m_summary = handshake.error();
        m_response = errorResponse(handshake.status(), handshake.error(), handshake.refusalHeaders());
        return Outcome::Respond;
    }
    answer();
    return Outcome::Respond;
}

void HttpGate::answer()
{
    const QByteArray path = m_request.path();
    for (const PageFile &file : kPageFiles) {
        if (path != file.path)
            continue;
        static const QByteArray csp = "Content-Security-Policy: " + contentSecurityPolicy()
            + "\r\nReferrer-Policy: no-referrer\r\nX-Frame-Options: DENY\r\n";
        m_response = httpResponse(200, file.type, resourceBytes(file.resource), csp);
        m_summary = QStringLiteral("GET %1 200").arg(QString::fromLatin1(path));
        return;
    }
    m_summary = QStringLiteral("GET %1 404").arg(QString::fromLatin1(path.left(200)));
    m_response = errorResponse(404, QStringLiteral("not found: only / and %1 are served")
                                        .arg(QLatin1String(Protocol::kWebSocketPath)));
}

QByteArray HttpGate::errorResponse(int status, const QString &text, const QByteArray &extraHeaders)
{
    return httpResponse(status, "text/plain; charset=utf-8",
                    QByteArray::number(status) + ' ' + reasonPhrase(status) + ": " + text.toUtf8() + '\n',
                    extraHeaders);
}

QByteArray HttpGate::contentSecurityPolicy()
{
    return "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
           "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}
