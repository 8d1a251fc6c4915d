// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The real ServerWindow, driven the way a person drives it: widgets found
// by objectName, mouse clicks and key presses. Clients are real sockets on
// 127.0.0.1 (and a real nc).
#include "clientsession.h"
#include "clienttablemodel.h"
#include "eventlog.h"
#include "logpane.h"
#include "logview.h"
#include "servercontroller.h"
#include "servercore.h"
#include "serversettings.h"
#include "serverwindow.h"
#include "serverwindowfixture.h"
#include "testpeer.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using Protocol::Framing;

class TestServerWindow : public QObject, private ServerWindowFixture
{
    Q_OBJECT

private:
    QString totals() const { return widget<QLabel>(u"totalsLabel"_s)->text(); }
    // The ids of the selected rows, as the table shows them.
    QList<quint32> selectedIds() const
    {
        QList<quint32> ids;
        for (const QModelIndex &row : table()->selectionModel()->selectedRows())
            ids.append(row.data(ClientTableModel::IdRole).toUInt());
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    // "Listening on all interfaces (IPv4 and IPv6), port 37555 (any free
    // port) — open: no password, no TLS — 2 clients"
    QString listeningStatus(int clients) const
    {
        return u"Listening on all interfaces (IPv4 and IPv6), port %1 (any free port) — open: no password, no TLS — %2"_s
            .arg(port())
            .arg(clients == 1 ? u"1 client"_s : u"%1 clients"_s.arg(clients));
    }
    // A key pressed where the focus is, as a person presses it.
    void key(Qt::Key k, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *target = QApplication::focusWidget();
        QTest::keyClick(target ? target : m_window.get(), k, modifiers);
    }
    // The log's timestamp mode, picked with the keyboard.
    void chooseTimestamps(LogView::TimestampMode mode)
    {
        auto *combo = widget<QComboBox>(u"timestampCombo"_s);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Home);
        for (int i = 0; i < combo->count() && combo->currentData().toInt() != int(mode); ++i)
            QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentData().toInt(), int(mode));
    }
    // Moves the table's current row to this one with the arrow keys (which
    // select the row moved to), or selects it with Space if it is there.
    void selectRowByKeys(int target)
    {
        for (int i = 0; i < 20 && table()->currentIndex().row() != target; ++i)
            key(table()->currentIndex().row() < target ? Qt::Key_Down : Qt::Key_Up);
        if (!table()->selectionModel()->isRowSelected(target, {}))
            key(Qt::Key_Space);
    }
    void typePort(int value)
    {
        auto *spin = widget<QSpinBox>(u"portSpinBox"_s);
        spin->setFocus();
        QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(spin, QString::number(value));
        QCOMPARE(spin->value(), value);
    }
    void startListening()
    {
        typePort(0);
        click(u"startButton"_s);
        QTRY_VERIFY(m_core->isListening());
        QVERIFY(port() != 0);
    }
    void typeBroadcast(const QString &text)
    {
        auto *edit = widget<QPlainTextEdit>(u"broadcastEdit"_s);
        edit->setFocus();
        QTest::keyClicks(edit, text);
    }
    // Clicks a row; with Ctrl to add it to the selection.
    void clickRow(int row, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        const QRect rect = table()->visualRect(table()->model()->index(row, 0));
        QVERIFY(rect.isValid());
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, modifiers, rect.center());
    }
    // Opens the table's context menu over a row, as a right click does
    // (a QContextMenuEvent on the viewport), and clicks the action with this
    // objectName in the menu that pops up. QMenu::exec() runs its own event
    // loop, so the click comes from a timer running inside it.
    void clickContextMenuAction(int row, const QString &actionName)
    {
        const QRect rect = table()->visualRect(table()->model()->index(row, 0));
        QVERIFY(rect.isValid());
        bool menuSeen = false;
        bool clicked = false;
        QTimer clicker; // on the stack: it cannot fire after this returns
        clicker.setInterval(10);
        connect(&clicker, &QTimer::timeout, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            clicker.stop();
            menuSeen = true;
            QAction *target = nullptr;
            for (QAction *a : menu->actions()) {
                if (a->objectName() == actionName)
                    target = a;
            }
            if (!target) {
                menu->close();
                return;
            }
            QTest::mouseClick(menu, Qt::LeftButton, Qt::NoModifier, menu->actionGeometry(target).center());
            clicked = true;
            if (menu->isVisible())
                menu->close(); // never leave exec() running
        });
        clicker.start();
        QContextMenuEvent event(QContextMenuEvent::Mouse, rect.center(),
                                table()->viewport()->mapToGlobal(rect.center()));
        QCoreApplication::sendEvent(table()->viewport(), &event); // returns when the menu closes
        clicker.stop();
        QVERIFY2(menuSeen, "no context menu popped up");
        QVERIFY2(clicked, qPrintable(u"no action %1 in the context menu"_s.arg(actionName)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"SocketHub"_s);
        QCoreApplication::setApplicationName(u"socket-server-test"_s);
        QSettings().clear();
    }
    void init()
    {
        m_questions.clear();
        m_answer = true;
        m_whileAsked = {};
        m_core = std::make_unique<ServerController>();
        m_window = std::make_unique<ServerWindow>(m_core.get());
        answerQuestions(); // no message box, ever
        m_window->resize(1000, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    void cleanup() { resetFixture(); }

    void initialState()
    {
        QCOMPARE(status(), u"None"_s);
        QCOMPARE(widget<QSpinBox>(u"portSpinBox"_s)->value(), 8000);
        QCOMPARE(widget<QComboBox>(u"bindCombo"_s)->currentData().toString(), u"any"_s);
        QCOMPARE(widget<QComboBox>(u"framingCombo"_s)->currentData().toString(), u"auto"_s);
        QCOMPARE(widget<QComboBox>(u"modeCombo"_s)->currentData().toString(), u"show"_s);
        QCOMPARE(widget<QLineEdit>(u"welcomeEdit"_s)->text(), u"Welcome client %1"_s);
        QVERIFY(!widget<QPlainTextEdit>(u"serverIpView"_s)->toPlainText().isEmpty());
        QVERIFY(widget<QPlainTextEdit>(u"serverIpView"_s)->toPlainText().contains(u"127.0.0.1"_s));
        QCOMPARE(table()->model()->columnCount(), 11);
        QCOMPARE(table()->model()->headerData(0, Qt::Horizontal).toString(), u"Id"_s);
        QCOMPARE(widget<QPushButton>(u"startButton"_s)->text(), u"Sta&rt Listening"_s);
        QVERIFY(!widget<QPushButton>(u"stopButton"_s)->isEnabled());
    }

    void startAndStopListening()
    {
        startListening();
        QCOMPARE(status(), listeningStatus(0));
        QTRY_VERIFY(logText().contains(u"Listening on all interfaces (IPv4 and IPv6), port %1"_s.arg(port())));
        QVERIFY(!widget<QPushButton>(u"startButton"_s)->isEnabled());

        TestPeer *a = linesPeer(u"hello"_s);
        QTRY_COMPARE(rows(), 1);
        QTRY_COMPARE(status(), listeningStatus(1));

        click(u"stopButton"_s);
        QCOMPARE(status(), u"Stopped"_s);
        QTRY_VERIFY(!m_core->isListening());
        QTRY_COMPARE(rows(), 0);
        QTRY_VERIFY(a->hasNoticeLine("disconnect", u"server stopped listening"_s));
        QTRY_VERIFY(a->isClosed());
        QTRY_VERIFY(logText().contains(u"Stopped listening"_s));
        QTRY_VERIFY(logText().contains(u"#1 left: server stopped listening"_s));
        QVERIFY(widget<QPushButton>(u"startButton"_s)->isEnabled());

        // Starting again works, on a new port if 0.
        click(u"startButton"_s);
        QTRY_VERIFY(m_core->isListening());
        QVERIFY(status().startsWith(u"Listening on"_s));
    }

    void threeClientsInTheTableAndMessagesLogged()
    {
        startListening();
        TestPeer *a = linesPeer(u"hello from a"_s);
        TestPeer *b = peer(); // silent: lines after the grace
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        QTRY_COMPARE(rows(), 3);
        QTRY_COMPARE(cell(2, ClientTableModel::NameColumn), u"carol"_s);
        QCOMPARE(cell(0, ClientTableModel::IdColumn), u"1"_s);
        QCOMPARE(cell(1, ClientTableModel::IdColumn), u"2"_s);
        QCOMPARE(cell(2, ClientTableModel::IdColumn), u"3"_s);
        QTRY_COMPARE(cell(0, ClientTableModel::AddressColumn), u"127.0.0.1:%1"_s.arg(a->localPort()));
        QTRY_COMPARE(cell(1, ClientTableModel::FramingColumn), u"lines"_s);
        QCOMPARE(cell(2, ClientTableModel::FramingColumn), u"frames"_s);
        QTRY_COMPARE(status(), listeningStatus(3));

        QTRY_VERIFY(logText().contains(u"#1 (127.0.0.1:%1): hello from a"_s.arg(a->localPort())));
        QTRY_VERIFY(logText().contains(u"#3 connected from 127.0.0.1:%1 (frames)"_s.arg(c->localPort())));
        c->sendText(u"hi from carol"_s);
        QTRY_VERIFY(logText().contains(u"#3 carol (127.0.0.1:%1): hi from carol"_s.arg(c->localPort())));
        b->sendLine(u"bee"_s);
        QTRY_VERIFY(logText().contains(u"#2 (127.0.0.1:%1): bee"_s.arg(b->localPort())));
        QTRY_COMPARE(cell(1, ClientTableModel::MessagesInColumn), u"1"_s);
        QTRY_COMPARE(cell(1, ClientTableModel::BytesInColumn), u"4"_s);
    }

    void sendToAllVersusSelected()
    {
        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = linesPeer(u"b"_s);
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        QTRY_COMPARE(rows(), 3);
        QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 3"_s));

        // Enter sends to all.
        typeBroadcast(u"to everyone"_s);
        QTest::keyClick(widget<QPlainTextEdit>(u"broadcastEdit"_s), Qt::Key_Return);
        QTRY_VERIFY(a->hasLine(u"to everyone"_s));
        QTRY_VERIFY(b->hasLine(u"to everyone"_s));
        QTRY_VERIFY(c->hasText(u"to everyone"_s));
        QCOMPARE(widget<QPlainTextEdit>(u"broadcastEdit"_s)->toPlainText(), QString());

        // Shift+Enter makes a newline; the Send Message button sends.
        typeBroadcast(u"line one"_s);
        QTest::keyClick(widget<QPlainTextEdit>(u"broadcastEdit"_s), Qt::Key_Return, Qt::ShiftModifier);
        typeBroadcast(u"line two"_s);
        click(u"sendButton"_s);
        QTRY_VERIFY(c->hasText(u"line one\nline two"_s));
        QTRY_VERIFY(a->hasLine(u"line two"_s));
        QCOMPARE(a->lines().mid(a->lines().size() - 2), (QStringList{ u"line one"_s, u"line two"_s }));

        // One selected row.
        clickRow(1);
        typeBroadcast(u"just b"_s);
        click(u"sendSelectedButton"_s);
        QTRY_VERIFY(b->hasLine(u"* direct: just b"_s)); // a direct notice: not a broadcast
        QTRY_VERIFY(logText().contains(u"To #2 (direct): just b"_s));

        // Two rows: Ctrl+click adds the third.
        clickRow(0);
        clickRow(2, Qt::ControlModifier);
        QCOMPARE(table()->selectionModel()->selectedRows().size(), 2);
        typeBroadcast(u"a and c"_s);
        click(u"sendSelectedButton"_s);
        QTRY_VERIFY(a->hasLine(u"* direct: a and c"_s));
        QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Direct, u"a and c"_s));

        // The row's context menu offers the same.
        clickRow(2);
        typeBroadcast(u"menu to c"_s);
        clickContextMenuAction(2, u"sendSelectedAction"_s);
        QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Direct, u"menu to c"_s));
        QCOMPARE(widget<QPlainTextEdit>(u"broadcastEdit"_s)->toPlainText(), QString());

        // A final broadcast orders everything: what did not arrive before it never will.
        typeBroadcast(u"sync"_s);
        click(u"sendButton"_s);
        QTRY_VERIFY(a->hasLine(u"sync"_s));
        QTRY_VERIFY(b->hasLine(u"sync"_s));
        QTRY_VERIFY(c->hasText(u"sync"_s));
        QVERIFY(!a->raw().contains("just b"));
        QVERIFY(!c->raw().contains("just b"));
        QVERIFY(!b->raw().contains("a and c"));
        QVERIFY(!a->raw().contains("menu to c"));
        QVERIFY(!b->raw().contains("menu to c"));
        // Chat only: the welcome is protocol, counted apart.
        QTRY_COMPARE(cell(1, ClientTableModel::MessagesOutColumn), u"4"_s);
    }

    void kickWithTheContextMenu()
    {
        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        QTRY_COMPARE(rows(), 2);
        QTRY_COMPARE(cell(1, ClientTableModel::NameColumn), u"bob"_s);
        clickRow(1);
        clickContextMenuAction(1, u"disconnectAction"_s);
        QCOMPARE(m_questions, QStringList{ u"Disconnect #2 bob?"_s });
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Disconnect, u"kicked by the server"_s));
        QTRY_COMPARE(rows(), 1);
        QTRY_VERIFY(logText().contains(u"#2 bob left: kicked"_s));
        QVERIFY(a->isConnected());
    }

    // Closing the window stops the server while the event loop still runs,
    // so every client gets its goodbye.
    void closingTheWindowSaysGoodbye()
    {
        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        QTRY_COMPARE(rows(), 2);
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Welcome, u"Welcome client 2"_s));
        QTRY_COMPARE(m_core->clientCount(), 2);
        QCOMPARE(widget<QPushButton>(u"closeButton"_s)->text(), u"&Quit"_s);
        click(u"closeButton"_s);
        QCOMPARE(m_questions, QStringList{ u"2 clients connected: stop the server and quit?"_s });
        QTRY_VERIFY(!m_window->isVisible());
        QTRY_VERIFY(!m_core->isListening());
        QTRY_VERIFY(a->hasNoticeLine("disconnect", u"server stopped listening"_s));
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Disconnect, u"server stopped listening"_s));
        QTRY_VERIFY(a->isClosed());
        QTRY_VERIFY(b->isClosed());
        QTRY_COMPARE(m_core->connectionCount(), 0);
        QCOMPARE(m_core->log()->lines().filter(u"left: server stopped listening"_s).size(), 2);
    }

    void kickWithTheDisconnectButton()
    {
        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        QTRY_COMPARE(rows(), 2);
        QTRY_COMPARE(cell(1, ClientTableModel::NameColumn), u"bob"_s);
        clickRow(1);
        click(u"disconnectButton"_s);
        QCOMPARE(m_questions, QStringList{ u"Disconnect #2 bob?"_s });
        QTRY_COMPARE(rows(), 1);
        QCOMPARE(cell(0, ClientTableModel::IdColumn), u"1"_s);
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Disconnect, u"kicked by the server"_s));
        QTRY_VERIFY(b->isClosed());
        QTRY_VERIFY(logText().contains(u"#2 bob left: kicked"_s));
        QVERIFY(a->isConnected());
    }

    // Disconnect and Ban: the address is refused until the ban is lifted in
    // the window's list of bans (issue 9). All test peers come from
    // 127.0.0.1, so the ban refuses every new one.
    void banAndLiftTheBan()
    {
        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        QTRY_COMPARE(rows(), 2);
        QTRY_COMPARE(cell(1, ClientTableModel::NameColumn), u"bob"_s);
        auto *minutes = widget<QSpinBox>(u"banMinutesSpin"_s);
        minutes->setFocus();
        QTest::keyClick(minutes, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(minutes, u"5"_s);
        QCOMPARE(minutes->value(), 5);
        clickRow(1);
        click(u"banButton"_s);
        QCOMPARE(m_questions, QStringList{ u"Disconnect #2 bob and ban 127.0.0.1 for 5 minutes?"_s });
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Disconnect, u"kicked and banned for 5 minutes"_s));
        QTRY_COMPARE(rows(), 1);
        auto *bans = widget<QListView>(u"bansView"_s);
        QTRY_COMPARE(bans->model()->rowCount(), 1);
        QVERIFY(bans->model()->index(0, 0).data().toString().startsWith(u"127.0.0.1 (until "_s));
        QTRY_VERIFY(logText().contains(u"Banned 127.0.0.1 for 5 minutes"_s));
        QVERIFY(!widget<QPushButton>(u"unbanButton"_s)->isEnabled());

        TestPeer *c = linesPeer(u"c"_s);
        QTRY_VERIFY(c->isClosed());
        QCOMPARE(c->lines(), QStringList{ u"* disconnect: banned from this server"_s });
        QVERIFY(a->isConnected()); // already connected: a ban refuses new connections

        const QRect rect = bans->visualRect(bans->model()->index(0, 0));
        QTest::mouseClick(bans->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
        QCOMPARE(widget<QPushButton>(u"unbanButton"_s)->text(), u"&Unban"_s);
        click(u"unbanButton"_s);
        QTRY_COMPARE(bans->model()->rowCount(), 0);
        QTRY_VERIFY(logText().contains(u"Lifted the ban on 127.0.0.1"_s));
        TestPeer *d = linesPeer(u"d"_s);
        QTRY_COMPARE(rows(), 2);
        QVERIFY(d->isConnected());
    }

    void banWithTheContextMenu()
    {
        startListening();
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        QTRY_COMPARE(rows(), 1);
        clickRow(0);
        clickContextMenuAction(0, u"banAction"_s);
        QCOMPARE(m_questions, QStringList{ u"Disconnect #1 bob and ban 127.0.0.1 for 10 minutes?"_s });
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Disconnect, u"kicked and banned for 10 minutes"_s));
        QTRY_COMPARE(widget<QListView>(u"bansView"_s)->model()->rowCount(), 1);
    }

    void cleanCloseAndAbortRemoveTheRow()
    {
        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = linesPeer(u"b"_s);
        TestPeer *c = linesPeer(u"c"_s);
        QTRY_COMPARE(rows(), 3);
        QTRY_VERIFY(b->hasLine(u"* welcome #2: Welcome client 2"_s));
        // A clean close and a reset read differently.
        a->socket()->disconnectFromHost();
        QTRY_COMPARE(rows(), 2);
        QTRY_VERIFY(logText().contains(u"#1 left: connection closed by the client"_s));
        b->reset();
        QTRY_COMPARE(rows(), 1);
        QTRY_VERIFY(logText().contains(u"#2 left: connection reset by the client"_s));
        QCOMPARE(cell(0, ClientTableModel::IdColumn), u"3"_s);
        QTRY_COMPARE(status(), listeningStatus(1));
        QVERIFY(c->isConnected());
    }

    void showEchoAndRelayModes()
    {
        startListening();
        TestPeer *a = linesPeer(u"first"_s);
        TestPeer *b = linesPeer(u"second"_s);
        QTRY_COMPARE(rows(), 2);
        QTRY_VERIFY(logText().contains(u"#2 (127.0.0.1:%1): second"_s.arg(b->localPort())));

        // show: logged only.
        a->sendLine(u"shown"_s);
        QTRY_VERIFY(logText().contains(u"#1 (127.0.0.1:%1): shown"_s.arg(a->localPort())));

        // echo: back to the sender only.
        choose(u"modeCombo"_s, u"echo"_s);
        a->sendLine(u"echoed"_s);
        QTRY_VERIFY(a->hasLine(u"echoed"_s));

        // relay: to every other client, with the sender's id.
        choose(u"modeCombo"_s, u"relay"_s);
        a->sendLine(u"relayed"_s);
        QTRY_VERIFY(b->hasLine(u"#1: relayed"_s));

        typeBroadcast(u"sync"_s);
        click(u"sendButton"_s);
        QTRY_VERIFY(a->hasLine(u"sync"_s));
        QTRY_VERIFY(b->hasLine(u"sync"_s));
        QVERIFY(!a->hasLine(u"shown"_s));
        QVERIFY(!b->hasLine(u"#1: shown"_s));
        QVERIFY(!b->hasLine(u"echoed"_s));
        QVERIFY(!b->hasLine(u"#1: echoed"_s));
        QVERIFY(!a->hasLine(u"relayed"_s));
        QVERIFY(!a->hasLine(u"#1: relayed"_s));

        // The choice persists.
        QCOMPARE(QSettings().value(QLatin1String(ServerSettings::kModeKey)).toString(), u"relay"_s);
    }

    void autoFramingRelaysBetweenLinesAndFrames()
    {
        choose(u"modeCombo"_s, u"relay"_s);
        QCOMPARE(widget<QComboBox>(u"framingCombo"_s)->currentData().toString(), u"auto"_s);
        startListening();
        TestPeer *lines = linesPeer(u"from lines"_s);
        TestPeer *frames = peer(Framing::Frames, u"bob"_s);
        QTRY_COMPARE(rows(), 2);
        QTRY_COMPARE(cell(0, ClientTableModel::FramingColumn), u"lines"_s);
        QTRY_COMPARE(cell(1, ClientTableModel::FramingColumn), u"frames"_s);
        QTRY_COMPARE(cell(1, ClientTableModel::NameColumn), u"bob"_s);

        lines->sendLine(u"hello bob"_s);
        QTRY_VERIFY(frames->hasText(u"hello bob"_s, 1));
        frames->sendText(u"hello lines"_s);
        QTRY_VERIFY(lines->hasLine(u"#2 bob: hello lines"_s));
        QTRY_VERIFY(logText().contains(u"#2 bob (127.0.0.1:%1): hello lines"_s.arg(frames->localPort())));
    }

    void portAlreadyInUse()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::Any, 0));
        typePort(blocker.serverPort());
        click(u"startButton"_s);
        const QString expected = u"Could not listen on 0.0.0.0:%1: "_s.arg(blocker.serverPort());
        QTRY_VERIFY(status().startsWith(expected));
        QVERIFY(status().contains(u"address is already in use"_s, Qt::CaseInsensitive));
        QTRY_VERIFY(logText().contains(status()));
        QVERIFY(!m_core->isListening());
        QVERIFY(widget<QPushButton>(u"startButton"_s)->isEnabled());
    }

    void oversizeLineClosesOnlyItsConnection()
    {
        m_core->setMaxMessageSize(32);
        startListening();
        TestPeer *a = linesPeer(u"short"_s);
        TestPeer *b = linesPeer(u"fine"_s);
        QTRY_COMPARE(rows(), 2);
        QTRY_VERIFY(b->hasLine(u"* welcome #2: Welcome client 2"_s));
        a->sendLine(QString(100, u'x'));
        QTRY_VERIFY(a->hasNoticeLine("disconnect", u"line longer than 32 bytes"_s));
        QTRY_VERIFY(a->isClosed());
        QTRY_COMPARE(rows(), 1);
        QTRY_VERIFY(logText().contains(u"#1 left: line longer than 32 bytes"_s));
        typeBroadcast(u"still there"_s);
        click(u"sendButton"_s);
        QTRY_VERIFY(b->hasLine(u"still there"_s));
        b->sendLine(u"yes"_s);
        QTRY_VERIFY(logText().contains(u"#2 (127.0.0.1:%1): yes"_s.arg(b->localPort())));
    }

    void settingsPersist()
    {
        typePort(4567);
        choose(u"bindCombo"_s, u"localhost"_s);
        choose(u"framingCombo"_s, u"lines"_s);
        choose(u"modeCombo"_s, u"echo"_s);
        auto *welcome = widget<QLineEdit>(u"welcomeEdit"_s);
        welcome->setFocus();
        QTest::keyClick(welcome, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(welcome, u"Hi #%1"_s);
        click(u"closeButton"_s);
        QTRY_VERIFY(!m_window->isVisible());

        QSettings settings;
        QVERIFY(settings.contains(QLatin1String(ServerSettings::kGeometryKey)));
        ServerOptions loaded;
        ServerSettings::load(settings, loaded);
        QCOMPARE(loaded.port, quint16(4567));
        QCOMPARE(loaded.bind, u"localhost"_s);
        QCOMPARE(loaded.framing, ServerOptions::FramingSetting::Lines);
        QCOMPARE(loaded.mode, ServerOptions::Mode::Echo);
        QCOMPARE(loaded.welcomeText, u"Hi #%1"_s);

        // A window over a core made from them shows them, and they apply.
        m_window.reset();
        loaded.port = 0;
        m_core = std::make_unique<ServerController>(loaded);
        m_window = std::make_unique<ServerWindow>(m_core.get());
        answerQuestions();
        m_window->show();
        QCOMPARE(widget<QComboBox>(u"bindCombo"_s)->currentData().toString(), u"localhost"_s);
        QCOMPARE(widget<QComboBox>(u"framingCombo"_s)->currentData().toString(), u"lines"_s);
        QCOMPARE(widget<QComboBox>(u"modeCombo"_s)->currentData().toString(), u"echo"_s);
        QCOMPARE(widget<QLineEdit>(u"welcomeEdit"_s)->text(), u"Hi #%1"_s);
        click(u"startButton"_s);
        QTRY_VERIFY(m_core->isListening());
        QVERIFY(m_core->listenAddressText().startsWith(u"127.0.0.1:"_s));
        TestPeer *a = peer(); // forced lines: greeted without waiting
        QTRY_VERIFY(a->hasLine(u"* welcome #1: Hi #1"_s));
        a->sendLine(u"back"_s);
        QTRY_VERIFY(a->hasLine(u"back"_s));
    }

    void clearAndSaveTheLog()
    {
        startListening();
        TestPeer *a = linesPeer(u"keep this"_s);
        QTRY_VERIFY(logText().contains(u"): keep this"_s));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"server.log"_s);
        m_window->logPane()->setSavePathPrompt([path] { return path; });
        click(u"saveLogButton"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString saved = QString::fromUtf8(file.readAll());
        QVERIFY(saved.contains(u"#1 (127.0.0.1:%1): keep this"_s.arg(a->localPort())));
        QVERIFY(saved.contains(u"Listening on all interfaces (IPv4 and IPv6), port %1"_s.arg(port())));
        QTRY_VERIFY(logText().contains(u"Log saved to %1"_s.arg(path)));

        click(u"clearButton"_s);
        QTRY_COMPARE(logText(), QString());
        a->sendLine(u"after clear"_s);
        QTRY_VERIFY(logText().contains(u"): after clear"_s));
        QVERIFY(!logText().contains(u"keep this"_s));
    }

    void ncIsALinesClient()
    {
        const QString nc = QStandardPaths::findExecutable(u"nc"_s);
        if (nc.isEmpty())
            QFAIL("nc (netcat-openbsd) is not installed; the README's setup installs it");
        startListening();
        QString received; // declared before proc, which may still emit while it is destroyed
        QProcess proc;
        proc.setProcessChannelMode(QProcess::SeparateChannels);
        connect(&proc, &QProcess::readyReadStandardOutput, &proc,
                [&] { received += QString::fromUtf8(proc.readAllStandardOutput()); });
        proc.start(nc, { u"127.0.0.1"_s, QString::number(port()) });
        // Silent, so it speaks lines after the grace and gets its welcome.
        QTRY_VERIFY(received.contains(u"* welcome #1: Welcome client 1\n"_s));
        QTRY_COMPARE(rows(), 1);
        QTRY_COMPARE(cell(0, ClientTableModel::FramingColumn), u"lines"_s);

        typeBroadcast(u"hello nc"_s);
        QTest::keyClick(widget<QPlainTextEdit>(u"broadcastEdit"_s), Qt::Key_Enter);
        QTRY_VERIFY(received.contains(u"hello nc\n"_s));

        proc.write("from nc\n");
        QTRY_VERIFY(logText().contains(u"#1 (127.0.0.1:"_s) && logText().contains(u"): from nc"_s));

        proc.kill();
        QTRY_COMPARE(rows(), 0);
        QTRY_VERIFY(logText().contains(u"#1 left:"_s));
        QTRY_COMPARE(proc.state(), QProcess::NotRunning);
    }


    // --- Issue 10: kicks and quitting ask first -------------------------

    // Declined, nothing happens: the client stays, the window stays.
    void declinedKickAndQuitChangeNothing()
    {
        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        QTRY_COMPARE(rows(), 2);
        QTRY_COMPARE(cell(1, ClientTableModel::NameColumn), u"bob"_s);
        m_answer = false;
        clickRow(1);
        click(u"disconnectButton"_s);
        click(u"banButton"_s);
        QCOMPARE(m_questions, (QStringList{ u"Disconnect #2 bob?"_s,
                                            u"Disconnect #2 bob and ban 127.0.0.1 for 10 minutes?"_s }));
        click(u"closeButton"_s);
        QCOMPARE(m_questions.size(), 3);
        QCOMPARE(m_questions.constLast(), u"2 clients connected: stop the server and quit?"_s);
        // The window manager's close (the close event) asks too.
        QVERIFY(!m_window->close());
        QCOMPARE(m_questions.size(), 4);
        QCOMPARE(m_questions.constLast(), u"2 clients connected: stop the server and quit?"_s);
        // Ctrl+Q as well.
        key(Qt::Key_Q, Qt::ControlModifier);
        QCOMPARE(m_questions.size(), 5);
        QVERIFY(m_window->isVisible());
        QVERIFY(m_core->isListening());

        // Whatever was said since reaches both: nobody was kicked.
        typeBroadcast(u"still here"_s);
        click(u"sendButton"_s);
        QTRY_VERIFY(a->hasLine(u"still here"_s));
        QTRY_VERIFY(b->hasText(u"still here"_s));
        QVERIFY(a->isConnected());
        QVERIFY(b->isConnected());
        QCOMPARE(rows(), 2);
        QVERIFY(widget<QListView>(u"bansView"_s)->model()->rowCount() == 0);
    }

    // Quitting with no client connected asks nothing; stopped, nothing
    // either, even with a client that was there.
    void quittingWithoutClientsDoesNotAsk()
    {
        startListening();
        QTRY_COMPARE(status(), listeningStatus(0));
        key(Qt::Key_Q, Qt::ControlModifier);
        QTRY_VERIFY(!m_window->isVisible());
        QCOMPARE(m_questions, QStringList());
        QTRY_VERIFY(!m_core->isListening());
    }

    // Several clients are named, and a count is given past a handful.
    void questionsNameTheClients()
    {
        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        TestPeer *c = linesPeer(u"c"_s);
        QTRY_COMPARE(rows(), 3);
        QTRY_COMPARE(cell(1, ClientTableModel::NameColumn), u"bob"_s);
        m_answer = false;
        clickRow(0);
        clickRow(2, Qt::ShiftModifier);
        QCOMPARE(selectedIds(), (QList<quint32>{ 1, 2, 3 }));
        click(u"disconnectButton"_s);
        QCOMPARE(m_questions.constLast(), u"Disconnect #1, #2 bob and #3?"_s);
        clickRow(2, Qt::ControlModifier); // off
        click(u"disconnectButton"_s);
        QCOMPARE(m_questions.constLast(), u"Disconnect #1 and #2 bob?"_s);

        for (int i = 0; i < 4; ++i)
            linesPeer(u"more"_s);
        QTRY_COMPARE(rows(), 7);
        table()->setFocus();
        key(Qt::Key_A, Qt::ControlModifier); // select all
        QCOMPARE(selectedIds().size(), 7);
        click(u"disconnectButton"_s);
        QCOMPARE(m_questions.constLast(), u"Disconnect 7 clients: #1, #2 bob, #3, #4, #5 and 2 more?"_s);
        QVERIFY(a->isConnected() && b->isConnected() && c->isConnected());

        // Yes: all seven go.
        m_answer = true;
        click(u"disconnectButton"_s);
        QTRY_COMPARE(rows(), 0);
        QTRY_VERIFY(a->isClosed());
    }

    // What is kicked is what was asked about, by id: rows that move and a
    // selection that changes while the question is open change nothing.
    void kickActsOnTheClientsAskedAbout()
    {
        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = linesPeer(u"b"_s);
        TestPeer *c = peer(Framing::Frames, u"carol"_s);
        QTRY_COMPARE(rows(), 3);
        QTRY_COMPARE(cell(2, ClientTableModel::NameColumn), u"carol"_s);
        clickRow(2);
        QCOMPARE(selectedIds(), QList<quint32>{ 3 });
        m_whileAsked = [&] {
            // Client 1 leaves: carol's row moves up; then the row that is
            // now where carol was asked about (b's) is clicked.
            a->socket()->disconnectFromHost();
            QVERIFY(QTest::qWaitFor([&] { return rows() == 2; }));
            clickRow(0);
            QCOMPARE(selectedIds(), QList<quint32>{ 2 });
        };
        click(u"disconnectButton"_s);
        QCOMPARE(m_questions, QStringList{ u"Disconnect #3 carol?"_s });
        QTRY_VERIFY(c->hasNotice(Message::NoticeKind::Disconnect, u"kicked by the server"_s));
        QTRY_COMPARE(rows(), 1);
        QCOMPARE(cell(0, ClientTableModel::IdColumn), u"2"_s);
        QVERIFY(b->isConnected());
    }

    // The selected client stays selected (by id) while rows are inserted
    // before it, appended after it and removed before it, all by real
    // connections. A client with a lower id joins later when it gives the
    // password late.
    void selectionSurvivesTableUpdates()
    {
        startListening();
        auto *password = widget<QLineEdit>(u"passwordEdit"_s);
        QTest::keyClick(m_window.get(), Qt::Key_W, Qt::AltModifier);
        QTRY_VERIFY(password->hasFocus());
        QTest::keyClicks(password, u"pw"_s);
        QTest::keyClick(password, Qt::Key_Return);
        QVERIFY(m_core->hasPassword());

        TestPeer *late = peer(); // #1, silent: asked for the password
        QTRY_VERIFY(late->hasNoticeLine("info", ClientSession::passwordPromptText()));
        TestPeer *bob = linesPeer(u"pw"_s); // #2
        QTRY_COMPARE(rows(), 1);
        QCOMPARE(cell(0, ClientTableModel::IdColumn), u"2"_s);
        clickRow(0);
        QCOMPARE(selectedIds(), QList<quint32>{ 2 });

        late->sendLine(u"pw"_s); // #1 is a client now: a row before bob's
        QTRY_COMPARE(rows(), 2);
        QCOMPARE(cell(0, ClientTableModel::IdColumn), u"1"_s);
        QCOMPARE(selectedIds(), QList<quint32>{ 2 });
        QCOMPARE(table()->selectionModel()->selectedRows().constFirst().row(), 1);

        TestPeer *third = linesPeer(u"pw"_s); // #3, after it
        QTRY_COMPARE(rows(), 3);
        QCOMPARE(selectedIds(), QList<quint32>{ 2 });

        late->reset(); // the row before it goes
        QTRY_COMPARE(rows(), 2);
        QCOMPARE(selectedIds(), QList<quint32>{ 2 });
        QCOMPARE(table()->selectionModel()->selectedRows().constFirst().row(), 0);

        // And the kick goes to bob.
        click(u"disconnectButton"_s);
        QCOMPARE(m_questions, QStringList{ u"Disconnect #2?"_s });
        QTRY_VERIFY(bob->hasNoticeLine("disconnect", u"kicked by the server"_s));
        QTRY_COMPARE(rows(), 1);
        QVERIFY(third->isConnected());
    }

    // The whole kick from the keyboard: the port typed (Alt+O), Start
    // (Alt+R), Tab to the table, arrows to the row, Delete, the question
    // answered, the client gone. Only key events.
    void deleteKicksWithTheKeyboardOnly()
    {
        QTest::keyClick(m_window.get(), Qt::Key_O, Qt::AltModifier);
        auto *spin = widget<QSpinBox>(u"portSpinBox"_s);
        QTRY_VERIFY(spin->hasFocus());
        key(Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(QApplication::focusWidget(), u"0"_s);
        QCOMPARE(spin->value(), 0);
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::AltModifier);
        QTRY_VERIFY(m_core->isListening());

        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        TestPeer *c = linesPeer(u"c"_s);
        QTRY_COMPARE(rows(), 3);
        QTRY_COMPARE(cell(1, ClientTableModel::NameColumn), u"bob"_s);

        for (int i = 0; i < 80 && !table()->hasFocus(); ++i)
            key(Qt::Key_Tab);
        QVERIFY2(table()->hasFocus(), "Tab never reached the client table");
        selectRowByKeys(1);
        QCOMPARE(selectedIds(), QList<quint32>{ 2 });

        key(Qt::Key_Delete);
        QCOMPARE(m_questions, QStringList{ u"Disconnect #2 bob?"_s });
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Disconnect, u"kicked by the server"_s));
        QTRY_VERIFY(b->isClosed());
        QTRY_COMPARE(rows(), 2);
        QVERIFY(a->isConnected());
        QVERIFY(c->isConnected());

        // Shift+Delete bans, after asking.
        QTRY_VERIFY(table()->hasFocus());
        selectRowByKeys(1);
        QCOMPARE(selectedIds(), QList<quint32>{ 3 });
        key(Qt::Key_Delete, Qt::ShiftModifier);
        QCOMPARE(m_questions.constLast(), u"Disconnect #3 and ban 127.0.0.1 for 10 minutes?"_s);
        QTRY_VERIFY(c->hasNoticeLine("disconnect", u"kicked and banned for 10 minutes"_s));
        QTRY_COMPARE(rows(), 1);
    }

    // --- Issue 10: the message box, the port, the status bar ------------

    // The box says what it is, and its buttons which way a message goes;
    // a message to selected clients is logged as direct.
    void messageBoxSaysWhereMessagesGo()
    {
        QCOMPARE(widget<QGroupBox>(u"messageBox"_s)->title(), u"M&essage"_s);
        QCOMPARE(widget<QPushButton>(u"sendButton"_s)->text(), u"Se&nd to All"_s);
        QCOMPARE(widget<QPushButton>(u"sendSelectedButton"_s)->text(), u"Send to &Selected"_s);
        // Alt+E goes to the message box.
        QTest::keyClick(m_window.get(), Qt::Key_E, Qt::AltModifier);
        QTRY_VERIFY(widget<QPlainTextEdit>(u"broadcastEdit"_s)->hasFocus());

        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = linesPeer(u"b"_s);
        QTRY_COMPARE(rows(), 2);
        clickRow(0);
        typeBroadcast(u"only a"_s);
        QTest::keyClick(m_window.get(), Qt::Key_S, Qt::AltModifier); // Send to &Selected
        QTRY_VERIFY(a->hasLine(u"* direct: only a"_s));
        typeBroadcast(u"everyone"_s);
        QTest::keyClick(m_window.get(), Qt::Key_N, Qt::AltModifier); // Se&nd to All
        QTRY_VERIFY(a->hasLine(u"everyone"_s));
        QTRY_VERIFY(b->hasLine(u"everyone"_s));
        QVERIFY(!b->raw().contains("only a"));
        QTRY_VERIFY(logText().contains(u"To #1 (direct): only a"_s));
    }

    // Typed 99999 does not become 9999 without a word: the digit is
    // refused and the window says why; a port typed after clears it.
    void portOutOfRangeIsRefusedWithAReason()
    {
        QTest::keyClick(m_window.get(), Qt::Key_O, Qt::AltModifier);
        auto *spin = widget<QSpinBox>(u"portSpinBox"_s);
        QTRY_VERIFY(spin->hasFocus());
        auto *error = widget<QLabel>(u"portErrorLabel"_s);
        QVERIFY(!error->isVisible());
        key(Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(spin, u"99999"_s);
        QCOMPARE(spin->value(), 9999); // the last 9 refused…
        QVERIFY(error->isVisible()); // …and said so
        QCOMPARE(error->text(), u"Port 0 to 65535: “99999” is not a port"_s);
        QCOMPARE(m_core->options().port, quint16(9999));

        // A letter is refused with the same reason.
        key(Qt::Key_Backspace);
        QVERIFY(!error->isVisible());
        QTest::keyClicks(spin, u"x"_s);
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), u"Port 0 to 65535: “999x” is not a port"_s);

        key(Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(spin, u"65535"_s);
        QCOMPARE(spin->value(), 65535);
        QVERIFY(!error->isVisible());
    }

    // Listening on port 0: the status and the field's note say which port
    // it got; stopped, the note goes (the next start picks again).
    void portZeroShowsThePortInUse()
    {
        startListening();
        auto *note = widget<QLabel>(u"actualPortLabel"_s);
        QTRY_VERIFY(note->isVisible());
        QCOMPARE(note->text(), u"now %1"_s.arg(port()));
        QCOMPARE(widget<QSpinBox>(u"portSpinBox"_s)->value(), 0);
        QVERIFY(status().contains(u"port %1 (any free port)"_s.arg(port())));
        click(u"stopButton"_s);
        QTRY_VERIFY(!m_core->isListening());
        QVERIFY(!note->isVisible());

        // A port of its own: no note, no "(any free port)".
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 free = probe.serverPort();
        probe.close();
        typePort(free);
        click(u"startButton"_s);
        QTRY_VERIFY(m_core->isListening());
        QCOMPARE(status(), u"Listening on all interfaces (IPv4 and IPv6), port %1 — open: no password, no TLS — 0 clients"_s
                               .arg(free));
        QVERIFY(!note->isVisible());
    }

    // The web page's address, a link, while listening (issue 19); and the
    // page is there.
    void webPageLinkWhileListening()
    {
        auto *link = widget<QLabel>(u"webPageLabel"_s);
        QCOMPARE(link->text(), u"not listening"_s);
        startListening();
        const QString url = u"http://localhost:%1/"_s.arg(port());
        QTRY_COMPARE(link->text(), u"<a href=\"%1\">%1</a>"_s.arg(url));
        QVERIFY(link->openExternalLinks());
        QTcpSocket page;
        page.connectToHost(QHostAddress::LocalHost, port());
        QTRY_VERIFY(page.state() == QAbstractSocket::ConnectedState);
        page.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += page.readAll()).contains("role=\"log\""), 20000);
        QVERIFY(answer.startsWith("HTTP/1.1 200 OK\r\n"));
        click(u"stopButton"_s);
        QTRY_COMPARE(link->text(), u"not listening"_s);
    }

    // A specific address is named as such.
    void listeningOnOneAddressNamesIt()
    {
        choose(u"bindCombo"_s, u"localhost"_s);
        startListening();
        QCOMPARE(status(), u"Listening on 127.0.0.1:%1 (any free port) — no TLS, no password — 0 clients"_s.arg(port()));
    }

    // The status bar's totals: clients, and messages and bytes a second,
    // in and out; back to zero when the traffic stops.
    void statusBarTotals()
    {
        const QRegularExpression form(
            u"^Clients: (\\d+) · In: (\\d+) msg/s, (.+)/s · Out: (\\d+) msg/s, (.+)/s$"_s);
        QVERIFY2(form.match(totals()).hasMatch(), qPrintable(totals()));
        QCOMPARE(totals(), u"Clients: 0 · In: 0 msg/s, 0 bytes/s · Out: 0 msg/s, 0 bytes/s"_s);
        startListening();
        TestPeer *a = linesPeer(u"a"_s);
        TestPeer *b = linesPeer(u"b"_s);
        QTRY_COMPARE(form.match(totals()).captured(1), u"2"_s);

        const auto inRate = [&] { return form.match(totals()).captured(2).toInt(); };
        const auto outRate = [&] { return form.match(totals()).captured(4).toInt(); };
        // Traffic while it is looked at (each look sends a line), so that
        // every sample has some; then none.
        int sent = 0;
        QTRY_VERIFY2((a->sendLine(u"line %1"_s.arg(sent++)), inRate() > 0), qPrintable(totals()));
        QVERIFY2(form.match(totals()).captured(3) != u"0 bytes"_s, qPrintable(totals()));
        QTRY_VERIFY2(inRate() == 0, qPrintable(totals()));
        choose(u"modeCombo"_s, u"relay"_s);
        QTRY_VERIFY2((a->sendLine(u"relayed %1"_s.arg(sent++)), outRate() > 0), qPrintable(totals()));
        QVERIFY2(form.match(totals()).captured(5) != u"0 bytes"_s, qPrintable(totals()));
        QTRY_VERIFY(b->hasLine(u"#1: relayed %1"_s.arg(sent - 1)));
        QTRY_VERIFY2(outRate() == 0 && inRate() == 0, qPrintable(totals()));
        // Its tooltip has the counts so far: a's and b's first lines too.
        QTRY_VERIFY2(widget<QLabel>(u"totalsLabel"_s)->toolTip().contains(u"In all: %1 messages in"_s.arg(sent + 2)),
                     qPrintable(widget<QLabel>(u"totalsLabel"_s)->toolTip()));

        click(u"stopButton"_s);
        QTRY_COMPARE(totals(), u"Clients: 0 · In: 0 msg/s, 0 bytes/s · Out: 0 msg/s, 0 bytes/s"_s);
    }

    // --- Issue 10: the log, one client's lines; timestamps kept ---------

    void logFilteredToOneClient()
    {
        startListening();
        TestPeer *a = linesPeer(u"from a"_s);
        TestPeer *b = peer(Framing::Frames, u"bob"_s);
        QTRY_COMPARE(rows(), 2);
        b->sendText(u"from bob"_s);
        QTRY_VERIFY(logText().contains(u"): from bob"_s));
        QTRY_VERIFY(logText().contains(u"): from a"_s));
        clickRow(1);
        clickContextMenuAction(1, u"filterClientAction"_s);
        QCOMPARE(m_window->logPane()->clientFilter(), 2u);
        QTRY_VERIFY(!logText().contains(u"): from a"_s));
        QTRY_VERIFY(logText().contains(u"): from bob"_s));
        auto *bar = widget<QLabel>(u"clientFilterLabel"_s);
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->text(), u"Showing #2 bob only"_s);
        a->sendLine(u"more from a"_s);
        b->sendText(u"more from bob"_s);
        QTRY_VERIFY(logText().contains(u"): more from bob"_s));
        QVERIFY(!logText().contains(u"more from a"_s));

        // Show all again; then Enter on a's row filters to a.
        click(u"showAllButton"_s);
        QTRY_VERIFY(logText().contains(u"): more from a"_s));
        QCOMPARE(m_window->logPane()->clientFilter(), 0u);
        clickRow(0);
        QCOMPARE(m_window->logPane()->clientFilter(), 0u); // a click only selects
        key(Qt::Key_Return);
        QCOMPARE(m_window->logPane()->clientFilter(), 1u);
        QTRY_VERIFY(!logText().contains(u"): from bob"_s));
        QTRY_VERIFY(logText().contains(u"): from a"_s));

        // A double-click on bob's row filters to bob.
        const QRect bobRow = table()->visualRect(table()->model()->index(1, 0));
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, Qt::NoModifier, bobRow.center());
        QTest::mouseDClick(table()->viewport(), Qt::LeftButton, Qt::NoModifier, bobRow.center());
        QCOMPARE(m_window->logPane()->clientFilter(), 2u);
        QTRY_VERIFY(!logText().contains(u"): from a"_s));
    }

    void timestampChoiceIsSaved()
    {
        auto *combo = widget<QComboBox>(u"timestampCombo"_s);
        QCOMPARE(combo->currentData().toInt(), int(LogView::TimestampMode::Time));
        QTest::keyClick(m_window.get(), Qt::Key_M, Qt::AltModifier); // Ti&mestamps
        QTRY_VERIFY(combo->hasFocus());
        chooseTimestamps(LogView::TimestampMode::Hidden);
        QCOMPARE(m_window->logPane()->timestampMode(), LogView::TimestampMode::Hidden);
        QCOMPARE(QSettings().value(QLatin1String(ServerSettings::kLogTimestampsKey)).toInt(),
                 int(LogView::TimestampMode::Hidden));

        openWindow({});
        QCOMPARE(m_window->logPane()->timestampMode(), LogView::TimestampMode::Hidden);
        QCOMPARE(widget<QComboBox>(u"timestampCombo"_s)->currentData().toInt(), int(LogView::TimestampMode::Hidden));
        chooseTimestamps(LogView::TimestampMode::DateTime);
        openWindow({});
        QCOMPARE(m_window->logPane()->timestampMode(), LogView::TimestampMode::DateTime);
    }

    // --- Issue 10: accessibility ----------------------------------------

    // Every control has an accessible name; labels and buttons with a
    // mnemonic have one of their own (no two the same), and a label's
    // mnemonic takes the focus to its control.
    void everyControlIsNamedAndMnemonicsAreUnique()
    {
        startListening(); // everything enabled that can be
        QMap<QString, QString> byKey; // mnemonic -> what has it
        const auto addMnemonic = [&](const QString &text, const QString &owner) {
            const QKeySequence mnemonic = QKeySequence::mnemonic(text);
            if (mnemonic.isEmpty())
                return;
            const QString k = mnemonic.toString();
            QVERIFY2(!byKey.contains(k),
                     qPrintable(u"%1 is both %2's and %3's"_s.arg(k, byKey.value(k), owner)));
            byKey.insert(k, owner);
        };
        const QList<QWidget *> all = m_window->findChildren<QWidget *>();
        for (QWidget *w : all) {
            // A control; not a spin box's or a combo box's inner widgets,
            // which their box names.
            bool inner = false;
            for (QWidget *p = w->parentWidget(); p && p != m_window.get(); p = p->parentWidget())
                inner = inner || qobject_cast<QAbstractSpinBox *>(p) || qobject_cast<QComboBox *>(p);
            if ((w->focusPolicy() & Qt::TabFocus) && !inner) {
                QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
                QVERIFY(iface);
                QVERIFY2(!iface->text(QAccessible::Name).isEmpty(),
                         qPrintable(u"%1 (%2) has no accessible name"_s.arg(w->objectName(),
                                                                              QString::fromLatin1(w->metaObject()->className()))));
            }
            if (auto *button = qobject_cast<QAbstractButton *>(w))
                addMnemonic(button->text(), button->objectName());
            if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy())
                addMnemonic(label->text(), label->buddy()->objectName());
            if (auto *box = qobject_cast<QGroupBox *>(w))
                addMnemonic(box->title(), box->objectName());
        }
        if (QTest::currentTestFailed())
            return;
        for (const char *k : { "Alt+A", "Alt+D", "Alt+T", "Alt+K", "Alt+P", "Alt+W" })
            QVERIFY2(byKey.contains(QString::fromLatin1(k)), k); // the security fields keep theirs

        // A label's mnemonic focuses its field.
        const QList<std::pair<Qt::Key, const char *>> fields = {
            { Qt::Key_V, "serverIpView" }, { Qt::Key_O, "portSpinBox" }, { Qt::Key_I, "bindCombo" },
            { Qt::Key_F, "framingCombo" }, { Qt::Key_G, "modeCombo" },  { Qt::Key_E, "broadcastEdit" },
        };
        click(u"stopButton"_s); // the port and bind fields are locked while listening
        QTRY_VERIFY(!m_core->isListening());
        for (const auto &[k, name] : fields) {
            QWidget *target = widget<QWidget>(QString::fromLatin1(name));
            QTest::keyClick(m_window.get(), k, Qt::AltModifier);
            QTRY_VERIFY2(target->hasFocus() || target->isAncestorOf(QApplication::focusWidget()), name);
        }
        // The buttons' mnemonics are the ones the README lists.
        QCOMPARE(byKey.value(u"Alt+R"_s), u"startButton"_s);
        QCOMPARE(byKey.value(u"Alt+L"_s), u"stopButton"_s);
        QCOMPARE(byKey.value(u"Alt+N"_s), u"sendButton"_s);
        QCOMPARE(byKey.value(u"Alt+S"_s), u"sendSelectedButton"_s);
        QCOMPARE(byKey.value(u"Alt+C"_s), u"disconnectButton"_s);
        QCOMPARE(byKey.value(u"Alt+B"_s), u"banButton"_s);
        QCOMPARE(byKey.value(u"Alt+U"_s), u"unbanButton"_s);
        QCOMPARE(byKey.value(u"Alt+Q"_s), u"closeButton"_s);
    }

    // The title names the port and the mode, so that two servers' windows
    // look different (issue 15): the port asked for, or, while listening,
    // the port it got.
    void titleNamesPortAndMode()
    {
        QCOMPARE(m_window->windowTitle(), u"Socket Server — port 8000, show"_s);
        typePort(4567);
        choose(u"modeCombo"_s, u"relay"_s);
        QCOMPARE(m_window->windowTitle(), u"Socket Server — port 4567, relay"_s);
        typePort(0);
        QCOMPARE(m_window->windowTitle(), u"Socket Server — any free port, relay"_s);
        click(u"startButton"_s);
        QTRY_VERIFY(m_core->isListening());
        QTRY_COMPARE(m_window->windowTitle(), u"Socket Server — port %1, relay"_s.arg(port()));

        // A second window, over another server, tells itself apart.
        ServerController other;
        ServerWindow second(&other);
        QCOMPARE(second.windowTitle(), u"Socket Server — port 8000, show"_s);
        QVERIFY(second.windowTitle() != m_window->windowTitle());
    }

    void binaryPrintsTheListeningLine()
    {
        const QString binary = QStringLiteral(SOCKETHUB_BINARY_DIR "/server/socket-server");
        QVERIFY2(QFileInfo::exists(binary), "socket-server is not built (tst_serverwindow depends on it)");
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QByteArray out; // declared before proc, which may still emit while it is destroyed
        QProcess proc;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, home.path()); // not the user's settings
        env.insert(u"HOME"_s, home.path());
        proc.setProcessEnvironment(env);
        const QString logFile = home.filePath(u"server.log"_s);
        proc.start(binary, { u"--port"_s, u"0"_s, u"--bind"_s, u"localhost"_s, u"--listen"_s,
                             u"--client-messages"_s, u"echo"_s, u"--log"_s, logFile });
        connect(&proc, &QProcess::readyReadStandardOutput, &proc, [&] { out += proc.readAllStandardOutput(); });
        QTRY_VERIFY_WITH_TIMEOUT(out.contains('\n'), 10000);
        const QString line = QString::fromUtf8(out.left(out.indexOf('\n')));
        QVERIFY2(line.startsWith(u"listening on 127.0.0.1:"_s), qPrintable(line));
        const quint16 serverPort = line.section(u':', -1).toUShort();
        QVERIFY(serverPort != 0);
        QCOMPARE(out.count('\n'), 1);

        TestPeer client;
        client.connectTo(serverPort);
        client.sendLine(u"over the wire"_s);
        QTRY_VERIFY(client.hasLine(u"over the wire"_s));
        QCOMPARE(client.lines().constFirst(), u"* welcome #1: Welcome client 1"_s);
        const auto logged = [&logFile] {
            QFile log(logFile);
            return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
        };
        QTRY_VERIFY(logged().contains("#1 (127.0.0.1:"));

        // SIGTERM stops gracefully: the client hears why, the process exits 0.
        proc.terminate();
        QTRY_VERIFY(client.hasNoticeLine("disconnect", u"server stopped listening"_s));
        QTRY_COMPARE(proc.state(), QProcess::NotRunning);
        QCOMPARE(proc.exitStatus(), QProcess::NormalExit);
        QCOMPARE(proc.exitCode(), 0);
        QCOMPARE(out.count('\n'), 1);
        // The --log file is complete after SIGTERM: its writer runs on a
        // thread of its own and is finished before the process exits.
        const QByteArray log = logged();
        QVERIFY2(log.contains("#1 (127.0.0.1:") && log.contains(": over the wire\n"), log.constData());
        QVERIFY2(log.contains("#1 left: server stopped listening\n"), log.constData());
        QVERIFY2(log.endsWith("Stopped listening\n"), log.constData());
    }
};

QTEST_MAIN(TestServerWindow)
#include "tst_serverwindow.moc"
