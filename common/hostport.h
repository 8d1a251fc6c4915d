// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// "host:port" as both programs show it, with IPv6 literals in brackets:
// "127.0.0.1:8000", "[::1]:8000", "example.org:8000".
#pragma once

#include <QString>

inline QString hostPort(const QString &host, quint16 port)
{
    const bool ipv6 = host.contains(QLatin1Char(':'));
    return (ipv6 ? QLatin1Char('[') + host + QLatin1Char(']') : host) + QLatin1Char(':')
        + QString::number(port);
}
