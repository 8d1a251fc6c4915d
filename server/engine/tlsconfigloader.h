// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Reads a server's TLS certificate and key (PEM files named by the
// options), checks them with Qt (for clear errors and the fingerprint) and
// makes the OpenSSL context its connections are served with (tlscontext.h).
#pragma once

#include <QCoreApplication>
#include <QString>

#include <memory>

struct ServerOptions;
class TlsContext;

class TlsConfigLoader
{
    Q_DECLARE_TR_FUNCTIONS(TlsConfigLoader)

public:
    // Null, with an empty *error, when the options turn TLS off; null with
    // *error (naming the file and why) when the files cannot be used. Else
    // the context, *fingerprint the certificate's SHA-256 and
    // *warning, when not empty, something to log (an expired certificate).
    static std::shared_ptr<const TlsContext> load(const ServerOptions &options, QString *fingerprint,
                                                  QString *error, QString *warning);
};
