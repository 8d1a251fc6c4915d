// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "listeningsummary.h"

#include "servercontroller.h"

#include <QHostAddress>

namespace {

bool isAnyAddress(const QHostAddress &a)
{
    return a == QHostAddress(QHostAddress::Any) || a == QHostAddress(QHostAddress::AnyIPv4)
        || a == QHostAddress(QHostAddress::AnyIPv6);
}

} // namespace

QString ListeningSummary::text(const ServerController &controller)
{
    const int n = controller.clientCount();
    const QString clients = tr("%n client(s)", nullptr, n);
    // Says plainly when anyone can join and read along.
    return tr("Listening on %1 — %2 — %3").arg(place(controller), security(controller), clients);
}

QString ListeningSummary::security(const ServerController &controller)
{
    const ServerOptions &o = controller.options();
    const bool tls = !controller.tlsFingerprint().isEmpty();
    const bool password = controller.hasPassword();
    if (!tls && !password && o.allow.isEmpty() && isAnyAddress(ServerOptions::bindAddress(o.bind)))
        return tr("open: no password, no TLS");
    const QString tlsText = !tls ? tr("no TLS") : o.allowPlaintext ? tr("TLS or plain") : tr("TLS");
    const QString passwordText = password ? tr("password required") : tr("no password");
    return tr("%1, %2").arg(tlsText, passwordText);
}


QUrl ListeningSummary::webPage(const ServerController &controller)
{
    const QHostAddress bind = ServerOptions::bindAddress(controller.options().bind);
    QUrl url;
    url.setScheme(controller.tlsFingerprint().isEmpty() ? QStringLiteral("http") : QStringLiteral("https"));
    url.setHost(isAnyAddress(bind) || bind.isNull() ? QStringLiteral("localhost") : bind.toString());
    url.setPort(controller.serverPort());
    url.setPath(QStringLiteral("/"));
    return url;
}

QString ListeningSummary::place(const ServerController &controller)
{
    const QHostAddress bind = ServerOptions::bindAddress(controller.options().bind);
    const QString port = QString::number(controller.serverPort());
    QString place;
    // QHostAddress::Any is both IPv4 and IPv6; AnyIPv6 ("::") IPv6 only.
    if (bind == QHostAddress(QHostAddress::Any))
        place = tr("all interfaces (IPv4 and IPv6), port %1").arg(port);
    else if (bind == QHostAddress(QHostAddress::AnyIPv4))
        place = tr("all IPv4 interfaces, port %1").arg(port);
    else if (bind == QHostAddress(QHostAddress::AnyIPv6))
        place = tr("all IPv6 interfaces, port %1").arg(port);
    else
        place = controller.listenAddressText();
    if (controller.options().port == 0)
        place = tr("%1 (any free port)").arg(place);
    return place;
}
