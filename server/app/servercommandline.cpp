// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "servercommandline.h"

#include "accessrule.h"
#include "federationaddress.h"
#include "serversettings.h"
#include "websockethandshake.h"

#include <QSettings>

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
    // The first wrong value is the one reported.
    QString failure;
    const auto fail = [&failure](const QString &message) {
        if (failure.isEmpty())
            failure = message;
    };
    const auto number = [&](const QCommandLineOption &o, qint64 min, qint64 max) -> qint64 {
        bool ok = false;
        const qint64 v = parser.value(o).toLongLong(&ok);
        if (!ok || v < min || v > max) {
            fail(tr("--%1 must be a number from %2 to %3").arg(o.names().constFirst()).arg(min).arg(max));
            return min;
        }
        return v;
    };
    const auto setNumber = [&](const QCommandLineOption &o, auto &field, qint64 min, qint64 max) {
        if (parser.isSet(o))
            field = static_cast<std::remove_reference_t<decltype(field)>>(number(o, min, max));
    };
    setNumber(portOption, options.port, 0, 65535);
    if (parser.isSet(bindOption)) {
        options.bind = parser.value(bindOption);
        if (ServerOptions::bindAddress(options.bind).isNull())
            fail(tr("--bind: %1 is not an address").arg(options.bind));
    }
    if (parser.isSet(framingOption)) {
        const auto f = ServerOptions::framingSettingFromName(parser.value(framingOption));
        if (f)
            options.framing = *f;
        else
            fail(tr("--framing must be auto, lines or frames"));
    }
    if (parser.isSet(modeOption)) {
        const auto m = ServerOptions::modeFromName(parser.value(modeOption));
        if (m)
            options.mode = *m;
        else
            fail(tr("--client-messages must be show, echo or relay"));
    }
    constexpr qint64 kTiB = qint64(1) << 40;
    setNumber(maxClientsOption, options.maxClients, 1, 1000000);
    setNumber(maxMessageOption, options.maxMessageSize, 1, qint64(1) << 31);
    setNumber(highWaterOption, options.highWaterMark, 1, kTiB);
    setNumber(lowWaterOption, options.lowWaterMark, 0, kTiB);
    setNumber(slowOption, options.slowConsumerTimeoutMs, 1, 24 * 3600 * 1000);
    setNumber(maxQueueOption, options.maxOutboundQueue, 1, kTiB);
    setNumber(readBudgetOption, options.readBudget, 1, 64 * 1024 * 1024);
    setNumber(maxBufferedOption, options.maxBuffered, 1, kTiB);
    setNumber(backlogOption, options.listenBacklog, 1, 65535);
    setNumber(graceOption, options.framingGraceMs, 0, 600000);
    setNumber(threadsOption, options.networkThreads, 1, 64);
    constexpr qint64 kDay = 24 * 3600 * 1000;
    setNumber(handshakeOption, options.handshakeTimeoutMs, 0, kDay);
    setNumber(messageTimeoutOption, options.messageTimeoutMs, 0, kDay);
    setNumber(pingOption, options.pingIntervalMs, 0, kDay);
    setNumber(framesIdleOption, options.framesIdleTimeoutMs, 0, kDay);
    setNumber(idleOption, options.lineIdleTimeoutMs, 0, kDay);
    options.rawLines = parser.isSet(rawLinesOption);
    setNumber(maxPerAddressOption, options.maxPerAddress, 0, 1000000);
    for (const auto &[o, list] :
         { std::pair{ &allowOption, &options.allow }, std::pair{ &denyOption, &options.deny } }) {
        if (!parser.isSet(*o))
            continue;
        list->clear(); // the option's list replaces the saved one
        for (const QString &value : parser.values(*o)) {
            QString why;
            if (!AccessRule::parse(value, &why))
                fail(QLatin1String("--") + o->names().constFirst() + QLatin1String(": ") + why);
            list->append(value);
        }
    }
    if (parser.isSet(tlsCertOption) || parser.isSet(tlsKeyOption)) {
        // Absolute, as the window shows and would save them.
        options.tlsCertFile = ServerSettings::absolutePath(parser.value(tlsCertOption));
        options.tlsKeyFile = ServerSettings::absolutePath(parser.value(tlsKeyOption));
        if (options.tlsCertFile.isEmpty() || options.tlsKeyFile.isEmpty())
            fail(tr("--tls-cert and --tls-key go together"));
        // TLS from the command line means what the command line says: plain
        // connections only with --allow-plaintext, whatever was saved.
        options.allowPlaintext = false;
    }
    if (parser.isSet(allowPlaintextOption))
        options.allowPlaintext = true;
    setNumber(presenceOption, options.presenceLimit, 0, 1000000);
    setNumber(maxPendingOption, options.maxPendingPerAddress, 0, 1000000);
    setNumber(connectRateOption, options.connectRate, 0, 1000000);
    setNumber(connectBurstOption, options.connectBurst, 1, 1000000);
    setNumber(presenceHoldOption, options.presenceHoldMs, 0, kDay);
    setNumber(presenceBurstOption, options.presenceBurst, 0, 1000000);
    setNumber(presenceRefillOption, options.presenceRefillMs, 1, kDay);
    setNumber(maxFailuresOption, options.maxPasswordFailures, 0, 1000000);
    if (parser.isSet(lockoutOption))
        options.passwordLockoutMs = int(number(lockoutOption, 1, 7 * 24 * 3600) * 1000);
    if (options.lowWaterMark > options.highWaterMark)
        fail(tr("--low-water must not be above --high-water"));
    for (const QString &origin : parser.values(wsOriginOption)) {
        if (WebSocketHandshake::normalizedOrigin(origin).isEmpty())
            fail(tr("--ws-origin: %1 is not an http:// or https:// origin").arg(origin));
        options.webSocketOrigins.append(origin);
    }
    if (parser.isSet(federateOption)) {
        QString why;
        options.federate = parser.value(federateOption);
        if (!FederationAddress::parse(options.federate, &why))
            fail(tr("--federate: %1").arg(why));
    }
    if (parser.isSet(instanceNameOption))
        options.instanceName = parser.value(instanceNameOption);
    setNumber(streamLengthOption, options.federationStreamLength, 100, 100000000);
    setNumber(fedMaxPendingOption, options.federationMaxPending, 1024, kTiB);
    setNumber(maxEntryOption, options.federationMaxEntry, 1024, qint64(1) << 31);
    if (parser.isSet(welcomeOption))
        options.welcomeText = parser.value(welcomeOption);
    if (!failure.isEmpty()) {
        *error = failure;
        return false;
    }
    *out = options;
    return true;
}
