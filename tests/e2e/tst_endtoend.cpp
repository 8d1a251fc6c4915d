// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// End to end: the real ServerWindow and three real ClientWindows in one
// process, all driven through their widgets over loopback sockets. One
// scenario, in order; each step checks what a person would see.
#include "clientui.h"
#include "servercontroller.h"
#include "servercore.h"
#include "serverwindow.h"
#include "translation.h"

#include <QAbstractItemModel>
#include <QRegularExpression>
#include <QSettings>
#include <QTableView>
#include <QtTest>

#include <array>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct ServerUi
{
    explicit ServerUi(ServerWindow *window)
        : w(window)
        , port(window->findChild<QSpinBox *>(u"portSpinBox"_s))
        , bind(window->findChild<QComboBox *>(u"bindCombo"_s))
        , framing(window->findChild<QComboBox *>(u"framingCombo"_s))
        , mode(window->findChild<QComboBox *>(u"modeCombo"_s))
        , startButton(window->findChild<QPushButton *>(u"startButton"_s))
        , stopButton(window->findChild<QPushButton *>(u"stopButton"_s))
        , table(window->findChild<QTableView *>(u"clientTable"_s))
        , broadcast(window->findChild<QPlainTextEdit *>(u"broadcastEdit"_s))
        , sendButton(window->findChild<QPushButton *>(u"sendButton"_s))
        , sendSelectedButton(window->findChild<QPushButton *>(u"sendSelectedButton"_s))
        , log(window->findChild<QPlainTextEdit *>(u"logView"_s))
        , status(window->findChild<QLabel *>(u"statusLabel"_s))
    {
    }

    bool complete() const
    {
        return port && bind && framing && mode && startButton && stopButton && table && broadcast
            && sendButton && sendSelectedButton && log && status;
    }

    int rows() const { return table->model()->rowCount(); }
    QString cell(int row, int column) const
    {
        return table->model()->index(row, column).data().toString();
    }
    // The row whose Id column shows id, or -1.
    int rowOf(quint32 id) const
    {
        for (int r = 0; r < rows(); ++r)
            if (cell(r, 0) == QString::number(id))
                return r;
        return -1;
    }
    void selectRow(int row)
    {
        const QRect rect = table->visualRect(table->model()->index(row, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    }
    // Picks the combo entry whose data is value, with the keyboard.
    static bool choose(QComboBox *combo, const QString &value)
    {
        QTest::keyClick(combo, Qt::Key_Home);
        for (int i = 0; i < combo->count() && combo->currentData().toString() != value; ++i)
            QTest::keyClick(combo, Qt::Key_Down);
        return combo->currentData().toString() == value;
    }

    ServerWindow *w;
    QSpinBox *port;
    QComboBox *bind;
    QComboBox *framing;
    QComboBox *mode;
    QPushButton *startButton;
    QPushButton *stopButton;
    QTableView *table;
    QPlainTextEdit *broadcast;
    QPushButton *sendButton;
    QPushButton *sendSelectedButton;
    QPlainTextEdit *log;
    QLabel *status;
};

void clearSettings()
{
    QSettings().clear();
    QSettings(u"SocketHub"_s, u"socket-client"_s).clear();
    QSettings(u"SocketHub"_s, u"socket-server"_s).clear();
}

} // namespace

class TestEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // One scenario: each step builds on the previous one.
    void listen();
    void threeClientsConnect();
    void clientMessageShowsOnServer();
    void sendToSelectedClientOnly();
    void broadcastReachesAll();
    void relayCarriesSender();
    void clientAbortDropsRow();
    void stopListeningDisconnectsClients();

private:
    ClientUi client(int i) const { return ClientUi(m_clients.at(size_t(i)).get()); }

    std::unique_ptr<ServerController> m_core;
    std::unique_ptr<ServerWindow> m_server;
    std::array<std::unique_ptr<ClientWindow>, 3> m_clients;
    const std::array<QString, 3> m_names { u"alice"_s, u"bob"_s, u"carol"_s };
};

