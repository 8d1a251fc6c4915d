// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "tlstrust.h"

#include "certificatefingerprint.h"
#include "clientlogging.h"

#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslSocket>

void TlsTrust::setCaFile(const QString &path)
{
    m_caFile = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

bool TlsTrust::setPinnedFingerprint(const QString &fingerprint)
{
    m_pin = CertificateFingerprint::normalized(fingerprint);
    return !m_pin.isEmpty() || fingerprint.trimmed().isEmpty();
}

QList<QSslCertificate> TlsTrust::readCaFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the CA file %1: %2").arg(path, file.errorString());
        return {};
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        *error = tr("the CA file %1 holds no PEM certificate").arg(path);
    return certificates;
}

QSslConfiguration TlsTrust::configuration(QString *problem) const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!QSslSocket::supportsSsl()) {
        *problem = tr("TLS is not available: this Qt has no TLS backend");
    } else if (!m_caFile.isEmpty()) {
        // The file's certificates replace the system CAs (and switch off
        // their loading on demand).
        const QList<QSslCertificate> cas = readCaFile(m_caFile, problem);
        if (!cas.isEmpty())
            tls.setCaCertificates(cas);
    }
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return tls;
}

bool TlsTrust::acceptDespite(const QSslCertificate &certificate, const QList<QSslError> &errors,
                             const QString &peer)
{
    const QString seen = CertificateFingerprint::of(certificate);
    QStringList reasons;
    if (!m_pin.isEmpty()) {
        if (seen == m_pin) {
            // The very certificate the user pinned (or chose to trust): its
            // chain does not matter.
            qCInfo(lcClient).noquote() << "accepting the pinned certificate of" << peer << seen;
            return true;
        }
        reasons << pinMismatch();
    } else {
        for (const QSslError &error : errors) {
            QString reason;
            switch (error.error()) {
            case QSslError::SelfSignedCertificate:
                reason = tr("the certificate is self-signed and not trusted");
                break;
            case QSslError::SelfSignedCertificateInChain:
                reason = tr("the certificate chain ends in a self-signed certificate that is not trusted");
                break;
            default:
                reason = error.errorString();
                break;
            }
            if (!reasons.contains(reason))
                reasons << reason;
        }
    }
    reject(seen, reasons);
    qCDebug(lcClient).noquote() << "certificate of" << peer << seen << "refused:" << m_rejectedReason;
    return false;
}

bool TlsTrust::acceptVerified(const QString &fingerprint)
{
    if (m_pin.isEmpty() || fingerprint == m_pin)
        return true;
    // The chain verified, but this is not the pinned certificate.
    reject(fingerprint, {pinMismatch()});
    return false;
}

QString TlsTrust::pinMismatch() const
{
    return tr("the certificate does not match the pinned fingerprint %1").arg(m_pin);
}

void TlsTrust::reject(const QString &fingerprint, const QStringList &reasons)
{
    m_rejectedFingerprint = fingerprint;
    m_rejectedReason = reasons.join(QLatin1String("; "));
}

void TlsTrust::clearRejection()
{
    m_rejectedFingerprint.clear();
    m_rejectedReason.clear();
}

QString TlsTrust::rejectionText() const
{
    if (m_rejectedFingerprint.isEmpty())
        return tr("TLS: %1").arg(m_rejectedReason);
    return tr("TLS: %1 (SHA-256 %2)").arg(m_rejectedReason, m_rejectedFingerprint);
}
