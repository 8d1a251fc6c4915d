// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// One connection's clocks (docs/protocol.md, "Timeouts"): since when its
// handshake, its partial message and its silence have lasted, and when it
// was last pinged. check() says which limit ran out first, if any; the
// session decides what that means (a close with a reason, or a ping). A
// value, not a timer: the engine sweeps its sessions periodically.
#pragma once

#include <QtGlobal>

class SessionTimeouts
{
public:
    // 0 turns a limit off.
    struct Limits
    {
        int handshakeMs = 0;
        int messageMs = 0;
        int pingIntervalMs = 0;
        int framesIdleMs = 0;
        int lineIdleMs = 0;
    };
    // Where the connection is, as far as its clocks care.
    struct Facts
    {
        bool tlsHandshaking = false; // a TLS handshake has not ended
        bool httpPending = false;    // an HTTP request head has not ended
        bool framingKnown = false;
        bool magicPending = false;   // framing unknown, with part of the magic held
        bool frames = false;
        bool helloReceived = false;
        bool passwordPending = false;
    };
    enum class Expired {
        None,
        TlsHandshake,
        HttpRequest,     // an HTTP request head, unfinished
        FramesHandshake, // a proper prefix of the magic, and no more
        Hello,
        Password,
        Message,
        Idle,
        PingDue, // not a failure: a silent frames client is pinged
    };

    SessionTimeouts(const Limits &limits, qint64 now);

    // A handshake (TCP's, then TLS's inside it) starts its clock again.
    void handshakeStarted(qint64 now) { m_handshakeSince = m_lastInput = now; }
    void inputArrived(qint64 now) { m_lastInput = now; }
    // After a decode: whether part of a message is held now, and whether a
    // whole one ended in this read (its clock then restarts at this read).
    void messageProgress(bool partialHeld, bool messageEnded);
    // The host did not read it: its silence is not its fault. Paused by
    // flow control (congested), nor is an unfinished handshake or message.
    void pausedByHost(qint64 now, bool congested);

    // The first limit that ran out; PingDue also counts the ping as sent.
    Expired check(qint64 now, const Facts &facts);
    // The limit behind an expiry, for its reason.
    int limitMs(Expired expired, bool frames) const;

private:
    Limits m_limits;
    qint64 m_handshakeSince;
    qint64 m_lastInput;
    qint64 m_messageSince = 0; // 0: no partial message held
    qint64 m_lastPing;
};
