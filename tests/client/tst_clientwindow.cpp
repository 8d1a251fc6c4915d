// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The real ClientWindow, driven through its widgets (by objectName) against
// a tiny QTcpServer peer over real loopback sockets. Asserts what a person
// sees: the status line, the log, the buttons.
#include "clientui.h"
#include "elidedlabel.h"
#include "logpane.h"
#include "eventlog.h"
#include "logview.h"
#include "testserver.h"
#include "translation.h"

#include <QAccessible>
#include <QClipboard>
#include <QGuiApplication>
#include <QLocale>
#include <QMimeData>
#include <QRegularExpression>
#include <QSettings>
#include <QTextBlock>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The longest block in the view's document.
qsizetype longestBlock(const QPlainTextEdit *view)
{
    qsizetype longest = 0;
    for (QTextBlock b = view->document()->begin(); b.isValid(); b = b.next())
        longest = qMax<qsizetype>(longest, b.text().size());
    return longest;
}

} // namespace

class TestClientWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void sendDisabledWhileDisconnected();
    void connectAndDisconnect();
    void cancelWhileConnecting();
    void refusedShowsQtReason();
    void unresolvableHost();
    void sendAndReceiveFrames();
    void sendAndReceiveLines();
    void tooLargeMessageIsRefusedAndKept();
    void serverVanishes();
    void reconnectWithBackoff();
    void messageHistory();
    void settingsPersist();
    void closeSendsQueuedBytesFirst();
    void hugeMessageShowsPrefixAndSize_data();
    void hugeMessageShowsPrefixAndSize();
    void overlongLineIsCutForDisplay();
    void floodShowsNewestLines();
    void floodBatchFormatsOnlyTheNewest();
    void enterInTheFormConnects();
    void nameIsForFramesOnly();
    void ctrlQCloses();
    void titleNamesTheConnection();
    void longStatusIsElidedWithATooltip();
    // Issue 9: the password field.
    void passwordIsSentAndNeverSaved();
    void passwordFromTheEnvironmentIsTakenOnce();
    void passwordInLinesAfterThePrompt();
    void promptWithoutPasswordIsAnInfoNotice();
    void tooLongPasswordIsRefused();
    // Issue 10.
    void pasteOverTheLimitIsRefused();
    void pasteUnderTheLimitIsSent();
    void pasteOfAClipboardWithNothingInIt();
    void escapesAndLineEndingsInLines();
    void escapesInFrames();
    void countersShowTraffic();
    void profilesKeepTheirOwnSettings();
    void timestampModePersistsPerProfile();
    void receivedLinesAreMessagesOfTheirSender();
    void everyControlIsNamedWithAUniqueMnemonic();
    // The connection on its own thread: what it receives crosses in
    // batches, in order; commands show at once.
    void receivedLinesCrossInBatchesInOrder();

private:
    ClientWindow *newWindow();
    std::vector<std::unique_ptr<ClientWindow>> m_windows;
};

void TestClientWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings(u"SocketHub"_s, u"socket-client"_s).clear();
    // The English plural forms, as socket-client loads them.
    Translation::installPluralForms(QCoreApplication::instance());
}

void TestClientWindow::init()
{
    QSettings(u"SocketHub"_s, u"socket-client"_s).clear();
}

void TestClientWindow::cleanup()
{
    m_windows.clear();
}

ClientWindow *TestClientWindow::newWindow()
{
    return showNewWindow(m_windows);
}

void TestClientWindow::sendDisabledWhileDisconnected()
{
    ClientUi ui(newWindow());
    QVERIFY(ui.complete());
    QCOMPARE(ui.status->text(), u"Not Connected"_s);
    QVERIFY(!ui.sendButton->isEnabled());
    QVERIFY(!ui.disconnectButton->isEnabled());
    QVERIFY(ui.connectButton->isEnabled());
    QCOMPARE(ui.host->text(), u"127.0.0.1"_s);
    QCOMPARE(ui.port->value(), 8000);
    QCOMPARE(ui.framing->currentData().toString(), u"frames"_s);

    // Enter in the message box sends nothing and keeps the text.
    ClientUi::typeText(ui.message, u"keep me"_s);
    QTest::keyClick(ui.message, Qt::Key_Return);
    QCOMPARE(ui.message->toPlainText(), u"keep me"_s);
    QVERIFY(!ui.log->toPlainText().contains(u"me: keep me"_s));
}

void TestClientWindow::connectAndDisconnect()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    QVERIFY(ui.complete());

    ui.connectTo(u"127.0.0.1"_s, peer.port(), u"alice"_s);
    const QString connected = u"Connected to 127.0.0.1:%1"_s.arg(peer.port());
    QTRY_COMPARE(ui.status->text(), connected);
    QVERIFY(ui.sendButton->isEnabled());
    QVERIFY(!ui.connectButton->isEnabled());
    QVERIFY(!ui.host->isEnabled());
    QCOMPARE(ui.disconnectButton->text(), u"&Disconnect From Server"_s);
    QTRY_VERIFY(!peer.received.isEmpty());
    QCOMPARE(peer.received.constFirst().name, u"alice"_s);
    QTRY_VERIFY(ui.logLines().contains(connected));
    QTRY_VERIFY(ui.logLines().contains(u"The server is test-peer (protocol version 1)"_s));

    QTest::mouseClick(ui.disconnectButton, Qt::LeftButton);
    QCOMPARE(ui.status->text(), u"Not Connected"_s);
    QVERIFY(!ui.sendButton->isEnabled());
    QVERIFY(ui.connectButton->isEnabled());
    QTRY_COMPARE(peer.socket()->state(), QAbstractSocket::UnconnectedState);
    QTRY_VERIFY(ui.log->toPlainText().contains(u"Disconnected from 127.0.0.1:%1"_s.arg(peer.port())));
}

void TestClientWindow::cancelWhileConnecting()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port());
    // Connecting is asynchronous: right after the click it is in progress.
    QCOMPARE(ui.status->text(), u"Connecting to 127.0.0.1:%1…"_s.arg(peer.port()));
    QCOMPARE(ui.disconnectButton->text(), u"C&ancel"_s);
    QVERIFY(!ui.sendButton->isEnabled());
    QTest::mouseClick(ui.disconnectButton, Qt::LeftButton);
    QCOMPARE(ui.status->text(), u"Not Connected"_s);
    QCOMPARE(ui.disconnectButton->text(), u"&Disconnect From Server"_s);
    QVERIFY(!ui.disconnectButton->isEnabled());
}

