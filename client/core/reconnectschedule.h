// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// When socket-client tries again after a failure or a drop it did not ask
// for. The delays are 1, 2, 4, then 5 units of the base delay (the base is
// Protocol::kReconnectInitialDelayMs, 1 s, so the cap is
// kReconnectMaxDelayMs), each shortened by a random part of up to a fifth
// (kJitterDivisor), so that the clients of a restarted server do not all
// come back in step. The schedule starts over after every connection the
// server accepted: one that was not ended by a disconnect notice before the
// server's welcome (a wrong password, a ban: those keep their place). After
// the server's "server stopped listening" notice (a restart, most likely)
// the next attempt comes within kRestartDivisor-th of the base. Tests
// shrink the base to scale the whole schedule; the countdown counts in
// base-delay units, rounded up.
//
// Plain bookkeeping: the connection owns the timer and asks this for the
// delays.
#pragma once

#include "protocol.h"

#include <QString>

class ReconnectSchedule
{
public:
    static constexpr int kJitterDivisor = 5;  // up to a fifth off each delay
    static constexpr int kRestartDivisor = 5; // a fifth of the base after a restart

    int baseDelay() const { return m_baseMs; }
    void setBaseDelay(int ms) { m_baseMs = qMax(1, ms); }

    // Attempts scheduled since the last successful connection.
    int attempt() const { return m_attempt; }
    // Base-delay units left before the scheduled attempt.
    int countdown() const { return m_countdown; }
    // The delay of the attempt scheduled last, jitter included.
    int delayMs() const { return m_delayMs; }

    // From the start: a new connection asked for, the user gave up, or
    // reconnecting was switched off.
    void reset();
    // A connection is up: the schedule starts over (unless ended() puts
    // it back).
    void established();
    // An established connection ended; closeReason is the server's
    // disconnect notice (empty: none), welcomed whether it had welcomed
    // this client.
    void ended(const QString &closeReason, bool welcomed);
    // A new attempt starts: a restart noticed earlier no longer counts.
    void attemptStarted() { m_serverRestarting = false; }

    // Schedules the next attempt: the first timer interval (the part of a
    // unit the countdown does not show).
    int scheduleNext();
    // A timer tick: true when the countdown is over (attempt now); else
    // the next interval is baseDelay().
    bool tick() { return --m_countdown <= 0; }

private:
    int m_baseMs = Protocol::kReconnectInitialDelayMs;
    int m_attempt = 0;
    // m_attempt when the current connection was established.
    int m_attemptsBeforeConnect = 0;
    int m_countdown = 0;
    // The server said it stopped listening: the next attempt comes soon.
    bool m_serverRestarting = false;
    int m_delayMs = 0;
    // Attempts that do not count towards the exponent (the quick ones).
    int m_quickAttempts = 0;
};
