// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The SocketClient window: the connection form, the connect row, the trust
// prompt, the message panel and the conversation, bound to a
// ClientController (the connection on its network thread). It sends
// commands, and renders the controller's status and the log's batches;
// it holds no socket logic of its own and does no work per message.
#pragma once

#include "clientcontroller.h"
#include "clientprofile.h"

#include <QMainWindow>

class CertificatePrompt;
class ConnectionForm;
class ElidedLabel;
class EventLog;
class LogPane;
class MessageComposer;
class QCheckBox;
class QPushButton;
class QTimer;
class ReceiveBacklog;

class ClientWindow : public QMainWindow
{
    Q_OBJECT

public:
    // The profile the window's settings are kept in: kDefaultProfile.
    explicit ClientWindow(QWidget *parent = nullptr);
    // Settings of its own for each profile (--profile, by default --name),
    // so that windows of different profiles do not overwrite each other's.
    // Trusted certificates are shared by all profiles.
    explicit ClientWindow(const QString &profile, QWidget *parent = nullptr);
    ~ClientWindow() override;

    // How often the counters in the status bar are asked for while
    // connected.
    static constexpr int kCountersIntervalMs = 500;

    static constexpr const char *kDefaultProfile = ClientProfile::kDefaultProfile;
    QString profile() const { return m_profile.name(); }
    // The settings key of one of a profile's values:
    // "profiles/alice/host". The profile name is percent-encoded.
    static QString settingsKey(const QString &profile, const QString &key)
    {
        return ClientProfile::settingsKey(profile, key);
    }

    // The connection, on its network thread, as the window sees it.
    ClientController *controller() const { return m_controller; }
    EventLog *log() const { return m_log; }
    // Holds the connection's reading while the log is behind (issue 22).
    ReceiveBacklog *receiveBacklog() const { return m_controller->receiveBacklog(); }
    LogPane *logPane() const { return m_logPane; }

    // Used by main.cpp to apply command-line options over the settings
    // (with the form's setters for the host, port, name, framing and TLS).
    // What they set is for this run only: the window saves a field only
    // once the user has changed it from what the command line put there.
    ConnectionForm *connectionForm() const { return m_form; }
    void setAutoReconnect(bool enabled);
    // A fingerprint to pin for every connection of this run (--tls-
    // fingerprint), instead of the certificates trusted in the settings.
    void setTlsFingerprint(const QString &fingerprint);

    // The settings key under which the certificate trusted for host:port is
    // kept: "tls/trusted/127.0.0.1:8443".
    static QString trustedCertificateKey(const QString &peerLabel)
    {
        return ClientProfile::trustedCertificateKey(peerLabel);
    }

Q_SIGNALS:
    // After the window was closed: the connection has ended, with every
    // queued byte written and a clean close, or after the connection's
    // shutdownTimeout() with unsentBytes dropped (and logged). main.cpp
    // quits the application on it.
    void closeFinished(qint64 unsentBytes);

public Q_SLOTS:
    // What "Connect To Server" does: takes the form's values, saves them,
    // and starts connecting.
    void connectToServer();

protected:
    void closeEvent(QCloseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void buildUi();
    // What the controller reports, in the log.
    void bindLog();
    void loadSettings();
    void saveSettings();
    void onStateChanged(ClientController::State state);
    void updateState();
    // Connected (or on the way): the form folds into the summary line
    // unless the user opened it (Connection setup).
    void updateFormVisibility(ClientController::State state);
    void updateCounters();
    QString statusText(ClientController::State state) const;
    // "alice @ 127.0.0.1:8000", or the peer alone.
    QString whoText() const;
    void trustCertificate(const QString &peer, const QString &fingerprint);

    ClientProfile m_profile;
    ClientController *m_controller;
    EventLog *m_log;

    ConnectionForm *m_form = nullptr;
    ElidedLabel *m_connectionSummaryLabel = nullptr;
    QPushButton *m_connectionSetupButton = nullptr;
    // The user's choice, or the default: folded once connected.
    bool m_formCollapsed = false;
    QPushButton *m_connectButton = nullptr;
    QPushButton *m_disconnectButton = nullptr;
    QCheckBox *m_autoReconnectCheck = nullptr;
    CertificatePrompt *m_certificatePrompt = nullptr;
    MessageComposer *m_composer = nullptr;
    LogPane *m_logPane = nullptr;
    QPushButton *m_closeButton = nullptr;
    ElidedLabel *m_statusLabel = nullptr;
    ElidedLabel *m_countersLabel = nullptr;
    QTimer *m_countersTimer = nullptr;
    // --tls-fingerprint, for this run.
    QString m_pinnedFingerprint;
};