void TestClientWindow::refusedShowsQtReason()
{
    const quint16 port = freePort();
    const QString qtReason = qtConnectError(u"127.0.0.1"_s, port);
    QVERIFY(!qtReason.isEmpty());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, port);
    QTRY_VERIFY(ui.status->text().startsWith(u"Not Connected"_s));
    QVERIFY2(ui.status->text().contains(qtReason), qPrintable(ui.status->text()));
    QVERIFY2(ui.status->text().contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(ui.status->text()));
    QTRY_VERIFY(ui.log->toPlainText().contains(qtReason));
    QVERIFY(!ui.sendButton->isEnabled());
}

void TestClientWindow::unresolvableHost()
{
    const QString host = u"nonexistent.invalid"_s;
    // Qt reports every failed lookup this way (QAbstractSocket, HostNotFoundError).
    const QString qtReason = QAbstractSocket::tr("Host not found");
    ClientUi ui(newWindow());
    ui.connectTo(host, 8000);
    QTRY_VERIFY_WITH_TIMEOUT(ui.status->text().startsWith(u"Not Connected"_s), 20000);
    QVERIFY2(ui.status->text().contains(qtReason), qPrintable(ui.status->text()));
    QVERIFY2(ui.status->text().contains(host), qPrintable(ui.status->text()));
}

void TestClientWindow::sendAndReceiveFrames()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), u"alice"_s);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());

    // Enter sends.
    ui.type(u"héllo wörld ✓"_s);
    QTRY_COMPARE(peer.texts(), QList<QString>{u"héllo wörld ✓"_s});
    QCOMPARE(ui.message->toPlainText(), QString());
    QTRY_VERIFY(ui.logLines().contains(u"me: héllo wörld ✓"_s));

    // Shift+Enter inserts a newline; the button sends too.
    ClientUi::typeText(ui.message, u"line 1"_s);
    QTest::keyClick(ui.message, Qt::Key_Return, Qt::ShiftModifier);
    ClientUi::typeText(ui.message, u"line 2"_s);
    QCOMPARE(ui.message->toPlainText(), u"line 1\nline 2"_s);
    QTest::mouseClick(ui.sendButton, Qt::LeftButton);
    QTRY_COMPARE(peer.texts().size(), 2);
    QCOMPARE(peer.texts().at(1), u"line 1\nline 2"_s);

    // What the server sends, as a person sees it.
    peer.send(Message::makeNotice(Message::NoticeKind::Welcome, u"Welcome client 1"_s, 1));
    peer.send(Message::makeText(u"hi from the server"_s));
    peer.send(Message::makeText(u"hi all 日本語"_s, 3, u"carol"_s));
    peer.send(Message::makeText(u"anonymous"_s, 4));
    QTRY_VERIFY(ui.logLines().contains(u"#4: anonymous"_s));
    const QStringList lines = ui.logLines();
    QVERIFY(lines.contains(u"* Welcome client 1"_s));
    QVERIFY(lines.contains(u"server: hi from the server"_s));
    QVERIFY(lines.contains(u"#3 carol: hi all 日本語"_s));
    QCOMPARE(ui.w->controller()->clientId(), 1u);
}

void TestClientWindow::sendAndReceiveLines()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), u"alice"_s, true);
    QCOMPARE(ui.framing->currentData().toString(), u"lines"_s);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());

    ui.type(u"héllo wörld ✓ 日本語"_s);
    QTRY_COMPARE(peer.raw, u"héllo wörld ✓ 日本語\n"_s.toUtf8());
    QTRY_VERIFY(ui.logLines().contains(u"me: héllo wörld ✓ 日本語"_s));

    peer.write(u"#3 carol: relayed ✓\r\n* welcome #1: Welcome client 1\nplain reply\n\\#4: a quoted server text\n"_s
                   .toUtf8());
    QTRY_VERIFY(ui.logLines().contains(u"plain reply"_s));
    QVERIFY(ui.logLines().contains(u"#3 carol: relayed ✓"_s));
    QVERIFY(ui.logLines().contains(u"* welcome #1: Welcome client 1"_s));
    // A server's quoted text line is shown without its backslash.
    QTRY_VERIFY(ui.logLines().contains(u"#4: a quoted server text"_s));
}

void TestClientWindow::tooLargeMessageIsRefusedAndKept()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.w->controller()->setMaxMessageSize(8);
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    ui.type(u"0123456789"_s);
    QTRY_VERIFY(ui.log->toPlainText().contains(u"Message of 10 bytes exceeds the maximum of 8 bytes"_s));
    QCOMPARE(ui.message->toPlainText(), u"0123456789"_s); // not lost
    QCOMPARE(ui.status->text(), u"Connected to 127.0.0.1:%1"_s.arg(peer.port()));
    QVERIFY(peer.raw.isEmpty());
}

void TestClientWindow::serverVanishes()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port());
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());

    peer.socket()->abort();
    QTRY_VERIFY(ui.status->text().startsWith(u"Not Connected"_s));
    const QString status = ui.status->text();
    QVERIFY2(status.contains(u"Connection to 127.0.0.1:%1"_s.arg(peer.port())), qPrintable(status));
    QVERIFY2(status.contains(u"closed"_s) || status.contains(u"reset"_s), qPrintable(status));
    QVERIFY(!ui.sendButton->isEnabled());
    QTRY_VERIFY(ui.log->toPlainText().contains(u"Connection to 127.0.0.1:%1"_s.arg(peer.port())));
}

void TestClientWindow::reconnectWithBackoff()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    const quint16 port = peer.port();
    ClientUi ui(newWindow());
    // One "second" of the backoff schedule is 200 ms here.
    ui.w->controller()->setReconnectBaseDelay(200);
    QTest::keyClick(ui.autoReconnect, Qt::Key_Space);
    QVERIFY(ui.autoReconnect->isChecked());
    ui.connectTo(u"127.0.0.1"_s, port);
    const QString connected = u"Connected to 127.0.0.1:%1"_s.arg(port);
    QTRY_COMPARE(ui.status->text(), connected);
    QTRY_VERIFY(peer.isConnected());

    // The server goes away: the countdown runs 1; 2, 1; 4 ...
    peer.stopListening();
    peer.socket()->abort();
    QTRY_VERIFY(ui.status->text().startsWith(u"Reconnecting in 1 s…"_s));
    QVERIFY2(ui.status->text().contains(u"Connection to 127.0.0.1:%1"_s.arg(port)), qPrintable(ui.status->text()));
    QCOMPARE(ui.disconnectButton->text(), u"C&ancel"_s);
    QTRY_VERIFY(ui.status->text().startsWith(u"Reconnecting in 2 s…"_s));
    QTRY_VERIFY(ui.status->text().startsWith(u"Reconnecting in 4 s…"_s));
    QTRY_VERIFY(ui.log->toPlainText().contains(u"Reconnecting in 4 s (attempt 3)"_s));
    QTRY_VERIFY(ui.log->toPlainText().contains(u"Reconnecting in 1 s (attempt 1)"_s));
    QTRY_VERIFY(ui.log->toPlainText().contains(u"Reconnecting in 2 s (attempt 2)"_s));

    // It comes back: the client reconnects by itself.
    QVERIFY(peer.listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(ui.status->text(), connected, 15000);
    QTRY_COMPARE(peer.connectionCount(), 2);
    QVERIFY(ui.sendButton->isEnabled());

    // Disconnect during the countdown stops reconnecting.
    peer.stopListening();
    peer.socket()->abort();
    QTRY_VERIFY(ui.status->text().startsWith(u"Reconnecting in"_s));
    QTest::mouseClick(ui.disconnectButton, Qt::LeftButton);
    QCOMPARE(ui.status->text(), u"Not Connected"_s);
    QVERIFY(ui.connectButton->isEnabled());
}

