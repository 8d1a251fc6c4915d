// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Flow control for one network thread's ServerCore (docs/protocol.md,
// section 7.1): which sessions may be read now, the congested clients of
// this thread, the sessions paused until a gate opens, and the eviction of
// slow consumers. Congestion is counted group-wide (a relay feeds every
// client on every thread); when the last congested client anywhere drains,
// every thread resumes its readers.
#pragma once

#include "sessionhost.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

class ClientSession;
class QTimer;
class ServerGroup;
struct ServerOptions;

class FlowControl : public QObject
{
    Q_OBJECT

public:
    // How often congested clients are checked against the slow-consumer
    // timeout, and paused connections retried, while there are any.
    static constexpr int kHousekeepingIntervalMs = 100;

    FlowControl(const ServerOptions *options, ServerGroup *group, QObject *parent = nullptr);

    // SessionHost::mayRead(): when not Open, the session is remembered and
    // resumed later.
    SessionHost::ReadGate mayRead(ClientSession *session);
    void congestionChanged(ClientSession *session, bool congested);
    // A session wrote what the kernel would take.
    void drained();
    // The session ended: no longer congested.
    void forget(ClientSession *session);
    // Resumes paused connections on the next pass, if flow control allows.
    void scheduleResume();
    int pausedCount() const { return int(m_paused.size()); }

private:
    void resumePaused();
    void housekeeping();

    const ServerOptions *m_options;
    ServerGroup *m_group;
    QSet<ClientSession *> m_congested;
    QList<QPointer<ClientSession>> m_paused;
    bool m_resumeScheduled = false;
    bool m_budgetPaused = false;
    QTimer *m_housekeepingTimer;
};