void TestEndToEnd::initTestCase()
{
    // The English plural forms, as the programs load them ("3 clients").
    Translation::installPluralForms(QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SocketHub"_s);
    QCoreApplication::setApplicationName(u"tst_endtoend"_s);
    clearSettings();

    m_core = std::make_unique<ServerController>();
    m_server = std::make_unique<ServerWindow>(m_core.get());
    m_server->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_server.get()));
    for (auto &c : m_clients) {
        c = std::make_unique<ClientWindow>();
        c->show();
        QVERIFY(QTest::qWaitForWindowExposed(c.get()));
    }
}

void TestEndToEnd::cleanupTestCase()
{
    for (auto &c : m_clients)
        c.reset();
    m_server.reset();
    m_core.reset();
    clearSettings();
}

void TestEndToEnd::listen()
{
    ServerUi s(m_server.get());
    QVERIFY(s.complete());
    QCOMPARE(s.status->text(), u"None"_s);
    // Port 0 = any free port, on localhost, auto framing, show mode.
    ClientUi::retype(s.port, u"0"_s);
    QCOMPARE(s.port->value(), 0);
    QVERIFY(ServerUi::choose(s.bind, u"localhost"_s));
    QVERIFY(ServerUi::choose(s.framing, u"auto"_s));
    QVERIFY(ServerUi::choose(s.mode, u"show"_s));
    QTest::mouseClick(s.startButton, Qt::LeftButton);
    QTRY_VERIFY(m_core->isListening());
    QVERIFY(m_core->serverPort() != 0);
    QTRY_VERIFY2(s.status->text().startsWith(u"Listening on "_s), qPrintable(s.status->text()));
    QVERIFY2(s.status->text().contains(u":%1"_s.arg(m_core->serverPort())), qPrintable(s.status->text()));
    QVERIFY(!s.startButton->isEnabled());
    QVERIFY(s.stopButton->isEnabled());
}

void TestEndToEnd::threeClientsConnect()
{
    QVERIFY(m_core->isListening());
    ServerUi s(m_server.get());
    const quint16 port = m_core->serverPort();
    for (int i = 0; i < 3; ++i) {
        ClientUi c = client(i);
        QVERIFY(c.complete());
        c.connectTo(u"127.0.0.1"_s, port, m_names.at(size_t(i)));
        QTRY_COMPARE(c.status->text(), u"Connected to 127.0.0.1:%1"_s.arg(port));
        // One at a time, so client i gets id i + 1.
        QTRY_COMPARE(s.rows(), i + 1);
        QTRY_VERIFY(c.logLines().contains(u"* Welcome client %1"_s.arg(i + 1)));
    }
    QTRY_COMPARE(s.rows(), 3);
    for (int i = 0; i < 3; ++i) {
        const int row = s.rowOf(quint32(i + 1));
        QVERIFY(row >= 0);
        QTRY_COMPARE(s.cell(row, 1), m_names.at(size_t(i)));
        QTRY_COMPARE(s.cell(row, 3), u"frames"_s);
    }
    QTRY_VERIFY2(s.status->text().contains(u"3 clients"_s), qPrintable(s.status->text()));
    QTRY_VERIFY(s.log->toPlainText().contains(u"#2 connected from 127.0.0.1:"_s));
}

void TestEndToEnd::clientMessageShowsOnServer()
{
    ServerUi s(m_server.get());
    ClientUi bob = client(1);
    bob.type(u"hello from bob ✓"_s);
    QTRY_VERIFY(bob.logLines().contains(u"me: hello from bob ✓"_s));
    // "#2 bob (127.0.0.1:40212): hello from bob ✓"
    const QRegularExpression line(u"#2 bob \\(127\\.0\\.0\\.1:\\d+\\): hello from bob ✓"_s);
    QTRY_VERIFY2(line.match(s.log->toPlainText()).hasMatch(), qPrintable(s.log->toPlainText()));
}