void TestClientWindow::messageHistory()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    ui.type(u"first"_s);
    ui.type(u"second"_s);
    QTRY_COMPARE(peer.texts(), (QList<QString>{u"first"_s, u"second"_s}));

    ClientUi::typeText(ui.message, u"draft"_s);
    QTest::keyClick(ui.message, Qt::Key_Up);
    QCOMPARE(ui.message->toPlainText(), u"second"_s);
    QTest::keyClick(ui.message, Qt::Key_Up);
    QCOMPARE(ui.message->toPlainText(), u"first"_s);
    QTest::keyClick(ui.message, Qt::Key_Up); // no older entry
    QCOMPARE(ui.message->toPlainText(), u"first"_s);
    QTest::keyClick(ui.message, Qt::Key_Down);
    QCOMPARE(ui.message->toPlainText(), u"second"_s);
    QTest::keyClick(ui.message, Qt::Key_Down);
    QCOMPARE(ui.message->toPlainText(), u"draft"_s);

    // Recall and send again.
    ui.retype(ui.message, QString());
    QTest::keyClick(ui.message, Qt::Key_Up);
    QTest::keyClick(ui.message, Qt::Key_Up);
    QTest::keyClick(ui.message, Qt::Key_Return);
    QTRY_COMPARE(peer.texts(), (QList<QString>{u"first"_s, u"second"_s, u"first"_s}));
    QTest::keyClick(ui.message, Qt::Key_Up);
    QCOMPARE(ui.message->toPlainText(), u"first"_s);
}

void TestClientWindow::settingsPersist()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    // Saved earlier: the window must replace it with the host it connects to.
    QSettings(u"SocketHub"_s, u"socket-client"_s).setValue(u"client/host"_s, u"192.0.2.1"_s);
    {
        ClientUi ui(newWindow());
        QCOMPARE(ui.host->text(), u"192.0.2.1"_s);
        ClientUi::retype(ui.name, u"bob"_s); // while frames is chosen: lines disable it
        ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
        QTest::keyClick(ui.autoReconnect, Qt::Key_Space);
        QTRY_VERIFY(ui.sendButton->isEnabled());
        QTest::mouseClick(ui.closeButton, Qt::LeftButton);
        QVERIFY(!ui.w->isVisible());
        QCOMPARE(ui.w->controller()->state(), ClientConnection::State::Disconnected);
    }
    m_windows.clear();
    ClientUi ui(newWindow());
    QCOMPARE(ui.host->text(), u"127.0.0.1"_s);
    QCOMPARE(ui.port->value(), int(peer.port()));
    QCOMPARE(ui.name->text(), u"bob"_s);
    QCOMPARE(ui.framing->currentData().toString(), u"lines"_s);
    QVERIFY(ui.autoReconnect->isChecked());
}


// Closing the window right after a send: the message is still written, the
// server sees a clean close, and closeFinished (main quits on it) follows.
void TestClientWindow::closeSendsQueuedBytesFirst()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    QSignalSpy finished(ui.w, &ClientWindow::closeFinished);
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());

    ui.type(u"goodbye"_s);
    QTest::mouseClick(ui.closeButton, Qt::LeftButton);
    QVERIFY(!ui.w->isVisible());
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toLongLong(), 0);
    QTRY_VERIFY(peer.closedByClient);
    QCOMPARE(peer.texts(), QList<QString>{u"goodbye"_s});
    QVERIFY(!ui.log->toPlainText().contains(u"not sent"_s));
}
// S10: one 1,000,000-byte message with no spaces. The log keeps and shows a
// prefix with the size, and the view lays out no line longer than its limit.
void TestClientWindow::hugeMessageShowsPrefixAndSize_data()
{
    QTest::addColumn<bool>("lines");
    QTest::addColumn<QString>("sender");
    QTest::newRow("frames") << false << u"server: "_s;
    QTest::newRow("lines") << true << QString();
}

void TestClientWindow::hugeMessageShowsPrefixAndSize()
{
    QFETCH(bool, lines);
    QFETCH(QString, sender);
    TestServer peer(lines ? Protocol::Framing::Lines : Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, lines);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());

    const QByteArray huge(1000000, 'x');
    if (lines)
        peer.write(huge + '\n');
    else
        peer.send(Message::makeText(QString::fromLatin1(huge)));
    const QString expected = sender + QString(LogEvent::kMaxLoggedPayload, u'x') + u" … [1000000 bytes]"_s;
    QTRY_VERIFY_WITH_TIMEOUT(ui.logLines().contains(expected), 10000);
    QVERIFY2(longestBlock(ui.log) <= LogView::kMaxLineLength, qPrintable(QString::number(longestBlock(ui.log))));
    QCOMPARE(ui.w->controller()->state(), ClientConnection::State::Connected);
}

// A line made by anything else than LogEvent's constructors (which cut
// payloads) is still cut for display: a prefix and its length.
void TestClientWindow::overlongLineIsCutForDisplay()
{
    ClientUi ui(newWindow());
    LogEvent event = LogEvent::info(u"placeholder"_s);
    event.text = QString(100000, u'y');
    ui.w->log()->appendEvent(event);
    ui.w->log()->append(u"next"_s);

    QTRY_VERIFY(ui.logLines().contains(u"next"_s));
    const QStringList shown = ui.log->toPlainText().split(u'\n');
    const qsizetype i = shown.indexOf(QRegularExpression(u"^.{13}y+ … \\[100013 characters\\]$"_s));
    QVERIFY2(i >= 0, qPrintable(shown.join(u'\n').left(200)));
    QCOMPARE(shown.at(i).size(), LogView::kMaxLineLength);
    QCOMPARE(longestBlock(ui.log), LogView::kMaxLineLength);
}

