// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// One entry of an allow or deny list (docs/security.md): an address, or a
// CIDR range, with ncat's semantics. The window and the command line check
// what a person typed with parse(); the engine's AccessPolicy matches
// connections against the rules.
#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

struct AccessRule
{
    QHostAddress network;
    int prefixLength = -1; // the whole address
    // "10.0.0.0/8", "::1": as given, for messages and the window.
    QString text;

    // "127.0.0.2", "10.0.0.0/8", "::1", "fd00::/8". Returns nothing, with
    // *error saying why, for anything else (host names are not looked up:
    // an access rule must not depend on DNS).
    static std::optional<AccessRule> parse(const QString &text, QString *error = nullptr);
    bool matches(const QHostAddress &address) const;

    // IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, what a dual-stack socket
    // reports) as the IPv4 address, and without a scope id.
    static QHostAddress normalized(const QHostAddress &address);
};
