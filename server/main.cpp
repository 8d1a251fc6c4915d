// socket-server: the SocketServer form. Options override the saved settings.
#include "commandline.h"
#include "eventlog.h"
#include "servercore.h"
#include "serverlogging.h"
#include "serversettings.h"
#include "serverwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>

#include <sys/socket.h>
#include <unistd.h>

namespace {

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "socket-server: %s\n", qPrintable(message));
    std::exit(2);
}

// --help, --version and --headless must work without a display: they get
// the offscreen platform unless one was chosen.
// SIGTERM, SIGINT and SIGHUP stop the server gracefully (every client gets
// its "server stopped listening" notice) through a self-pipe.
int g_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalFds[0], &c, 1);
}

// How long a shutdown (signal or closed window) waits for goodbyes to flush.
constexpr int kShutdownFlushMs = 2000;

// The one way the server ends: stop (every client gets its "server stopped
// listening" notice), then quit once every closing connection has flushed,
// or after kShutdownFlushMs. Safe to call more than once.
void shutDown(ServerCore *core, const char *why)
{
    static bool started = false;
    if (started)
        return;
    started = true;
    qCDebug(lcServer) << why << ": stopping";
    core->stop();
    auto *poll = new QTimer(core);
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + kShutdownFlushMs;
    const auto check = [core, deadline] {
        if (core->connectionCount() == 0 || QDateTime::currentMSecsSinceEpoch() > deadline)
            QCoreApplication::quit();
    };
    QObject::connect(poll, &QTimer::timeout, core, check);
    poll->start(20);
}

void installSignalHandlers(ServerCore *core)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, core);
    QObject::connect(notifier, &QSocketNotifier::activated, core, [core, notifier] {
        char c;
        [[maybe_unused]] const ssize_t n = ::read(g_signalFds[1], &c, 1);
        notifier->setEnabled(false);
        shutDown(core, "signalled");
    });
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGHUP, &sa, nullptr);
}

} // namespace