// 20,000 messages at once: the view shows the newest lines, in order, and a
// note for the lines it skipped (the client reads the flood in one go, so
// at least one batch is over the per-batch limit).
void TestClientWindow::floodShowsNewestLines()
{
    constexpr int kFlood = 20000;
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());

    QByteArray flood;
    for (int i = 1; i <= kFlood; ++i)
        flood += QByteArray::number(i) + '\n';
    peer.write(flood);
    peer.socket()->flush(); // handed to the kernel at once: the client reads it in one go

    QTRY_COMPARE(ui.logLines().constLast(), QString::number(kFlood));
    const QStringList shown = ui.logLines();
    QCOMPARE(shown.at(shown.size() - 2), QString::number(kFlood - 1));
    const QRegularExpression note(u"^… .+ lines not shown \\(flood\\)$"_s);
    QVERIFY2(shown.indexOf(note) >= 0, qPrintable(shown.mid(0, 5).join(u'\n')));
    QVERIFY(ui.log->blockCount() <= ui.log->maximumBlockCount());
}

// One batch of 20,000 events (appended with no event loop in between):
// exactly the newest lines that fit the per-batch limit are formatted,
// after a note that counts the rest.
void TestClientWindow::floodBatchFormatsOnlyTheNewest()
{
    constexpr int kFlood = 20000;
    ClientUi ui(newWindow());
    for (int i = 1; i <= kFlood; ++i)
        ui.w->log()->append(QString::number(i));

    const int kept = int(LogView::kMaxLinesPerBatch) - 1;
    QTRY_COMPARE(ui.logLines().constLast(), QString::number(kFlood));
    const QStringList shown = ui.logLines();
    const QString skipped = QLocale().toString(kFlood - kept);
    QCOMPARE(shown.at(shown.size() - kept - 1), u"… %1 lines not shown (flood)"_s.arg(skipped));
    QCOMPARE(shown.at(shown.size() - kept), QString::number(kFlood - kept + 1));
    // The view was empty: it holds that batch and nothing else.
    QCOMPARE(ui.log->blockCount(), int(LogView::kMaxLinesPerBatch));
}


// Enter in the host field connects, as the button does (a first-time user
// tripped over it).
void TestClientWindow::enterInTheFormConnects()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ClientUi::retype(ui.port, QString::number(peer.port()));
    ui.host->setFocus();
    ClientUi::retype(ui.host, u"127.0.0.1"_s);
    QTest::keyClick(ui.host, Qt::Key_Return);
    QTRY_COMPARE(ui.status->text(), u"Connected to 127.0.0.1:%1"_s.arg(peer.port()));
    // Once connected, Enter there does nothing: the form is disabled.
    QVERIFY(!ui.host->isEnabled());
}

// The name goes in the frames hello; lines have no hello, so the field is
// disabled for lines.
void TestClientWindow::nameIsForFramesOnly()
{
    ClientUi ui(newWindow());
    ui.framing->setFocus();
    QTest::keyClick(ui.framing, Qt::Key_Home);
    QVERIFY(ui.name->isEnabled());
    QTest::keyClick(ui.framing, Qt::Key_End);
    QCOMPARE(ui.framing->currentData().toString(), u"lines"_s);
    QVERIFY(!ui.name->isEnabled());
    QTest::keyClick(ui.framing, Qt::Key_Home);
    QVERIFY(ui.name->isEnabled());
}

void TestClientWindow::ctrlQCloses()
{
    ClientUi ui(newWindow());
    QVERIFY(ui.w->isVisible());
    ui.host->setFocus();
    QTest::keyClick(ui.host, Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!ui.w->isVisible());
}

// Several client windows are told apart by their titles.
void TestClientWindow::titleNamesTheConnection()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    QCOMPARE(ui.w->windowTitle(), u"Socket Client"_s);
    ui.connectTo(u"127.0.0.1"_s, peer.port(), u"al%1ice"_s);
    // A "%1" in the name stays as it is (no chained arg() on user data).
    QTRY_COMPARE(ui.w->windowTitle(), u"al%1ice @ 127.0.0.1:"_s + QString::number(peer.port()) + u" — Socket Client"_s);
    QTest::mouseClick(ui.disconnectButton, Qt::LeftButton);
    QCOMPARE(ui.w->windowTitle(), u"Socket Client"_s);
}

// A status longer than the status bar ends in "…" instead of being cut off
// mid-word; the whole text is the tooltip.
void TestClientWindow::longStatusIsElidedWithATooltip()
{
    ClientUi ui(newWindow());
    auto *status = ui.w->findChild<ElidedLabel *>(u"statusLabel"_s);
    QVERIFY(status);
    ui.connectTo(u"127.0.0.1"_s, 1, u"alice"_s); // nothing listens on port 1
    QTRY_VERIFY(status->text().contains(u"Could not connect to 127.0.0.1:1"_s));
    QCOMPARE(status->toolTip(), status->text());
    ui.w->resize(320, ui.w->height());
    QTRY_VERIFY(status->displayedText() != status->text());
    QVERIFY(status->displayedText().endsWith(u"…"_s));
    ui.w->resize(2400, ui.w->height());
    QTRY_COMPARE(status->displayedText(), status->text());
}

// The password field: masked, sent in the hello to a server whose hello
// asks for it, never written to the settings (nor shown in the log).
void TestClientWindow::passwordIsSentAndNeverSaved()
{
    TestServer peer(Protocol::Framing::Frames);
    peer.requirePassword = true;
    QVERIFY(peer.listen());
    const QString password = u"pässwörd-7319"_s;
    {
        ClientUi ui(newWindow());
        QVERIFY(ui.complete());
        QCOMPARE(ui.password->echoMode(), QLineEdit::Password);
        QVERIFY(ui.password->text().isEmpty());
        ClientUi::retype(ui.password, password);
        ui.connectTo(u"127.0.0.1"_s, peer.port(), u"alice"_s);
        QTRY_COMPARE(peer.count(Message::Type::Hello), 1);
        QCOMPARE(peer.received.first().data, password.toUtf8());
        QTRY_COMPARE(ui.status->text(), u"Connected to 127.0.0.1:%1"_s.arg(peer.port()));
        QVERIFY(!ui.password->isEnabled());
        QTRY_VERIFY(ui.logLines().contains(u"Sent the password: the server asked for it"_s));
        QVERIFY(!ui.log->toPlainText().contains(password));
        QTest::mouseClick(ui.closeButton, Qt::LeftButton);
        m_windows.clear();
    }
    QSettings settings(u"SocketHub"_s, u"socket-client"_s);
    settings.sync();
    QCOMPARE(settings.value(u"profiles/default/host"_s).toString(), u"127.0.0.1"_s); // the others were saved
    for (const QString &key : settings.allKeys()) {
        QVERIFY2(!key.contains(u"password"_s, Qt::CaseInsensitive), qPrintable(key));
        QVERIFY2(!settings.value(key).toString().contains(password), qPrintable(key));
    }
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray contents = file.readAll();
    QVERIFY(!contents.isEmpty());
    QVERIFY(!contents.contains(password.toUtf8()));
    QVERIFY(!contents.contains("p%E4ssw"));
    QVERIFY(!contents.contains("7319"));

    // A new window starts with an empty field.
    ClientUi ui(newWindow());
    QVERIFY(ui.password->text().isEmpty());
}

