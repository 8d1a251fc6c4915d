// The SocketServer form: binds widgets to the engine through a
// ServerController (queued commands in, snapshots out) and does nothing
// else. Object names are the UI contract the tests rely on.
#pragma once

#include <QMainWindow>

class BroadcastEdit;
class ClientTableModel;
class ElidedLabel;
class LogPane;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QStandardItemModel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class ServerController;
struct ServerSnapshot;

class ServerWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Size of a first window, before any geometry was saved: wide enough
    // for every column of the client table (it fits a 1280x800 screen).
    static constexpr int kDefaultWidth = 1200;
    static constexpr int kDefaultHeight = 720;
    // "Disconnect and Ban": how long, by default and at most (a week).
    static constexpr int kDefaultBanMinutes = 10;
    static constexpr int kMaxBanMinutes = 7 * 24 * 60;

    explicit ServerWindow(ServerController *controller, QWidget *parent = nullptr);
    ~ServerWindow() override;

    ServerController *controller() const { return m_controller; }
    LogPane *logPane() const { return m_logPane; }

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
    void liftBan();
    void showBans(const ServerSnapshot &snapshot);
    // The allow or deny field: applied with the other list as it is in
    // force, or, when an entry is not a rule, not applied and the reason
    // shown. Returns whether the field's rules are in force.
    bool applyAccessList(QLineEdit *edit);
    void showAccessErrors();
    void applyTls();
    void browseForTlsFile(QLineEdit *edit, const QString &caption);
    void applyPassword();
    void updatePasswordPlaceholder();
    // "open: no password, no TLS" (all interfaces, no allow list),
    // "TLS, password required", "no TLS, no password", …
    QString securitySummary() const;
    QList<quint32> selectedIds() const;
    void updateState();
    void saveSettings() const;
    void fillAddresses();
    void fitColumns();

    ServerController *m_controller;
    ClientTableModel *m_model;
    QPlainTextEdit *m_ipView;
    QSpinBox *m_portSpin;
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
    QCheckBox *m_allowPlaintextCheck;
    QLineEdit *m_passwordEdit;
    QLabel *m_fingerprintCaption;
    QLabel *m_fingerprintLabel;
    QTableView *m_table;
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
    QString m_failure;
};
