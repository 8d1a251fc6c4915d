// socket-server: the SocketServer form, or the same engine headless.
// Options override the saved settings.
#include "accesspolicy.h"
#include "commandline.h"
#include "logwriter.h"
#include "servercontroller.h"
#include "serverlogging.h"
#include "serversettings.h"
#include "serverwindow.h"
#include "stallprobe.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <memory>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "socket-server: %s\n", qPrintable(message));
    std::exit(2);
}

// SIGTERM, SIGINT and SIGHUP stop the server gracefully (every client gets
// its "server stopped listening" notice) through a self-pipe.
int g_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalFds[0], &c, 1);
}

void installSignalHandlers(ServerController *controller)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, controller);
    QObject::connect(notifier, &QSocketNotifier::activated, controller, [controller, notifier] {
        char c;
        [[maybe_unused]] const ssize_t n = ::read(g_signalFds[1], &c, 1);
        notifier->setEnabled(false);
        qCDebug(lcServer) << "signalled: stopping";
        controller->shutDown();
    });
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGHUP, &sa, nullptr);
}

// Many clients need many descriptors: take the hard limit.
void raiseDescriptorLimit()
{
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            qCWarning(lcServer) << "could not raise the descriptor limit";
    }
}

// socket-server's options, declared on a parser. main() reads them twice:
// once before the application exists, only to learn whether --headless asks
// for a QCoreApplication instead of a QApplication, and then for real. tr()
// here and in main() translates in the context "main" (lupdate reads it so).
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(main)

public:
    explicit Cli(QCommandLineParser &parser)
        : m_parser(prepared(parser))
    {
    }

private:
    // First: the options below are added to it as they are initialised, in
    // the order --help lists them.
    QCommandLineParser &m_parser;

    static QCommandLineParser &prepared(QCommandLineParser &parser)
    {
        parser.setApplicationDescription(
            tr("A TCP message hub: serves nc/telnet line clients and socket-client windows."));
        parser.addHelpOption();
        parser.addVersionOption();
        return parser;
    }
    QCommandLineOption option(const char *name, const QString &description, const char *value = nullptr)
    {
        QCommandLineOption o(QString::fromLatin1(name), description);
        if (value)
            o.setValueName(QString::fromLatin1(value));
        m_parser.addOption(o);
        return o;
    }
    static QString defaultNote(qint64 value) { return tr(" (default %1)").arg(value); }

