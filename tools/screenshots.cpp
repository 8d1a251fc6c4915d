// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Makes the README's screenshots from the real windows: a socket-server
// window (engine on its network thread, relay mode) and two socket-client
// windows, in one process on Qt's offscreen platform, in a conversation with
// a real `nc` user; each window is grabbed to a PNG.
//
//   screenshots OUTPUT_DIR        (tools/make_screenshots.sh runs it)
//
// Settings go to a temporary directory, so a run never touches the user's.
#include "clientwindow.h"
#include "servercontroller.h"
#include "serverwindow.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <functional>

namespace {

// Runs the event loop until done() or the timeout; false on timeout.
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 20000)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return true;
}

// Lets the windows take in what happened (snapshots come about 30 times a
// second, log batches as often).
void settle(int ms)
{
    QElapsedTimer t;
    t.start();
    waitUntil([&t, ms] { return t.elapsed() >= ms; }, ms + 1000);
}

template<typename T>
T *child(QWidget *window, const char *name)
{
    T *w = window->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        std::fprintf(stderr, "screenshots: no widget %s\n", name);
    return w;
}

bool say(QWidget *window, const char *edit, const QString &text)
{
    auto *box = child<QPlainTextEdit>(window, edit);
    auto *send = child<QPushButton>(window, "sendButton");
    if (!box || !send)
        return false;
    box->setPlainText(text);
    send->click();
    return true;
}

bool fail(const char *what)
{
    std::fprintf(stderr, "screenshots: %s\n", what);
    return false;
}

bool run(const QString &outDir)
{
    ServerOptions options;
    options.port = 0;
    options.bind = QStringLiteral("localhost");
    options.mode = ServerOptions::Mode::Relay;
    ServerController controller(options);
    ServerWindow server(&controller);
    server.show();
    controller.start();
    if (!waitUntil([&] { return controller.isListening(); }))
        return fail("the server did not listen");
    const quint16 port = controller.serverPort();

    ClientWindow alice;
    ClientWindow bob;
    int offset = 0;
    for (auto [window, name] : { std::pair{ &alice, "alice" }, std::pair{ &bob, "bob" } }) {
        window->resize(640, 720);
        window->move(40 + offset, 40 + offset);
        offset += 60;
        window->show();
        auto *host = child<QLineEdit>(window, "hostEdit");
        auto *portBox = child<QSpinBox>(window, "portSpinBox");
        auto *nameEdit = child<QLineEdit>(window, "nameEdit");
        auto *connect = child<QPushButton>(window, "connectButton");
        if (!host || !portBox || !nameEdit || !connect)
            return false;
        host->setText(QStringLiteral("127.0.0.1"));
        portBox->setValue(port);
        nameEdit->setText(QString::fromLatin1(name));
        connect->click();
    }
    if (!waitUntil([&] { return controller.clientCount() == 2; }))
        return fail("the clients did not connect");

    QProcess nc;
    nc.start(QStandardPaths::findExecutable(QStringLiteral("nc")),
             { QStringLiteral("127.0.0.1"), QString::number(port) });
    if (!waitUntil([&] { return controller.clientCount() == 3; }))
        return fail("nc did not connect (is netcat-openbsd installed?)");

    settle(400);
    if (!say(&alice, "messageEdit", QStringLiteral("Hi all! Is the build green?")))
        return false;
    settle(300);
    if (!say(&bob, "messageEdit", QStringLiteral("Yes: every test passed ✓")))
        return false;
    settle(300);
    nc.write("carol here, on nc: deploying now\n");
    settle(300);
    if (!say(&server, "broadcastEdit", QStringLiteral("Maintenance at 18:00 UTC: expect a restart.")))
        return false;
    settle(300);
    if (!say(&alice, "messageEdit", QStringLiteral("Thanks, carol!")))
        return false;
    settle(1000);

    // The second client's row selected, as when about to send to it.
    if (auto *table = child<QAbstractItemView>(&server, "clientTable"))
        table->selectionModel()->select(table->model()->index(1, 0),
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    settle(300);

    QDir().mkpath(outDir);
    const bool ok = server.grab().save(outDir + QStringLiteral("/socket-server.png"))
        && alice.grab().save(outDir + QStringLiteral("/socket-client.png"));
    nc.kill();
    nc.waitForFinished(5000);
    controller.shutDown();
    waitUntil([&] { return false; }, 300);
    return ok || fail("could not write the PNG files");
}

} // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir settingsDir;
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SocketHubScreenshots"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    const QStringList args = QCoreApplication::arguments();
    const QString outDir = args.size() > 1 ? args.at(1) : QStringLiteral("docs/screenshots");
    return run(outDir) ? 0 : 1;
}
