// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// At most --max-handshakes TLS handshakes at once on a network thread; a
// connection past that waits, unread, for one of them to end, in the order
// they came.
//
// Why: a handshake allocates some 50 KiB that it frees when it ends, and
// what a connection keeps for its life is allocated during and right after
// it. With 10,000 handshakes at once those lasting blocks were scattered
// among 500 MB of handshake buffers, and each kept its page of the heap from
// going back to the system after the burst: 17-19 KB of memory per idle TLS
// client, of which 7 KB was in use (docs/benchmarks.md, S5 TLS). With a few
// dozen at once the buffers reuse the same few megabytes. Handshakes are
// bound by the CPU, so running more at once does not finish them sooner.
#pragma once

#include <QObject>
#include <QPointer>

#include <deque>

class ClientSession;

class HandshakeGate : public QObject
{
    Q_OBJECT

public:
    // limit 0: no limit.
    explicit HandshakeGate(int limit, QObject *parent = nullptr);

    // Whether session may start its handshake now; if not, it is queued,
    // and resumed (ClientSession::resumeReading()) when its turn comes.
    bool tryEnter(ClientSession *session);
    // A handshake tryEnter() let start has ended, or its session has gone.
    void leave();

    int running() const { return m_running; }
    // Sessions that still wait (the queue also holds ones that went away
    // or began closing meanwhile, until their turn passes them by).
    int waiting() const;

private:
    // Resumes waiting sessions while there is room, the oldest first.
    void admitWaiting();

    int m_limit;
    int m_running = 0;
    std::deque<QPointer<ClientSession>> m_waiting;
    // The session admitWaiting() is resuming: it enters ahead of the queue.
    ClientSession *m_admitting = nullptr;
    bool m_admitScheduled = false;
};