public:
    const QCommandLineOption portOption = option("port",
        tr("Port to listen on (0 = any free port).") + defaultNote(Protocol::kDefaultPort), "N");
    const QCommandLineOption bindOption = option("bind",
        tr("Address to bind: any (IPv4 + IPv6, default), localhost, or an IP."), "ADDRESS");
    const QCommandLineOption listenOption = option("listen", tr("Start listening at launch."));
    const QCommandLineOption framingOption = option("framing",
        tr("Framing: auto (default), lines or frames."), "auto|lines|frames");
    const QCommandLineOption modeOption = option("client-messages",
        tr("What happens to client messages: show (default), echo or relay."), "show|echo|relay");
    const QCommandLineOption maxClientsOption = option("max-clients",
        tr("Most clients at once.") + defaultNote(Protocol::kDefaultMaxClients), "N");
    const QCommandLineOption maxMessageOption = option("max-message-size",
        tr("Largest message in bytes.") + defaultNote(Protocol::kDefaultMaxMessageSize), "BYTES");
    const QCommandLineOption highWaterOption = option("high-water",
        tr("Bytes queued for one client past which the connections feeding it are not read.")
            + defaultNote(Protocol::kDefaultHighWaterMark), "BYTES");
    const QCommandLineOption lowWaterOption = option("low-water",
        tr("Bytes queued below which they are read again.") + defaultNote(Protocol::kDefaultLowWaterMark),
        "BYTES");
    const QCommandLineOption slowOption = option("slow-consumer-timeout",
        tr("Milliseconds a client may stay above the high-water mark before it is disconnected.")
            + defaultNote(Protocol::kDefaultSlowConsumerTimeoutMs), "MS");
    const QCommandLineOption maxQueueOption = option("max-outbound-queue",
        tr("Bytes queued for one client past which it is disconnected at once.")
            + defaultNote(Protocol::kDefaultMaxOutboundQueue), "BYTES");
    const QCommandLineOption readBudgetOption = option("read-budget",
        tr("Most bytes read from one connection per pass.") + defaultNote(Protocol::kDefaultReadBudget),
        "BYTES");
    const QCommandLineOption maxBufferedOption = option("max-buffered",
        tr("Bytes queued and partly received, all clients together, past which nothing is read.")
            + defaultNote(Protocol::kDefaultMaxBuffered), "BYTES");
    const QCommandLineOption backlogOption = option("listen-backlog",
        tr("Connections the kernel may hold before they are accepted.")
            + defaultNote(Protocol::kDefaultListenBacklog), "N");
    const QCommandLineOption threadsOption = option("network-threads",
        tr("Network threads, each serving its share of the clients.")
            + defaultNote(Protocol::kDefaultNetworkThreads), "N");
    const QCommandLineOption graceOption = option("framing-grace",
        tr("Milliseconds of silence after which an auto connection speaks lines.")
            + defaultNote(Protocol::kDefaultFramingGraceMs), "MS");
    const QCommandLineOption handshakeOption = option("handshake-timeout",
        tr("Milliseconds a frames client has for its magic and hello; 0 = none.")
            + defaultNote(Protocol::kDefaultHandshakeTimeoutMs), "MS");
    const QCommandLineOption messageTimeoutOption = option("message-timeout",
        tr("Milliseconds a message may take from its first byte to its last; 0 = none.")
            + defaultNote(Protocol::kDefaultMessageTimeoutMs), "MS");
    const QCommandLineOption pingOption = option("ping-interval",
        tr("Milliseconds of silence after which a frames client is pinged; 0 = never.")
            + defaultNote(Protocol::kDefaultServerPingIntervalMs), "MS");
    const QCommandLineOption framesIdleOption = option("frames-idle-timeout",
        tr("Milliseconds of silence after which a frames client is closed; 0 = never.")
            + defaultNote(Protocol::kDefaultFramesIdleTimeoutMs), "MS");
    const QCommandLineOption idleOption = option("idle-timeout",
        tr("Milliseconds of silence after which a line client is closed; 0 = never.")
            + defaultNote(Protocol::kDefaultLineIdleTimeoutMs), "MS");
    const QCommandLineOption rawLinesOption = option("raw-lines",
        tr("Send texts to line clients byte for byte (for devices): control characters are not made "
           "visible and server texts are not quoted."));
    const QCommandLineOption allowOption = option("allow",
        tr("Only this address or CIDR range may connect (repeatable; ncat's --allow)."), "ADDRESS[/BITS]");
    const QCommandLineOption denyOption = option("deny",
        tr("This address or CIDR range may not connect (repeatable; ncat's --deny)."), "ADDRESS[/BITS]");
    const QCommandLineOption maxPerAddressOption = option("max-per-address",
        tr("Most connections from one address; 0 = no limit.") + defaultNote(Protocol::kDefaultMaxPerAddress),
        "N");
    const QCommandLineOption presenceOption = option("presence-limit",
        tr("Relay mode sends join and leave notices while at most N clients are connected; 0 = never.")
            + defaultNote(Protocol::kDefaultPresenceLimit), "N");
    // Issue 16: hardening the TLS and password surface (docs/security.md).
    const QCommandLineOption maxPendingOption = option("max-pending-per-address",
        tr("Most connections from one address not admitted yet (TLS handshake or password pending); "
           "0 = no limit.") + defaultNote(Protocol::kDefaultMaxPendingPerAddress), "N");
    const QCommandLineOption connectRateOption = option("connect-rate",
        tr("New TLS connections per second from one address (a token bucket); past it they are closed "
           "at accept; 0 = no limit.") + defaultNote(Protocol::kDefaultConnectRate), "N");
    const QCommandLineOption connectBurstOption = option("connect-burst",
        tr("New TLS connections one address may open at once before --connect-rate applies.")
            + defaultNote(Protocol::kDefaultConnectBurst), "N");
    const QCommandLineOption presenceHoldOption = option("presence-hold",
        tr("Milliseconds a client must stay before its join is announced; one that leaves sooner is "
           "announced neither joining nor leaving; 0 = at once.") + defaultNote(Protocol::kDefaultPresenceHoldMs),
        "MS");
    const QCommandLineOption presenceBurstOption = option("presence-burst",
        tr("Joins announced per address at once (then one per --presence-refill); 0 = no limit.")
            + defaultNote(Protocol::kDefaultPresenceBurst), "N");
    const QCommandLineOption presenceRefillOption = option("presence-refill",
        tr("Milliseconds per further join announced from one address.")
            + defaultNote(Protocol::kDefaultPresenceRefillMs), "MS");
    const QCommandLineOption tlsCertOption = option("tls-cert",
        tr("TLS certificate (PEM; with --tls-key): TLS clients are served on the same port."), "FILE");
    const QCommandLineOption tlsKeyOption = option("tls-key", tr("TLS private key (PEM, unencrypted)."), "FILE");
    const QCommandLineOption allowPlaintextOption = option("allow-plaintext",
        tr("With TLS, serve plain connections too (refused with a notice by default)."));
    const QCommandLineOption maxFailuresOption = option("max-password-failures",
        tr("Wrong or missing passwords from one address, within the lockout time, that lock it out; "
           "0 = never. The password itself comes from the SOCKETHUB_PASSWORD environment variable.")
            + defaultNote(Protocol::kDefaultMaxPasswordFailures), "N");
    const QCommandLineOption lockoutOption = option("password-lockout",
        tr("Seconds an address is locked out, and the time in which its failures count.")
            + defaultNote(Protocol::kDefaultPasswordLockoutMs / 1000), "SECONDS");
    const QCommandLineOption welcomeOption = option("welcome",
        tr("Welcome notice; %1 is the client's id."), "TEXT");
    const QCommandLineOption logOption = option("log",
        tr("Append every log line to FILE ('-' = stdout), written off the network thread."), "FILE");
    const QCommandLineOption headlessOption = option("headless", tr("Run without a window (implies --listen)."));
    const QCommandLineOption statsOption = option("stats",
        tr("On exit, print one line: stats: max-stall-ms=N deliveries=N ..."));
};

