// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "servercommandline.h"

#include "accessrule.h"
#include "commandlinevalues.h"
#include "federationaddress.h"
#include "serversettings.h"
#include "websockethandshake.h"

#include <QSettings>

ServerCommandLine::ServerCommandLine(QCommandLineParser &parser)
    : CommandLineOptions(parser,
                         tr("A TCP message hub: serves nc/telnet line clients and socket-client windows.\n"
                            "A password, if any, comes from the %1 environment variable, never from an option "
                            "(every user's ps would show it).")
                             .arg(QLatin1String(Protocol::kPasswordEnvironmentVariable)))
{
}

bool ServerCommandLine::headlessRequested(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    const ServerCommandLine cli(parser);
    parser.parse(arguments);
    return parser.isSet(cli.headlessOption);
}

bool ServerCommandLine::usesSavedSettings(const QCommandLineParser &parser) const
{
    return !parser.isSet(headlessOption) || parser.isSet(savedSettingsOption);
}

bool ServerCommandLine::options(const QCommandLineParser &parser, QSettings *saved, ServerOptions *out,
                                QString *error) const
{
    ServerOptions options;
    if (saved)
        ServerSettings::load(*saved, options);
    CommandLineValues values(parser);
    values.setNumber(portOption, options.port, 0, 65535);
    if (parser.isSet(bindOption)) {
        options.bind = parser.value(bindOption);
        if (ServerOptions::bindAddress(options.bind).isNull())
            values.fail(tr("--bind: %1 is not an address").arg(options.bind));
    }
    if (parser.isSet(framingOption)) {
        const auto f = ServerOptions::framingSettingFromName(parser.value(framingOption));
        if (f)
            options.framing = *f;
        else
            values.fail(tr("--framing must be auto, lines or frames"));
    }
    if (parser.isSet(modeOption)) {
        const auto m = ServerOptions::modeFromName(parser.value(modeOption));
        if (m)
            options.mode = *m;
        else
            values.fail(tr("--client-messages must be show, echo or relay"));
    }
    constexpr qint64 kTiB = qint64(1) << 40;
    values.setNumber(maxClientsOption, options.maxClients, 1, 1000000);
    values.setNumber(maxMessageOption, options.maxMessageSize, 1, qint64(1) << 31);
    values.setNumber(highWaterOption, options.highWaterMark, 1, kTiB);
    values.setNumber(lowWaterOption, options.lowWaterMark, 0, kTiB);
    values.setNumber(slowOption, options.slowConsumerTimeoutMs, 1, 24 * 3600 * 1000);
    values.setNumber(maxQueueOption, options.maxOutboundQueue, 1, kTiB);
    values.setNumber(readBudgetOption, options.readBudget, 1, 64 * 1024 * 1024);
    values.setNumber(maxBufferedOption, options.maxBuffered, 1, kTiB);
    values.setNumber(backlogOption, options.listenBacklog, 1, 65535);
    values.setNumber(graceOption, options.framingGraceMs, 0, 600000);
    values.setNumber(threadsOption, options.networkThreads, 1, 64);
    constexpr qint64 kDay = 24 * 3600 * 1000;
    values.setNumber(handshakeOption, options.handshakeTimeoutMs, 0, kDay);
    values.setNumber(messageTimeoutOption, options.messageTimeoutMs, 0, kDay);
    values.setNumber(pingOption, options.pingIntervalMs, 0, kDay);
    values.setNumber(framesIdleOption, options.framesIdleTimeoutMs, 0, kDay);
    values.setNumber(idleOption, options.lineIdleTimeoutMs, 0, kDay);
    options.rawLines = parser.isSet(rawLinesOption);
    values.setNumber(maxPerAddressOption, options.maxPerAddress, 0, 1000000);
    for (const auto &[o, list] :
         { std::pair{ &allowOption, &options.allow }, std::pair{ &denyOption, &options.deny } }) {
        if (!parser.isSet(*o))
            continue;
        list->clear(); // the option's list replaces the saved one
        for (const QString &value : parser.values(*o)) {
            QString why;
            if (!AccessRule::parse(value, &why))
                values.fail(QLatin1String("--") + o->names().constFirst() + QLatin1String(": ") + why);
            list->append(value);
        }
    }
    if (parser.isSet(tlsCertOption) || parser.isSet(tlsKeyOption)) {
        // Absolute, as the window shows and would save them.
        options.tlsCertFile = ServerSettings::absolutePath(parser.value(tlsCertOption));
        options.tlsKeyFile = ServerSettings::absolutePath(parser.value(tlsKeyOption));
        if (options.tlsCertFile.isEmpty() || options.tlsKeyFile.isEmpty())
            values.fail(tr("--tls-cert and --tls-key go together"));
        // TLS from the command line means what the command line says: plain
        // connections only with --allow-plaintext, whatever was saved.
        options.allowPlaintext = false;
    }
    if (parser.isSet(allowPlaintextOption))
        options.allowPlaintext = true;
    values.setNumber(presenceOption, options.presenceLimit, 0, 1000000);
    values.setNumber(maxPendingOption, options.maxPendingPerAddress, 0, 1000000);
    values.setNumber(maxHandshakesOption, options.maxHandshakes, 0, 1000000);
    values.setNumber(connectRateOption, options.connectRate, 0, 1000000);
    values.setNumber(connectBurstOption, options.connectBurst, 1, 1000000);
    values.setNumber(presenceHoldOption, options.presenceHoldMs, 0, kDay);
    values.setNumber(presenceBurstOption, options.presenceBurst, 0, 1000000);
    values.setNumber(presenceRefillOption, options.presenceRefillMs, 1, kDay);
    values.setNumber(maxFailuresOption, options.maxPasswordFailures, 0, 1000000);
    if (parser.isSet(lockoutOption))
        options.passwordLockoutMs = int(values.number(lockoutOption, 1, 7 * 24 * 3600) * 1000);
    if (options.lowWaterMark > options.highWaterMark)
        values.fail(tr("--low-water must not be above --high-water"));
    for (const QString &origin : parser.values(wsOriginOption)) {
        if (WebSocketHandshake::normalizedOrigin(origin).isEmpty())
            values.fail(tr("--ws-origin: %1 is not an http:// or https:// origin").arg(origin));
        options.webSocketOrigins.append(origin);
    }
    if (parser.isSet(federateOption)) {
        QString why;
        options.federate = parser.value(federateOption);
        if (!FederationAddress::parse(options.federate, &why))
            values.fail(tr("--federate: %1").arg(why));
    }
    if (parser.isSet(instanceNameOption))
        options.instanceName = parser.value(instanceNameOption);
    values.setNumber(streamLengthOption, options.federationStreamLength, 100, 100000000);
    values.setNumber(fedMaxPendingOption, options.federationMaxPending, 1024, kTiB);
    values.setNumber(maxEntryOption, options.federationMaxEntry, 1024, qint64(1) << 31);
    if (parser.isSet(welcomeOption))
        options.welcomeText = parser.value(welcomeOption);
    if (!values.ok()) {
        *error = values.error();
        return false;
    }
    *out = options;
    return true;
}
