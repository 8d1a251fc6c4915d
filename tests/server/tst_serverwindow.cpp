// The real ServerWindow, driven the way a person drives it: widgets found
// by objectName, mouse clicks and key presses. Clients are real sockets on
// 127.0.0.1 (and a real nc).
#include "clienttablemodel.h"
#include "eventlog.h"
#include "logpane.h"
#include "servercontroller.h"
#include "servercore.h"
#include "serversettings.h"
#include "serverwindow.h"
#include "testpeer.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
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

class TestServerWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerController> m_core;
    std::unique_ptr<ServerWindow> m_window;
    std::vector<std::unique_ptr<TestPeer>> m_peers;

    template<typename T>
    T *widget(const QString &name) const
    {
        T *w = m_window->findChild<T *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    QString logText() const { return widget<QPlainTextEdit>(u"logView"_s)->toPlainText(); }
    QString status() const { return widget<QLabel>(u"statusLabel"_s)->text(); }
    QTableView *table() const { return widget<QTableView>(u"clientTable"_s); }
    int rows() const { return table()->model()->rowCount(); }
    QString cell(int row, int column) const
    {
        return table()->model()->index(row, column).data().toString();
    }
    quint16 port() const { return m_core->serverPort(); }

    void click(const QString &button)
    {
        auto *b = widget<QPushButton>(button);
        QVERIFY2(b->isEnabled(), qPrintable(button));
        QTest::mouseClick(b, Qt::LeftButton);
    }
    // Picks a combo item by keyboard: Home, then Down until it is selected.
    void choose(const QString &comboName, const QString &data)
    {
        auto *combo = widget<QComboBox>(comboName);
        const int target = combo->findData(data);
        QVERIFY(target >= 0);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Home);
        for (int i = 0; i < target; ++i)
            QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentData().toString(), data);
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
    TestPeer *peer(Framing framing = Framing::Lines, const QString &name = {})
    {
        m_peers.push_back(std::make_unique<TestPeer>(framing, name));
        TestPeer *p = m_peers.back().get();
        p->connectTo(port());
        return p;
    }
    // A lines peer whose framing is known at once (it speaks first).
    TestPeer *linesPeer(const QString &first)
    {
        TestPeer *p = peer();
        p->sendLine(first);
        return p;
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
        m_core = std::make_unique<ServerController>();
        m_window = std::make_unique<ServerWindow>(m_core.get());
        m_window->resize(1000, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_peers.clear();
        m_window.reset();
        m_core.reset();
        QSettings().clear();
    }

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
        QCOMPARE(table()->model()->columnCount(), 10);
        QCOMPARE(table()->model()->headerData(0, Qt::Horizontal).toString(), u"Id"_s);
        QCOMPARE(widget<QPushButton>(u"startButton"_s)->text(), u"Start Listening"_s);
        QVERIFY(!widget<QPushButton>(u"stopButton"_s)->isEnabled());
    }

    void startAndStopListening()
    {
        startListening();
        QCOMPARE(status(), u"Listening on all interfaces, port %1 — open: no password, no TLS — 0 clients"_s.arg(port()));
        QTRY_VERIFY(logText().contains(u"Listening on 0.0.0.0:%1"_s.arg(port())));
        QVERIFY(!widget<QPushButton>(u"startButton"_s)->isEnabled());

        TestPeer *a = linesPeer(u"hello"_s);
        QTRY_COMPARE(rows(), 1);
        QTRY_COMPARE(status(), u"Listening on all interfaces, port %1 — open: no password, no TLS — 1 client"_s.arg(port()));

        click(u"stopButton"_s);
        QCOMPARE(status(), u"Stopped"_s);
        QTRY_VERIFY(!m_core->isListening());
        QTRY_COMPARE(rows(), 0);
        QTRY_VERIFY(a->hasNoticeLine("disconnect", u"server stopped listening"_s));
        QTRY_VERIFY(a->isClosed());
        QTRY_VERIFY(logText().contains(u"Stopped listening"_s));
        QVERIFY(logText().contains(u"#1 left: server stopped listening"_s));
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
        QTRY_COMPARE(status(), u"Listening on all interfaces, port %1 — open: no password, no TLS — 3 clients"_s.arg(port()));

        QTRY_VERIFY(logText().contains(u"#1 (127.0.0.1:%1): hello from a"_s.arg(a->localPort())));
        QVERIFY(logText().contains(u"#3 connected from 127.0.0.1:%1 (frames)"_s.arg(c->localPort())));
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
        click(u"closeButton"_s);
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
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Disconnect, u"kicked and banned for 5 minute(s)"_s));
        QTRY_COMPARE(rows(), 1);
        auto *bans = widget<QListView>(u"bansView"_s);
        QTRY_COMPARE(bans->model()->rowCount(), 1);
        QVERIFY(bans->model()->index(0, 0).data().toString().startsWith(u"127.0.0.1 (until "_s));
        QTRY_VERIFY(logText().contains(u"Banned 127.0.0.1 for 5 minute(s)"_s));
        QVERIFY(!widget<QPushButton>(u"unbanButton"_s)->isEnabled());

        TestPeer *c = linesPeer(u"c"_s);
        QTRY_VERIFY(c->isClosed());
        QCOMPARE(c->lines(), QStringList{ u"* disconnect: banned from this server"_s });
        QVERIFY(a->isConnected()); // already connected: a ban refuses new connections

        const QRect rect = bans->visualRect(bans->model()->index(0, 0));
        QTest::mouseClick(bans->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
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
        QTRY_VERIFY(b->hasNotice(Message::NoticeKind::Disconnect, u"kicked and banned for 10 minute(s)"_s));
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
        QTRY_COMPARE(status(), u"Listening on all interfaces, port %1 — open: no password, no TLS — 1 client"_s.arg(port()));
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
        QVERIFY(saved.contains(u"Listening on 0.0.0.0:%1"_s.arg(port())));
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
