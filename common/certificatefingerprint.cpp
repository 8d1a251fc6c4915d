// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "certificatefingerprint.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSslCertificate>

namespace CertificateFingerprint {

QString of(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString normalized(const QString &text)
{
    QString hex = text.trimmed();
    const QLatin1String opensslPrefix("sha256 fingerprint=");
    if (hex.startsWith(opensslPrefix, Qt::CaseInsensitive))
        hex = hex.mid(opensslPrefix.size());
    hex.remove(QLatin1Char(':'));
    static const QRegularExpression sha256(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    if (!sha256.match(hex).hasMatch())
        return {};
    return QString::fromLatin1(QByteArray::fromHex(hex.toLatin1()).toHex(':').toUpper());
}

} // namespace CertificateFingerprint
