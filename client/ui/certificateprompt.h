// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The trust prompt: part of the window, not a dialog, shown when the
// server's certificate was refused. It says why, shows the fingerprint in a
// read-only field (so that it can be selected, copied and compared however
// narrow the window), and offers to trust that certificate for that server.
#pragma once

#include <QFrame>
#include <QString>

class QLabel;
class QLineEdit;
class QPushButton;

class CertificatePrompt : public QFrame
{
    Q_OBJECT

public:
    explicit CertificatePrompt(QWidget *parent = nullptr);

    // The certificate of peer ("host:port") was refused for reason.
    void offer(const QString &peer, const QString &fingerprint, const QString &reason);
    // Hides the prompt, and what it offered goes: not even a click that
    // reaches the hidden button (a shortcut, an accessibility tool) trusts
    // anything.
    void retract();

Q_SIGNALS:
    // The user chose to trust fingerprint for peer.
    void trusted(const QString &peer, const QString &fingerprint);

private:
    void trust();

    QLabel *m_reasonLabel;
    QLineEdit *m_fingerprintEdit;
    QPushButton *m_trustButton;
    QString m_fingerprint;
    QString m_peer;
};
