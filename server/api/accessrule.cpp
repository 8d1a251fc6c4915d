// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "accessrule.h"

#include <QCoreApplication>

#include <arpa/inet.h>

namespace {

// ::ffff:a.b.c.d only (QHostAddress::toIPv4Address() takes :: for
// 0.0.0.0 too, which would make ::/0 match every IPv4 address).
bool isV4Mapped(const QHostAddress &address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    const Q_IPV6ADDR a = address.toIPv6Address();
    for (int i = 0; i < 10; ++i) {
        if (a[i] != 0)
            return false;
    }
    return a[10] == 0xff && a[11] == 0xff;
}

// "10.0.0", "010.0.0.1" (octal) and "0x7f.0.0.1" are addresses to
// inet_aton(), and so to QHostAddress; as a rule each would be a surprise.
// An IPv4 rule is four decimal numbers without leading zeros, as
// inet_pton() reads them.
bool isStrictAddress(const QString &text)
{
    if (text.contains(u':'))
        return true; // IPv6 text has one reading
    in_addr parsed {};
    return ::inet_pton(AF_INET, text.toLatin1().constData(), &parsed) == 1;
}

} // namespace

QHostAddress AccessRule::normalized(const QHostAddress &address)
{
    if (isV4Mapped(address))
        return QHostAddress(address.toIPv4Address());
    QHostAddress plain = address;
    plain.setScopeId(QString());
    return plain;
}

std::optional<AccessRule> AccessRule::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    const auto fail = [&](const QString &why) -> std::optional<AccessRule> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    AccessRule rule;
    rule.text = trimmed;
    const QString invalid = QCoreApplication::translate("AccessPolicy", "%1 is not an address or a CIDR range")
                                .arg(trimmed);
    if (!isStrictAddress(trimmed.left(trimmed.indexOf(QLatin1Char('/')))))
        return fail(invalid);
    if (trimmed.contains(QLatin1Char('/'))) {
        const std::pair<QHostAddress, int> subnet = QHostAddress::parseSubnet(trimmed);
        if (subnet.first.isNull() || subnet.second < 0)
            return fail(invalid);
        rule.network = subnet.first;
        rule.prefixLength = subnet.second;
        // ::ffff:10.0.0.0/104 is the IPv4 range 10.0.0.0/8.
        if (isV4Mapped(subnet.first) && subnet.second >= 96) {
            rule.network = normalized(subnet.first);
            rule.prefixLength = subnet.second - 96;
        }
        return rule;
    }
    const QHostAddress address(trimmed);
    if (address.isNull())
        return fail(invalid);
    rule.network = normalized(address);
    return rule;
}

bool AccessRule::matches(const QHostAddress &address) const
{
    const QHostAddress a = normalized(address);
    if (prefixLength < 0)
        return a == network;
    return a.isInSubnet(network, prefixLength);
}
