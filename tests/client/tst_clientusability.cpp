// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Issue 15, "what a new user hit", on socket-client's side: the real
// ClientWindow driven through its widgets (by objectName) against real
// loopback peers. Pastes through the real clipboard, the conversation's
// share of the window, keyboard focus, the port box.
#include "clientui.h"
#include "servercore.h"
#include "testserver.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QGroupBox>
#include <QGuiApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextLayout>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestClientUsability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void repeatedPastesAroundTheLimit();
    void conversationGetsTheSpace();
    void longLinesWrapAtWords();
    void focusGoesToTheMessageBox();
    void portBoxRefusesWithAReason();
    void backoffResetsAndRestartIsTriedSoon();
    void framesClientOfALinesServer();
    void tlsClientOfAPlainServer();
    void caFilePathIsKeptAbsolute();

private:
    ClientWindow *newWindow();
    // socket-server's core on 127.0.0.1 (port 0 unless given).
    ServerCore *startServer(ServerOptions::FramingSetting framing, quint16 port = 0);
    std::unique_ptr<ServerCore> m_server;
    std::vector<std::unique_ptr<ClientWindow>> m_windows;
};

void TestClientUsability::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestClientUsability::init()
{
    QSettings(u"SocketHub"_s, u"socket-client"_s).clear();
}

void TestClientUsability::cleanup()
{
    m_windows.clear();
    m_server.reset();
}

ServerCore *TestClientUsability::startServer(ServerOptions::FramingSetting framing, quint16 port)
{
    ServerOptions options;
    options.port = port;
    options.bind = u"localhost"_s;
    options.framing = framing;
    m_server = std::make_unique<ServerCore>(options);
    if (!m_server->start())
        return nullptr;
    return m_server.get();
}

ClientWindow *TestClientUsability::newWindow()
{
    return showNewWindow(m_windows);
}

// Item 1: 1,200,000 bytes pasted with Ctrl+V crashed a connected window, now
// and then. Real pastes through the application's clipboard (the platform's:
// offscreen in the suite, xcb under Xvfb), of sizes just under, at and over
// the limit, with and without line breaks, into an empty box and into one
// that holds text, many times over; each is either taken whole or refused
// whole with the reason shown, and the window stays usable.
void TestClientUsability::repeatedPastesAroundTheLimit()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    auto *error = ui.w->findChild<QLabel *>(u"messageErrorLabel"_s);
    QVERIFY(error);
    const qsizetype limit = ui.w->controller()->maxMessageSize();
    const qsizetype sizes[] = { limit - 1, limit, limit + 1, 1200000 };
    const int rounds = qEnvironmentVariableIntValue("SOCKETHUB_PASTE_ROUNDS") > 0
        ? qEnvironmentVariableIntValue("SOCKETHUB_PASTE_ROUNDS")
        : 3;
    int refused = 0;
    int taken = 0;
    for (int round = 0; round < rounds; ++round) {
        for (const qsizetype size : sizes) {
            for (const bool newlines : { false, true }) {
                for (const bool prefilled : { false, true }) {
                    QString text(size, u'x');
                    if (newlines) {
                        for (qsizetype i = 79; i < size; i += 80)
                            text[i] = u'\n';
                    }
                    ui.message->setFocus();
                    QTest::keyClick(ui.message, Qt::Key_A, Qt::ControlModifier);
                    QTest::keyClick(ui.message, Qt::Key_Delete);
                    QVERIFY(ui.message->toPlainText().isEmpty());
                    if (prefilled)
                        ClientUi::typeText(ui.message, u"ab"_s);
                    QGuiApplication::clipboard()->setText(text);
                    QTest::keyClick(ui.message, Qt::Key_V, Qt::ControlModifier);
                    const qsizetype total = size + (prefilled ? 2 : 0);
                    if (total > limit) {
                        QCOMPARE(ui.message->toPlainText(), prefilled ? u"ab"_s : QString());
                        QVERIFY(error->isVisible());
                        QVERIFY2(error->text().startsWith(u"Not pasted: "_s), qPrintable(error->text()));
                        ++refused;
                    } else {
                        QCOMPARE(ui.message->document()->characterCount(), total + 1);
                        QVERIFY(error->isHidden());
                        ++taken;
                    }
                    // The events the paste and the refusal posted (layouts,
                    // the wrap mode, repaints) run before the next one.
                    QCoreApplication::processEvents();
                }
            }
        }
    }
    QVERIFY(refused > 0 && taken > 0);
    // Still connected, and still sends.
    QTest::keyClick(ui.message, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(ui.message, Qt::Key_Delete);
    ui.type(u"after the pastes"_s);
    QTRY_COMPARE(peer.texts(), QList<QString>{u"after the pastes"_s});
}

