// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The window's "Server" panel: the host, port, name, framing, password and
// TLS the next connection uses, kept in the profile (never the password).
// Its fields can be changed only while no connection is up or on its way.
#pragma once

#include "protocol.h"

#include <QGroupBox>

class ClientProfile;
class ElidedLabel;
class PortSpinBox;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSettings;

class ConnectionForm : public QGroupBox
{
    Q_OBJECT

public:
    ConnectionForm(ClientProfile *profile, QWidget *parent = nullptr);

    void loadSettings();
    // Saves the user's values (not those the command line set).
    void saveSettings(QSettings &settings);

    QString host() const;
    quint16 port() const;
    QString name() const;
    Protocol::Framing framing() const;
    QString password() const;
    void setPassword(const QString &password);
    bool tlsEnabled() const;
    void setTlsChecked(bool on);

    // From the command line, for this run only: saved only once the user
    // changes the field.
    void setHost(const QString &host);
    void setPort(quint16 port);
    void setName(const QString &name);
    void setFraming(Protocol::Framing framing);
    void setTlsEnabled(bool enabled);

    // idle: no connection is up or on its way, so the fields can change.
    void setIdle(bool idle);
    // What the connection's encryption is (empty while not connected).
    void setTlsText(const QString &text);

Q_SIGNALS:
    // Enter in a field: connect, as the button would.
    void submitted();
    // The host or port was edited.
    void serverEdited();
    void framingChanged();

private:
    ClientProfile *m_profile;
    QLineEdit *m_hostEdit;
    PortSpinBox *m_portSpinBox;
    QLabel *m_portErrorLabel;
    QLineEdit *m_nameEdit;
    QComboBox *m_framingCombo;
    QLineEdit *m_passwordEdit;
    QCheckBox *m_tlsCheck;
    ElidedLabel *m_tlsLabel;
};
