// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The SocketClient form: binds its widgets to a ClientConnection and logs
// what happens to an EventLog. It holds no socket logic of its own.
#pragma once

#include "clientconnection.h"

#include <QHash>
#include <QMainWindow>
#include <QVariant>

class ElidedLabel;
class EventLog;
class LogPane;
class MessageEdit;
class PortSpinBox;
class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
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

    // How often the counters in the status bar are read while connected.
    static constexpr int kCountersIntervalMs = 500;

    static constexpr char kDefaultProfile[] = "default";
    QString profile() const { return m_profile; }
    // The settings key of one of a profile's values:
    // "profiles/alice/host". The profile name is percent-encoded.
    static QString settingsKey(const QString &profile, const QString &key);

    ClientConnection *connection() const { return m_connection; }
    EventLog *log() const { return m_log; }
    // Holds the connection's reading while the log is behind (issue 22).
    ReceiveBacklog *receiveBacklog() const { return m_receiveBacklog; }
    LogPane *logPane() const { return m_logPane; }

    // Used by main.cpp to apply command-line options over the settings.
    // What they set is for this run only: the window saves a field only
    // once the user has changed it from what the command line put there.
    void setHost(const QString &host);
    void setPort(quint16 port);
    void setName(const QString &name);
    void setFraming(Protocol::Framing framing);
    void setAutoReconnect(bool enabled);
    void setTlsEnabled(bool enabled);
    // A fingerprint to pin for every connection of this run (--tls-
    // fingerprint), instead of the certificates trusted in the settings.
    void setTlsFingerprint(const QString &fingerprint);

    // The settings key under which the certificate trusted for host:port is
    // kept: "tls/trusted/127.0.0.1:8443".
    static QString trustedCertificateKey(const QString &peerLabel);

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
    void loadSettings();
    void saveSettings();
    // This profile's value, or (default profile) the one saved before
    // profiles, or defaultValue.
    QVariant loadValue(const QSettings &s, const QString &key, const QVariant &defaultValue) const;
    void saveValue(const QString &key, const QVariant &value) const;
    void sendMessage();
    ClientConnection::LineEnding selectedLineEnding() const;
    // The message's bytes as the send options make them (escapes, line
    // breaks); false, with error set, for a bad escape.
    bool encodeMessage(const QString &text, QByteArray *bytes, QString *error) const;
    void updateState();
    // Connected (or on the way): the form folds into the summary line
    // unless the user opened it (Connection setup).
    void updateFormVisibility(ClientConnection::State state);
    void updateCountdown(int remaining);
    void updateCounters();
    void logReceived(const Message &message);
    // Lines: the length of a relayed line's "#3 carol: " prefix (its sender
    // in senderId), or 0.
    static qsizetype relayPrefixLength(const QString &line, quint32 *senderId);
    // Lines: the client a notice line such as "* left #4: ..." is about, or 0.
    static quint32 noticeSubject(const QString &line);
    // Shows why the message box refused input or a send (empty: hides it).
    void showMessageError(const QString &error);
    Protocol::Framing selectedFraming() const;
    // A certificate was refused: offer to trust it.
    void showRejectedCertificate();
    void trustRejectedCertificate();
    // The host or port was edited: the prompt, and what it offered, go.
    void retractRejectedCertificate();

    QString m_profile;
    // The values the command line set, by settings key: not saved while
    // their field still holds them.
    QHash<QString, QVariant> m_runOnly;
    ClientConnection *m_connection;
    EventLog *m_log;
    ReceiveBacklog *m_receiveBacklog = nullptr;

    QWidget *m_serverBox = nullptr;
    ElidedLabel *m_connectionSummaryLabel = nullptr;
    QPushButton *m_connectionSetupButton = nullptr;
    // The user's choice, or the default: folded once connected.
    bool m_formCollapsed = false;
    QLineEdit *m_hostEdit = nullptr;
    PortSpinBox *m_portSpinBox = nullptr;
    QLabel *m_portErrorLabel = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QComboBox *m_framingCombo = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QCheckBox *m_tlsCheck = nullptr;
    ElidedLabel *m_tlsLabel = nullptr;
    QPushButton *m_connectButton = nullptr;
    QPushButton *m_disconnectButton = nullptr;
    QCheckBox *m_autoReconnectCheck = nullptr;
    MessageEdit *m_messageEdit = nullptr;
    QPushButton *m_sendButton = nullptr;
    QLabel *m_messageErrorLabel = nullptr;
    QCheckBox *m_escapesCheck = nullptr;
    QComboBox *m_lineEndingCombo = nullptr;
    LogPane *m_logPane = nullptr;
    QPushButton *m_closeButton = nullptr;
    ElidedLabel *m_statusLabel = nullptr;
    ElidedLabel *m_countersLabel = nullptr;
    QTimer *m_countersTimer = nullptr;
    // The trust prompt: shown when a certificate was refused.
    QFrame *m_certificateBar = nullptr;
    QLabel *m_certificateReasonLabel = nullptr;
    QLineEdit *m_certificateFingerprintEdit = nullptr;
    QPushButton *m_trustCertificateButton = nullptr;
    // The refused certificate and whose it was ("host:port").
    QString m_rejectedFingerprint;
    QString m_rejectedPeer;
    // --tls-fingerprint, for this run.
    QString m_pinnedFingerprint;
};
