// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// socket-client: options -> window (+ connection).
#include "certificatefingerprint.h"
#include "clientwindow.h"
#include "commandline.h"
#include "connectionform.h"
#include "eventlog.h"
#include "logwriter.h"
#include "receivebacklog.h"
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
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Connects to a Socket Hub server (or any line-based TCP service) "
                                            "and exchanges messages with it.\n\n"
                                            "A server password is taken from the %1 environment variable "
                                            "(or the window's Password field), never from the command line.")
            .arg(QLatin1String(Protocol::kPasswordEnvironmentVariable)));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption hostOption(QStringLiteral("host"),
        QCoreApplication::translate("main", "Server to connect to (IPv4, IPv6 or a name)."),
        QStringLiteral("H"));
    const QCommandLineOption portOption(QStringLiteral("port"),
        QCoreApplication::translate("main", "Server port (default %1).").arg(Protocol::kDefaultPort),
        QStringLiteral("N"));
    const QCommandLineOption nameOption(QStringLiteral("name"),
        QCoreApplication::translate("main", "Your name, sent to the server in frames mode."),
        QStringLiteral("NAME"));
    const QCommandLineOption profileOption(QStringLiteral("profile"),
        QCoreApplication::translate("main", "Keep the window's settings under this name (default: the --name "
                                            "value, or \"default\"), so that several windows do not "
                                            "overwrite each other's."),
        QStringLiteral("NAME"));
    const QCommandLineOption framingOption(QStringLiteral("framing"),
        QCoreApplication::translate("main", "lines or frames (default frames)."),
        QStringLiteral("lines|frames"));
    const QCommandLineOption connectOption(QStringLiteral("connect"),
        QCoreApplication::translate("main", "Connect at launch."));
    const QCommandLineOption sendOption(QStringLiteral("send"),
        QCoreApplication::translate("main", "A message to send once connected; repeatable, sent in order."),
        QStringLiteral("TEXT"));
    const QCommandLineOption logOption(QStringLiteral("log"),
        QCoreApplication::translate("main", "Also write every log line to FILE ('-' = stdout), flushed."),
        QStringLiteral("FILE"));
    const QCommandLineOption maxSizeOption(QStringLiteral("max-message-size"),
        QCoreApplication::translate("main", "Largest message sent or accepted, in bytes (default %1).")
            .arg(Protocol::kDefaultMaxMessageSize),
        QStringLiteral("BYTES"));
    const QCommandLineOption reconnectOption(QStringLiteral("reconnect"),
        QCoreApplication::translate("main", "Reconnect automatically (after 1 s, 2 s, 4 s, then every %1 s, "
                                              "each up to a fifth sooner at random; the schedule starts over "
                                              "after each connection, and a server that stopped listening is "
                                              "tried again within a fifth of a second).")
            .arg(Protocol::kReconnectMaxDelayMs / 1000));
    const QCommandLineOption connectTimeoutOption(QStringLiteral("connect-timeout"),
        QCoreApplication::translate("main", "Connect timeout in ms (default %1).")
            .arg(Protocol::kDefaultConnectTimeoutMs),
        QStringLiteral("MS"));
    const QCommandLineOption heartbeatIntervalOption(QStringLiteral("heartbeat-interval"),
        QCoreApplication::translate("main", "Frames: ping interval in ms (default %1).")
            .arg(Protocol::kDefaultHeartbeatIntervalMs),
        QStringLiteral("MS"));
    const QCommandLineOption heartbeatTimeoutOption(QStringLiteral("heartbeat-timeout"),
        QCoreApplication::translate("main", "Frames: the server is dead after this many ms of silence (default %1).")
            .arg(Protocol::kDefaultHeartbeatTimeoutMs),
        QStringLiteral("MS"));
    const QCommandLineOption helloTimeoutOption(QStringLiteral("hello-timeout"),
        QCoreApplication::translate("main", "Frames: close when the server has not sent its hello this many ms "
                                            "after the connection opened (default %1).")
            .arg(Protocol::kDefaultHelloTimeoutMs),
        QStringLiteral("MS"));
    const QCommandLineOption maxUnsentOption(QStringLiteral("max-unsent"),
        QCoreApplication::translate("main", "Close when more than this many bytes wait to be sent to a server "
                                            "that does not read (default %1).")
            .arg(Protocol::kDefaultClientMaxUnsent),
        QStringLiteral("BYTES"));
    const QCommandLineOption closeTimeoutOption(QStringLiteral("close-timeout"),
        QCoreApplication::translate("main", "On exit, wait at most this many ms for queued messages to be "
                                            "sent (default %1).")
            .arg(ClientConnection::kDefaultShutdownTimeoutMs),
        QStringLiteral("MS"));
    const QCommandLineOption tlsOption(QStringLiteral("tls"),
        QCoreApplication::translate("main", "Connect with TLS, verifying the server against the system CAs "
                                            "(or --tls-ca)."));
    const QCommandLineOption tlsCaOption(QStringLiteral("tls-ca"),
        QCoreApplication::translate("main", "Trust only the CA certificates of this PEM file (implies --tls)."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsFingerprintOption(QStringLiteral("tls-fingerprint"),
        QCoreApplication::translate("main", "Accept the server certificate with this SHA-256 fingerprint "
                                            "(hex, colons optional), even self-signed, and no other "
                                            "(implies --tls)."),
        QStringLiteral("SHA256"));
    const QCommandLineOption statsOption(QStringLiteral("stats"),
        QCoreApplication::translate("main", "On exit, print one line: stats: max-stall-ms=N (the window's longest "
                                            "stall) read-holds=N (how often reading waited for the log)."));
    const QCommandLineOption maxBacklogOption(QStringLiteral("max-backlog"),
        QCoreApplication::translate("main", "Stop reading from the server while more than this many bytes of "
                                            "received lines are not yet shown or written to --log "
                                            "(default %1).")
            .arg(ReceiveBacklog::kDefaultMaxBytes),
        QStringLiteral("BYTES"));
    parser.addOptions({hostOption, portOption, nameOption, profileOption, framingOption, connectOption, sendOption,
                       logOption, maxSizeOption, reconnectOption, connectTimeoutOption,
                       heartbeatIntervalOption, heartbeatTimeoutOption, helloTimeoutOption, maxUnsentOption,
                       closeTimeoutOption, tlsOption, tlsCaOption, tlsFingerprintOption, statsOption,
                       maxBacklogOption, Translation::languageOption()});
    parser.process(QCoreApplication::arguments() + ownOptions);

    const auto positiveInt = [&parser](const QCommandLineOption &option, qint64 max, qint64 *out) {
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < 1 || value > max)
            return false;
        *out = value;
        return true;
    };

    // Settings per profile: --profile, else the --name, else "default".
    QString profile = QLatin1String(ClientWindow::kDefaultProfile);
    if (parser.isSet(profileOption)) {
        profile = parser.value(profileOption);
        if (profile.trimmed().isEmpty())
            return fail(QCoreApplication::translate("main", "--profile must not be empty"));
    } else if (parser.isSet(nameOption) && !parser.value(nameOption).isEmpty()) {
        profile = parser.value(nameOption);
    }

    int exitCode = 0; // before the window, whose closeFinished() sets it
    // Before the window: the connection's thread reads the writer's backlog
    // until the window ends it.
    std::unique_ptr<LogWriter> logWriter;
    ClientWindow window(profile);
    ClientController *connection = window.controller();
    ConnectionForm *form = window.connectionForm();

    if (parser.isSet(hostOption))
        form->setHost(parser.value(hostOption));
    if (parser.isSet(portOption)) {
        qint64 port = 0;
        if (!positiveInt(portOption, 65535, &port))
            return fail(QCoreApplication::translate("main", "--port must be 1..65535, not \"%1\"")
                            .arg(parser.value(portOption)));
        form->setPort(quint16(port));
    }
    if (parser.isSet(nameOption))
        form->setName(parser.value(nameOption));
    if (parser.isSet(framingOption)) {
        const QString framing = parser.value(framingOption);
        if (framing == QLatin1String("lines"))
            form->setFraming(Protocol::Framing::Lines);
        else if (framing == QLatin1String("frames"))
            form->setFraming(Protocol::Framing::Frames);
        else
            return fail(QCoreApplication::translate("main", "--framing must be lines or frames, not \"%1\"")
                            .arg(framing));
    }
    if (parser.isSet(reconnectOption))
        window.setAutoReconnect(true);
    if (parser.isSet(maxSizeOption)) {
        qint64 bytes = 0;
        if (!positiveInt(maxSizeOption, std::numeric_limits<qint32>::max(), &bytes))
            return fail(QCoreApplication::translate("main", "--max-message-size must be a positive number of bytes"));
        connection->setMaxMessageSize(qsizetype(bytes));
    }
    if (parser.isSet(maxUnsentOption)) {
        qint64 bytes = 0;
        if (!positiveInt(maxUnsentOption, std::numeric_limits<qint64>::max(), &bytes))
            return fail(QCoreApplication::translate("main", "--max-unsent must be a positive number of bytes"));
        connection->setMaxUnsent(bytes);
    }
    if (parser.isSet(maxBacklogOption)) {
        qint64 bytes = 0;
        if (!positiveInt(maxBacklogOption, std::numeric_limits<qint64>::max(), &bytes))
            return fail(QCoreApplication::translate("main", "--max-backlog must be a positive number of bytes"));
        window.receiveBacklog()->setMaxBytes(bytes);
    }
    const struct {
        const QCommandLineOption &option;
        void (ClientController::*set)(int);
    } timeouts[] = {
        {connectTimeoutOption, &ClientController::setConnectTimeout},
        {heartbeatIntervalOption, &ClientController::setHeartbeatInterval},
        {heartbeatTimeoutOption, &ClientController::setHeartbeatTimeout},
        {helloTimeoutOption, &ClientController::setHelloTimeout},
        {closeTimeoutOption, &ClientController::setShutdownTimeout},
    };
    for (const auto &t : timeouts) {
        if (!parser.isSet(t.option))
            continue;
        qint64 ms = 0;
        if (!positiveInt(t.option, std::numeric_limits<qint32>::max(), &ms))
            return fail(QCoreApplication::translate("main", "--%1 must be a positive number of milliseconds")
                            .arg(t.option.names().constFirst()));
        (connection->*t.set)(int(ms));
    }
    // TLS: --tls-ca and --tls-fingerprint imply --tls.
    if (parser.isSet(tlsCaOption)) {
        // Kept absolute (setTlsCaFile() resolves it against the folder the
        // program was started in), and so named in every message about it.
        connection->setTlsCaFile(parser.value(tlsCaOption));
        QString error;
        if (ClientConnection::readCaFile(connection->tlsCaFile(), &error).isEmpty())
            return fail(QCoreApplication::translate("main", "--tls-ca: %1").arg(error));
    }
    if (parser.isSet(tlsFingerprintOption)) {
        const QString pin = CertificateFingerprint::normalized(parser.value(tlsFingerprintOption));
        if (pin.isEmpty())
            return fail(QCoreApplication::translate("main", "--tls-fingerprint must be a SHA-256 fingerprint "
                                                            "(64 hex digits, colons allowed), not \"%1\"")
                            .arg(parser.value(tlsFingerprintOption)));
        window.setTlsFingerprint(pin);
    }
    if (parser.isSet(tlsOption) || parser.isSet(tlsCaOption) || parser.isSet(tlsFingerprintOption))
        form->setTlsEnabled(true);
    // The password comes from SOCKETHUB_PASSWORD, which the window took (and
    // removed from the environment), or the window's field; never from the
    // command line, where ps would show it.

    // --log: written on a thread of its own, a batch at a time.
    if (parser.isSet(logOption)) {
        logWriter = std::make_unique<LogWriter>();
        QString error;
        if (!logWriter->open(parser.value(logOption), &error))
            return fail(QCoreApplication::translate("main", "cannot open the log %1: %2")
                            .arg(parser.value(logOption), error));
        logWriter->attach(window.log());
        window.receiveBacklog()->watchWriter(logWriter.get());
        logWriter->start();
    }

    // --send: sent in order on the first connection.
    const QStringList toSend = parser.values(sendOption);
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
    if (parser.isSet(connectOption))
        QTimer::singleShot(0, &window, &ClientWindow::connectToServer);
    StallProbe probe;
    probe.start();
    const int rc = app.exec();
    if (parser.isSet(statsOption)) {
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
