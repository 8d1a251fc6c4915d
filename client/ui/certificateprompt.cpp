// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "certificateprompt.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

CertificatePrompt::CertificatePrompt(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("certificateBar"));
    setFrameShape(QFrame::StyledPanel);
    auto *barLayout = new QVBoxLayout(this);
    m_reasonLabel = new QLabel(this);
    m_reasonLabel->setObjectName(QStringLiteral("certificateReasonLabel"));
    m_reasonLabel->setAccessibleName(tr("Why the certificate was refused"));
    m_reasonLabel->setWordWrap(true);
    barLayout->addWidget(m_reasonLabel);
    auto *fingerprintRow = new QHBoxLayout;
    m_fingerprintEdit = new QLineEdit(this);
    m_fingerprintEdit->setObjectName(QStringLiteral("certificateFingerprintEdit"));
    m_fingerprintEdit->setReadOnly(true);
    m_trustButton = new QPushButton(tr("&Trust this certificate"), this);
    m_trustButton->setObjectName(QStringLiteral("trustCertificateButton"));
    auto *fingerprintLabel = new QLabel(tr("SHA-&256:"), this);
    fingerprintLabel->setBuddy(m_fingerprintEdit);
    m_fingerprintEdit->setAccessibleName(tr("Refused certificate's SHA-256 fingerprint"));
    fingerprintRow->addWidget(fingerprintLabel);
    fingerprintRow->addWidget(m_fingerprintEdit, 1);
    fingerprintRow->addWidget(m_trustButton);
    barLayout->addLayout(fingerprintRow);
    hide();
    connect(m_trustButton, &QPushButton::clicked, this, &CertificatePrompt::trust);
}

void CertificatePrompt::offer(const QString &peer, const QString &fingerprint, const QString &reason)
{
    m_fingerprint = fingerprint;
    m_peer = peer;
    // One arg() call: neither text may be read for placeholders.
    m_reasonLabel->setText(
        tr("The certificate of %1 was not accepted: %2. Trust it only if its fingerprint is the one the "
           "server's operator gave you.")
            .arg(peer, reason));
    m_fingerprintEdit->setText(fingerprint);
    // Opened at its start, which is what one compares first (setText()
    // leaves the cursor, and so the view, at the end).
    m_fingerprintEdit->setCursorPosition(0);
    show();
}

void CertificatePrompt::retract()
{
    m_fingerprint.clear();
    m_peer.clear();
    hide();
}

void CertificatePrompt::trust()
{
    if (m_fingerprint.isEmpty())
        return;
    const QString peer = m_peer;
    const QString fingerprint = m_fingerprint;
    m_fingerprint.clear();
    hide();
    Q_EMIT trusted(peer, fingerprint);
}
