// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// What a ClientSession needs from whoever owns it (the ServerCore): the one
// seam between a connection and routing. A session calls these directly, on
// its own thread, once per read pass or state change, never per byte.
#pragma once

#include "message.h"

#include <QList>
#include <QString>

class BufferBudget;
class ClientSession;

class SessionHost
{
public:
    // Whether a session may be read now, and if not, why.
    enum class ReadGate {
        Open,
        // A client it feeds (or it itself) is congested: flow control.
        Congested,
        // The global buffer budget is spent.
        OverBudget,
        // Its TLS handshake waits for one of the thread's to end
        // (HandshakeGate; the session is resumed by the gate, not the host).
        Handshakes,
    };

    virtual ~SessionHost() = default;

    // Whether the session may be read now (flow control). When not, the
    // host remembers it and calls ClientSession::resumeReading() later.
    virtual ReadGate mayRead(ClientSession *session) = 0;
    // The framing is now known and the greeting queued.
    virtual void framingKnown(ClientSession *session) = 0;
    // A client that must give a password gave this one (null: none): true
    // if it is right; false refuses it, with *refusal the notice it hears
    // (the session then closes).
    virtual bool checkPassword(ClientSession *session, const QByteArray &password, QString *refusal) = 0;
    // A connection that was not a client yet (TLS or the password pending)
    // now is one (ClientSession::isAdmitted()).
    virtual void admitted(ClientSession *session) = 0;
    // Every message one read decoded, in order (all types).
    virtual void messagesReceived(ClientSession *session, const QList<Message> &messages) = 0;
    // The session's queue passed the high-water mark (true) or drained below
    // the low-water mark (false).
    virtual void congestionChanged(ClientSession *session, bool congested) = 0;
    // The session wrote what the kernel would take (its queue shrank, or
    // emptied).
    virtual void drained(ClientSession *session) = 0;
    // The session ended, once, with a reason a person can read. It may go on
    // flushing what it owes the peer; the host forgets it now.
    virtual void finished(ClientSession *session, const QString &reason) = 0;
    virtual BufferBudget *budget() = 0;
};
