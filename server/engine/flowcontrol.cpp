// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "flowcontrol.h"

#include "clientsession.h"
#include "crossthread.h"
#include "protocol.h"
#include "servercore.h"
#include "servergroup.h"
#include "serveroptions.h"

#include <QTimer>

FlowControl::FlowControl(const ServerOptions *options, ServerGroup *group, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_group(group)
    , m_housekeepingTimer(new QTimer(this))
{
    m_housekeepingTimer->setInterval(kHousekeepingIntervalMs);
    connect(m_housekeepingTimer, &QTimer::timeout, this, &FlowControl::housekeeping);
}

SessionHost::ReadGate FlowControl::mayRead(ClientSession *session)
{
    using ReadGate = SessionHost::ReadGate;
    ReadGate gate = ReadGate::Open;
    if (m_group->budget().isExceeded() || (m_budgetPaused && !m_group->budget().allowsResume())) {
        m_budgetPaused = true;
        gate = ReadGate::OverBudget;
    } else {
        m_budgetPaused = false;
        if (session->isCongested())
            gate = ReadGate::Congested; // what it sends would be answered into its own full queue
        else if (m_options->mode == ServerOptions::Mode::Relay && session->isAdmitted()
                 && (m_group->congestedCount() > 0 || m_group->router().isBackedUp()))
            gate = ReadGate::Congested; // it feeds every other client, here or beyond (not yet, if not admitted)
    }
    if (gate != ReadGate::Open) {
        m_paused.append(session);
        if (!m_housekeepingTimer->isActive())
            m_housekeepingTimer->start();
    }
    return gate;
}

void FlowControl::congestionChanged(ClientSession *session, bool congested)
{
    if (!congested) {
        forget(session);
        return;
    }
    if (!m_congested.contains(session)) {
        m_congested.insert(session);
        m_group->addCongested(1);
    }
    if (!m_housekeepingTimer->isActive())
        m_housekeepingTimer->start();
}

void FlowControl::drained()
{
    // Congestion ends in congestionChanged(); the global budget here.
    if (m_budgetPaused && m_group->budget().allowsResume())
        scheduleResume();
}

void FlowControl::scheduleResume()
{
    if (m_resumeScheduled || m_paused.isEmpty())
        return;
    m_resumeScheduled = true;
    // Not from inside another session's write path: on the next pass.
    QMetaObject::invokeMethod(this, &FlowControl::resumePaused, Qt::QueuedConnection);
}

void FlowControl::resumePaused()
{
    m_resumeScheduled = false;
    const QList<QPointer<ClientSession>> paused = std::exchange(m_paused, {});
    for (const QPointer<ClientSession> &s : paused) {
        if (s)
            s->resumeReading(); // may pause again
    }
}

void FlowControl::housekeeping()
{
    // Slow consumers: above the high-water mark for too long.
    const QList<ClientSession *> congested = m_congested.values();
    for (ClientSession *s : congested) {
        const qint64 ms = s->congestedForMs();
        if (ms >= m_options->slowConsumerTimeoutMs) {
            s->evict(QStringLiteral("slow consumer: %1 bytes queued for %2 s")
                         .arg(QString::number(s->pendingBytes()), Protocol::secondsText(ms)));
        }
    }
    // A safety net for paused connections whose gate has opened.
    if (!m_paused.isEmpty())
        scheduleResume();
    if (m_congested.isEmpty() && m_paused.isEmpty())
        m_housekeepingTimer->stop();
}

void FlowControl::forget(ClientSession *session)
{
    if (!m_congested.remove(session))
        return;
    if (m_group->addCongested(-1) > 0)
        return;
    // No client is congested anywhere: every thread resumes its readers.
    scheduleResume();
    m_group->forEachOther(static_cast<ServerCore *>(parent()), [](ServerCore *core) {
        CrossThread::post(core, [core] { core->scheduleResume(); });
    });
}
