// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "admission.h"

#include "accesspolicy.h"
#include "clientsession.h"
#include "protocol.h"
#include "eventlog.h"
#include "servercore.h"
#include "servergroup.h"
#include "serveroptions.h"
#include "serversnapshot.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <limits>

Admission::Admission(const ServerOptions *options, ServerGroup *group, EventLog *log, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_group(group)
    , m_log(log)
    , m_refusalLogTimer(new QTimer(this))
    , m_banExpiryTimer(new QTimer(this))
{
    m_banExpiryTimer->setSingleShot(true);
    connect(m_banExpiryTimer, &QTimer::timeout, this, [this] {
        m_banEnded = true;
        Q_EMIT bansChanged();
    });
    m_refusalLogTimer->setSingleShot(true);
    m_refusalLogTimer->setInterval(kRefusalLogIntervalMs);
    connect(m_refusalLogTimer, &QTimer::timeout, this, &Admission::logRefusalCount);
}

void Admission::logEvent(EngineEvent::Code code, const QStringList &args, quint32 clientId, int count)
{
    m_log->appendEvent(EngineEvent::logEvent(code, args, clientId, count));
}

Admission::Decision Admission::decide(const QHostAddress &peer, quint16 port, bool pending)
{
    const bool tls = m_group->tls() != nullptr;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString banReason;
    unsigned flags = pending ? unsigned(AccessPolicy::Pending) : 0u;
    if (tls)
        flags |= AccessPolicy::RateLimited;
    AccessPolicy &access = m_group->access();
    const AccessPolicy::Verdict verdict = access.admit(peer, now, &banReason, flags);
    const QString address = AccessPolicy::normalized(peer).toString();
    Decision d;
    switch (verdict) {
    case AccessPolicy::Verdict::Denied:
        d.refusal = QStringLiteral("in the deny list");
        d.silent = true;
        break;
    case AccessPolicy::Verdict::NotAllowed:
        d.refusal = QStringLiteral("not in the allow list");
        d.silent = true;
        break;
    case AccessPolicy::Verdict::Banned:
        d.refusal = banReason.isEmpty() ? QStringLiteral("banned from this server") : banReason;
        break;
    case AccessPolicy::Verdict::TooMany:
        d.refusal = QStringLiteral("too many connections from %1 (limit %2)")
                        .arg(address, QString::number(m_options->maxPerAddress));
        break;
    case AccessPolicy::Verdict::TooManyPending:
        d.refusal = QStringLiteral("too many connections from %1 not admitted yet (limit %2)")
                        .arg(address, QString::number(m_options->maxPendingPerAddress));
        break;
    case AccessPolicy::Verdict::TooFast:
        d.refusal = QStringLiteral("too many new connections from %1 (%2 per second)")
                        .arg(address, QString::number(m_options->connectRate));
        break;
    case AccessPolicy::Verdict::Admit:
        if (!m_group->tryAddClient(m_options->maxClients)) {
            access.release(peer);
            if (pending)
                access.pendingEnded(peer);
            d.refusal = QStringLiteral("server full (limit %1)").arg(m_options->maxClients);
        }
        break;
    }
    // A TLS client would hear why only after a handshake: it is closed
    // instead, and learns only that the connection closed.
    if (tls)
        d.silent = !d.refusal.isEmpty();
    if (d.silent)
        noteRefusal(ClientSession::formatAddress(peer, port), d.refusal);
    return d;
}

void Admission::applyRules()
{
    QList<AccessPolicy::Rule> allow;
    QList<AccessPolicy::Rule> deny;
    const auto parse = [this](const QStringList &texts, QList<AccessPolicy::Rule> &out) {
        for (const QString &t : texts) {
            QString error;
            if (const auto rule = AccessPolicy::Rule::parse(t, &error))
                out.append(*rule);
            else
                logEvent(EngineEvent::Code::IgnoredAccessRule, { error });
        }
    };
    parse(m_options->allow, allow);
    parse(m_options->deny, deny);
    AccessPolicy &access = m_group->access();
    access.setRules(allow, deny);
    access.setMaxPerAddress(m_options->maxPerAddress);
    access.setMaxPendingPerAddress(m_options->maxPendingPerAddress);
    access.setConnectRate(m_options->connectRate, m_options->connectBurst);
}

bool Admission::checkPassword(ClientSession *session, const QByteArray &password, QString *refusal,
                              QString *lockout)
{
    lockout->clear();
    // No password any more (the operator removed it meanwhile): admitted.
    if (m_options->passwordDigest.isEmpty())
        return true;
    const bool right = !password.isNull() && AccessPolicy::passwordMatches(m_options->passwordDigest, password);
    const int seconds = m_options->passwordLockoutMs / 1000;
    const QString lockReason = QStringLiteral("locked out for %1 s after too many wrong passwords").arg(seconds);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString banReason;
    const AccessPolicy::Guess guess =
        m_group->access().judgePassword(session->peerAddress(), now, right, m_options->maxPasswordFailures,
                                        m_options->passwordLockoutMs, lockReason, &banReason);
    switch (guess) {
    case AccessPolicy::Guess::Right:
        return true;
    case AccessPolicy::Guess::NotJudged:
        // Locked out (or banned) since it connected: not judged, whatever
        // it gave, so a flood of pre-opened connections gains nothing.
        *refusal = banReason.isEmpty() ? QStringLiteral("banned from this server") : banReason;
        break;
    case AccessPolicy::Guess::Wrong:
    case AccessPolicy::Guess::WrongLocksOut:
        *refusal = password.isNull() ? QStringLiteral("a password is required") : QStringLiteral("wrong password");
        break;
    }
    // Never the password itself, in any log.
    logEvent(EngineEvent::Code::Refused,
             { QString::number(session->id()), session->address(), ServerCore::connectionKind(session), *refusal },
             session->id());
    if (guess == AccessPolicy::Guess::WrongLocksOut) {
        *lockout = lockReason;
        logEvent(EngineEvent::Code::LockedOut,
                 { AccessPolicy::normalized(session->peerAddress()).toString(), lockReason,
                   QString::number(m_options->maxPasswordFailures), QString::number(seconds) });
        Q_EMIT bansChanged();
    }
    return false;
}

void Admission::noteRefusal(const QString &address, const QString &why)
{
    // One line for the first, then a count every kRefusalLogIntervalMs, so
    // that a flood of refused connections does not flood the log.
    if (!m_refusalLogTimer->isActive()) {
        logEvent(EngineEvent::Code::RefusedConnection, { address, why });
        m_refusalLogTimer->start();
        return;
    }
    ++m_refusalsNotLogged;
}

void Admission::logRefusalCount()
{
    if (m_refusalsNotLogged == 0)
        return;
    logEvent(EngineEvent::Code::RefusedMore, { Protocol::secondsText(kRefusalLogIntervalMs) }, 0,
             m_refusalsNotLogged);
    m_refusalsNotLogged = 0;
    m_refusalLogTimer->start();
}

bool Admission::unban(const QString &address)
{
    // The same reading as --allow and --deny: one address, strictly parsed.
    const auto rule = AccessPolicy::Rule::parse(address);
    if (!rule || rule->prefixLength >= 0)
        return false;
    const QHostAddress a = rule->network;
    if (!m_group->access().unban(a))
        return false;
    logEvent(EngineEvent::Code::BanLifted, { AccessPolicy::normalized(a).toString() });
    return true;
}

void Admission::reportBans(ServerSnapshot *snapshot)
{
    AccessPolicy &access = m_group->access();
    const quint64 bansVersion = access.banVersion();
    if (bansVersion == m_bansReported && !m_banEnded)
        return;
    m_bansReported = bansVersion;
    m_banEnded = false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QList<AccessPolicy::Ban> bans = access.bans(now);
    snapshot->bansChanged = true;
    for (const AccessPolicy::Ban &b : bans)
        snapshot->bans.append({ b.address.toString(), b.untilMsecsSinceEpoch, b.reason });
    if (!bans.isEmpty()) {
        const qint64 wait = bans.constFirst().untilMsecsSinceEpoch - now + 1;
        m_banExpiryTimer->start(int(std::clamp<qint64>(wait, 0, std::numeric_limits<int>::max())));
    }
}
