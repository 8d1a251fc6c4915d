// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// socket-client: options -> window (+ connection).
#include "clientcommandline.h"
#include "clientwindow.h"
#include "commandline.h"
#include "eventlog.h"
#include "logwriter.h"
#include "stallprobe.h"
#include "translation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdio>
#include <limits>
#include <memory>

#ifdef Q_OS_UNIX
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "socket-client: %s\n", qPrintable(message));
    return 2;
}

#ifdef Q_OS_UNIX
// SIGTERM / SIGINT / SIGHUP close the window like the user would, so the
// connection still ends gracefully. The handler only writes a byte to a
// socket pair (non-blocking: a burst of signals can never block it); the
// event loop does the rest. What the server sends costs the event loop
// work in proportion to its size (decoded in bounded chunks, shown as a
// bounded batch of lines), never a layout of unbounded text, so the pair
// is read soon after a signal.
int g_signalFds[2] = {-1, -1};

void onQuitSignal(int)
{
    const char byte = 1;
    if (::write(g_signalFds[0], &byte, 1) < 0) {
        // Nothing safe to do in a signal handler.
    }
}

void closeOnQuitSignals(QWidget *window)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    for (int fd : g_signalFds)
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, window);
    QObject::connect(notifier, &QSocketNotifier::activated, window, [window] {
        char bytes[64];
        bool signalled = false;
        while (::read(g_signalFds[1], bytes, sizeof bytes) > 0)
            signalled = true;
        if (signalled)
            window->close();
    });
    struct sigaction action = {};
    action.sa_handler = onQuitSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signal : {SIGTERM, SIGINT, SIGHUP})
        ::sigaction(signal, &action, nullptr);
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    CommandLine::preferOffscreenWhenWindowless(argc, argv);
    const QStringList ownOptions = CommandLine::takeOptions(argc, argv, { QByteArrayLiteral("name") });

    QApplication app(argc, argv);
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.sockethub.SocketClient.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.sockethub.SocketClient"));
    QCoreApplication::setOrganizationName(QStringLiteral("SocketHub"));
    QCoreApplication::setApplicationName(QStringLiteral("socket-client"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKETHUB_VERSION));

    // Before the options, whose descriptions are translated.
    Translation::install(&app, Translation::languageFromArguments(argc, argv));

    QCommandLineParser parser;
    const ClientCommandLine cli(parser);
    parser.addOption(Translation::languageOption());
    parser.process(QCoreApplication::arguments() + ownOptions);

    QString profile;
    QString error;
    if (!cli.profile(parser, &profile, &error))
        return fail(error);

    int exitCode = 0; // before the window, whose closeFinished() sets it
    // Before the window: the connection's thread reads the writer's backlog
    // until the window ends it.
    std::unique_ptr<LogWriter> logWriter;
    ClientWindow window(profile);
    ClientController *connection = window.controller();
    if (!cli.apply(parser, window, &error))
        return fail(error);

    // --log: written on a thread of its own, a batch at a time.
    if (parser.isSet(cli.logOption)) {
        logWriter = std::make_unique<LogWriter>();
        QString error;
        if (!logWriter->open(parser.value(cli.logOption), &error))
            return fail(QCoreApplication::translate("main", "cannot open the log %1: %2")
                            .arg(parser.value(cli.logOption), error));
        logWriter->attach(window.log());
        window.receiveBacklog()->watchWriter(logWriter.get());
        logWriter->start();
    }

    // --send: sent in order on the first connection.
    const QStringList toSend = parser.values(cli.sendOption);
    if (!toSend.isEmpty()) {
        QObject::connect(connection, &ClientController::connected, connection,
                         [connection, toSend] {
                             for (const QString &text : toSend)
                                 connection->sendText(text);
                         },
                         Qt::SingleShotConnection);
    }

    // Closing the window must not lose what is still queued: the window
    // closes the connection gracefully and reports closeFinished() once the
    // socket has closed (or the close timeout has passed); quit only then.
    // Exit code 1 when bytes had to be dropped.
    app.setQuitOnLastWindowClosed(false);
    QObject::connect(&window, &ClientWindow::closeFinished, &app, [&exitCode, connection](qint64 unsent) {
        if (unsent > 0) {
            const int count = int(qMin<qint64>(unsent, std::numeric_limits<int>::max()));
            std::fprintf(stderr, "socket-client: %s\n",
                         qPrintable(QCoreApplication::translate("main", "%n byte(s) not sent to %1: the connection "
                                                                        "did not drain within %2 ms",
                                                                nullptr, count)
                                        .arg(connection->peerLabel(), QString::number(connection->shutdownTimeout()))));
            std::fflush(stderr);
            exitCode = 1;
        }
        QCoreApplication::quit();
    }, Qt::QueuedConnection);
#ifdef Q_OS_UNIX
    closeOnQuitSignals(&window);
#endif

    window.show();
    if (parser.isSet(cli.connectOption))
        QTimer::singleShot(0, &window, &ClientWindow::connectToServer);
    StallProbe probe;
    probe.start();
    const int rc = app.exec();
    if (parser.isSet(cli.statsOption)) {
        std::printf("stats: max-stall-ms=%lld read-holds=%llu\n", static_cast<long long>(probe.maxStallMs()),
                    static_cast<unsigned long long>(connection->readHolds()));
        std::fflush(stdout);
    }
    if (logWriter) {
        // Every line, the last batch too, is written before the exit.
        window.log()->flush();
        logWriter->finish();
    }
    return rc != 0 ? rc : exitCode;
}
