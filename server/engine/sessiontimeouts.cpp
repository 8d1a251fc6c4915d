// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
#include "sessiontimeouts.h"

SessionTimeouts::SessionTimeouts(const Limits &limits, qint64 now)
    : m_limits(limits)
    , m_handshakeSince(now)
    , m_lastInput(now)
    , m_lastPing(now)
{
}

void SessionTimeouts::messageProgress(bool partialHeld, bool messageEnded)
{
    // The message timeout runs from the first byte of the message now held:
    // from this read if a message ended in it.
    if (!partialHeld)
        m_messageSince = 0;
    else if (messageEnded || m_messageSince == 0)
        m_messageSince = m_lastInput;
}

void SessionTimeouts::pausedByHost(qint64 now, bool congested)
{
    m_lastInput = now;
    if (congested) {
        m_handshakeSince = now;
        if (m_messageSince != 0)
            m_messageSince = now;
    }
}

SessionTimeouts::Expired SessionTimeouts::check(qint64 now, const Facts &facts)
{
    const auto over = [now](qint64 since, int limit) { return limit > 0 && now - since >= limit; };
    const int handshake = m_limits.handshakeMs;
    if (facts.tlsHandshaking)
        return over(m_handshakeSince, handshake) ? Expired::TlsHandshake : Expired::None;
    if (facts.httpPending)
        return over(m_handshakeSince, handshake) ? Expired::HttpRequest : Expired::None;
    if (!facts.framingKnown) {
        // Undecided: silence is a line client (the grace timer decides); a
        // proper prefix of the magic waits, up to the handshake timeout.
        return facts.magicPending && over(m_handshakeSince, handshake) ? Expired::FramesHandshake : Expired::None;
    }
    if (facts.frames && !facts.helloReceived && over(m_handshakeSince, handshake))
        return Expired::Hello;
    if (facts.passwordPending && over(m_handshakeSince, handshake))
        return Expired::Password;
    if (m_messageSince != 0 && over(m_messageSince, m_limits.messageMs))
        return Expired::Message;
    if (over(m_lastInput, facts.frames ? m_limits.framesIdleMs : m_limits.lineIdleMs))
        return Expired::Idle;
    if (facts.frames && facts.helloReceived && over(qMax(m_lastInput, m_lastPing), m_limits.pingIntervalMs)) {
        m_lastPing = now;
        return Expired::PingDue;
    }
    return Expired::None;
}

int SessionTimeouts::limitMs(Expired expired, bool frames) const
{
    switch (expired) {
    case Expired::TlsHandshake:
    case Expired::HttpRequest:
    case Expired::FramesHandshake:
    case Expired::Hello:
    case Expired::Password:
        return m_limits.handshakeMs;
    case Expired::Message:
        return m_limits.messageMs;
    case Expired::Idle:
        return frames ? m_limits.framesIdleMs : m_limits.lineIdleMs;
    case Expired::PingDue:
        return m_limits.pingIntervalMs;
    case Expired::None:
        break;
    }
    return 0;
}