// SOCKETHUB_PASSWORD fills the first window's field and leaves the
// environment; a frames server whose hello does not ask gets no byte of it.
void TestClientWindow::passwordFromTheEnvironmentIsTakenOnce()
{
    const QByteArray password = "env-pässword-8812";
    qputenv(Protocol::kPasswordEnvironmentVariable, password);
    ClientUi ui(newWindow());
    QCOMPARE(ui.password->text(), QString::fromUtf8(password));
    QVERIFY(!qEnvironmentVariableIsSet(Protocol::kPasswordEnvironmentVariable));
    // A second window finds it gone.
    ClientUi second(newWindow());
    QVERIFY(second.password->text().isEmpty());

    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), u"alice"_s);
    QTRY_VERIFY(ui.logLines().contains(u"Password not sent: the server's hello did not ask for it"_s));
    ui.type(u"hi"_s);
    QTRY_COMPARE(peer.texts(), QList<QString>{u"hi"_s});
    QCOMPARE(peer.count(Message::Type::Hello), 1);
    QVERIFY(peer.received.first().data.isNull());
    QVERIFY(!peer.raw.contains(password));
    QVERIFY(!peer.raw.contains("8812"));
}

// Lines: the password from the field goes out once the server asks for it,
// before the texts typed meanwhile; the log says so without showing it.
void TestClientWindow::passwordInLinesAfterThePrompt()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ClientUi::retype(ui.password, u"s3cret"_s);
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());
    ui.type(u"typed early"_s);
    QTRY_VERIFY(ui.message->toPlainText().isEmpty()); // taken, held

    peer.write(QByteArrayLiteral("* info: ") + Protocol::kPasswordPrompt + '\n');
    QTRY_COMPARE(peer.raw, QByteArray("s3cret\ntyped early\n"));
    QTRY_VERIFY(ui.logLines().contains(u"me: typed early"_s));
    QVERIFY(ui.logLines().contains(u"* info: password required: send it as the first line"_s));
    QVERIFY(ui.logLines().contains(u"Sent the password: the server asked for it"_s));
    QVERIFY(!ui.log->toPlainText().contains(u"s3cret"_s));

    // A wrong one: the server's reason is the status.
    peer.write("* disconnect #4: wrong password\n");
    peer.socket()->disconnectFromHost();
    QTRY_COMPARE(ui.status->text(), u"Not Connected — Connection to 127.0.0.1:%1 closed by the server: wrong "
                                    "password"_s.arg(peer.port()));
}

// Without a password, the prompt is shown like any notice, and what the user
// then types is an ordinary line.
void TestClientWindow::promptWithoutPasswordIsAnInfoNotice()
{
    TestServer peer(Protocol::Framing::Lines);
    peer.onAccept = QByteArrayLiteral("* info: ") + Protocol::kPasswordPrompt + '\n';
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.logLines().contains(u"* info: password required: send it as the first line"_s));
    ui.type(u"typed by hand"_s);
    QTRY_COMPARE(peer.raw, QByteArray("typed by hand\n"));
    QVERIFY(!ui.log->toPlainText().contains(u"Sent the password"_s));
}

void TestClientWindow::tooLongPasswordIsRefused()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ClientUi::retype(ui.password, QString(128, u'é'));
    ui.connectTo(u"127.0.0.1"_s, peer.port());
    QTRY_COMPARE(ui.status->text(), u"Not Connected — Could not connect to 127.0.0.1:%1: the password is 256 bytes "
                                "long in UTF-8; a server takes at most 255"_s.arg(peer.port()));
    QVERIFY(ui.connectButton->isEnabled());
    QCOMPARE(peer.connectionCount(), 0);
}