// Item 2: at the default size the conversation has the window; once
// connected the form folds into one line, which Connection setup (Alt+U)
// opens and closes again.
void TestClientUsability::conversationGetsTheSpace()
{
    TestServer peer(Protocol::Framing::Frames);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    // The default size: 560 × 600, or the form's minimum height (616).
    QCOMPARE(ui.w->width(), 560);
    QVERIFY2(ui.w->height() <= 620, qPrintable(QString::number(ui.w->height())));
    auto *form = ui.w->findChild<QGroupBox *>(u"serverBox"_s);
    auto *summary = ui.w->findChild<QLabel *>(u"connectionSummaryLabel"_s);
    auto *setup = ui.w->findChild<QPushButton *>(u"connectionSetupButton"_s);
    QVERIFY(form && summary && setup);
    QVERIFY(form->isVisible());
    QVERIFY(!summary->isVisible());
    QVERIFY(!setup->isVisible());
    const int logBefore = ui.log->height();

    ui.connectTo(u"127.0.0.1"_s, peer.port(), u"alice"_s);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QVERIFY(!form->isVisible());
    QVERIFY(summary->isVisible());
    QCOMPARE(summary->text(), u"alice @ 127.0.0.1:%1 · frames"_s.arg(peer.port()));
    QVERIFY(setup->isVisible());
    QVERIFY(!setup->isChecked());
    // The log is the largest part of the window now: twice what it had
    // beside the form, and more than the form's fold and the message box.
    QTRY_VERIFY2(ui.log->height() >= 2 * logBefore && ui.log->height() > ui.w->centralWidget()->height() * 2 / 5,
                 qPrintable(u"log %1 (%2 before) of %3"_s.arg(ui.log->height()).arg(logBefore)
                                .arg(ui.w->centralWidget()->height())));

    // The user can have the form back, and fold it again.
    QTest::keyClick(ui.w, Qt::Key_U, Qt::AltModifier);
    QTRY_VERIFY(form->isVisible());
    QVERIFY(setup->isChecked());
    QVERIFY(!summary->isVisible());
    QTest::mouseClick(setup, Qt::LeftButton);
    QTRY_VERIFY(!form->isVisible());

    // Disconnected, the form is there to be edited.
    QTest::mouseClick(ui.disconnectButton, Qt::LeftButton);
    QTRY_VERIFY(form->isVisible());
    QVERIFY(!setup->isVisible());
}

// Item 2: a long received line wraps at its spaces, not inside its words.
void TestClientUsability::longLinesWrapAtWords()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(peer.isConnected());
    QStringList words;
    for (int i = 0; i < 60; ++i)
        words.append(u"word%1"_s.arg(i, 3, 10, QLatin1Char('0')));
    const QString line = words.join(u' ');
    peer.write(line.toUtf8() + '\n');
    QTRY_VERIFY(ui.log->toPlainText().contains(line));
    QTextBlock block = ui.log->document()->begin();
    while (block.isValid() && !block.text().contains(line))
        block = block.next();
    QVERIFY(block.isValid());
    QTRY_VERIFY(block.layout() && block.layout()->lineCount() > 2);
    const QTextLayout *layout = block.layout();
    for (int i = 0; i < layout->lineCount() - 1; ++i) {
        const QTextLine textLine = layout->lineAt(i);
        const QString shown = block.text().mid(textLine.textStart(), textLine.textLength());
        QVERIFY2(shown.endsWith(u' '), qPrintable(u"line %1: \"%2\""_s.arg(i).arg(shown)));
    }
}

