// Reads a server's TLS certificate and key (PEM files named by the
// options) into the QSslConfiguration its connections use.
#pragma once

#include <QCoreApplication>
#include <QSslConfiguration>
#include <QString>

#include <memory>

struct ServerOptions;

class TlsConfigLoader
{
    Q_DECLARE_TR_FUNCTIONS(TlsConfigLoader)

public:
    // Null, with an empty *error, when the options turn TLS off; null with
    // *error (naming the file and why) when the files cannot be used. Else
    // the configuration, *fingerprint the certificate's SHA-256 and
    // *warning, when not empty, something to log (an expired certificate).
    static std::shared_ptr<const QSslConfiguration> load(const ServerOptions &options, QString *fingerprint,
                                                         QString *error, QString *warning);
};
