// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// socket-server: the SocketServer form, or the same engine headless.
// Options override the saved settings for this run only (servercommandline.h).
#include "commandline.h"
#include "federationaddress.h"
#include "logwriter.h"
#include "servercommandline.h"
#include "servercontroller.h"
#include "serverlogging.h"
#include "serverwindow.h"
#include "stallprobe.h"
#include "translation.h"

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
    const bool headless = ServerCommandLine::headlessRequested(argc, argv);
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

    // Before the options, whose descriptions are translated.
    Translation::install(app.get(), Translation::languageFromArguments(argc, argv));

    QCommandLineParser parser;
    const ServerCommandLine cli(parser);
    parser.addOption(Translation::languageOption());
    parser.process(*app);

    ServerOptions options;
    {
        // The saved settings are read, never written, here: what the
        // command line says is for this run only.
        QSettings settings;
        QString error;
        if (!cli.options(parser, cli.usesSavedSettings(parser) ? &settings : nullptr, &options, &error))
            fail(error);
    }
    // From the environment only: an option would show it in every process
    // listing. It is kept as its digest.
    options.passwordDigest =
        ServerOptions::digestPassword(qEnvironmentVariable(Protocol::kPasswordEnvironmentVariable));
    // Read once; not left for child processes or /proc/PID/environ.
    qunsetenv(Protocol::kPasswordEnvironmentVariable);
    // The federation's Redis password, when the URL has none: likewise.
    const QString redisPassword = qEnvironmentVariable(FederationAddress::kPasswordEnvironmentVariable);
    qunsetenv(FederationAddress::kPasswordEnvironmentVariable);
    if (!options.federate.isEmpty() && !redisPassword.isEmpty()) {
        QString why;
        std::optional<FederationAddress> address = FederationAddress::parse(options.federate, &why);
        if (address && address->password.isEmpty())
            options.federate = address->withPassword(redisPassword);
    }
    raiseDescriptorLimit();
    bool startFailed = false; // before the controller, whose signal sets it
    ServerController controller(options);
    LogWriter logWriter;
    if (parser.isSet(cli.logOption)) {
        QString error;
        if (!logWriter.open(parser.value(cli.logOption), &error))
            fail(ServerCommandLine::tr("--log %1: %2").arg(parser.value(cli.logOption), error));
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
        const FederationStatus f = controller.federationStatus();
        if (f.state != FederationStatus::State::Off) {
            std::printf("federation: state=%s instances=%d entries-out=%llu messages-out=%llu entries-in=%llu "
                        "messages-in=%llu missed=%llu rejected=%llu lag-ms=%lld\n",
                        qPrintable(FederationStatus::stateName(f.state)), f.instancesSeen,
                        static_cast<unsigned long long>(f.entriesOut), static_cast<unsigned long long>(f.messagesOut),
                        static_cast<unsigned long long>(f.entriesIn), static_cast<unsigned long long>(f.messagesIn),
                        static_cast<unsigned long long>(f.missed), static_cast<unsigned long long>(f.rejected),
                        static_cast<long long>(f.lagMs));
        }
        std::fflush(stdout);
    }
    return startFailed && headless ? 1 : rc;
}