// A paste of 1.2 MB with no spaces froze the window in Qt's text layout.
// Now a paste past the maximum message size is refused whole, saying why,
// and the box keeps what it held.
void TestClientWindow::pasteOverTheLimitIsRefused()
{
    ClientUi ui(newWindow());
    auto *error = ui.w->findChild<QLabel *>(u"messageErrorLabel"_s);
    QVERIFY(error);
    QVERIFY(error->isHidden());
    ClientUi::typeText(ui.message, u"keep"_s);
    QGuiApplication::clipboard()->setText(QString(1200000, u'x'));
    QTest::keyClick(ui.message, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(ui.message->toPlainText(), u"keep"_s);
    QVERIFY(error->isVisible());
    const QLocale locale;
    QCOMPARE(error->text(), u"Not pasted: %1 bytes (%2) is more than the maximum message size of %3 bytes (%4)"_s
                                .arg(locale.toString(1200004), locale.formattedDataSize(1200004, 1),
                                     locale.toString(1048576), locale.formattedDataSize(1048576, 1)));
    // The next edit clears it.
    QTest::keyClick(ui.message, Qt::Key_Backspace);
    QVERIFY(error->isHidden());

    // Against a smaller maximum, what already is in the box counts too.
    ui.w->controller()->setMaxMessageSize(10);
    QGuiApplication::clipboard()->setText(u"12345678"_s);
    QTest::keyClick(ui.message, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(ui.message->toPlainText(), u"kee"_s);
    QCOMPARE(error->text(), u"Not pasted: 11 bytes is more than the maximum message size of 10 bytes"_s);
    QGuiApplication::clipboard()->setText(u"1234567"_s); // exactly 10
    QTest::keyClick(ui.message, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(ui.message->toPlainText(), u"kee1234567"_s);
    QVERIFY(error->isHidden());
}

// Just under the limit: taken, and sent whole (lines: the line is the
// message, so 1 MiB - 1 bytes plus its LF).
void TestClientWindow::pasteUnderTheLimitIsSent()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());
    const qsizetype size = ui.w->controller()->maxMessageSize() - 1;
    QString text(size, u'y');
    text[0] = u'a';
    QGuiApplication::clipboard()->setText(text);
    ui.message->setFocus();
    QTest::keyClick(ui.message, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(ui.message->document()->characterCount(), size + 1);
    QVERIFY(ui.w->findChild<QLabel *>(u"messageErrorLabel"_s)->isHidden());
    QTest::keyClick(ui.message, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(peer.raw.size(), size + 1, 20000);
    QCOMPARE(peer.texts(), QList<QString>{text});
    QVERIFY(ui.message->toPlainText().isEmpty());
}

// A connected window vanished (segfault at 0x10 in Qt6Widgets) at a Ctrl+V
// of 1.2 MB, now and then: when the X clipboard's owner has gone, or did not
// answer Qt in time, the clipboard's data has no formats at all, and Qt
// 6.4's QWidgetTextControl::insertFromMimeData reads the first format
// unchecked. The suite's clipboard is given exactly that (no X server
// needed): a paste of it changes nothing, every time. And an owner offering
// only "text/plain;charset=utf-8" (hasText() false, text() not) no longer
// slips past the maximum message size.
void TestClientWindow::pasteOfAClipboardWithNothingInIt()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    auto *edit = ui.w->findChild<QPlainTextEdit *>(u"messageEdit"_s);
    auto *error = ui.w->findChild<QLabel *>(u"messageErrorLabel"_s);
    QVERIFY(edit && error);
    const qsizetype limit = ui.w->controller()->maxMessageSize();
    for (int round = 0; round < 3; ++round) {
        for (const qsizetype size : { limit - 1, limit, limit + 1, qsizetype(1200000) }) {
            edit->setFocus();
            QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClick(edit, Qt::Key_Delete);
            ClientUi::typeText(edit, u"ab"_s);
            // Nothing in the clipboard: the paste is a no-op, not a crash.
            QGuiApplication::clipboard()->setMimeData(new QMimeData);
            QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
            QCOMPARE(edit->toPlainText(), u"ab"_s);
            QVERIFY(error->isHidden());
            // The same size under the other name of plain text.
            auto *charsetOnly = new QMimeData;
            charsetOnly->setData(u"text/plain;charset=utf-8"_s, QByteArray(size, 'x'));
            QVERIFY(!charsetOnly->hasText());
            QGuiApplication::clipboard()->setMimeData(charsetOnly);
            QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
            if (size + 2 > limit) {
                QCOMPARE(edit->toPlainText(), u"ab"_s);
                QVERIFY2(error->text().startsWith(u"Not pasted: "_s), qPrintable(error->text()));
            } else {
                QCOMPARE(edit->document()->characterCount(), size + 3);
                QVERIFY(error->isHidden());
            }
        }
    }
    // Still connected, and still sends.
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    ui.type(u"after the pastes"_s);
    QTRY_COMPARE(peer.texts(), QList<QString>{u"after the pastes"_s});
}

// Lines, for devices: Hex/escapes (Alt+E) sends the bytes escapes name,
// the line ending (Alt+G) ends each line; a bad escape is not sent and
// says which and where.
void TestClientWindow::escapesAndLineEndingsInLines()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    auto *escapes = ui.w->findChild<QCheckBox *>(u"escapesCheck"_s);
    auto *ending = ui.w->findChild<QComboBox *>(u"lineEndingCombo"_s);
    auto *error = ui.w->findChild<QLabel *>(u"messageErrorLabel"_s);
    QVERIFY(escapes && ending && error);
    QVERIFY(!escapes->isChecked());
    QCOMPARE(ending->currentData().toString(), u"lf"_s);
    QVERIFY(!ending->isEnabled()); // frames: no line ending
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());
    QVERIFY(ending->isEnabled());

    // CR LF, by its mnemonic: every line ends with it.
    QTest::keyClick(ui.w, Qt::Key_G, Qt::AltModifier);
    QVERIFY(ending->hasFocus());
    QTest::keyClick(ending, Qt::Key_Down);
    QCOMPARE(ending->currentData().toString(), u"crlf"_s);
    ui.message->setFocus();
    ClientUi::typeText(ui.message, u"AT"_s);
    QTest::keyClick(ui.message, Qt::Key_Return, Qt::ShiftModifier);
    ClientUi::typeText(ui.message, u"ATZ"_s);
    QTest::keyClick(ui.message, Qt::Key_Return);
    QTRY_COMPARE(peer.raw, QByteArray("AT\r\nATZ\r\n"));

    // Escapes: the bytes they name, with no ending.
    QTest::keyClick(ui.w, Qt::Key_E, Qt::AltModifier);
    QTRY_VERIFY(escapes->isChecked()); // a mnemonic clicks after a moment
    QTest::keyClick(ending, Qt::Key_End);
    QCOMPARE(ending->currentData().toString(), u"none"_s);
    ui.type(u"\\x02STATUS\\r\\n\\xff\\\\\\x03"_s);
    QTRY_COMPARE(peer.raw, QByteArray("AT\r\nATZ\r\n\x02STATUS\r\n\xFF\\\x03"));
    QTRY_VERIFY(ui.logLines().contains(u"me: ␂STATUS␍␊\uFFFD\\␃ [invalid UTF-8 replaced]"_s));

    // A bad escape: nothing is sent, the text stays, the error says where.
    ui.type(u"ok\\x4G"_s);
    QCOMPARE(ui.message->toPlainText(), u"ok\\x4G"_s);
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), u"Not sent: \\x4G at character 3: \\x takes two hex digits, as in \\x0D"_s);
    QTest::keyClick(ui.message, Qt::Key_A, Qt::ControlModifier);
    ClientUi::typeText(ui.message, u"a"_s);
    QVERIFY(error->isHidden());
    QTest::keyClick(ui.message, Qt::Key_Return, Qt::ShiftModifier);
    ClientUi::typeText(ui.message, u"b\\q"_s);
    QTest::keyClick(ui.message, Qt::Key_Return);
    QCOMPARE(error->text(), u"Not sent: unknown escape \\q at character 4: use \\r, \\n, \\t, \\\\ or \\xNN"_s);
    QCOMPARE(peer.raw.size(), 21); // nothing more

    // Both choices are kept.
    QTest::mouseClick(ui.closeButton, Qt::LeftButton);
    m_windows.clear();
    ClientUi again(newWindow());
    QVERIFY(again.w->findChild<QCheckBox *>(u"escapesCheck"_s)->isChecked());
    QCOMPARE(again.w->findChild<QComboBox *>(u"lineEndingCombo"_s)->currentData().toString(), u"none"_s);
}