// Whether the command line asks for --headless, read as the real parse will
// read it (so that "--welcome --headless" is a welcome text). Errors are left
// to the real parse.
bool headlessRequested(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    const Cli cli(parser);
    parser.parse(arguments);
    return parser.isSet(cli.headlessOption);
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's own event dispatcher, not GLib's: GLib's registers each socket
    // notifier in time linear in the number already registered, so 10,000
    // clients connecting at once took 3.2 s to accept instead of 0.3 s
    // (docs/benchmarks.md). An empty QT_NO_GLIB in the environment keeps GLib's.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    // Headless, the server runs under a QCoreApplication: no widget, no
    // platform plugin, no display needed. With a window, --help and
    // --version still work without a display.
    const bool headless = headlessRequested(argc, argv);
    std::unique_ptr<QCoreApplication> app;
    if (headless) {
        app = std::make_unique<QCoreApplication>(argc, argv);
    } else {
        CommandLine::preferOffscreenWhenWindowless(argc, argv);
        app = std::make_unique<QApplication>(argc, argv);
        // Closing the window ends the program through shutDown(), so that the
        // goodbyes are flushed while the event loop still runs.
        QGuiApplication::setQuitOnLastWindowClosed(false);
        QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.sockethub.SocketServer.svg")));
        QGuiApplication::setDesktopFileName(QStringLiteral("io.github.sockethub.SocketServer"));
    }
    QCoreApplication::setOrganizationName(QStringLiteral("SocketHub"));
    QCoreApplication::setApplicationName(QStringLiteral("socket-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKETHUB_VERSION));

    QCommandLineParser parser;
    const Cli cli(parser);
    parser.process(*app);

    ServerOptions options;
    {
        QSettings settings;
        ServerSettings::load(settings, options);
    }
    const auto number = [&parser](const QCommandLineOption &o, qint64 min, qint64 max) {
        bool ok = false;
        const qint64 v = parser.value(o).toLongLong(&ok);
        if (!ok || v < min || v > max)
            fail(Cli::tr("--%1 must be a number from %2 to %3").arg(o.names().constFirst()).arg(min).arg(max));
        return v;
    };
    const auto setNumber = [&](const QCommandLineOption &o, auto &field, qint64 min, qint64 max) {
        if (parser.isSet(o))
            field = static_cast<std::remove_reference_t<decltype(field)>>(number(o, min, max));
    };
    setNumber(cli.portOption, options.port, 0, 65535);
    if (parser.isSet(cli.bindOption)) {
        options.bind = parser.value(cli.bindOption);
        if (ServerOptions::bindAddress(options.bind).isNull())
            fail(Cli::tr("--bind: %1 is not an address").arg(options.bind));
    }
    if (parser.isSet(cli.framingOption)) {
        const auto f = ServerOptions::framingSettingFromName(parser.value(cli.framingOption));
        if (!f)
            fail(Cli::tr("--framing must be auto, lines or frames"));
        options.framing = *f;
    }
    if (parser.isSet(cli.modeOption)) {
        const auto m = ServerOptions::modeFromName(parser.value(cli.modeOption));
        if (!m)
            fail(Cli::tr("--client-messages must be show, echo or relay"));
        options.mode = *m;
    }
    constexpr qint64 kTiB = qint64(1) << 40;
    setNumber(cli.maxClientsOption, options.maxClients, 1, 1000000);
    setNumber(cli.maxMessageOption, options.maxMessageSize, 1, qint64(1) << 31);
    setNumber(cli.highWaterOption, options.highWaterMark, 1, kTiB);
    setNumber(cli.lowWaterOption, options.lowWaterMark, 0, kTiB);
    setNumber(cli.slowOption, options.slowConsumerTimeoutMs, 1, 24 * 3600 * 1000);
    setNumber(cli.maxQueueOption, options.maxOutboundQueue, 1, kTiB);
    setNumber(cli.readBudgetOption, options.readBudget, 1, 64 * 1024 * 1024);
    setNumber(cli.maxBufferedOption, options.maxBuffered, 1, kTiB);
    setNumber(cli.backlogOption, options.listenBacklog, 1, 65535);
    setNumber(cli.graceOption, options.framingGraceMs, 0, 600000);
    setNumber(cli.threadsOption, options.networkThreads, 1, 64);
    constexpr qint64 kDay = 24 * 3600 * 1000;
    setNumber(cli.handshakeOption, options.handshakeTimeoutMs, 0, kDay);
    setNumber(cli.messageTimeoutOption, options.messageTimeoutMs, 0, kDay);
    setNumber(cli.pingOption, options.pingIntervalMs, 0, kDay);
    setNumber(cli.framesIdleOption, options.framesIdleTimeoutMs, 0, kDay);
    setNumber(cli.idleOption, options.lineIdleTimeoutMs, 0, kDay);
    options.rawLines = parser.isSet(cli.rawLinesOption);
    setNumber(cli.maxPerAddressOption, options.maxPerAddress, 0, 1000000);
    for (const auto &[o, list] :
         { std::pair{ &cli.allowOption, &options.allow }, std::pair{ &cli.denyOption, &options.deny } }) {
        if (!parser.isSet(*o))
            continue;
        list->clear(); // the option's list replaces the saved one
        for (const QString &value : parser.values(*o)) {
            QString error;
            if (!AccessPolicy::Rule::parse(value, &error))
                fail(QLatin1String("--") + o->names().constFirst() + QLatin1String(": ") + error);
            list->append(value);
        }
    }
    if (parser.isSet(cli.tlsCertOption) || parser.isSet(cli.tlsKeyOption)) {
        options.tlsCertFile = parser.value(cli.tlsCertOption);
        options.tlsKeyFile = parser.value(cli.tlsKeyOption);
        if (options.tlsCertFile.isEmpty() || options.tlsKeyFile.isEmpty())
            fail(Cli::tr("--tls-cert and --tls-key go together"));
        // TLS from the command line means what the command line says: plain
        // connections only with --allow-plaintext, whatever was saved.
        options.allowPlaintext = false;
    }
    if (parser.isSet(cli.allowPlaintextOption))
        options.allowPlaintext = true;
    setNumber(cli.presenceOption, options.presenceLimit, 0, 1000000);
    setNumber(cli.maxPendingOption, options.maxPendingPerAddress, 0, 1000000);
    setNumber(cli.connectRateOption, options.connectRate, 0, 1000000);
    setNumber(cli.connectBurstOption, options.connectBurst, 1, 1000000);
    setNumber(cli.presenceHoldOption, options.presenceHoldMs, 0, kDay);
    setNumber(cli.presenceBurstOption, options.presenceBurst, 0, 1000000);
    setNumber(cli.presenceRefillOption, options.presenceRefillMs, 1, kDay);
    setNumber(cli.maxFailuresOption, options.maxPasswordFailures, 0, 1000000);
    if (parser.isSet(cli.lockoutOption))
        options.passwordLockoutMs = int(number(cli.lockoutOption, 1, 7 * 24 * 3600) * 1000);
    // From the environment only: an option would show it in every process
    // listing. It is kept as its digest.
    options.passwordDigest =
        ServerOptions::digestPassword(qEnvironmentVariable(Protocol::kPasswordEnvironmentVariable));
    // Read once; not left for child processes or /proc/PID/environ.
    qunsetenv(Protocol::kPasswordEnvironmentVariable);
    if (options.lowWaterMark > options.highWaterMark)
        fail(Cli::tr("--low-water must not be above --high-water"));
    if (parser.isSet(cli.welcomeOption))
        options.welcomeText = parser.value(cli.welcomeOption);

    raiseDescriptorLimit();
    bool startFailed = false; // before the controller, whose signal sets it
    ServerController controller(options);
    LogWriter logWriter;
    if (parser.isSet(cli.logOption)) {
        QString error;
        if (!logWriter.open(parser.value(cli.logOption), &error))
            fail(Cli::tr("--log %1: %2").arg(parser.value(cli.logOption), error));
        controller.attachLogWriter(&logWriter);
        logWriter.start();
    }

    // Scripts read the real port from this line, once per start.
    QObject::connect(&controller, &ServerController::listeningChanged, &controller, [&controller](bool on) {
        if (!on)
            return;
        std::printf("listening on %s\n", qPrintable(controller.listenAddressText()));
        std::fflush(stdout);
    });
    QObject::connect(&controller, &ServerController::listenFailed, &controller, [&startFailed] {
        startFailed = true;
    });

    StallProbe probe;
    probe.start();

    installSignalHandlers(&controller);
    QObject::connect(&controller, &ServerController::shutDownFinished, app.get(), &QCoreApplication::quit);

    std::unique_ptr<ServerWindow> window;
    if (!headless) {
        QObject::connect(qApp, &QGuiApplication::lastWindowClosed, &controller, &ServerController::shutDown);
        window = std::make_unique<ServerWindow>(&controller);
        window->show();
    } else {
        // Headless, a failure to listen ends the program.
        QObject::connect(&controller, &ServerController::listenFailed, app.get(), [] { QCoreApplication::exit(1); });
    }
    if (headless || parser.isSet(cli.listenOption))
        controller.start();
    const int rc = app->exec();
    window.reset();
    logWriter.finish();
    if (parser.isSet(cli.statsOption)) {
        const ServerSnapshot::Stats &s = controller.stats();
        std::printf("stats: max-stall-ms=%lld deliveries=%llu messages-in=%llu bytes-in=%llu bytes-out=%llu "
                    "slow-consumers=%llu buffered-peak=%lld\n",
                    static_cast<long long>(probe.maxStallMs()), static_cast<unsigned long long>(s.deliveries),
                    static_cast<unsigned long long>(s.messagesIn), static_cast<unsigned long long>(s.bytesIn),
                    static_cast<unsigned long long>(s.bytesOut), static_cast<unsigned long long>(s.slowConsumers),
                    static_cast<long long>(s.bufferedPeak));
        std::fflush(stdout);
    }
    return startFailed && headless ? 1 : rc;
}