int main(int argc, char *argv[])
{
    CommandLine::preferOffscreenWhenWindowless(argc, argv, { QByteArrayLiteral("--headless") });
    QApplication app(argc, argv);
    // Closing the window ends the program through shutDown(), so that the
    // goodbyes are flushed while the event loop still runs.
    QApplication::setQuitOnLastWindowClosed(false);
    QCoreApplication::setOrganizationName(QStringLiteral("SocketHub"));
    QCoreApplication::setApplicationName(QStringLiteral("socket-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKETHUB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "A TCP message hub: serves nc/telnet line clients and socket-client windows."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
        QCoreApplication::translate("main", "Port to listen on (0 = any free port; default %1).")
            .arg(Protocol::kDefaultPort),
        QStringLiteral("N"));
    const QCommandLineOption bindOption(QStringLiteral("bind"),
        QCoreApplication::translate("main", "Address to bind: any (IPv4 + IPv6, default), localhost, or an IP."),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption listenOption(QStringLiteral("listen"),
        QCoreApplication::translate("main", "Start listening at launch."));
    const QCommandLineOption framingOption(QStringLiteral("framing"),
        QCoreApplication::translate("main", "Framing: auto (default), lines or frames."),
        QStringLiteral("auto|lines|frames"));
    const QCommandLineOption modeOption(QStringLiteral("client-messages"),
        QCoreApplication::translate("main", "What happens to client messages: show (default), echo or relay."),
        QStringLiteral("show|echo|relay"));
    const QCommandLineOption maxClientsOption(QStringLiteral("max-clients"),
        QCoreApplication::translate("main", "Most clients at once (default %1).").arg(Protocol::kDefaultMaxClients),
        QStringLiteral("N"));
    const QCommandLineOption maxMessageOption(QStringLiteral("max-message-size"),
        QCoreApplication::translate("main", "Largest message in bytes (default %1).")
            .arg(Protocol::kDefaultMaxMessageSize),
        QStringLiteral("BYTES"));
    const QCommandLineOption maxQueueOption(QStringLiteral("max-outbound-queue"),
        QCoreApplication::translate("main", "Bytes queued for one client before it is closed as a slow consumer (default %1).")
            .arg(Protocol::kDefaultMaxOutboundQueue),
        QStringLiteral("BYTES"));
    const QCommandLineOption graceOption(QStringLiteral("framing-grace"),
        QCoreApplication::translate("main", "Milliseconds of silence after which an auto connection speaks lines (default %1).")
            .arg(Protocol::kDefaultFramingGraceMs),
        QStringLiteral("MS"));
    const QCommandLineOption welcomeOption(QStringLiteral("welcome"),
        QCoreApplication::translate("main", "Welcome notice; %1 is the client's id."),
        QStringLiteral("TEXT"));
    const QCommandLineOption logOption(QStringLiteral("log"),
        QCoreApplication::translate("main", "Append every log line to FILE, flushed ('-' = stdout)."),
        QStringLiteral("FILE"));
    const QCommandLineOption headlessOption(QStringLiteral("headless"),
        QCoreApplication::translate("main", "Run without a window (implies --listen)."));
    parser.addOptions({ portOption, bindOption, listenOption, framingOption, modeOption,
                        maxClientsOption, maxMessageOption, maxQueueOption, graceOption,
                        welcomeOption, logOption, headlessOption });
    parser.process(app);

    ServerOptions options;
    {
        QSettings settings;
        ServerSettings::load(settings, options);
    }
    const auto number = [&parser](const QCommandLineOption &option, qint64 min, qint64 max) {
        bool ok = false;
        const qint64 v = parser.value(option).toLongLong(&ok);
        if (!ok || v < min || v > max)
            fail(QCoreApplication::translate("main", "--%1 must be a number from %2 to %3")
                     .arg(option.names().constFirst())
                     .arg(min)
                     .arg(max));
        return v;
    };
    if (parser.isSet(portOption))
        options.port = quint16(number(portOption, 0, 65535));
    if (parser.isSet(bindOption)) {
        options.bind = parser.value(bindOption);
        if (ServerCore::bindAddress(options.bind).isNull())
            fail(QCoreApplication::translate("main", "--bind: %1 is not an address").arg(options.bind));
    }
    if (parser.isSet(framingOption)) {
        const auto f = ServerOptions::framingSettingFromName(parser.value(framingOption));
        if (!f)
            fail(QCoreApplication::translate("main", "--framing must be auto, lines or frames"));
        options.framing = *f;
    }
    if (parser.isSet(modeOption)) {
        const auto m = ServerOptions::modeFromName(parser.value(modeOption));
        if (!m)
            fail(QCoreApplication::translate("main", "--client-messages must be show, echo or relay"));
        options.mode = *m;
    }
    if (parser.isSet(maxClientsOption))
        options.maxClients = int(number(maxClientsOption, 1, 1000000));
    if (parser.isSet(maxMessageOption))
        options.maxMessageSize = number(maxMessageOption, 1, qint64(1) << 31);
    if (parser.isSet(maxQueueOption))
        options.maxOutboundQueue = number(maxQueueOption, 1, qint64(1) << 40);
    if (parser.isSet(graceOption))
        options.framingGraceMs = int(number(graceOption, 0, 600000));
    if (parser.isSet(welcomeOption))
        options.welcomeText = parser.value(welcomeOption);

    ServerCore core(options);
    if (parser.isSet(logOption)) {
        QString error;
        if (!core.log()->setSink(parser.value(logOption), &error))
            fail(QCoreApplication::translate("main", "--log %1: %2").arg(parser.value(logOption), error));
    }

    // Scripts read the real port from this line, once per start.
    QObject::connect(&core, &ServerCore::listeningChanged, &core, [&core](bool listening) {
        if (!listening)
            return;
        std::printf("listening on %s\n", qPrintable(core.listenAddressText()));
        std::fflush(stdout);
    });

    installSignalHandlers(&core);
    QObject::connect(&app, &QGuiApplication::lastWindowClosed, &core,
                     [&core] { shutDown(&core, "window closed"); });

    const bool headless = parser.isSet(headlessOption);
    std::unique_ptr<ServerWindow> window;
    if (!headless) {
        window = std::make_unique<ServerWindow>(&core);
        window->show();
    }
    if (headless || parser.isSet(listenOption)) {
        if (!core.start() && headless)
            return 1;
    }
    const int rc = app.exec();
    core.stop(); // normally done already by shutDown()
    return rc;
}