void TestEndToEnd::sendToSelectedClientOnly()
{
    ServerUi s(m_server.get());
    const int row = s.rowOf(1);
    QVERIFY(row >= 0);
    s.selectRow(row);
    QTRY_VERIFY(s.sendSelectedButton->isEnabled());
    QCOMPARE(s.table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(s.table->selectionModel()->selectedRows().constFirst().row(), row);

    ClientUi::typeText(s.broadcast, u"only for alice"_s);
    QTest::mouseClick(s.sendSelectedButton, Qt::LeftButton);
    QTRY_VERIFY(client(0).logLines().contains(u"server, to you only: only for alice"_s));

    // Whatever the server sends next arrives after it on each connection:
    // once clients 2 and 3 have that, they would have had the first.
    ClientUi::typeText(s.broadcast, u"marker"_s);
    QTest::mouseClick(s.sendButton, Qt::LeftButton);
    for (int i : {1, 2}) {
        QTRY_VERIFY(client(i).logLines().contains(u"server: marker"_s));
        QVERIFY(!client(i).log->toPlainText().contains(u"only for alice"_s));
    }
    QTRY_VERIFY(client(0).logLines().contains(u"server: marker"_s));
}

void TestEndToEnd::broadcastReachesAll()
{
    ServerUi s(m_server.get());
    ClientUi::typeText(s.broadcast, u"to everyone 日本語"_s);
    QTest::keyClick(s.broadcast, Qt::Key_Return); // Enter sends to all
    for (int i = 0; i < 3; ++i)
        QTRY_VERIFY(client(i).logLines().contains(u"server: to everyone 日本語"_s));
    QCOMPARE(s.broadcast->toPlainText(), QString());
}

void TestEndToEnd::relayCarriesSender()
{
    ServerUi s(m_server.get());
    QVERIFY(ServerUi::choose(s.mode, u"relay"_s));
    ClientUi carol = client(2);
    carol.type(u"hi from carol"_s);
    for (int i : {0, 1})
        QTRY_VERIFY(client(i).logLines().contains(u"#3 carol: hi from carol"_s));
    QTRY_VERIFY(s.log->toPlainText().contains(u"#3 carol (127.0.0.1:"_s));
    // Relay goes to the others: carol sees only her own line. A message
    // from alice reaching carol proves carol's connection has caught up.
    client(0).type(u"hi carol"_s);
    QTRY_VERIFY(carol.logLines().contains(u"#1 alice: hi carol"_s));
    QVERIFY(!carol.logLines().contains(u"#3 carol: hi from carol"_s));
}

void TestEndToEnd::clientAbortDropsRow()
{
    ServerUi s(m_server.get());
    QCOMPARE(s.rows(), 3);
    m_clients.at(2)->controller()->abort();
    QTRY_COMPARE(client(2).status->text(), u"Not Connected"_s);
    QTRY_COMPARE(s.rows(), 2);
    QCOMPARE(s.rowOf(3), -1);
    QVERIFY(s.rowOf(1) >= 0 && s.rowOf(2) >= 0);
    QTRY_VERIFY(s.log->toPlainText().contains(u"#3 carol left"_s));
    QTRY_VERIFY2(s.status->text().contains(u"2 clients"_s), qPrintable(s.status->text()));
}

void TestEndToEnd::stopListeningDisconnectsClients()
{
    ServerUi s(m_server.get());
    QTest::mouseClick(s.stopButton, Qt::LeftButton);
    QTRY_VERIFY(!m_core->isListening());
    QCOMPARE(s.status->text(), u"Stopped"_s);
    for (int i : {0, 1}) {
        ClientUi c = client(i);
        QTRY_VERIFY2(c.status->text().startsWith(u"Not Connected"_s), qPrintable(c.status->text()));
        QVERIFY(!c.sendButton->isEnabled());
    }
    QTRY_COMPARE(s.rows(), 0);
    QVERIFY(s.startButton->isEnabled());
}

QTEST_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
