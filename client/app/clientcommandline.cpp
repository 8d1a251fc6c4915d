// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "clientcommandline.h"

#include "certificatefingerprint.h"
#include "clientcontroller.h"
#include "clientwindow.h"
#include "commandlinevalues.h"
#include "connectionform.h"

#include <limits>

ClientCommandLine::ClientCommandLine(QCommandLineParser &parser)
    : CommandLineOptions(parser,
                         tr("Connects to a Socket Hub server (or any line-based TCP service) and exchanges "
                            "messages with it.\n\n"
                            "A server password is taken from the %1 environment variable (or the window's "
                            "Password field), never from the command line.")
                             .arg(QLatin1String(Protocol::kPasswordEnvironmentVariable)))
{
}

QString ClientCommandLine::reconnectDescription()
{
    return tr("Reconnect automatically (after 1 s, 2 s, 4 s, then every %1 s, each up to a fifth sooner at "
              "random; the schedule starts over after each connection, and a server that stopped listening is "
              "tried again within a fifth of a second).")
        .arg(Protocol::secondsText(Protocol::kReconnectMaxDelayMs));
}

bool ClientCommandLine::profile(const QCommandLineParser &parser, QString *profile, QString *error) const
{
    *profile = QLatin1String(ClientWindow::kDefaultProfile);
    if (parser.isSet(profileOption)) {
        *profile = parser.value(profileOption);
        if (profile->trimmed().isEmpty()) {
            *error = tr("--profile must not be empty");
            return false;
        }
    } else if (parser.isSet(nameOption) && !parser.value(nameOption).isEmpty()) {
        *profile = parser.value(nameOption);
    }
    return true;
}

bool ClientCommandLine::apply(const QCommandLineParser &parser, ClientWindow &window, QString *error) const
{
    CommandLineValues values(parser);
    ClientController *connection = window.controller();
    ConnectionForm *form = window.connectionForm();
    constexpr qint64 kMaxInt = std::numeric_limits<qint32>::max();
    constexpr qint64 kMaxBytes = std::numeric_limits<qint64>::max();

    if (parser.isSet(hostOption))
        form->setHost(parser.value(hostOption));
    if (parser.isSet(portOption))
        form->setPort(quint16(values.number(portOption, 1, 65535)));
    if (parser.isSet(nameOption))
        form->setName(parser.value(nameOption));
    if (parser.isSet(framingOption)) {
        const QString framing = parser.value(framingOption);
        if (framing == QLatin1String("lines"))
            form->setFraming(Protocol::Framing::Lines);
        else if (framing == QLatin1String("frames"))
            form->setFraming(Protocol::Framing::Frames);
        else
            values.fail(tr("--framing must be lines or frames, not \"%1\"").arg(framing));
    }
    if (parser.isSet(reconnectOption))
        window.setAutoReconnect(true);
    if (parser.isSet(maxSizeOption))
        connection->setMaxMessageSize(qsizetype(values.number(maxSizeOption, 1, kMaxInt)));
    if (parser.isSet(maxUnsentOption))
        connection->setMaxUnsent(values.number(maxUnsentOption, 1, kMaxBytes));
    if (parser.isSet(maxBacklogOption))
        window.receiveBacklog()->setMaxBytes(values.number(maxBacklogOption, 1, kMaxBytes));
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
        if (parser.isSet(t.option))
            (connection->*t.set)(int(values.number(t.option, 1, kMaxInt)));
    }
    // TLS: --tls-ca and --tls-fingerprint imply --tls.
    if (parser.isSet(tlsCaOption)) {
        // Kept absolute (setTlsCaFile() resolves it against the folder the
        // program was started in), and so named in every message about it.
        connection->setTlsCaFile(parser.value(tlsCaOption));
        QString why;
        if (ClientConnection::readCaFile(connection->tlsCaFile(), &why).isEmpty())
            values.fail(tr("--tls-ca: %1").arg(why));
    }
    if (parser.isSet(tlsFingerprintOption)) {
        const QString pin = CertificateFingerprint::normalized(parser.value(tlsFingerprintOption));
        if (pin.isEmpty())
            values.fail(tr("--tls-fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed), "
                           "not \"%1\"")
                            .arg(parser.value(tlsFingerprintOption)));
        else
            window.setTlsFingerprint(pin);
    }
    if (parser.isSet(tlsOption) || parser.isSet(tlsCaOption) || parser.isSet(tlsFingerprintOption))
        form->setTlsEnabled(true);
    // The password comes from SOCKETHUB_PASSWORD, which the window took (and
    // removed from the environment), or the window's field; never from the
    // command line, where ps would show it.
    if (!values.ok())
        *error = values.error();
    return values.ok();
}
