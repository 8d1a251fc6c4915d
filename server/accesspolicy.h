// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Who may connect (docs/security.md): allow and deny lists of addresses and
// CIDR ranges with ncat's semantics, a limit of connections per address, and
// bans. Shared by every network thread of a server (ServerGroup), so every
// member is behind a mutex; a check costs one lookup per accepted
// connection, never anything per message.
//
// ncat's semantics: with an allow list, only addresses in it may connect; an
// address in the deny list may not, even when it is also allowed.
// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, what a dual-stack socket
// reports) are matched as the IPv4 address.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QString>

#include <optional>

class AccessPolicy
{
public:
    // One entry of an allow or deny list: an address, or a CIDR range.
    struct Rule
    {
        QHostAddress network;
        int prefixLength = -1; // the whole address
        // "10.0.0.0/8", "::1": as given, for messages and the window.
        QString text;

        // "127.0.0.2", "10.0.0.0/8", "::1", "fd00::/8". Returns nothing,
        // with *error saying why, for anything else (host names are not
        // looked up: an access rule must not depend on DNS).
        static std::optional<Rule> parse(const QString &text, QString *error = nullptr);
        bool matches(const QHostAddress &address) const;
    };

    enum class Verdict {
        Admit,
        Denied,       // in the deny list
        NotAllowed,   // an allow list is set and it is not in it
        Banned,
        TooMany,      // the per-address limit is reached
    };

    struct Ban
    {
        QHostAddress address;
        qint64 untilMsecsSinceEpoch = 0;
        // Why, for the refusal notice and the window (empty: a kick and ban).
        QString reason;
    };

    void setRules(const QList<Rule> &allow, const QList<Rule> &deny);
    // 0: no limit.
    void setMaxPerAddress(int max);

    // Decides for a new connection from address, and counts it in when it
    // is admitted (release() when it ends). now: for bans; *banReason: the
    // reason of the ban that refused it.
    Verdict admit(const QHostAddress &address, qint64 nowMsecsSinceEpoch, QString *banReason = nullptr);
    void release(const QHostAddress &address);
    // Connections counted in from this address now.
    int connectionsFrom(const QHostAddress &address) const;

    void ban(const QHostAddress &address, qint64 untilMsecsSinceEpoch, const QString &reason = {});
    // Returns whether it was banned.
    bool unban(const QHostAddress &address);
    // The bans still in force at now, soonest to end first.
    QList<Ban> bans(qint64 nowMsecsSinceEpoch) const;
    // Changes with every ban and unban, so that a reader knows when to ask
    // again.
    quint64 banVersion() const;

    // The address as the policy compares it: IPv4-mapped IPv6 as IPv4.
    static QHostAddress normalized(const QHostAddress &address);

    // Counts a wrong or missing password from address at now. True when
    // that makes max within windowMs (the failures are then forgotten, and
    // the caller locks the address out); max 0: never. At most
    // kMaxFailureAddresses addresses are tracked at once (old failures are
    // swept once per window); past that, a new address is not counted.
    static constexpr int kMaxFailureAddresses = 10000;
    bool notePasswordFailure(const QHostAddress &address, qint64 nowMsecsSinceEpoch, int max, qint64 windowMs);
    // Whether password (UTF-8) has this SHA-256 digest, in time that does
    // not depend on where they differ.
    static bool passwordMatches(const QByteArray &digest, const QByteArray &password);

private:
    mutable QMutex m_mutex;
    QList<Rule> m_allow;
    QList<Rule> m_deny;
    int m_maxPerAddress = 0;
    QHash<QHostAddress, int> m_counts;
    struct BanEntry
    {
        qint64 until = 0;
        QString reason;
    };
    QHash<QHostAddress, BanEntry> m_bans;
    QHash<QHostAddress, QList<qint64>> m_passwordFailures;
    qint64 m_nextFailureSweep = 0;
    quint64 m_banVersion = 0;
};
