// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#pragma once

#include "clientconnection.h"
#include "commandlineoptions.h"
#include "protocol.h"
#include "receivebacklog.h"

class ClientWindow;

// socket-client's command line: its options in --help's order, the
// profile they name, and what they set on a window. What is typed here is
// for this run only: the window saves what the user sets in the window.
class ClientCommandLine : public CommandLineOptions
{
    Q_DECLARE_TR_FUNCTIONS(main)

public:
    explicit ClientCommandLine(QCommandLineParser &parser);

    // The settings profile: --profile, else the --name, else "default".
    // False, with the reason in *error, for an empty --profile.
    bool profile(const QCommandLineParser &parser, QString *profile, QString *error) const;
    // Sets what the command line says on the window, its form and its
    // connection. False, with the first wrong value in *error.
    bool apply(const QCommandLineParser &parser, ClientWindow &window, QString *error) const;

    const QCommandLineOption hostOption = option("host",
        tr("Server to connect to (IPv4, IPv6 or a name)."), "H");
    const QCommandLineOption portOption = option("port", tr("Server port (default %1).").arg(Protocol::kDefaultPort), "N");
    const QCommandLineOption nameOption = option("name", tr("Your name, sent to the server in frames mode."), "NAME");
    const QCommandLineOption profileOption = option("profile",
        tr("Keep the window's settings under this name (default: the --name value, or \"default\"), so that "
           "several windows do not overwrite each other's."), "NAME");
    const QCommandLineOption framingOption = option("framing", tr("lines or frames (default frames)."),
        "lines|frames");
    const QCommandLineOption connectOption = option("connect", tr("Connect at launch."));
    const QCommandLineOption sendOption = option("send",
        tr("A message to send once connected; repeatable, sent in order."), "TEXT");
    const QCommandLineOption logOption = option("log",
        tr("Also write every log line to FILE ('-' = stdout), flushed."), "FILE");
    const QCommandLineOption maxSizeOption = option("max-message-size",
        tr("Largest message sent or accepted, in bytes (default %1).").arg(Protocol::kDefaultMaxMessageSize), "BYTES");
    const QCommandLineOption reconnectOption = option("reconnect", reconnectDescription());
    const QCommandLineOption connectTimeoutOption = option("connect-timeout",
        tr("Connect timeout in ms (default %1).").arg(Protocol::kDefaultConnectTimeoutMs), "MS");
    const QCommandLineOption heartbeatIntervalOption = option("heartbeat-interval",
        tr("Frames: ping interval in ms (default %1).").arg(Protocol::kDefaultHeartbeatIntervalMs), "MS");
    const QCommandLineOption heartbeatTimeoutOption = option("heartbeat-timeout",
        tr("Frames: the server is dead after this many ms of silence (default %1).").arg(Protocol::kDefaultHeartbeatTimeoutMs),
        "MS");
    const QCommandLineOption helloTimeoutOption = option("hello-timeout",
        tr("Frames: close when the server has not sent its hello this many ms after the connection opened "
           "(default %1).").arg(Protocol::kDefaultHelloTimeoutMs), "MS");
    const QCommandLineOption maxUnsentOption = option("max-unsent",
        tr("Close when more than this many bytes wait to be sent to a server that does not read (default %1).")
            .arg(Protocol::kDefaultClientMaxUnsent), "BYTES");
    const QCommandLineOption closeTimeoutOption = option("close-timeout",
        tr("On exit, wait at most this many ms for queued messages to be sent (default %1).")
            .arg(ClientConnection::kDefaultShutdownTimeoutMs), "MS");
    const QCommandLineOption tlsOption = option("tls",
        tr("Connect with TLS, verifying the server against the system CAs (or --tls-ca)."));
    const QCommandLineOption tlsCaOption = option("tls-ca",
        tr("Trust only the CA certificates of this PEM file (implies --tls)."), "FILE");
    const QCommandLineOption tlsFingerprintOption = option("tls-fingerprint",
        tr("Accept the server certificate with this SHA-256 fingerprint (hex, colons optional), even "
           "self-signed, and no other (implies --tls)."), "SHA256");
    const QCommandLineOption statsOption = option("stats",
        tr("On exit, print one line: stats: max-stall-ms=N (the window's longest stall) read-holds=N (how "
           "often reading waited for the log)."));
    const QCommandLineOption maxBacklogOption = option("max-backlog",
        tr("Stop reading from the server while more than this many bytes of received lines are not yet "
           "shown or written to --log (default %1).").arg(ReceiveBacklog::kDefaultMaxBytes), "BYTES");

private:
    static QString reconnectDescription();
};
