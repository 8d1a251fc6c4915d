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

#include "serversnapshot.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>

#include <functional>

class BroadcastEdit;
class ClientTableModel;
class ElidedLabel;
class LogPane;
class PortSpinBox;
class QAction;
class QCheckBox;
class QComboBox;
class QFileDialog;
class QLabel;
class QLineEdit;
class QListView;
class QStandardItemModel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;
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
    // How often the status bar's totals (clients, messages and bytes a
    // second, in and out) are brought up to date.
    static constexpr int kTotalsIntervalMs = 500;
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

    // The allow or deny field's text as a list of rules: split at spaces
    // and commas, empty parts dropped.
    static QStringList splitRules(const QString &text);

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
    void liftBan();
    void showBans(const ServerSnapshot &snapshot);
    // Asks through the prompt; false also when a question is already open
    // or the window went away while it was.
    bool confirm(const QString &question);
    // "#3 alice", "#3 alice and #5", "#1, #2 and #3 carol": the clients by
    // id, as the table names them now.
    QString namedClients(const QList<quint32> &ids) const;
    // The allow or deny field: applied with the other list as it is in
    // force, or, when an entry is not a rule, not applied and the reason
    // shown. Returns whether the field's rules are in force.
    bool applyAccessList(QLineEdit *edit);
    void showAccessErrors();
    void applyTls();
    void browseForTlsFile(QLineEdit *edit, const QString &caption);
    void applyPassword();
    void updatePasswordPlaceholder();
    void showPortRefused(const QString &text);
    // "open: no password, no TLS" (all interfaces, no allow list),
    // "TLS, password required", "no TLS, no password", …
    QString securitySummary() const;
    // "all interfaces (IPv4 and IPv6), port 8000", "127.0.0.1:8000", with
    // "(any free port)" after it when port 0 was asked for.
    QString listeningPlace() const;
    QList<quint32> selectedIds() const;
    void updateState();
    // Takes the engine's counters and works out the rates since the last
    // sample (a timer's, a few times a second, while listening).
    void sampleTotals();
    void showTotals();
    void saveSettings() const;
    void fillAddresses();
    void fitColumns();

    ServerController *m_controller;
    ClientTableModel *m_model;
    QPlainTextEdit *m_ipView;
    PortSpinBox *m_portSpin;
    QLabel *m_actualPortLabel;
    QLabel *m_portErrorLabel;
    QComboBox *m_bindCombo;
    QComboBox *m_framingCombo;
    QComboBox *m_modeCombo;
    QLineEdit *m_welcomeEdit;
    QPushButton *m_startButton;
    QPushButton *m_stopButton;
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
    QStandardItemModel *m_bansModel;
    QListView *m_bansView;
    QPushButton *m_unbanButton;
    LogPane *m_logPane;
    QPushButton *m_closeButton;
    ElidedLabel *m_statusLabel;
    QLabel *m_totalsLabel;
    QTimer *m_totalsTimer;
    QElapsedTimer m_totalsClock; // since the last sample
    ServerSnapshot::Stats m_lastStats;
    quint64 m_messagesInPerSecond = 0;
    quint64 m_messagesOutPerSecond = 0;
    quint64 m_bytesInPerSecond = 0;
    quint64 m_bytesOutPerSecond = 0;
    ConfirmPrompt m_confirmPrompt;
    bool m_confirming = false;
    QString m_failure;
};
