// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "tlsconfigloader.h"

#include "certificatefingerprint.h"
#include "serveroptions.h"
#include "tlscontext.h"

#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

std::shared_ptr<const TlsContext> TlsConfigLoader::load(const ServerOptions &options, QString *fingerprint,
                                                        QString *error, QString *warning)
{
    fingerprint->clear();
    error->clear();
    warning->clear();
    if (!options.tlsEnabled())
        return nullptr;
    if (options.tlsCertFile.isEmpty() || options.tlsKeyFile.isEmpty()) {
        *error = tr("TLS needs both a certificate and a key file");
        return nullptr;
    }
    if (!QSslSocket::supportsSsl()) {
        *error = tr("TLS is not available here: Qt found no TLS backend (%1)")
                     .arg(QSslSocket::sslLibraryVersionString());
        return nullptr;
    }
    QFile certFile(options.tlsCertFile);
    if (!certFile.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the TLS certificate %1: %2").arg(options.tlsCertFile, certFile.errorString());
        return nullptr;
    }
    const QByteArray certPem = certFile.readAll();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = tr("the TLS certificate %1 holds no PEM certificate").arg(options.tlsCertFile);
        return nullptr;
    }
    QFile keyFile(options.tlsKeyFile);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the TLS key %1: %2").arg(options.tlsKeyFile, keyFile.errorString());
        return nullptr;
    }
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : { QSsl::Ec, QSsl::Rsa, QSsl::Dsa }) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = tr("the TLS key %1 holds no unencrypted PEM private key (RSA, EC or DSA)")
                     .arg(options.tlsKeyFile);
        return nullptr;
    }
    const QSslCertificate &leaf = chain.constFirst();
    if (leaf.expiryDate() < QDateTime::currentDateTimeUtc())
        *warning = tr("The TLS certificate %1 expired on %2").arg(options.tlsCertFile, leaf.expiryDate().toString(Qt::ISODate));
    QString tlsError;
    std::shared_ptr<const TlsContext> context = TlsContext::create(certPem, keyPem, &tlsError);
    if (!context) {
        *error = tr("cannot use the TLS certificate %1 with the key %2: %3")
                     .arg(options.tlsCertFile, options.tlsKeyFile, tlsError);
        return nullptr;
    }
    *fingerprint = CertificateFingerprint::of(leaf);
    return context;
}
