// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "federationaddress.h"

#include <QHostAddress>
#include <QRegularExpression>

std::optional<FederationAddress> FederationAddress::parse(const QString &url, QString *why)
{
    // Parsed by hand: QUrl would want a user name before ":PASSWORD@". The
    // password runs to the last "@" (it may hold one).
    static const QRegularExpression form(
        QStringLiteral(R"(^redis://(?::(.*)@)?(\[[0-9A-Fa-f:.]+\]|[^:/@\[\]]+):(\d{1,5})(?:/([A-Za-z0-9_.-]{1,64}))?/?$)"));
    const QRegularExpressionMatch m = form.match(url);
    if (!m.hasMatch()) {
        *why = QStringLiteral("not redis://[:PASSWORD@]HOST:PORT[/NAME]");
        return std::nullopt;
    }
    FederationAddress a;
    a.password = m.captured(1);
    a.host = m.captured(2);
    if (a.host.startsWith(QLatin1Char('[')))
        a.host = a.host.mid(1, a.host.size() - 2);
    if (QHostAddress(a.host).isNull()) {
        *why = QStringLiteral("the host must be an IP address, not %1").arg(a.host);
        return std::nullopt;
    }
    const int port = m.captured(3).toInt();
    if (port < 1 || port > 65535) {
        *why = QStringLiteral("the port must be from 1 to 65535");
        return std::nullopt;
    }
    a.port = quint16(port);
    if (!m.captured(4).isEmpty())
        a.name = m.captured(4);
    return a;
}

namespace {

QString hostPart(const QString &host)
{
    return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

} // namespace

QString FederationAddress::displayText() const
{
    return QStringLiteral("redis://%1:%2/%3").arg(hostPart(host)).arg(port).arg(name);
}

QString FederationAddress::withPassword(const QString &secret) const
{
    return QStringLiteral("redis://:%1@%2:%3/%4").arg(secret, hostPart(host)).arg(port).arg(name);
}
