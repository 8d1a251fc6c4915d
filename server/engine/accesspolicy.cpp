// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "accesspolicy.h"

#include <QCryptographicHash>

#include <QCoreApplication>

#include <algorithm>

void AccessPolicy::setRules(const QList<Rule> &allow, const QList<Rule> &deny)
{
    QMutexLocker lock(&m_mutex);
    m_allow = allow;
    m_deny = deny;
}

void AccessPolicy::setMaxPerAddress(int max)
{
    QMutexLocker lock(&m_mutex);
    m_maxPerAddress = qMax(0, max);
}

void AccessPolicy::setMaxPendingPerAddress(int max)
{
    QMutexLocker lock(&m_mutex);
    m_maxPending = qMax(0, max);
}

void AccessPolicy::setConnectRate(int perSecond, int burst)
{
    // Its own mutex: a bucket is one lookup, outside this one's.
    m_connectRate.setRate(perSecond > 0 ? qMax(1, burst) : 0, 1000000 / qMax(1, perSecond));
}

AccessPolicy::Verdict AccessPolicy::admit(const QHostAddress &address, qint64 now, QString *banReason,
                                          unsigned flags)
{
    const QHostAddress a = normalized(address);
    QMutexLocker lock(&m_mutex);
    for (const Rule &r : std::as_const(m_deny)) {
        if (r.matches(a))
            return Verdict::Denied;
    }
    if (!m_allow.isEmpty()
        && std::none_of(m_allow.cbegin(), m_allow.cend(), [&a](const Rule &r) { return r.matches(a); }))
        return Verdict::NotAllowed;
    const auto ban = m_bans.constFind(a);
    if (ban != m_bans.cend()) {
        if (ban->until > now) {
            if (banReason)
                *banReason = ban->reason;
            return Verdict::Banned;
        }
        m_bans.erase(ban);
        ++m_banVersion;
    }
    if ((flags & RateLimited) && !m_connectRate.take(a, now))
        return Verdict::TooFast;
    if (m_maxPerAddress > 0 && m_counts.value(a) >= m_maxPerAddress)
        return Verdict::TooMany;
    if ((flags & Pending) && m_maxPending > 0 && m_pending.value(a) >= m_maxPending)
        return Verdict::TooManyPending;
    ++m_counts[a];
    if (flags & Pending)
        ++m_pending[a];
    return Verdict::Admit;
}

void AccessPolicy::pendingEnded(const QHostAddress &address)
{
    const QHostAddress a = normalized(address);
    QMutexLocker lock(&m_mutex);
    const auto it = m_pending.find(a);
    if (it != m_pending.end() && --*it <= 0)
        m_pending.erase(it);
}

int AccessPolicy::pendingFrom(const QHostAddress &address) const
{
    QMutexLocker lock(&m_mutex);
    return m_pending.value(normalized(address));
}

void AccessPolicy::release(const QHostAddress &address)
{
    const QHostAddress a = normalized(address);
    QMutexLocker lock(&m_mutex);
    const auto it = m_counts.find(a);
    if (it == m_counts.end())
        return;
    if (--*it <= 0)
        m_counts.erase(it);
}

int AccessPolicy::connectionsFrom(const QHostAddress &address) const
{
    QMutexLocker lock(&m_mutex);
    return m_counts.value(normalized(address));
}

void AccessPolicy::ban(const QHostAddress &address, qint64 until, const QString &reason)
{
    QMutexLocker lock(&m_mutex);
    const QHostAddress a = normalized(address);
    const auto it = m_bans.constFind(a);
    if (it != m_bans.cend() && it->until > until)
        return; // a longer ban stands
    m_bans.insert(a, { until, reason });
    ++m_banVersion;
}

bool AccessPolicy::unban(const QHostAddress &address)
{
    QMutexLocker lock(&m_mutex);
    if (m_bans.remove(normalized(address)) == 0)
        return false;
    ++m_banVersion;
    return true;
}

quint64 AccessPolicy::banVersion() const
{
    QMutexLocker lock(&m_mutex);
    return m_banVersion;
}

QList<AccessPolicy::Ban> AccessPolicy::bans(qint64 now) const
{
    QMutexLocker lock(&m_mutex);
    QList<Ban> out;
    for (auto it = m_bans.cbegin(); it != m_bans.cend(); ++it) {
        if (it->until > now)
            out.append({ it.key(), it->until, it->reason });
    }
    std::sort(out.begin(), out.end(),
              [](const Ban &a, const Ban &b) { return a.untilMsecsSinceEpoch < b.untilMsecsSinceEpoch; });
    return out;
}

bool AccessPolicy::notePasswordFailure(const QHostAddress &address, qint64 now, int max, qint64 windowMs)
{
    if (max <= 0)
        return false;
    const QHostAddress a = normalized(address);
    QMutexLocker lock(&m_mutex);
    return noteFailureLocked(a, now, max, windowMs);
}

AccessPolicy::Guess AccessPolicy::judgePassword(const QHostAddress &address, qint64 now, bool right, int max,
                                                qint64 windowMs, const QString &lockReason, QString *banReason)
{
    const QHostAddress a = normalized(address);
    QMutexLocker lock(&m_mutex);
    const auto ban = m_bans.constFind(a);
    if (ban != m_bans.cend() && ban->until > now) {
        *banReason = ban->reason;
        return Guess::NotJudged;
    }
    if (right)
        return Guess::Right;
    if (max <= 0 || !noteFailureLocked(a, now, max, windowMs))
        return Guess::Wrong;
    m_bans.insert(a, { now + windowMs, lockReason });
    ++m_banVersion;
    return Guess::WrongLocksOut;
}

bool AccessPolicy::noteFailureLocked(const QHostAddress &a, qint64 now, int max, qint64 windowMs)
{
    const auto recent = [now, windowMs](qint64 t) { return now - t < windowMs; };
    if (now >= m_nextFailureSweep) {
        // Once per window: forget the addresses whose failures are all old,
        // so the table holds only what the last window saw.
        m_nextFailureSweep = now + windowMs;
        for (auto it = m_passwordFailures.begin(); it != m_passwordFailures.end();) {
            if (std::none_of(it->cbegin(), it->cend(), recent))
                it = m_passwordFailures.erase(it);
            else
                ++it;
        }
    }
    if (!m_passwordFailures.contains(a) && m_passwordFailures.size() >= kMaxFailureAddresses)
        return false; // bounded: more addresses than that are not counted
    QList<qint64> &times = m_passwordFailures[a];
    times.removeIf([&recent](qint64 t) { return !recent(t); });
    times.append(now);
    if (times.size() < max)
        return false;
    m_passwordFailures.remove(a);
    return true;
}

bool AccessPolicy::passwordMatches(const QByteArray &digest, const QByteArray &password)
{
    const QByteArray given = QCryptographicHash::hash(password, QCryptographicHash::Sha256);
    if (digest.size() != given.size())
        return false;
    // Digests of equal length, compared whole: the time taken says nothing
    // about where they differ (and a digest says nothing about the length).
    unsigned char diff = 0;
    for (qsizetype i = 0; i < given.size(); ++i)
        diff |= static_cast<unsigned char>(digest.at(i) ^ given.at(i));
    return diff == 0;
}
