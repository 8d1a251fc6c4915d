// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// socket-server's command line (see ServerCommandLine below).
#pragma once

#include "commandlineoptions.h"
#include "protocol.h"
#include "serveroptions.h"

class QSettings;

// socket-server's options, declared on a parser, and the ServerOptions a
// run takes from them. main() reads them twice: once before the application
// exists, only to learn whether --headless asks for a QCoreApplication
// instead of a QApplication, and then for real. tr() here and in main()
// translates in the context "main" (lupdate reads it so).
//
// What the command line gives is for its run only: nothing here is saved.
// A windowed run starts from the settings its window saved; a --headless
// run only with --saved-settings (README, "Settings").
class ServerCommandLine : public CommandLineOptions
{
    Q_DECLARE_TR_FUNCTIONS(main)

public:
    explicit ServerCommandLine(QCommandLineParser &parser);

    // Whether the command line asks for --headless, read as the real parse
    // will read it (so that "--welcome --headless" is a welcome text).
    // Errors are left to the real parse.
    static bool headlessRequested(int argc, char *argv[]);
    // Whether this run starts from the saved settings: a windowed run, or
    // --headless with --saved-settings.
    bool usesSavedSettings(const QCommandLineParser &parser) const;
    // The options of this run: the defaults, then the settings in saved
    // when it is given, then what the command line says. The password is
    // not among them (main() takes it from the environment). False, with
    // the reason in *error, when an option's value is wrong.
    bool options(const QCommandLineParser &parser, QSettings *saved, ServerOptions *out, QString *error) const;

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
    const QCommandLineOption tlsCertOption = option("tls-cert",
        tr("TLS certificate (PEM; with --tls-key): TLS clients are served on the same port."), "FILE");
    const QCommandLineOption tlsKeyOption = option("tls-key", tr("TLS private key (PEM, unencrypted)."), "FILE");
    const QCommandLineOption allowPlaintextOption = option("allow-plaintext",
        tr("With TLS, serve plain connections too (refused with a notice by default)."));
    // Issue 16: hardening the TLS and password surface (docs/security.md).
    const QCommandLineOption maxPendingOption = option("max-pending-per-address",
        tr("Most connections from one address not admitted yet (TLS handshake or password pending); "
           "0 = no limit.") + defaultNote(Protocol::kDefaultMaxPendingPerAddress), "N");
    const QCommandLineOption maxHandshakesOption = option("max-handshakes",
        tr("Most TLS handshakes at once on a network thread; more wait, unread, for one to end; "
           "0 = no limit.") + defaultNote(Protocol::kDefaultMaxHandshakes), "N");
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
    const QCommandLineOption maxFailuresOption = option("max-password-failures",
        tr("Wrong or missing passwords from one address, within the lockout time, that lock it out; "
           "0 = never. The password itself comes from the SOCKETHUB_PASSWORD environment variable.")
            + defaultNote(Protocol::kDefaultMaxPasswordFailures), "N");
    const QCommandLineOption lockoutOption = option("password-lockout",
        tr("Seconds an address is locked out, and the time in which its failures count.")
            + defaultNote(Protocol::kDefaultPasswordLockoutMs / 1000), "SECONDS");
    const QCommandLineOption wsOriginOption = option("ws-origin",
        tr("A web origin (https://host[:port]) whose pages may open a WebSocket to this server, besides "
           "the server's own page (repeatable)."), "ORIGIN");
    const QCommandLineOption welcomeOption = option("welcome",
        tr("Welcome notice; %1 is the client's id, %% a %."), "TEXT");
    const QCommandLineOption federateOption = option("federate",
        tr("Join a federation of servers through Redis: redis://[:PASSWORD@]HOST:PORT[/NAME], HOST an IP "
           "address (docs/federation.md). The password may instead be in SOCKETHUB_REDIS_PASSWORD."), "URL");
    const QCommandLineOption instanceNameOption = option("instance-name",
        tr("This server's name in a federation (default HOST-PID)."), "NAME");
    const QCommandLineOption streamLengthOption = option("federation-stream-length",
        tr("Entries the federation's relay stream keeps, about.")
            + defaultNote(ServerOptions::kDefaultFederationStreamLength), "N");
    const QCommandLineOption fedMaxPendingOption = option("federation-max-pending",
        tr("Bytes waiting for Redis before relay readers are held.")
            + defaultNote(ServerOptions::kDefaultFederationMaxPending), "BYTES");
    const QCommandLineOption maxEntryOption = option("federation-max-entry",
        tr("Largest stream entry payload accepted from Redis, in bytes.")
            + defaultNote(ServerOptions::kDefaultFederationMaxEntry), "BYTES");
    const QCommandLineOption logOption = option("log",
        tr("Append every log line to FILE ('-' = stdout), written off the network thread."), "FILE");
    const QCommandLineOption headlessOption = option("headless",
        tr("Run without a window (implies --listen), from the defaults and this command line only."));
    const QCommandLineOption savedSettingsOption = option("saved-settings",
        tr("With --headless: start from the settings the window saved, under this command line's options. "
           "A windowed run always does; the command line never changes them."));
    const QCommandLineOption statsOption = option("stats",
        tr("On exit, print one line: stats: max-stall-ms=N deliveries=N ..."));
};
