// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The SocketServer form: binds widgets to the engine through a
// ServerController (queued commands in, snapshots out) and does nothing
// else. Object names are the UI contract the tests rely on.
//
// Kicks, bans and quitting with clients connected ask first, through a
// prompt that tests replace (setConfirmPrompt), so no modal dialog blocks a
// driven path. What is asked about is what is done: the ids selected when
// the question was asked, whatever the table shows by the time it is
// answered.
#pragma once

#include "serversettings.h"
#include "serversnapshot.h"

#include <QMainWindow>

#include <functional>

class BroadcastEdit;
class ClientTableModel;
class ElidedLabel;
class LogPane;
class PortSpinBox;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class SecurityPanel;
class TotalsLabel;
class ServerController;

class ServerWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Asks a yes-or-no question; true means go ahead.
    using ConfirmPrompt = std::function<bool(const QString &question)>;

    // Size of a first window, before any geometry was saved: wide enough
    // for every column of the client table (it fits a 1280x800 screen).
    static constexpr int kDefaultWidth = 1200;
    static constexpr int kDefaultHeight = 720;
    // "Disconnect and Ban": how long, by default and at most (a week).
    static constexpr int kDefaultBanMinutes = 10;
    static constexpr int kMaxBanMinutes = 7 * 24 * 60;
    // A question names at most this many clients, then says how many more.
    static constexpr int kMaxNamedClients = 5;
    // A client's name is cut to this many characters in a question.
    static constexpr int kMaxNameInQuestion = 40;

    explicit ServerWindow(ServerController *controller, QWidget *parent = nullptr);
    ~ServerWindow() override;

    ServerController *controller() const { return m_controller; }
    LogPane *logPane() const { return m_logPane; }

    // Replaces the message box that asks before a kick, a ban, or closing
    // the window while clients are connected.
    void setConfirmPrompt(ConfirmPrompt prompt) { m_confirmPrompt = std::move(prompt); }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void startListening();
    void stopListening();
    void sendToAll();
    void sendToSelected();
    void disconnectSelected();
    void banSelected();
    void filterLogToCurrentClient();
    // Asks through the prompt; false also when a question is already open
    // or the window went away while it was.
    bool confirm(const QString &question);
    // "#3 alice", "#3 alice and #5", "#1, #2 and #3 carol": the clients by
    // id, as the table names them now.
    QString namedClients(const QList<quint32> &ids) const;
    void showPortRefused(const QString &text);
    QList<quint32> selectedIds() const;
    void updateState();
    // The port (the one got, while listening) and the mode.
    void updateTitle();
    // Saves the fields the user just changed (never the others, which may
    // hold this run's command line).
    void saveSettings(ServerSettings::Fields fields) const;
    void fillAddresses();
    void fitColumns();

    ServerController *m_controller;
    ClientTableModel *m_model;
    QPlainTextEdit *m_ipView;
    PortSpinBox *m_portSpin;
    QLabel *m_actualPortLabel;
    QLabel *m_webPageLabel; // the page's address while listening, a link
    QLabel *m_portErrorLabel;
    QComboBox *m_bindCombo;
    QComboBox *m_framingCombo;
    QComboBox *m_modeCombo;
    QLineEdit *m_welcomeEdit;
    QPushButton *m_startButton;
    QPushButton *m_stopButton;
    SecurityPanel *m_securityPanel;
    QLabel *m_fingerprintCaption;
    QLabel *m_fingerprintLabel;
    QTableView *m_table;
    QAction *m_sendSelectedAction;
    QAction *m_disconnectAction;
    QAction *m_banAction;
    QAction *m_filterClientAction;
    BroadcastEdit *m_broadcastEdit;
    QPushButton *m_sendButton;
    QPushButton *m_sendSelectedButton;
    QPushButton *m_disconnectButton;
    QSpinBox *m_banMinutesSpin;
    QPushButton *m_banButton;
    LogPane *m_logPane;
    QPushButton *m_closeButton;
    ElidedLabel *m_statusLabel;
    TotalsLabel *m_totalsLabel;
    ConfirmPrompt m_confirmPrompt;
    bool m_confirming = false;
    QString m_failure;
};