// Frames: escapes make the message's bytes; the line ending does not apply.
void TestClientWindow::escapesInFrames()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    auto *escapes = ui.w->findChild<QCheckBox *>(u"escapesCheck"_s);
    ui.connectTo(u"127.0.0.1"_s, peer.port(), u"alice"_s);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());
    QTest::mouseClick(escapes, Qt::LeftButton);
    QVERIFY(escapes->isChecked());
    ui.type(u"tab\\there\\x21"_s);
    QTRY_COMPARE(peer.texts(), QList<QString>{u"tab\there!"_s});
    QVERIFY(ui.message->toPlainText().isEmpty());
    // The log's hex view shows the bytes that went out.
    QTRY_VERIFY(ui.logLines().contains(u"me: tab\there!"_s));
    ui.w->logPane()->setHexMode(true);
    QTRY_VERIFY(ui.logLines().contains(u"me: 74 61 62 09 68 65 72 65 21  tab.here!"_s));
}

// The status bar counts what went each way, read from the connection a
// few times a second.
void TestClientWindow::countersShowTraffic()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    auto *counters = ui.w->findChild<QLabel *>(u"countersLabel"_s);
    QVERIFY(counters);
    QCOMPARE(counters->text(), u"In: 0 messages, 0 bytes · Out: 0 messages, 0 bytes"_s);
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());
    ui.type(u"one"_s);
    ui.type(u"two"_s);
    const QByteArray incoming = QByteArray(2000, 'z') + "\n* info: hi\nthree\n";
    peer.write(incoming);
    QTRY_COMPARE(peer.raw.size(), 8);
    const QLocale locale;
    QTRY_COMPARE(counters->text(), u"In: 3 messages, %1 · Out: 2 messages, 8 bytes"_s
                                       .arg(locale.formattedDataSize(incoming.size(), 1)));
    // Kept once disconnected; a new connection counts from zero.
    QTest::mouseClick(ui.disconnectButton, Qt::LeftButton);
    QVERIFY(counters->text().startsWith(u"In: 3 messages"_s));
    QTest::mouseClick(ui.connectButton, Qt::LeftButton);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_COMPARE(counters->text(), u"In: 0 messages, 0 bytes · Out: 0 messages, 0 bytes"_s);
}

// Each profile keeps its own settings: the window closed last no longer
// decides what every other one starts with.
void TestClientWindow::profilesKeepTheirOwnSettings()
{
    const quint16 nothing = freePort();
    const auto newProfileWindow = [this](const QString &profile) {
        m_windows.push_back(std::make_unique<ClientWindow>(profile));
        ClientWindow *w = m_windows.back().get();
        w->show();
        return w;
    };
    {
        ClientUi alice(newProfileWindow(u"alice"_s));
        ClientUi bob(newProfileWindow(u"bob/2"_s));
        QCOMPARE(alice.w->profile(), u"alice"_s);
        alice.connectTo(u"127.0.0.2"_s, nothing, u"alice"_s);
        bob.connectTo(u"127.0.0.3"_s, nothing, {}, true);
        QTest::mouseClick(alice.closeButton, Qt::LeftButton);
        QTest::mouseClick(bob.closeButton, Qt::LeftButton); // closed last
    }
    m_windows.clear();
    QSettings settings(u"SocketHub"_s, u"socket-client"_s);
    QCOMPARE(settings.value(u"profiles/alice/host"_s).toString(), u"127.0.0.2"_s);
    QCOMPARE(settings.value(u"profiles/bob%2F2/host"_s).toString(), u"127.0.0.3"_s);
    QCOMPARE(ClientWindow::settingsKey(u"bob/2"_s, u"host"_s), u"profiles/bob%2F2/host"_s);

    ClientUi alice(newProfileWindow(u"alice"_s));
    QCOMPARE(alice.host->text(), u"127.0.0.2"_s);
    QCOMPARE(alice.name->text(), u"alice"_s);
    QCOMPARE(alice.framing->currentData().toString(), u"frames"_s);
    ClientUi bob(newProfileWindow(u"bob/2"_s));
    QCOMPARE(bob.host->text(), u"127.0.0.3"_s);
    QCOMPARE(bob.framing->currentData().toString(), u"lines"_s);
    // A new profile starts from the defaults, not from another's values.
    ClientUi carol(newProfileWindow(u"carol"_s));
    QCOMPARE(carol.host->text(), u"127.0.0.1"_s);
    QCOMPARE(carol.port->value(), 8000);
    QVERIFY(carol.name->text().isEmpty());
}

// The log's timestamp mode is kept, per profile.
void TestClientWindow::timestampModePersistsPerProfile()
{
    {
        ClientUi ui(newWindow());
        auto *combo = ui.w->findChild<QComboBox *>(u"timestampCombo"_s);
        QVERIFY(combo);
        QCOMPARE(ui.w->logPane()->timestampMode(), LogView::TimestampMode::Time);
        QTest::keyClick(ui.w, Qt::Key_M, Qt::AltModifier);
        QVERIFY(combo->hasFocus());
        QTest::keyClick(combo, Qt::Key_End);
        QCOMPARE(ui.w->logPane()->timestampMode(), LogView::TimestampMode::Hidden);
        QTest::mouseClick(ui.closeButton, Qt::LeftButton);
    }
    m_windows.clear();
    QCOMPARE(QSettings(u"SocketHub"_s, u"socket-client"_s).value(u"profiles/default/timestampMode"_s).toString(),
             u"Hidden"_s);
    ClientUi ui(newWindow());
    QCOMPARE(ui.w->logPane()->timestampMode(), LogView::TimestampMode::Hidden);
    ui.w->log()->append(u"no stamp"_s);
    QTRY_COMPARE(ui.log->toPlainText().split(u'\n').constLast(), u"no stamp"_s);
    m_windows.push_back(std::make_unique<ClientWindow>(u"other"_s));
    QCOMPARE(m_windows.back()->logPane()->timestampMode(), LogView::TimestampMode::Time);
}

