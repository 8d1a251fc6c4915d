// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The server window's Security box (docs/security.md): who may connect (the
// allow and deny lists), TLS (certificate, key, plain connections too) and
// the password. Each field applies through the ServerController: the access
// lists and the password when their field is left or Enter is pressed, the
// TLS files at the next start. What the user changes here is saved, field by
// field (ServerSettings); what the command line gave is shown and used, and
// saved only once the user changes that field.
#pragma once

#include "serversettings.h"

#include <QGroupBox>
#include <QPointer>

class QCheckBox;
class QFileDialog;
class QLabel;
class QLineEdit;
class QPushButton;
class ServerController;

class SecurityPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit SecurityPanel(ServerController *controller, QWidget *parent = nullptr);
    ~SecurityPanel() override;

    // The allow or deny field's text as a list of rules: split at spaces
    // and commas, empty parts dropped.
    static QStringList splitRules(const QString &text);
    // Shows a label's text in the colour of errors.
    static void markAsError(QLabel *label);

    // Applies what was typed and not yet applied (a field not yet left):
    // before a start.
    void applyPending();
    // The TLS files apply at a start: they cannot be changed while listening.
    void setListening(bool listening);

Q_SIGNALS:
    // What is in force changed (access lists, TLS files, the password).
    void changed();

private:
    // The allow or deny field: applied with the other list as it is in
    // force, or, when an entry is not a rule, not applied and the reason
    // shown. Returns whether the field's rules are in force.
    bool applyAccessList(QLineEdit *edit);
    void showAccessErrors();
    void applyTls();
    void browseForTlsFile(QLineEdit *edit, const QString &caption);
    void applyPassword();
    void updatePasswordPlaceholder();
    void save(ServerSettings::Fields fields) const;

    ServerController *m_controller;
    QLineEdit *m_allowEdit;
    QLineEdit *m_denyEdit;
    QLabel *m_accessErrorLabel;
    QString m_allowError; // why the allow field's text is not in force (empty: it is)
    QString m_denyError;
    QLineEdit *m_tlsCertEdit;
    QPushButton *m_tlsCertBrowseButton;
    QLineEdit *m_tlsKeyEdit;
    QPushButton *m_tlsKeyBrowseButton;
    QPointer<QFileDialog> m_fileDialog; // the open Browse… dialog, if any
    QCheckBox *m_allowPlaintextCheck;
    QLineEdit *m_passwordEdit;
    bool m_listening = false;
};