// Item 3: on connect the focus is in the message box; typed while a button
// or the log has it, text lands in the box (and a space after it too,
// not on the button).
void TestClientUsability::focusGoesToTheMessageBox()
{
    TestServer peer(Protocol::Framing::Lines);
    QVERIFY(peer.listen());
    ClientUi ui(newWindow());
    ui.w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(ui.w));
    QTest::keyClick(ui.autoReconnect, Qt::Key_Space);
    QVERIFY(ui.autoReconnect->isChecked());
    ui.connectTo(u"127.0.0.1"_s, peer.port(), {}, true);
    QTRY_VERIFY(ui.sendButton->isEnabled());
    QTRY_VERIFY(ui.message->hasFocus());

    const auto typeIntoFocus = [](const QString &text) {
        for (const QChar c : text)
            QTest::keyClick(QApplication::focusWidget(), char(c.unicode()));
    };
    for (QWidget *other : std::initializer_list<QWidget *>{ui.autoReconnect, ui.sendButton, ui.log}) {
        other->setFocus();
        QTRY_VERIFY(other->hasFocus());
        typeIntoFocus(u"hi there"_s);
        QCOMPARE(ui.message->toPlainText(), u"hi there"_s);
        QVERIFY(ui.message->hasFocus());
        QVERIFY(ui.autoReconnect->isChecked()); // the space did not untick it
        QCOMPARE(ui.w->controller()->state(), ClientConnection::State::Connected);
        QTest::keyClick(ui.message, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(ui.message, Qt::Key_Delete);
    }
    QTest::keyClick(ui.message, Qt::Key_X);
    QTest::keyClick(ui.message, Qt::Key_Return);
    QTRY_COMPARE(peer.texts(), QList<QString>{u"x"_s});
}

// Item 5: 99999 typed into the port box is refused with the reason the
// server's window gives (the same PortSpinBox), not turned into 9999 silently.
void TestClientUsability::portBoxRefusesWithAReason()
{
    ClientUi ui(newWindow());
    auto *error = ui.w->findChild<QLabel *>(u"portErrorLabel"_s);
    QVERIFY(error);
    QVERIFY(error->isHidden());
    ui.port->setFocus();
    QTest::keyClick(ui.port, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(ui.port, u"99999"_s);
    QCOMPARE(ui.port->value(), 9999);
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), u"Port 1 to 65535: “99999” is not a port"_s);
    QTest::keyClick(ui.port, Qt::Key_Backspace);
    QVERIFY(error->isHidden());
    QCOMPARE(ui.port->value(), 999);
}

// Item 4, against socket-server's core restarted on the same port: the
// server's "server stopped listening" brings an attempt within a fifth of
// the base delay; failed attempts back off to the cap (5 units, less the
// jitter); the connection that follows starts the schedule over.
void TestClientUsability::backoffResetsAndRestartIsTriedSoon()
{
    QVERIFY(startServer(ServerOptions::FramingSetting::Auto));
    const quint16 port = m_server->serverPort();
    ClientUi ui(newWindow());
    ClientController *c = ui.w->controller();
    constexpr int base = 100; // one "second" of the schedule
    c->setReconnectBaseDelay(base);
    QSignalSpy scheduled(c, &ClientController::reconnectScheduled);
    QTest::keyClick(ui.autoReconnect, Qt::Key_Space);
    ui.connectTo(u"127.0.0.1"_s, port, u"bob"_s);
    const QString connected = u"Connected to 127.0.0.1:%1"_s.arg(port);
    QTRY_COMPARE(ui.status->text(), connected);

    for (int restart = 0; restart < 2; ++restart) {
        scheduled.clear();
        m_server->stop();
        QTRY_VERIFY(!scheduled.isEmpty());
        // Attempt 1, and soon: the server is coming back, most likely.
        QCOMPARE(scheduled.at(0).at(0).toInt(), 1);
        QVERIFY2(scheduled.at(0).at(1).toInt() <= base / ClientConnection::kRestartDelayDivisor,
                 qPrintable(QString::number(scheduled.at(0).at(1).toInt())));
        QTRY_VERIFY(ui.log->toPlainText().contains(u"server stopped listening"_s));
        // Nobody listens: 1, 2, 4, then 5 units, each less up to a fifth.
        QTRY_VERIFY_WITH_TIMEOUT(scheduled.count() >= 6, 20000);
        const int full[] = { base, 2 * base, 4 * base, 5 * base, 5 * base };
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(scheduled.at(i + 1).at(0).toInt(), i + 2);
            const int delay = scheduled.at(i + 1).at(1).toInt();
            QVERIFY2(isJitteredDelay(delay, full[i]), qPrintable(u"attempt %1: %2 ms"_s.arg(i + 2).arg(delay)));
        }
        QVERIFY(ui.status->text().startsWith(u"Reconnecting in "_s));
        // Back on the same port: the client comes back, and its schedule
        // starts over (the next stop is attempt 1 again, soon).
        QVERIFY(startServer(ServerOptions::FramingSetting::Auto, port));
        QTRY_COMPARE_WITH_TIMEOUT(ui.status->text(), connected, 20000);
        QCOMPARE(c->reconnectAttempt(), 0);
    }
}

