// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Everything a ServerCore can be told at start: each limit is a named
// constant with its documented default, overridable by a command-line option
// (see main.cpp) or a setter on the core.
#pragma once

#include "protocol.h"

#include <QHostAddress>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

struct ServerOptions
{
    // What happens to a text a client sends, besides being logged.
    enum class Mode : quint8 {
        Show,  // only logged (the original behaviour)
        Echo,  // sent back to its sender
        Relay, // sent to every other client, with the sender's id and name
    };
    // How the framing of a new connection is chosen.
    enum class FramingSetting : quint8 {
        Auto,   // the frames magic means frames; other bytes or silence mean lines
        Lines,
        Frames,
    };

    // "Welcome client %1": %1 is replaced by the client's id.
    static QString defaultWelcomeText();
    // The welcome a client is sent (docs/protocol.md, section 3): each "%1"
    // becomes its id, "%%" one "%"; everything else is kept as it is.
    static QString welcomeFor(const QString &text, quint32 id);
    // "any" (dual stack), "localhost" (127.0.0.1), or an IP address.
    static inline const char kDefaultBind[] = "any";

    quint16 port = Protocol::kDefaultPort;
    QString bind = QString::fromLatin1(kDefaultBind);
    Mode mode = Mode::Show;
    FramingSetting framing = FramingSetting::Auto;
    QString welcomeText = defaultWelcomeText();
    int maxClients = Protocol::kDefaultMaxClients;
    qsizetype maxMessageSize = Protocol::kDefaultMaxMessageSize;
    qsizetype maxOutboundQueue = Protocol::kDefaultMaxOutboundQueue;
    qsizetype highWaterMark = Protocol::kDefaultHighWaterMark;
    qsizetype lowWaterMark = Protocol::kDefaultLowWaterMark;
    int slowConsumerTimeoutMs = Protocol::kDefaultSlowConsumerTimeoutMs;
    qsizetype readBudget = Protocol::kDefaultReadBudget;
    qsizetype maxBuffered = Protocol::kDefaultMaxBuffered;
    int listenBacklog = Protocol::kDefaultListenBacklog;
    int networkThreads = Protocol::kDefaultNetworkThreads;
    int framingGraceMs = Protocol::kDefaultFramingGraceMs;
    // Hostile and dead peers (docs/protocol.md, "Timeouts"); 0 turns one off.
    int handshakeTimeoutMs = Protocol::kDefaultHandshakeTimeoutMs;
    int messageTimeoutMs = Protocol::kDefaultMessageTimeoutMs;
    int pingIntervalMs = Protocol::kDefaultServerPingIntervalMs;
    int framesIdleTimeoutMs = Protocol::kDefaultFramesIdleTimeoutMs;
    int lineIdleTimeoutMs = Protocol::kDefaultLineIdleTimeoutMs;
    // Texts go to line clients byte for byte (for devices), instead of with
    // control characters made visible and server texts quoted.
    bool rawLines = false;
    // Access (docs/security.md): addresses or CIDR ranges, ncat's
    // semantics; the most connections from one address (0: no limit).
    QStringList allow;
    QStringList deny;
    // Origins a browser's WebSocket may come from besides the page's own
    // (docs/protocol.md, section 10.2).
    QStringList webSocketOrigins;
    int maxPerAddress = Protocol::kDefaultMaxPerAddress;
    // Connections from one address not yet admitted (TLS or password
    // pending), and new TLS connections per address per second and at once
    // (docs/security.md); 0: no limit.
    int maxPendingPerAddress = Protocol::kDefaultMaxPendingPerAddress;
    // TLS handshakes at once on a network thread; 0: no limit.
    int maxHandshakes = Protocol::kDefaultMaxHandshakes;
    int connectRate = Protocol::kDefaultConnectRate;
    int connectBurst = Protocol::kDefaultConnectBurst;
    // Relay mode: join and leave notices while at most this many clients
    // are connected (0: never).
    int presenceLimit = Protocol::kDefaultPresenceLimit;
    // A join is announced after the client stayed this long (0: at once);
    // joins announced per address: a burst, then one per refill time (burst
    // 0: no limit). docs/protocol.md, section 4.1.
    int presenceHoldMs = Protocol::kDefaultPresenceHoldMs;
    int presenceBurst = Protocol::kDefaultPresenceBurst;
    int presenceRefillMs = Protocol::kDefaultPresenceRefillMs;
    // TLS (docs/security.md): PEM files; with both set, the next start()
    // serves TLS on the same port. Plain connections are then refused with
    // a notice, unless allowPlaintext.
    QString tlsCertFile;
    QString tlsKeyFile;
    bool allowPlaintext = false;
    bool tlsEnabled() const { return !tlsCertFile.isEmpty() || !tlsKeyFile.isEmpty(); }
    // The password, as its SHA-256 digest (empty: none). The password itself
    // is never kept here, stored or logged.
    QByteArray passwordDigest;
    int maxPasswordFailures = Protocol::kDefaultMaxPasswordFailures;
    int passwordLockoutMs = Protocol::kDefaultPasswordLockoutMs;
    // Federation (docs/federation.md): redis://[:PASSWORD@]HOST:PORT[/NAME],
    // empty for none; the password is never logged. instanceName names this
    // server to the others (empty: HOST-PID).
    QString federate;
    QString instanceName;
    // The relay stream keeps about this many entries (XADD MAXLEN ~): what an
    // instance that lost its connection can still catch up on.
    static constexpr int kDefaultFederationStreamLength = 100000;
    // Entries waiting for Redis past this many bytes hold relay readers.
    static constexpr qsizetype kDefaultFederationMaxPending = 16 * 1024 * 1024;
    // A stream entry's payload larger than this is refused (a bad entry).
    static constexpr qsizetype kDefaultFederationMaxEntry = 4 * 1024 * 1024;
    int federationStreamLength = kDefaultFederationStreamLength;
    qsizetype federationMaxPending = kDefaultFederationMaxPending;
    qsizetype federationMaxEntry = kDefaultFederationMaxEntry;
    // SHA-256 of the password's UTF-8; empty for an empty password.
    static QByteArray digestPassword(const QString &password);

    // The timeouts are applied by one sweep over the clients, every quarter
    // of the shortest timeout in force, within these bounds.
    static constexpr int kMinTimeoutSweepMs = 10;
    static constexpr int kMaxTimeoutSweepMs = 1000;
    int timeoutSweepIntervalMs() const;

    // Resolves a bind choice ("any", "localhost" or an IP, without any name
    // lookup); a null address means it is not valid.
    static QHostAddress bindAddress(const QString &bind);

    static QString modeName(Mode mode);
    static std::optional<Mode> modeFromName(const QString &name);
    static QString framingSettingName(FramingSetting framing);
    static std::optional<FramingSetting> framingSettingFromName(const QString &name);
};

Q_DECLARE_METATYPE(ServerOptions)
