// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "reconnectschedule.h"

#include <QRandomGenerator>

#include <utility>

void ReconnectSchedule::reset()
{
    m_attempt = 0;
    m_quickAttempts = 0;
}

void ReconnectSchedule::established()
{
    m_attemptsBeforeConnect = m_attempt;
    m_attempt = 0;
}

void ReconnectSchedule::ended(const QString &closeReason, bool welcomed)
{
    // A server that refuses each connection with a notice before its
    // welcome (a wrong password, a ban, a lockout) does not get a new
    // attempt every second: such a connection does not reset the backoff.
    // Every other one does (established() did), and one the server ended
    // because it stopped listening is tried again soon.
    m_serverRestarting = closeReason == QLatin1String(Protocol::kServerStoppedReason);
    if (!closeReason.isEmpty() && !welcomed && !m_serverRestarting)
        m_attempt = m_attemptsBeforeConnect;
    else
        m_quickAttempts = 0;
}

int ReconnectSchedule::scheduleNext()
{
    int delayMs = 0;
    if (std::exchange(m_serverRestarting, false)) {
        // Back soon, most likely: a fraction of the base, not the schedule.
        ++m_quickAttempts;
        delayMs = qMax(1, m_baseMs / kRestartDivisor);
    } else {
        // 1, 2, 4 ... units, capped at kReconnectMaxDelayMs at the default base.
        constexpr int maxUnits = Protocol::kReconnectMaxDelayMs / Protocol::kReconnectInitialDelayMs;
        const int exponent = qMax(0, m_attempt - m_quickAttempts);
        int units = 1;
        for (int i = 0; i < exponent && units < maxUnits; ++i)
            units *= 2;
        delayMs = qMin(units, maxUnits) * m_baseMs;
    }
    // Jitter: up to a fifth off, never more than the cap.
    if (const int spread = delayMs / kJitterDivisor; spread > 0)
        delayMs -= int(QRandomGenerator::global()->bounded(spread));
    ++m_attempt;
    m_delayMs = delayMs;
    // Whole base units are counted down; the part of one comes first.
    m_countdown = (delayMs + m_baseMs - 1) / m_baseMs;
    return delayMs - (m_countdown - 1) * m_baseMs;
}
