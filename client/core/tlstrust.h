// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Which server certificate socket-client accepts, and why it refused one
// (docs/security.md). Without a pin the server is verified against the
// system CAs, or only the CAs of caFile(); with a pinned SHA-256
// fingerprint the certificate that has it is accepted instead, whether or
// not its chain verifies, and any other is refused. A refusal is recorded
// (rejectedFingerprint(), rejectedReason()) so that the user can be asked
// whether to trust that certificate.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>
#include <QStringList>

class QSslCertificate;

class TlsTrust
{
    Q_DECLARE_TR_FUNCTIONS(TlsTrust)

public:
    // A PEM file whose certificates replace the system CAs (empty: the
    // system CAs), made absolute when set.
    QString caFile() const { return m_caFile; }
    void setCaFile(const QString &path);
    // Any form CertificateFingerprint::normalized() reads; false (and no
    // pin) when it is not one.
    bool setPinnedFingerprint(const QString &fingerprint);
    QString pinnedFingerprint() const { return m_pin; }

    // The certificates of a PEM file; empty, with error set, when there are
    // none or the file cannot be read.
    static QList<QSslCertificate> readCaFile(const QString &path, QString *error);

    // The configuration of an attempt: the peer verified, against caFile()
    // when one is set. Empty problem when it can be used.
    QSslConfiguration configuration(QString *problem) const;

    // The handshake reported errors about certificate: true when it is
    // the pinned one (the errors are then to be ignored); else the refusal
    // is recorded.
    bool acceptDespite(const QSslCertificate &certificate, const QList<QSslError> &errors, const QString &peer);
    // The chain verified: false, with the refusal recorded, when a pin
    // names another certificate.
    bool acceptVerified(const QString &fingerprint);

    // The refused certificate's fingerprint and the reasons, cleared by
    // clearRejection() (each attempt).
    QString rejectedFingerprint() const { return m_rejectedFingerprint; }
    QString rejectedReason() const { return m_rejectedReason; }
    void clearRejection();
    // "TLS: <reasons> (SHA-256 <fingerprint>)".
    QString rejectionText() const;

private:
    void reject(const QString &fingerprint, const QStringList &reasons);
    QString pinMismatch() const;

    QString m_caFile;
    QString m_pin;
    QString m_rejectedFingerprint;
    QString m_rejectedReason;
};