// What a server relays is a message of its sender: the log's hex view
// shows its bytes and the client filter finds it, in lines as in frames;
// the lines look as they did.
void TestClientWindow::receivedLinesAreMessagesOfTheirSender()
{
    for (const bool lines : {true, false}) {
        TestServer peer(lines ? Protocol::Framing::Lines : Protocol::Framing::Frames);
        QVERIFY(peer.listen());
        ClientUi ui(newWindow());
        ui.connectTo(u"127.0.0.1"_s, peer.port(), u"me"_s, lines);
        QTRY_VERIFY(ui.sendButton->isEnabled());
        QTRY_VERIFY(peer.isConnected());
        if (lines) {
            peer.write("#3 carol: hi\n#4: yo\n* left #4: dave left\nplain\n\\#3 carol: quoted\n");
        } else {
            peer.send(Message::makeText(u"hi"_s, 3, u"carol"_s));
            peer.send(Message::makeText(u"yo"_s, 4));
            peer.send(Message::makeNotice(Message::NoticeKind::Left, u"dave left"_s, 4));
            peer.send(Message::makeText(u"plain"_s));
        }
        const QString left = lines ? u"* left #4: dave left"_s : u"* dave left"_s;
        const QString plain = lines ? u"plain"_s : u"server: plain"_s;
        QTRY_VERIFY(ui.logLines().contains(plain));
        QVERIFY(ui.logLines().contains(u"#3 carol: hi"_s));
        QVERIFY(ui.logLines().contains(u"#4: yo"_s));
        QVERIFY(ui.logLines().contains(left));
        if (lines)
            QTRY_VERIFY(ui.logLines().contains(u"#3 carol: quoted"_s));

        LogPane *pane = ui.w->logPane();
        pane->setHexMode(true);
        QTRY_VERIFY(ui.logLines().contains(u"#3 carol: 68 69  hi"_s));
        QVERIFY(ui.logLines().contains(u"#4: 79 6F  yo"_s));
        pane->setHexMode(false);
        pane->setClientFilter(4);
        QTRY_VERIFY(!ui.logLines().contains(u"#3 carol: hi"_s));
        const QStringList shown = ui.logLines();
        QVERIFY2(shown.contains(u"#4: yo"_s) && shown.contains(left), qPrintable(shown.join(u'\n')));
        QVERIFY(!shown.contains(plain));
        QVERIFY(!shown.contains(u"#3 carol: quoted"_s)); // a server text: from nobody
        m_windows.clear();
    }
}

// Every control a person can reach has a name a screen reader says, and
// every labelled one a mnemonic of its own (Alt+letter), hidden ones too
// (the trust prompt, the jump button), while connecting too (Cancel).
void TestClientWindow::everyControlIsNamedWithAUniqueMnemonic()
{
    ClientUi ui(newWindow());
    // The log pane's Clear and Save log... have no mnemonic: LogPane's own
    // buttons, in both windows.
    const QStringList withoutMnemonic = {u"clearButton"_s, u"saveLogButton"_s};
    const auto check = [&] {
        QHash<QString, QString> taken; // mnemonic -> what has it
        QStringList problems;
        const QList<QWidget *> widgets = ui.w->findChildren<QWidget *>();
        for (QWidget *w : widgets) {
            if (w->window() != ui.w)
                continue; // a combo box's popup
            const QString id = w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className())
                                                         : w->objectName();
            QString text;
            if (auto *button = qobject_cast<QAbstractButton *>(w))
                text = button->text();
            else if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy())
                text = label->text();
            if (!text.isEmpty() && !withoutMnemonic.contains(id)) {
                const QString key = QKeySequence::mnemonic(text).toString();
                if (key.isEmpty())
                    problems << u"%1 (\"%2\"): no mnemonic"_s.arg(id, text);
                else if (taken.contains(key))
                    problems << u"%1 and %2: both %3"_s.arg(id, taken.value(key), key);
                else
                    taken.insert(key, id);
            }
            // A spin box's line edit is part of the spin box, named by its label.
            const bool part = qobject_cast<QAbstractSpinBox *>(w->parentWidget());
            if (w->focusPolicy() == Qt::NoFocus || part)
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(w);
            if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
                problems << u"%1: no accessible name"_s.arg(id);
        }
        return problems;
    };
    QStringList problems = check();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    // The taken keys are these.
    for (const QString &key : {u"Alt+L"_s, u"Alt+T"_s, u"Alt+X"_s, u"Alt+M"_s, u"Alt+H"_s, u"Alt+E"_s, u"Alt+G"_s}) {
        bool found = false;
        for (QAbstractButton *b : ui.w->findChildren<QAbstractButton *>())
            found = found || QKeySequence::mnemonic(b->text()).toString() == key;
        for (QLabel *l : ui.w->findChildren<QLabel *>())
            found = found || (l->buddy() && QKeySequence::mnemonic(l->text()).toString() == key);
        QVERIFY2(found, qPrintable(key));
    }

    // Connecting: the Disconnect button says Cancel, with a letter of its own.
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ui.connectTo(u"127.0.0.1"_s, peer.port());
    QCOMPARE(ui.disconnectButton->text(), u"C&ancel"_s);
    problems = check();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QTRY_VERIFY(ui.sendButton->isEnabled());
    // Alt+S sends, Alt+D disconnects.
    ClientUi::typeText(ui.message, u"by Alt+S"_s);
    QTest::keyClick(ui.w, Qt::Key_S, Qt::AltModifier);
    QTRY_COMPARE(peer.texts(), QList<QString>{u"by Alt+S"_s});
    QTest::keyClick(ui.w, Qt::Key_D, Qt::AltModifier);
    QTRY_COMPARE(ui.status->text(), u"Not Connected"_s);
}

// The connection decodes on its own thread and hands the window batches of
// log events, never one signal a line; every line reaches the window's log,
// in order, and the view shows the last. Disconnect shows at once.
void TestClientWindow::receivedLinesCrossInBatchesInOrder()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(peer.isConnected());

    constexpr int kLines = 3000;
    QList<QString> received;
    int batches = 0;
    // Declared after what its connection captures: destroyed first.
    QObject context;
    connect(ui.w->controller(), &ClientController::eventsReceived, &context,
            [&received, &batches](const QList<LogEvent> &events) {
                ++batches;
                for (const LogEvent &event : events)
                    received.append(event.formatBody());
            });
    QByteArray flood;
    for (int i = 0; i < kLines; ++i)
        flood += "line " + QByteArray::number(i) + '\n';
    peer.write(flood);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), kLines, 30000);
    for (int i = 0; i < kLines; ++i)
        QCOMPARE(received.at(i), u"line %1"_s.arg(i));
    // A batch per read pass or timer tick, not a signal per line.
    QVERIFY2(batches <= kLines / 10, qPrintable(QString::number(batches)));
    QTRY_VERIFY(ui.logLines().contains(u"line %1"_s.arg(kLines - 1)));

    QTest::mouseClick(ui.disconnectButton, Qt::LeftButton);
    QCOMPARE(ui.status->text(), u"Not Connected"_s);
    QVERIFY(ui.connectButton->isEnabled());
    QTRY_VERIFY(ui.logLines().contains(u"Disconnected from 127.0.0.1:%1: disconnected by the user"_s.arg(peer.port())));
    QCOMPARE(ui.w->controller()->state(), ClientController::State::Disconnected);
}

QTEST_MAIN(TestClientWindow)
#include "tst_clientwindow.moc"