// Item 6: a frames client of socket-server forced to lines says what the
// server seems to be and the fix, and the message typed before the server
// answered is marked not delivered, not shown as sent.
void TestClientUsability::framesClientOfALinesServer()
{
    QVERIFY(startServer(ServerOptions::FramingSetting::Lines));
    ClientUi ui(newWindow());
    // Typed the moment the connection opens, before the server's answer.
    connect(ui.w->controller(), &ClientController::connected, ui.message, [edit = ui.message] {
        QTest::keyClicks(edit, u"hello there"_s);
        QTest::keyClick(edit, Qt::Key_Return);
    }, Qt::SingleShotConnection);
    ui.connectTo(u"127.0.0.1"_s, m_server->serverPort(), u"carol"_s);
    QTRY_VERIFY(ui.status->text().startsWith(u"Not Connected"_s));
    const QString status = ui.status->text();
    QVERIFY2(status.contains(u"the peer does not speak frames (bad magic 2a 20 77 65): the server answered in "
                             "lines (“* welcome #1: Welcome client 1”): choose Framing: Lines"_s),
             qPrintable(status));
    QTRY_VERIFY(ui.logLines().contains(u"me, not delivered: hello there"_s));
    QVERIFY(!ui.logLines().contains(u"me: hello there"_s));
}

// Item 6: a TLS client of a plain socket-server names the fix.
void TestClientUsability::tlsClientOfAPlainServer()
{
    QVERIFY(startServer(ServerOptions::FramingSetting::Auto));
    ClientUi ui(newWindow());
    QTest::keyClick(ui.tls, Qt::Key_Space);
    QVERIFY(ui.tls->isChecked());
    ui.connectTo(u"127.0.0.1"_s, m_server->serverPort(), u"dave"_s);
    QTRY_VERIFY_WITH_TIMEOUT(ui.status->text().startsWith(u"Not Connected"_s), 20000);
    const QString status = ui.status->text();
    QVERIFY2(status.contains(u"the server does not speak TLS ("_s), qPrintable(status));
    QVERIFY2(status.endsWith(u"): untick TLS"_s), qPrintable(status));
}

// Item 8: a CA file named by a relative path is kept absolute, so a later
// attempt (from wherever the current folder is by then) reads the same file.
void TestClientUsability::caFilePathIsKeptAbsolute()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    ClientConnection c;
    c.setTlsCaFile(u"hub.crt"_s);
    QVERIFY(QDir::setCurrent(before));
    QCOMPARE(c.tlsCaFile(), QDir(dir.path()).absoluteFilePath(u"hub.crt"_s));
    QVERIFY(QFileInfo(c.tlsCaFile()).isAbsolute());
    c.setTlsCaFile(QString());
    QVERIFY(c.tlsCaFile().isEmpty());
}

QTEST_MAIN(TestClientUsability)
#include "tst_clientusability.moc"
