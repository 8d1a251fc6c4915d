// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Throwaway TLS certificates for tests, made at test time with the real
// `openssl req` (no certificate is committed): an EC P-256 key and a
// self-signed certificate for 127.0.0.1 (CN and subjectAltName), valid for a
// day, which can serve as its own CA file.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

struct TestCertificate
{
    QString certFile;
    QString keyFile;
    // SHA-256 of the DER certificate, as "AB:CD:…" (openssl's -fingerprint).
    QString sha256;
    QString error;

    bool isValid() const { return error.isEmpty(); }

    // Writes <dir>/<stem>.crt and <dir>/<stem>.key. error says why not.
    static TestCertificate make(const QString &dir, const QString &stem = QStringLiteral("server"),
                                const QString &commonName = QStringLiteral("127.0.0.1"))
    {
        TestCertificate c;
        c.certFile = dir + QLatin1Char('/') + stem + QLatin1String(".crt");
        c.keyFile = dir + QLatin1Char('/') + stem + QLatin1String(".key");
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty()) {
            c.error = QStringLiteral("openssl is not installed");
            return c;
        }
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(openssl, { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                           QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                           QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                           QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                           QLatin1String("/CN=") + commonName, QStringLiteral("-addext"),
                           QLatin1String("subjectAltName=IP:") + commonName, QStringLiteral("-keyout"),
                           c.keyFile, QStringLiteral("-out"), c.certFile });
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            c.error = QStringLiteral("openssl req failed: ") + QString::fromLocal8Bit(p.readAll());
            return c;
        }
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(c.certFile);
        if (certs.isEmpty()) {
            c.error = QStringLiteral("openssl wrote no readable certificate");
            return c;
        }
        c.sha256 = QString::fromLatin1(certs.first().digest(QCryptographicHash::Sha256).toHex(':').toUpper());
        return c;
    }
};
