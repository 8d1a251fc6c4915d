// The SocketServer form: binds widgets to the engine through a
// ServerController (queued commands in, snapshots out) and does nothing
// else. Object names are the UI contract the tests rely on.
#pragma once

#include <QMainWindow>

class BroadcastEdit;
class ClientTableModel;
class ElidedLabel;
class LogPane;
class QComboBox;
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
    // Size of a first window, before any geometry was saved.
    static constexpr int kDefaultWidth = 1100;
    static constexpr int kDefaultHeight = 720;
    // "Disconnect and Ban": how long, by default and at most (a week).
    static constexpr int kDefaultBanMinutes = 10;
    static constexpr int kMaxBanMinutes = 7 * 24 * 60;

    explicit ServerWindow(ServerController *controller, QWidget *parent = nullptr);
    ~ServerWindow() override;

    ServerController *controller() const { return m_controller; }
    LogPane *logPane() const { return m_logPane; }

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
    QList<quint32> selectedIds() const;
    void updateState();
    void saveSettings() const;
    void fillAddresses();

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
