// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Where a federated server finds Redis: --federate
// redis://[:PASSWORD@]HOST:PORT[/NAME] (docs/federation.md). HOST is an IP
// address (hiredis resolves names with a blocking call); NAME (default
// "default") lets several federations share one Redis. The password may
// instead come from the environment (kPasswordEnvironmentVariable); it is
// never logged: displayText() leaves it out.
#pragma once

#include <QString>

#include <optional>

struct FederationAddress
{
    static inline const char kPasswordEnvironmentVariable[] = "SOCKETHUB_REDIS_PASSWORD";
    static inline const char kDefaultName[] = "default";

    QString host;
    quint16 port = 6379;
    QString password;
    QString name = QString::fromLatin1(kDefaultName);

    // Nothing, and why, when url is not such an address.
    static std::optional<FederationAddress> parse(const QString &url, QString *why);
    // "redis://127.0.0.1:6379/default", without the password.
    QString displayText() const;
    // The URL again, with this password in it.
    QString withPassword(const QString &password) const;
};
