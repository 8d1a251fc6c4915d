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

#include "accessrule.h"
#include "addressbuckets.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QString>

#include <optional>

class AccessPolicy
{
public:
    using Rule = AccessRule;

    enum class Verdict {
        Admit,
        Denied,       // in the deny list
        NotAllowed,   // an allow list is set and it is not in it
        Banned,
        TooMany,      // the per-address limit is reached
        TooManyPending, // the limit of connections not yet admitted is reached
        TooFast,      // the address's new-connection bucket is empty
    };
    // What admit() is told about a new connection.
    enum AdmitFlag : unsigned {
        // It will cost a TLS handshake: counted against the connect rate.
        RateLimited = 1,
        // It is not a client yet (TLS or a password pending): counted against
        // the limit of pending connections until pendingEnded().
        Pending = 2,
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
    // 0: no limit.
    void setMaxPendingPerAddress(int max);
    // New rate-limited connections per second, and at once (0: no limit).
    void setConnectRate(int perSecond, int burst);

    // Decides for a new connection from address, and counts it in when it
    // is admitted (release() when it ends). now: for bans; *banReason: the
    // reason of the ban that refused it.
    // flags: AdmitFlag values.
    Verdict admit(const QHostAddress &address, qint64 nowMsecsSinceEpoch, QString *banReason = nullptr,
                  unsigned flags = 0);
    void release(const QHostAddress &address);
    // A connection admitted with Pending is a client now, or has ended.
    void pendingEnded(const QHostAddress &address);
    int pendingFrom(const QHostAddress &address) const;
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
    static QHostAddress normalized(const QHostAddress &address) { return AccessRule::normalized(address); }

    // Counts a wrong or missing password from address at now. True when
    // that makes max within windowMs (the failures are then forgotten, and
    // the caller locks the address out); max 0: never. At most
    // kMaxFailureAddresses addresses are tracked at once (old failures are
    // swept once per window); past that, a new address is not counted.
    static constexpr int kMaxFailureAddresses = 10000;
    bool notePasswordFailure(const QHostAddress &address, qint64 nowMsecsSinceEpoch, int max, qint64 windowMs);
    // A password guess from address, judged atomically for every thread: a
    // locked-out (or banned) address's guess is not judged at all, right or
    // not; a wrong one counts, and the one that makes max locks the address
    // out for windowMs with lockReason. So at most max guesses per address
    // are judged per window, however many connections carry them.
    enum class Guess {
        Right,
        Wrong,
        WrongLocksOut, // wrong, and the address is locked out from now
        NotJudged,     // the address is locked out or banned: *banReason says why
    };
    Guess judgePassword(const QHostAddress &address, qint64 nowMsecsSinceEpoch, bool right, int max,
                        qint64 windowMs, const QString &lockReason, QString *banReason);
    // Whether password (UTF-8) has this SHA-256 digest, in time that does
    // not depend on where they differ.
    static bool passwordMatches(const QByteArray &digest, const QByteArray &password);

private:
    mutable QMutex m_mutex;
    QList<Rule> m_allow;
    QList<Rule> m_deny;
    int m_maxPerAddress = 0;
    QHash<QHostAddress, int> m_counts;
    int m_maxPending = 0;
    QHash<QHostAddress, int> m_pending;
    AddressBuckets m_connectRate;
    struct BanEntry
    {
        qint64 until = 0;
        QString reason;
    };
    QHash<QHostAddress, BanEntry> m_bans;
    QHash<QHostAddress, QList<qint64>> m_passwordFailures;
    qint64 m_nextFailureSweep = 0;
    quint64 m_banVersion = 0;

    bool noteFailureLocked(const QHostAddress &normalized, qint64 now, int max, qint64 windowMs);
};
